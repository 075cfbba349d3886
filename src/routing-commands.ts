import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Config } from './config/index.js';
import { contactCentreRoute } from './domain/catalog/schema.js';
import { crossValidate, evaluate, formatEvaluation } from './domain/routing/evaluation.js';
import { Router, trainingTexts } from './domain/routing/router.js';
import { loadCatalogFile } from './storage/catalog-file.js';
import { readLabelledFile } from './storage/labelled-file.js';

/** `lotsen classify`: one message per line on stdin, one `{"route","confidence"}` per line on stdout. */
export async function classify(config: Config, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const router = Router.fromCatalog(loadCatalogFile(config.CATALOG_PATH));
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const { route, confidence } = router.route(line);
    output.write(`${JSON.stringify({ route, confidence: Number(confidence.toFixed(4)) })}\n`);
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
  const labelled = readLabelledFile(file);
  const started = performance.now();
  const router = Router.fromCatalog(catalog);
  const trainingMs = performance.now() - started;
  for (const sample of labelled) router.route(sample.text); // warm up, as a running service is
  const timed = performance.now();
  const rounds = 5;
  for (let round = 0; round < rounds; round += 1) for (const sample of labelled) router.route(sample.text);
  const perMessageMs = (performance.now() - timed) / (rounds * labelled.length);

  output.write(formatEvaluation(`${file}: router trained on the catalog only (every message unseen)`, evaluate(router, labelled)));
  output.write('\n');
  output.write(formatEvaluation(`${folds}-fold cross-validation: catalog + the other folds of ${file}`, crossValidate(trainingTexts(catalog), labelled, folds, contactCentreRoute(catalog))));
  output.write(`\ntraining at start ${trainingMs.toFixed(0)} ms (${trainingTexts(catalog).length} texts); routing ${perMessageMs.toFixed(3)} ms per message\n`);
}
