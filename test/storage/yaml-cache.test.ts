import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { BUNDLED_CATALOG } from '../../src/storage/catalog-file';
import { BUNDLED_LANGUAGES } from '../../src/storage/language-files';
import { bundledYamlCacheFile, readYamlCache, writeYamlCache, yamlCacheKey } from '../../src/storage/yaml-cache';
import { parseYaml, readYamlFile } from '../../src/storage/yaml-file';

const folder = mkdtempSync(path.join(tmpdir(), 'lotsen-yaml-cache-'));
const fileWith = (text: string): string => {
  const file = path.join(folder, `file-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  return file;
};
const Schema = z.object({ count: z.number() });
const read = (file: string, cache: ReadonlyMap<string, unknown>) => readYamlFile(file, Schema, 'Test file', (message) => new Error(message), cache);

describe('parsed YAML kept by the build', () => {
  it("when a file's text is in the cache, then its value comes from the cache, not from parsing the YAML", () => {
    const text = 'count: 1\n';
    const cacheFile = path.join(folder, 'yaml-cache.json');
    // A cached value the YAML would not give shows which was used.
    writeYamlCache(cacheFile, [{ source: text, value: { count: 2 } }]);
    expect(read(fileWith(text), readYamlCache(cacheFile))).toEqual({ count: 2 });
    // A missing or broken cache file is an empty cache: the file is parsed.
    expect(read(fileWith(text), readYamlCache(path.join(folder, 'missing.json')))).toEqual({ count: 1 });
  });

  it('when the file was edited after the build, then its new text is parsed as YAML', () => {
    const cache = new Map([[yamlCacheKey('count: 1\n'), { count: 1 }]]);
    expect(read(fileWith('count: 3\n'), cache)).toEqual({ count: 3 });
  });

  it('when the cached value no longer fits the schema, then the file is read as YAML, and a mistake in it names its line', () => {
    const text = 'count: 4\n';
    expect(read(fileWith(text), new Map([[yamlCacheKey(text), { count: 'four' }]]))).toEqual({ count: 4 });
    const wrong = '# a comment\ncount: four\n';
    expect(() => read(fileWith(wrong), new Map([[yamlCacheKey(wrong), { count: 'four' }]]))).toThrow(/line 2: count/);
  });

  it('when Lotsen is built, then every bundled catalog and language file is in the cache, with the value its YAML gives', () => {
    const cache = readYamlCache(bundledYamlCacheFile());
    const files = [
      BUNDLED_CATALOG,
      ...readdirSync(BUNDLED_LANGUAGES)
        .filter((name) => name.endsWith('.yaml'))
        .map((name) => path.join(BUNDLED_LANGUAGES, name)),
    ];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(cache.get(yamlCacheKey(text))).toEqual(parseYaml(text).toJS());
    }
  });
});
