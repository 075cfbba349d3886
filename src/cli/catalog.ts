import type { Config } from '../config/index.js';
import { translationReport } from '../domain/catalog/translations.js';
import { readCatalog } from '../storage/catalog-file.js';

/**
 * `lotsen catalog report [language]`: per language, how many of the catalog's texts it has, how
 * many a person who speaks it has approved, and how many are machine-made or missing (shown in
 * the fallback language); with a language, the paths still to review and still missing, so the
 * municipality can have them checked.
 */
export async function catalogReport(config: Config, args: string[], output: NodeJS.WritableStream): Promise<void> {
  const { catalog, translations } = readCatalog(config.CATALOG_PATH);
  const report = translationReport(catalog, translations);
  const wanted = args[0];
  if (wanted && !report.some((status) => status.language === wanted))
    throw new Error(`The catalog has no language "${wanted}" (it has ${report.map((status) => status.language).join(', ')})`);
  const rows = [
    ['language', 'texts', 'reviewed', 'machine', 'missing'],
    ...report.map((status) => [
      `${status.language} (${catalog.languages[status.language]!.name})`,
      String(status.total),
      String(status.reviewed),
      String(status.machine.length),
      String(status.missing.length),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows)
    output.write(`${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')}\n`);
  for (const status of report.filter((candidate) => candidate.language === wanted)) {
    output.write(`\nMachine-made, waiting for review by a person who speaks ${status.language} (${status.machine.length}):\n`);
    for (const path of status.machine) output.write(`  ${path}\n`);
    output.write(`\nMissing, shown in the fallback language (${status.missing.length}):\n`);
    for (const path of status.missing) output.write(`  ${path}\n`);
  }
}
