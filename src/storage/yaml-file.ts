import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { LotsenError } from '../domain/errors.js';
import { bundledYamlCache, yamlCacheKey, type YamlCache } from './yaml-cache.js';

/** A configuration file that cannot be used, phrased as one line naming file, line and field. */
export class YamlFileError extends LotsenError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A YAML text as a document (the build's cache and `readYamlFile` parse alike). */
export const parseYaml = (source: string, lineCounter?: LineCounter) => parseDocument(source, { ...(lineCounter ? { lineCounter } : {}), prettyErrors: false });

/**
 * Reads a YAML file and validates it with `schema`; a mistake is reported with its file, line
 * and field, so whoever edits the file can find it. `label` names the kind of file ("Catalog");
 * `problem` makes the error thrown. A text the build parsed already is taken from `cache`.
 */
export function readYamlFile<S extends z.ZodType>(
  file: string,
  schema: S,
  label: string,
  problem: (message: string) => Error,
  cache: YamlCache = bundledYamlCache(),
): z.output<S> {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw problem(`${label} ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const key = yamlCacheKey(source);
  if (cache.has(key)) {
    const cached = schema.safeParse(cache.get(key));
    // A value the schema no longer takes is read again below, for an error with its line.
    if (cached.success) return cached.data;
  }
  const lineCounter = new LineCounter();
  const document = parseYaml(source, lineCounter);
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    throw problem(`${label} ${file} line ${line}: ${syntaxError.message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(document.toJS());
  if (parsed.success) return parsed.data;

  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.') || '(top level)';
  const node = nearestNode(document, issue.path);
  const where = node?.range ? ` line ${lineCounter.linePos(node.range[0]).line}` : '';
  throw problem(`${label} ${file}${where}: ${field}: ${issue.message}`);
}

/** The node at `at`, or the closest existing parent (a missing key is reported at its parent). */
function nearestNode(document: ReturnType<typeof parseDocument>, at: readonly PropertyKey[]) {
  for (let length = at.length; length >= 0; length -= 1) {
    const node: unknown = document.getIn(at.slice(0, length) as (string | number)[], true);
    if (isNode(node)) return node;
  }
  return undefined;
}
