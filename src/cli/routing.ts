import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Config } from '../config/index.js';
import { contactCentreRoute } from '../domain/catalog/schema.js';
import { crossValidate, evaluate, formatEvaluation } from '../domain/routing/evaluation.js';
import { evaluateLanguageSteps, formatLanguageSteps } from '../domain/routing/language-evaluation.js';
import { Router, trainingTexts } from '../domain/routing/router.js';
import { loadCatalogFile } from '../storage/catalog-file.js';
import { readLabelledFile } from '../storage/labelled-file.js';
import { loadLanguageFiles } from '../storage/language-files.js';
import { loadRouter } from '../storage/router-model-file.js';

/** How many other routes `classify` names after the chosen one. */
const ALTERNATIVES = 3;
const rounded = (confidence: number) => Number(confidence.toFixed(4));

/**
 * `lotsen classify`: one message per line on stdin, one `{"route","confidence","alternatives"}`
 * per line on stdout; the alternatives are the next likeliest routes (none after an emergency).
 */
export async function classify(config: Config, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const { router } = loadRouter(loadCatalogFile(config.CATALOG_PATH), loadLanguageFiles());
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const { route, confidence, ranking } = router.route(line);
    const alternatives = ranking
      .filter((score) => score.route !== route)
      .slice(0, ALTERNATIVES)
      .map((score) => ({ route: score.route, confidence: rounded(score.confidence) }));
    output.write(`${JSON.stringify({ route, confidence: rounded(confidence), alternatives })}\n`);
  }
}

export const DEFAULT_EVAL_FILE = path.join('..', 'shared', 'eval', 'routing-dev.jsonl');

/**
 * `npm run eval:routing -- [file.jsonl] [--folds N]`: how the catalog-trained router does on a
 * labelled file it never saw, then k-fold cross-validation with the file's other folds added to
 * the training, plus start-up and per-message time.
 */
export async function evalRouting(config: Config, args: string[], output: NodeJS.WritableStream): Promise<void> {
  const foldsAt = args.indexOf('--folds');
  const folds = foldsAt >= 0 ? Number(args[foldsAt + 1]) : 5;
  const file = args.find((arg, index) => !arg.startsWith('--') && (foldsAt < 0 || index !== foldsAt + 1)) ?? DEFAULT_EVAL_FILE;
  if (!existsSync(file)) throw new Error(`No labelled file at ${file}. Usage: npm run eval:routing -- [file.jsonl] [--folds N]`);
  if (!Number.isInteger(folds) || folds < 2) throw new Error('--folds must be a whole number of at least 2');

  const catalog = loadCatalogFile(config.CATALOG_PATH);
  const languages = loadLanguageFiles();
  const labelled = readLabelledFile(file);
  const started = performance.now();
  const router = Router.fromCatalog(catalog, languages);
  const trainingMs = performance.now() - started;
  for (const sample of labelled) router.route(sample.text); // warm up, as a running service is
  const times: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    for (const sample of labelled) {
      const routed = performance.now();
      router.route(sample.text);
      times.push(performance.now() - routed);
    }
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((sum, time) => sum + time, 0) / times.length;
  const p99 = times[Math.min(times.length - 1, Math.floor(times.length * 0.99))]!;

  output.write(formatEvaluation(`${file}: router trained on the catalog only (every message unseen)`, evaluate(router, labelled)));
  output.write('\n');
  output.write(
    formatEvaluation(
      `${folds}-fold cross-validation: catalog + the other folds of ${file}`,
      crossValidate(trainingTexts(catalog), labelled, folds, contactCentreRoute(catalog), languages),
    ),
  );
  output.write(`\n${formatLanguageSteps(evaluateLanguageSteps(catalog, labelled))}`);
  output.write(
    `\ntraining at start ${trainingMs.toFixed(0)} ms (${trainingTexts(catalog).length} texts); routing ${mean.toFixed(3)} ms per message on average, p99 ${p99.toFixed(3)} ms\n`,
  );
}
