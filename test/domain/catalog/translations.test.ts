import path from 'node:path';
import { textIn } from '../../../src/domain/catalog/languages';
import { translationReport, withTranslations, type TranslationFile } from '../../../src/domain/catalog/translations';
import { loadCatalogFile, readCatalog } from '../../../src/storage/catalog-file';

const other = loadCatalogFile(path.join(__dirname, '..', '..', 'fixtures', 'other-municipality.yaml'));
const finnish = (changes: Partial<TranslationFile> = {}): TranslationFile => ({ language: 'fi', review: 'machine', texts: {}, phrases: {}, ...changes });
const route = (catalog: typeof other, id: string) => catalog.routes.find((candidate) => candidate.id === id)!;

describe('translation files', () => {
  it('add a language’s texts at their paths (list entries by id) and its phrases to the catalog’s', () => {
    const routeId = other.routes[0]!.id;
    const merged = withTranslations(other, [
      finnish({
        texts: { [`routes/${routeId}/answer`]: 'Vastaus suomeksi', 'texts/help': { text: 'Apua suomeksi', review: 'reviewed' } },
        phrases: { 'commands/help': ['apua'] },
      }),
    ]);
    expect(textIn(merged, route(merged, routeId).answer, 'fi')).toBe('Vastaus suomeksi');
    expect(merged.texts.help.fi).toBe('Apua suomeksi');
    expect(merged.commands.help.fi).toContain('apua');
    // The catalog it came from is left as it was.
    expect(route(other, routeId).answer.fi).toBeUndefined();
  });

  it('stop the start at a path that names no text, a language the catalog does not declare, or a text written twice', () => {
    expect(() => withTranslations(other, [finnish({ texts: { 'texts/noSuchText': 'x' } })])).toThrow(
      /translations for "fi": "texts\/noSuchText" is not a text of the catalog/,
    );
    expect(() => withTranslations(other, [finnish({ language: 'ar' })])).toThrow(/does not declare the language/);
    const written = Object.entries(other.texts).find(([, text]) => text.fi !== undefined)![0];
    expect(() => withTranslations(other, [finnish({ texts: { [`texts/${written}`]: 'x' } })])).toThrow(/is written in the catalog already/);
  });

  it('report per language what a person has approved, what is machine-made and what is missing', () => {
    const missingBefore = translationReport(other, []).find((status) => status.language === 'fi')!;
    const [first, second, third] = missingBefore.missing;
    const report = translationReport(other, [finnish({ texts: { [first!]: 'kone', [second!]: { text: 'ihminen', review: 'reviewed' } } })]);
    const fi = report.find((status) => status.language === 'fi')!;
    expect(fi.machine).toEqual([first]);
    expect(fi.reviewed).toBe(missingBefore.reviewed + 1);
    expect(fi.missing).toContain(third);
    expect(fi.missing).not.toContain(first);
    expect(report.find((status) => status.language === 'sv')).toMatchObject({ reviewed: fi.total, machine: [], missing: [] });
  });

  it('give the bundled catalog every text a resident reads in easy Swedish and each newcomer language, machine-made until a person reviews it', () => {
    const { catalog, translations } = readCatalog();
    const report = translationReport(catalog, translations).filter((status) => !['sv', 'en'].includes(status.language));
    expect(report.map((status) => status.language).sort()).toEqual(['ar', 'fa', 'so', 'sv-lattlast', 'ti', 'uk']);
    for (const status of report) {
      // Only the legal documents (shown in Swedish, with a summary on the page) are left to the fallback.
      expect(status.missing.filter((path) => !path.startsWith('privacy/') && !path.startsWith('accessibility/'))).toEqual([]);
      expect(status.machine.length + status.reviewed).toBe(status.total - status.missing.length);
    }
  });
});
