import { readdirSync } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../config/installation-files.js';
import { CatalogSchema, ExampleFileSchema, withExamples, type Catalog } from '../domain/catalog/schema.js';
import { TranslationFileSchema, withTranslations, type TranslationFile } from '../domain/catalog/translations.js';
import { readYamlFile, YamlFileError } from './yaml-file.js';

/** The catalog bundled with Lotsen: Ekerö kommun's. `CATALOG_PATH` points to another. */
export const BUNDLED_CATALOG = projectPath(path.join('catalog', 'ekero.yaml'));

export class CatalogError extends YamlFileError {
  constructor(message: string) {
    super('CATALOG.INVALID', message);
  }
}

/**
 * Reads and validates a catalog file, the example files of its `examplesFolder` and the
 * translation files of its `translationsFolder` (every `.yaml` in each); a mistake is reported
 * with its file, line and field.
 */
export function loadCatalogFile(file: string = BUNDLED_CATALOG): Catalog {
  const { catalog, translations } = readCatalog(file);
  const folder = catalog.examplesFolder && path.resolve(path.dirname(file), catalog.examplesFolder);
  const exampleFiles = folder
    ? yamlFilesIn(folder).map((example) => readYamlFile(example, ExampleFileSchema, 'Example file', (message) => new CatalogError(message)))
    : [];
  try {
    return withExamples(withTranslations(catalog, translations), exampleFiles);
  } catch (error) {
    throw new CatalogError(`Catalog ${file}: ${(error as Error).message}`);
  }
}

/** The catalog as written, and its translation files (for the review report: what is still machine-made). */
export function readCatalog(file: string = BUNDLED_CATALOG): { catalog: Catalog; translations: TranslationFile[] } {
  const catalog = readYamlFile(file, CatalogSchema, 'Catalog', (message) => new CatalogError(message));
  const folder = catalog.translationsFolder && path.resolve(path.dirname(file), catalog.translationsFolder);
  const translations = folder
    ? yamlFilesIn(folder).map((translation) => readYamlFile(translation, TranslationFileSchema, 'Translation file', (message) => new CatalogError(message)))
    : [];
  return { catalog, translations };
}

function yamlFilesIn(folder: string): string[] {
  try {
    return readdirSync(folder)
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .map((name) => path.join(folder, name));
  } catch (error) {
    throw new CatalogError(`Catalog folder ${folder} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
