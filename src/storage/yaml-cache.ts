import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { builtFile } from '../config/installation-files.js';

/**
 * The YAML files shipped with Lotsen (the catalog, its examples and translations, the language
 * files), parsed at build and kept by the SHA-256 of their text in `dist/yaml-cache.json`.
 * Parsing them took about 0.6 s of every start. A file whose text is not in the cache (edited
 * after the build, or another municipality's catalog) is parsed as YAML, as always.
 */
export type YamlCache = ReadonlyMap<string, unknown>;

/** The cache the build makes. */
export const bundledYamlCacheFile = (): string => builtFile('yaml-cache.json');

/** The key of a file's text in the cache. */
export const yamlCacheKey = (source: string): string => createHash('sha256').update(source).digest('hex');

/** A cache file as a map; an empty one when it is missing or unreadable (every file is then parsed). */
export function readYamlCache(file: string): YamlCache {
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>));
  } catch {
    return new Map();
  }
}

/** Writes the parsed value of each text (the build's step). */
export function writeYamlCache(file: string, parsed: readonly { readonly source: string; readonly value: unknown }[]): void {
  writeFileSync(file, JSON.stringify(Object.fromEntries(parsed.map(({ source, value }) => [yamlCacheKey(source), value]))));
}

/** Held weakly: it is needed while the files are read at start, and a few MB after that. */
let bundled: WeakRef<YamlCache> | undefined;

/** The bundled cache, read once at start (again only if it was collected since). */
export function bundledYamlCache(): YamlCache {
  let cache = bundled?.deref();
  if (!cache) bundled = new WeakRef((cache = readYamlCache(bundledYamlCacheFile())));
  return cache;
}
