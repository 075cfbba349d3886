import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { textIn } from '../../src/domain/catalog/languages';
import { BUNDLED_CATALOG, CatalogError, loadCatalogFile } from '../../src/storage/catalog-file';

const folder = mkdtempSync(path.join(tmpdir(), 'lotsen-catalog-'));
const withFile = (content: string): string => {
  const file = path.join(folder, `catalog-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, content);
  return file;
};
// Copies of the bundled catalog elsewhere read its translations where they are.
const bundled = readFileSync(BUNDLED_CATALOG, 'utf8').replace(
  'translationsFolder: translations',
  `translationsFolder: ${path.join(path.dirname(BUNDLED_CATALOG), 'translations')}`,
);

describe('catalog file', () => {
  it('when the bundled Ekerö catalog is loaded, then it has the three areas in Swedish and English', () => {
    const catalog = loadCatalogFile();
    expect(catalog.municipality).toBe('Ekerö kommun');
    expect(catalog.areas.map((area) => area.id)).toEqual(['bidrag', 'volontar', 'anhoriglanken']);
    expect(catalog.routes.map((route) => route.id).sort()).toEqual([
      'anhoriglanken',
      'bidrag.foreningsbidrag',
      'bidrag.utmarkelse',
      'bidrag.verksamhetsstod',
      'idelabbet',
      'ovrigt',
      'volontar.anmalan',
      'volontar.vanfamilj',
      'volontar.vantjanst',
    ]);
    for (const area of catalog.areas) {
      expect(area.label.sv).not.toEqual(area.label.en);
      expect(area.intro.sv.length).toBeGreaterThan(20);
    }
  });

  it('when a text lacks its Swedish version, then the error names the file, the line and the field', () => {
    const broken = bundled.replace(/( {2}anythingElse:\n) {4}sv: .*\n/, '$1');
    expect(broken).not.toEqual(bundled);
    const file = withFile(broken);
    // A missing key is reported where its parent block starts: the line after `anythingElse:`.
    const line = broken.split('\n').findIndex((text) => text.startsWith('  anythingElse:')) + 2;
    expect(() => loadCatalogFile(file)).toThrow(CatalogError);
    expect(() => loadCatalogFile(file)).toThrow(new RegExp(`${path.basename(file)} line ${line}: texts\\.anythingElse\\.sv: `));
  });

  it('when a text is written in a language the catalog does not declare, then the error names its line', () => {
    const broken = bundled.replace(/( {2}anythingElse:\n {4}sv: .*\n) {4}en: /, '$1    eng: ');
    expect(broken).not.toEqual(bundled);
    const line = broken.split('\n').findIndex((text) => text.startsWith('    eng: ')) + 1;
    expect(() => loadCatalogFile(withFile(broken))).toThrow(
      new RegExp(
        `line ${line}: texts\\.anythingElse\\.eng: a text in "eng", which is not among the catalog's languages \\(sv, en, sv-lattlast, ar, fa, so, ti, uk\\)`,
      ),
    );
  });

  it('when a fallback chain runs in a circle or names an unknown language, then the start stops with the language', () => {
    const circle = bundled.replace('    locale: sv-SE\n', '    locale: sv-SE\n    fallback: en\n');
    expect(circle).not.toEqual(bundled);
    expect(() => loadCatalogFile(withFile(circle))).toThrow(/languages\.sv\.fallback: the fallback chain of "sv" runs in a circle/);
    const unknown = bundled.replace('    fallback: sv\n', '    fallback: fi\n');
    expect(() => loadCatalogFile(withFile(unknown))).toThrow(/languages\.en\.fallback: unknown language "fi"/);
  });

  it('when English, a language with a fallback, lacks a text, then the catalog loads and the text falls back to Swedish', () => {
    const lean = bundled
      .replace(/( {2}anythingElse:\n {4}sv: .*\n) {4}en: .*\n/, '$1')
      .replace('examplesFolder: examples', `examplesFolder: ${path.join(path.dirname(BUNDLED_CATALOG), 'examples')}`);
    const catalog = loadCatalogFile(withFile(lean));
    expect(textIn(catalog, catalog.texts.anythingElse, 'en')).toBe(catalog.texts.anythingElse.sv);
  });

  it('when two areas share an id, then the duplicate is reported at its line', () => {
    const broken = bundled.replace('  - id: volontar\n', '  - id: bidrag\n');
    expect(broken).not.toEqual(bundled);
    const line = broken.split('\n').findIndex((text, index, lines) => text === '  - id: bidrag' && lines.indexOf(text) !== index) + 1;
    expect(() => loadCatalogFile(withFile(broken))).toThrow(new RegExp(`line ${line}: areas\\.1\\.id: duplicate area id "bidrag"`));
  });

  it('when a route names an instance that does not exist, then the error lists the known instances', () => {
    const broken = bundled.replace('    instance: anhorigkonsulent', '    instance: anhorig-konsulent');
    const line = broken.split('\n').indexOf('    instance: anhorig-konsulent') + 1;
    expect(() => loadCatalogFile(withFile(broken))).toThrow(
      new RegExp(`line ${line}: routes\\.\\d+\\.instance: unknown instance "anhorig-konsulent" \\(known: socialkontoret, `),
    );
  });

  it('when an eligibility criterion sends people to a route that does not exist, then the start stops at its line', () => {
    const broken = bundled.replace('          instead: bidrag.foreningsbidrag', '          instead: bidrag.finns-inte');
    const line = broken.split('\n').indexOf('          instead: bidrag.finns-inte') + 1;
    expect(() => loadCatalogFile(withFile(broken))).toThrow(
      new RegExp(`line ${line}: routes\\.\\d+\\.eligibility\\.criteria\\.3\\.instead: unknown route "bidrag\\.finns-inte"`),
    );
  });

  it('when the YAML itself is broken, then the line of the syntax error is named', () => {
    expect(() => loadCatalogFile(withFile('municipality: Ekerö\ntexts: [unclosed\n'))).toThrow(/line \d+: /);
  });

  it('when the file does not exist, then the error says it cannot be read', () => {
    expect(() => loadCatalogFile(path.join(folder, 'missing.yaml'))).toThrow(/cannot be read: ENOENT/);
  });
});

