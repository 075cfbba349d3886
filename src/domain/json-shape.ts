import { z } from 'zod';

/** Deeper than any real activity nests; deeper input only exists to break parsers and formatters. */
export const MAX_JSON_DEPTH = 64;

// A NUL or a lone surrogate cannot be stored in PostgreSQL text or jsonb.
// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string a database can store: for values that arrive encoded inside other values, out of jsonProblem's sight. */
export const storableString = z.string().refine((text) => !UNSTORABLE.test(text), 'contains a character that cannot be stored (NUL or a lone surrogate)');

/**
 * What makes a parsed JSON body unusable, named by its path (dotted, as zod names fields): nesting deeper than
 * MAX_JSON_DEPTH, or a string (or key) that a database cannot store. Undefined when fine.
 */
export function jsonProblem(value: unknown, path = '', depth = 0): string | undefined {
  const where = depth === 0 ? 'body' : path;
  if (typeof value === 'string') return UNSTORABLE.test(value) ? `${where}: contains a character that cannot be stored (NUL or a lone surrogate)` : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_JSON_DEPTH) return `${where}: nested deeper than ${MAX_JSON_DEPTH} levels`;
  for (const [key, inner] of Object.entries(value)) {
    if (UNSTORABLE.test(key)) return `${where}: has a key that cannot be stored`;
    const problem = jsonProblem(inner, depth === 0 ? key : `${path}.${key}`, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}
