import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { projectPath } from '../project-files.js';
import { CatalogSchema, type Catalog } from '../domain/catalog/schema.js';

/** The catalog bundled with Lotsen: Ekerö kommun's. `CATALOG_PATH` points to another. */
export const BUNDLED_CATALOG = projectPath(path.join('catalog', 'ekero.yaml'));

export class CatalogError extends Error {
  readonly code = 'CATALOG.INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'CatalogError';
  }
}

/** Reads and validates a catalog file; a mistake is reported with its file, line and field. */
export function loadCatalogFile(file: string = BUNDLED_CATALOG): Catalog {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CatalogError(`Catalog ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    throw new CatalogError(`Catalog ${file} line ${line}: ${syntaxError.message.split('\n')[0]}`);
  }
  const parsed = CatalogSchema.safeParse(document.toJS());
  if (parsed.success) return parsed.data;

  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.') || '(top level)';
  const node = nearestNode(document, issue.path);
  const where = node?.range ? ` line ${lineCounter.linePos(node.range[0]).line}` : '';
  throw new CatalogError(`Catalog ${file}${where}: ${field}: ${issue.message}`);
}

/** The node at `at`, or the closest existing parent (a missing key is reported at its parent). */
function nearestNode(document: ReturnType<typeof parseDocument>, at: readonly PropertyKey[]) {
  for (let length = at.length; length >= 0; length -= 1) {
    const node: unknown = document.getIn(at.slice(0, length) as (string | number)[], true);
    if (isNode(node)) return node;
  }
  return undefined;
}
