import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { commandOf } from '../../src/domain/catalog/commands';
import { PageTexts } from '../../src/server/notices/page-texts';
import { loadCatalogFile } from '../../src/storage/catalog-file';

const PUBLIC = path.join(__dirname, '..', '..', 'public');
const catalog = loadCatalogFile();
const pages = readdirSync(PUBLIC)
  .filter((name) => /^page\..+\.json$/.test(name))
  .map((name) => PageTexts.parse(JSON.parse(readFileSync(path.join(PUBLIC, name), 'utf8'))));

describe('the resident page in every language', () => {
  it.each(pages.map((page) => [page.lang, page] as const))(
    '%s: is a language of the catalog, and what its buttons write the bot understands',
    (language, page) => {
      expect(catalog.languages[language]).toBeDefined();
      // "Talk to a person" and the language the page was opened in reach the bot as commands.
      expect(commandOf(catalog, page.humanCommand!)).toMatchObject({ command: 'human' });
      expect(commandOf(catalog, page.switchCommand!)).toMatchObject({ command: 'switchLanguage', language });
      expect(page.dir).toBe(['ar', 'fa'].includes(language) ? 'rtl' : 'ltr');
    },
  );

  it('offers every language the catalog declares', () => {
    expect(pages.map((page) => page.lang).sort()).toEqual(Object.keys(catalog.languages).sort());
  });
});
