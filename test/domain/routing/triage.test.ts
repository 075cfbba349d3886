import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { lexiconOf } from '../../../src/domain/routing/language-pack';
import { Triage } from '../../../src/domain/routing/triage';
import { loadLanguageFiles } from '../../../src/storage/language-files';

const rules = new Triage(lexiconOf(loadLanguageFiles()));
const triage = (text: string) => rules.assess(text);

const fixture = (name: string): string[] => {
  const { sv, en } = parse(readFileSync(path.join(__dirname, 'fixtures', name), 'utf8')) as { sv: string[]; en: string[] };
  return [...sv, ...en];
};

describe('emergency triage', () => {
  it.each(fixture('emergencies.yaml'))('fires on: %s', (text) => {
    expect(triage(text).emergency).toBe(true);
  });

  it.each(fixture('not-emergencies.yaml'))('stays calm on: %s', (text) => {
    expect(triage(text)).toEqual({ emergency: false, kinds: [] });
  });

  it.each([
    ['min pappa andas inte', 'medical'],
    ['jag vill inte leva längre', 'suicide'],
    ['han slår mig', 'violence'],
    ['ett barn är ensamt i en het bil', 'child'],
    ['det brinner i trapphuset', 'fire'],
    ['mamma har demens och har försvunnit', 'missing'],
  ])('names the kind of danger: %s', (text, kind) => {
    expect(triage(text).kinds).toContain(kind);
  });

  it('reads å/ä/ö written as a/o and capitals the same', () => {
    expect(triage('MIN MAMMA ANDAS INTE').emergency).toBe(true);
    expect(triage('jag vill inte leva langre').emergency).toBe(true);
  });

  it('does not fire on words that merely sound urgent', () => {
    for (const text of ['Det är inte akut, men jag undrar över verksamhetsstödet', 'akut', 'Hjälp!', 'Vi brinner för att hjälpa äldre']) {
      expect(triage(text).emergency).toBe(false);
    }
  });
});
