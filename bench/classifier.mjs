// The router's own cost, in this process and without HTTP or a database: training from the catalog
// (what every start pays) and Router.route per message (triage, features, softmax) over the
// labelled development messages, repeated until the timing is long enough to be stable.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from './servers.mjs';
import { round } from './stats.mjs';

// The built service is CommonJS; require it the way dist/src/app.js does.
const require = createRequire(import.meta.url);

export const DEFAULT_MESSAGES = path.resolve(ROOT, '..', 'shared', 'eval', 'routing-dev.jsonl');

/** The texts of a JSONL file of `{ "text", "route" }` lines; a few built-in ones when it is missing. */
function messagesFrom(file) {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line).text);
  } catch {
    return ['Hur söker jag föreningsbidrag?', 'Vad gör anhörigkonsulenten?', 'Jag vill bli volontär', 'Kan vår förening söka verksamhetsstöd?', 'min pappa andas inte'];
  }
}

export function measureClassifier({ file = DEFAULT_MESSAGES, minMs = 2_000, minMessages = 5_000 } = {}) {
  const { Router } = require(path.join(ROOT, 'dist', 'src', 'domain', 'routing', 'router.js'));
  const { loadCatalogFile } = require(path.join(ROOT, 'dist', 'src', 'storage', 'catalog-file.js'));
  const { loadLanguageFiles } = require(path.join(ROOT, 'dist', 'src', 'storage', 'language-files.js'));
  const messages = messagesFrom(file);

  const catalog = loadCatalogFile();
  const languages = loadLanguageFiles();
  const trainingStarted = performance.now();
  const router = Router.fromCatalog(catalog, languages);
  const trainingMs = performance.now() - trainingStarted;

  // One untimed round so the JIT has compiled the hot paths before the clock runs.
  for (const text of messages) router.route(text);
  let routed = 0;
  let sink = 0;
  const started = performance.now();
  while (performance.now() - started < minMs || routed < minMessages) {
    for (const text of messages) sink += router.route(text).confidence;
    routed += messages.length;
  }
  const elapsed = performance.now() - started;
  // Using the results keeps the calls from being optimised away.
  if (!Number.isFinite(sink)) throw new Error('the router returned a confidence that is not a number');
  return {
    perMessageMs: round(elapsed / routed, 4),
    messagesPerSecond: round(routed / (elapsed / 1000), 0),
    trainingMs: round(trainingMs, 0),
    distinctMessages: messages.length,
    routed,
    source: path.relative(ROOT, file),
  };
}
