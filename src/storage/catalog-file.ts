import path from 'node:path';
import { projectPath } from '../project-files.js';
import { CatalogSchema, type Catalog } from '../domain/catalog/schema.js';
import { readYamlFile, YamlFileError } from './yaml-file.js';

/** The catalog bundled with Lotsen: Ekerö kommun's. `CATALOG_PATH` points to another. */
export const BUNDLED_CATALOG = projectPath(path.join('catalog', 'ekero.yaml'));

export class CatalogError extends YamlFileError {
  constructor(message: string) {
    super('CATALOG.INVALID', message);
    this.name = 'CatalogError';
  }
}

/** Reads and validates a catalog file; a mistake is reported with its file, line and field. */
export function loadCatalogFile(file: string = BUNDLED_CATALOG): Catalog {
  return readYamlFile(file, CatalogSchema, 'Catalog', (message) => new CatalogError(message));
}
