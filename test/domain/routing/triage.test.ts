import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { lexiconOf } from '../../../src/domain/routing/language-pack';
import { Triage } from '../../../src/domain/routing/triage';
import { loadCatalogFile } from '../../../src/storage/catalog-file';
import { loadLanguageFiles } from '../../../src/storage/language-files';
import { loadRouter } from '../../../src/storage/router-model-file';

const languages = loadLanguageFiles();
const { router } = loadRouter(loadCatalogFile(), languages);
const rules = new Triage(lexiconOf(languages));

const fixture = (name: string): string[] => {
  const byLanguage = parse(readFileSync(path.join(__dirname, 'fixtures', name), 'utf8')) as Record<string, string[]>;
  return Object.values(byLanguage).flat();
};

describe('emergency detection (rules and what the router learned of emergencies)', () => {
  it.each(fixture('emergencies.yaml'))('fires on: %s', (text) => {
    expect(router.emergencyOf(text).emergency).toBe(true);
  });

  it.each(fixture('not-emergencies.yaml'))('stays calm on: %s', (text) => {
    expect(router.emergencyOf(text)).toMatchObject({ emergency: false, kinds: [] });
  });

  it('does not fire on words that merely sound urgent', () => {
    for (const text of ['Det är inte akut, men jag undrar över verksamhetsstödet', 'akut', 'Hjälp!', 'Vi brinner för att hjälpa äldre', '', '😀😀', 'hej']) {
      expect(router.emergencyOf(text).emergency).toBe(false);
    }
  });
});

describe('emergency triage by rules', () => {
  it.each([
    ['min pappa andas inte', 'medical'],
    ['jag vill inte leva längre', 'suicide'],
    ['han slår mig', 'violence'],
    ['ett barn är ensamt i en het bil', 'child'],
    ['det brinner i trapphuset', 'fire'],
    ['mamma har demens och har försvunnit', 'missing'],
    ['Grannen har inte öppnat på tre dagar och tidningarna ligger kvar', 'medical'],
    ['Jag står på bron och tittar på vattnet', 'suicide'],
  ])('names the kind of danger: %s', (text, kind) => {
    expect(rules.assess(text).kinds).toContain(kind);
  });

  it('reads å/ä/ö written as a/o and capitals the same', () => {
    expect(rules.assess('MIN MAMMA ANDAS INTE').emergency).toBe(true);
    expect(rules.assess('jag vill inte leva langre').emergency).toBe(true);
  });

  it('when warning signs come together (a farewell and gathered pills, giving things away and "it will soon be over"), then it fires though no danger is named', () => {
    expect(rules.assess('Jag har skrivit brev till barnen. Tabletterna ligger framför mig.').kinds).toContain('suicide');
    expect(rules.assess('I gave away my cat and my guitar this week. Soon it will all be over.').kinds).toContain('suicide');
  });

  it('when one warning sign is said alone and calmly, then it does not fire ("we gave away furniture", "my pills")', () => {
    expect(rules.assess('Vi har gett bort våra gamla möbler till en nyanländ familj').emergency).toBe(false);
    expect(rules.assess('Pappa tar sina tabletter själv men behöver sällskap').emergency).toBe(false);
  });

  it('when the danger is in the past, over, hypothetical or denied, then it stays calm', () => {
    for (const text of [
      'Min pappa försvann förra veckan men polisen hittade honom, nu är allt lugnt',
      'Det brann i en container i natt men nu är det släckt',
      'Om det blir en storm vill jag hjälpa till',
      'Jag vill inte dö, jag är bara trött och behöver avlastning',
      'Our scout cabin burned down last year and we need a grant to rebuild it',
      'I am not in danger, I just need someone to talk to about caring for my dad',
    ]) {
      expect(rules.assess(text)).toEqual({ emergency: false, kinds: [] });
    }
  });

  it('when a grant question is overtaken by danger now, then the danger wins', () => {
    expect(rules.assess('Jag skulle fråga om bidrag till föreningen, men nu luktar det rök i lokalen och brandlarmet tjuter').kinds).toContain('fire');
  });

  it.each([
    ['ar', 'أبي لا يتنفس'],
    ['fa', 'پدرم نفس نمی‌کشد'],
    ['so', 'aabahay ma neefsanayo'],
    ['ti', 'ኣቦይ ኣይተንፍስን ዘሎ'],
    ['uk', 'мій батько не дихає'],
    ['ru', 'мой отец не дышит'],
    ['pl', 'mój tata nie oddycha'],
    ['fi', 'isäni ei hengitä'],
    ['es', 'mi padre no respira'],
    ['tr', 'babam nefes almıyor'],
    ['hbs', 'moj otac ne diše'],
  ])('reads a warning sign written in %s', (_language, text) => {
    expect(rules.assess(text).emergency).toBe(true);
  });
});