describe('example files', () => {
  const catalogWithExamples = (files: Record<string, string>): string => {
    const dir = mkdtempSync(path.join(folder, 'with-examples-'));
    mkdirSync(path.join(dir, 'examples'));
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, 'examples', name), content);
    const file = path.join(dir, 'catalog.yaml');
    writeFileSync(file, bundled);
    return file;
  };
  const bundledExamples = path.join(path.dirname(BUNDLED_CATALOG), 'examples');

  it('when the catalog names an examples folder, then every language file in it adds its examples to the routes, and akut ones to the emergency section', () => {
    const catalog = loadCatalogFile();
    for (const file of readdirSync(bundledExamples).filter((name) => name.endsWith('.yaml'))) {
      const language = file.replace(/\.yaml$/, '');
      expect(catalog.routes.some((route) => (route.examples[language]?.length ?? 0) > 0)).toBe(true);
    }
    for (const language of ['sv', 'en', 'ar', 'fa', 'so', 'ti', 'uk', 'ru', 'pl', 'fi', 'es', 'tr', 'ckb', 'kmr', 'hbs']) {
      expect(catalog.emergency.examples[language]?.length).toBeGreaterThanOrEqual(20);
      for (const route of catalog.routes) expect(route.examples[language]?.length).toBeGreaterThanOrEqual(10);
    }
  });

  it('when an example file names a route the catalog lacks, then the start stops and says which', () => {
    const file = catalogWithExamples({ 'sv.yaml': 'language: sv\nroutes:\n  bidrag.okand:\n    - Hur söker man?\n' });
    expect(() => loadCatalogFile(file)).toThrow(/examples for an unknown route "bidrag\.okand" \(known: .*akut\)/);
  });

  it('when an example file has a bad language code, then the error names the file and line', () => {
    const file = catalogWithExamples({ 'xx.yaml': 'language: Svenska\nroutes: {}\n' });
    expect(() => loadCatalogFile(file)).toThrow(/xx\.yaml line 1: language: must be a language code/);
  });

  it('when a route ends up with too few examples to learn from, then the start says so', () => {
    const file = catalogWithExamples({});
    expect(() => loadCatalogFile(file)).toThrow(/route "[a-z.]+" has 0 examples; the router needs at least 5/);
  });
});
