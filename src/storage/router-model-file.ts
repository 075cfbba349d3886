import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { builtFile } from '../config/installation-files.js';
import { contactCentreRoute, type Catalog } from '../domain/catalog/schema.js';
import type { LanguagePack } from '../domain/routing/language-pack.js';
import { ROUTER_MODEL_FORMAT, Router, trainingTexts, type RouterModel, type RouterOptions } from '../domain/routing/router.js';

/**
 * The router trained on the bundled catalog and languages, made by `npm run build`
 * (scripts/router-model.mjs) beside the compiled code. Training takes seconds; loading it takes
 * a fraction of that, so a start (and every test that starts Lotsen) does not train.
 */
export const bundledRouterModel = (): string => builtFile('router-model.bin');

const MAGIC = Buffer.from('LOTSEN ROUTER MODEL\n');

/** What a model was trained from: the same catalog, languages, training options and model format give the same fingerprint. */
export function routerFingerprint(catalog: Catalog, languages: readonly LanguagePack[], options: RouterOptions = {}): string {
  const { epochs, learningRate, l2, seed, minCount } = options;
  const inputs = {
    format: ROUTER_MODEL_FORMAT,
    fallback: contactCentreRoute(catalog),
    samples: trainingTexts(catalog),
    languages: languages.map(({ code, concepts }) => ({ code, concepts })),
    training: { epochs, learningRate, l2, seed, minCount },
  };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

/** Writes a model: the magic line, the header's length, the header (JSON), then the weights. Swapped in whole. */
export function writeRouterModel(file: string, model: RouterModel, fingerprint: string): void {
  const { classifier, ...rest } = model;
  const header = Buffer.from(JSON.stringify({ ...rest, fingerprint, columns: classifier.columns, bias: classifier.bias, weights: classifier.weights.length }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const weights = Buffer.from(classifier.weights.buffer, classifier.weights.byteOffset, classifier.weights.byteLength);
  const building = `${file}.building`;
  writeFileSync(building, Buffer.concat([MAGIC, length, header, weights]));
  renameSync(building, file);
}

/** A stored model and what it was trained from, or undefined when there is none (or it is not a model file). */
export function readRouterModel(file: string): { model: RouterModel; fingerprint: string } | undefined {
  if (!existsSync(file)) return undefined;
  const bytes = readFileSync(file);
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  const headerStart = MAGIC.length + 4;
  const {
    fingerprint,
    columns,
    bias,
    weights: count,
    ...rest
  } = JSON.parse(bytes.subarray(headerStart, headerStart + headerLength).toString('utf8')) as Omit<RouterModel, 'classifier'> & {
    fingerprint: string;
    columns: string[];
    bias: number[];
    weights: number;
  };
  // Copied out: a Float32Array needs its own aligned buffer.
  const weightBytes = bytes.subarray(headerStart + headerLength, headerStart + headerLength + count * 4);
  const weights = new Float32Array(Uint8Array.from(weightBytes).buffer);
  return { model: { ...rest, classifier: { columns, bias, weights } }, fingerprint };
}

/**
 * The router for a catalog: the stored model when it was trained from exactly this catalog,
 * these languages and options, else one trained now (a catalog changed by staff, another
 * municipality's). `trained` says which, so the start can log it.
 */
export function loadRouter(
  catalog: Catalog,
  languages: readonly LanguagePack[],
  options: RouterOptions = {},
  file: string = bundledRouterModel(),
): { router: Router; trained: boolean } {
  const stored = readRouterModel(file);
  if (stored && stored.model.format === ROUTER_MODEL_FORMAT && stored.fingerprint === routerFingerprint(catalog, languages, options)) {
    return { router: Router.fromModel(stored.model, languages, options), trained: false };
  }
  return { router: Router.fromCatalog(catalog, languages, options), trained: true };
}
