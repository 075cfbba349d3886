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

export const DEFAULT_MESSAGES = path.resolve(ROOT, '..', 'shared', 'eval', 'routing-dev-2.jsonl');

/** The texts of a JSONL file of `{ "text", "route" }` lines; a few built-in ones when it is missing. */
function messagesFrom(file) {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line).text);
  } catch {
    return [
      'Hur söker jag föreningsbidrag?',
      'Vad gör anhörigkonsulenten?',
      'Jag vill bli volontär',
      'Kan vår förening söka verksamhetsstöd?',
      'min pappa andas inte',
    ];
  }
}

export function measureClassifier({ file = DEFAULT_MESSAGES, minMs = 2_000, minMessages = 5_000 } = {}) {
  const { Router } = require(path.join(ROOT, 'dist', 'src', 'domain', 'routing', 'router.js'));
  const { loadCatalogFile } = require(path.join(ROOT, 'dist', 'src', 'storage', 'catalog-file.js'));
  const { loadLanguageFiles } = require(path.join(ROOT, 'dist', 'src', 'storage', 'language-files.js'));
  const { loadRouter } = require(path.join(ROOT, 'dist', 'src', 'storage', 'router-model-file.js'));
  const messages = messagesFrom(file);

  const filesStarted = performance.now();
  const catalog = loadCatalogFile();
  const languages = loadLanguageFiles();
  const filesMs = performance.now() - filesStarted;
  const loadStarted = performance.now();
  const { router, trained } = loadRouter(catalog, languages);
  const loadMs = performance.now() - loadStarted;
  if (trained) throw new Error('dist/router-model.bin does not match the catalog: run npm run build first');
  const trainingStarted = performance.now();
  Router.fromCatalog(catalog, languages);
  const trainingMs = performance.now() - trainingStarted;

  // One untimed round so the JIT has compiled the hot paths before the clock runs.
  for (const text of messages) router.route(text);
  const times = [];
  let sink = 0;
  const started = performance.now();
  while (performance.now() - started < minMs || times.length < minMessages) {
    for (const text of messages) {
      const one = performance.now();
      sink += router.route(text).confidence;
      times.push(performance.now() - one);
    }
  }
  const elapsed = performance.now() - started;
  // Using the results keeps the calls from being optimised away.
  if (!Number.isFinite(sink)) throw new Error('the router returned a confidence that is not a number');
  times.sort((a, b) => a - b);
  const routed = times.length;
  return {
    perMessageMs: round(elapsed / routed, 4),
    p99Ms: round(times[Math.floor(routed * 0.99)], 4),
    messagesPerSecond: round(routed / (elapsed / 1000), 0),
    catalogAndLanguagesLoadMs: round(filesMs, 0),
    modelLoadMs: round(loadMs, 0),
    trainingMs: round(trainingMs, 0),
    distinctMessages: messages.length,
    routed,
    source: path.relative(ROOT, file),
  };
}
