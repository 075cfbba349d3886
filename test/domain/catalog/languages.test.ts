import {
  decideLanguage,
  easyReadFormOf,
  fallbackChain,
  languageOfLocale,
  localeOf,
  savedSpeech,
  speechFor,
  textIn,
  textInSpeech,
} from '../../../src/domain/catalog/languages';
import { commandOf } from '../../../src/domain/catalog/commands';
import { catalog } from '../../support/dialog-client';

/** Languages as the catalog declares them: Swedish, English falling back to Swedish, easy Swedish falling back to Swedish, Finnish falling back to English. */
const declared = {
  languages: {
    sv: { name: 'Svenska', locale: 'sv-SE', switch: ['svenska'] },
    en: { name: 'English', locale: 'en-GB', fallback: 'sv', switch: ['english'] },
    'sv-lattlast': { name: 'Lätt svenska', fallback: 'sv', easyReadOf: 'sv', switch: ['lätt svenska'] },
    fi: { name: 'Suomi', fallback: 'en', switch: ['suomeksi'] },
    so: { name: 'Soomaali', switch: ['soomaali'] },
  },
  otherLanguages: ['sv', 'en'] as [string, ...string[]],
};

describe('languages as catalog data', () => {
  it('a language falls back along its declared chain, always ending in Swedish', () => {
    expect(fallbackChain(declared, 'fi')).toEqual(['fi', 'en', 'sv']);
    expect(fallbackChain(declared, 'sv-lattlast')).toEqual(['sv-lattlast', 'sv']);
    expect(fallbackChain(declared, 'sv')).toEqual(['sv']);
    expect(fallbackChain(declared, 'xx')).toEqual(['xx', 'sv']);
  });

  it('a text is taken in the language, else from the first fallback that has it', () => {
    expect(textIn(declared, { sv: 'Hej', en: 'Hi', fi: 'Hei' }, 'fi')).toBe('Hei');
    expect(textIn(declared, { sv: 'Hej', en: 'Hi' }, 'fi')).toBe('Hi');
    expect(textIn(declared, { sv: 'Hej' }, 'fi')).toBe('Hej');
  });

  it('a speech of several languages says each, without repeating a text two of them share', () => {
    expect(textInSpeech(declared, { sv: 'Hej', en: 'Hi' }, ['sv', 'en'])).toBe('Hej\n\nHi');
    expect(textInSpeech(declared, { sv: 'Hej' }, ['sv', 'en'])).toBe('Hej');
  });

  it("a detected language is spoken if declared; too short to tell is Swedish; any other gets the catalog's other languages", () => {
    expect(speechFor(declared, 'fi')).toEqual(['fi']);
    expect(speechFor(declared, 'und')).toEqual(['sv']);
    expect(speechFor(declared, 'ar')).toEqual(['sv', 'en']);
  });

  it('a page locale names a declared language by its tag or its primary subtag', () => {
    expect(languageOfLocale(declared, 'en-US')).toBe('en');
    expect(languageOfLocale(declared, 'sv-lattlast')).toBe('sv-lattlast');
    expect(languageOfLocale(declared, 'de-DE')).toBeUndefined();
    expect(languageOfLocale(declared, undefined)).toBeUndefined();
    expect(localeOf(declared, 'en')).toBe('en-GB');
    expect(localeOf(declared, 'fi')).toBe('fi');
  });

  it('a profile saved by an earlier version ("sv", "en", "both") still reads as a speech', () => {
    expect(savedSpeech(declared, 'en')).toEqual(['en']);
    expect(savedSpeech(declared, 'both')).toEqual(['sv', 'en']);
    expect(savedSpeech(declared, ['fi'])).toEqual(['fi']);
    expect(savedSpeech(declared, ['xx'])).toEqual(['sv']);
    expect(savedSpeech(declared, undefined)).toEqual(['sv']);
  });

  it("switching language is one command, found in each language's own phrases", () => {
    expect(commandOf(catalog, 'In English')).toEqual({ command: 'switchLanguage', language: 'en' });
    expect(commandOf(catalog, 'på svenska')).toEqual({ command: 'switchLanguage', language: 'sv' });
    expect(commandOf(catalog, 'avbryt')).toEqual({ command: 'cancel' });
    expect(commandOf(catalog, 'kan jag få det på engelska tack, jag förstår inte')).toBeUndefined();
  });

  it('an unsure guess asks among the languages it may be, then the other languages, unless the page names one of them', () => {
    const somaliOrNot = { language: 'und', alternatives: ['so'] };
    expect(decideLanguage(declared, ['sv'], somaliOrNot)).toEqual({ choices: ['so', 'sv', 'en'] });
    expect(decideLanguage(declared, ['en'], somaliOrNot, 'so')).toEqual({ speech: ['so'] });
    expect(decideLanguage(declared, ['sv'], { language: 'fi', alternatives: ['so', 'hbs'] })).toEqual({ choices: ['fi', 'so', 'sv', 'en'] });
    // Unsure only between languages answered alike: no question.
    expect(decideLanguage(declared, ['sv'], { language: 'de', alternatives: ['sv'] })).toEqual({ speech: ['sv', 'en'] });
  });

  it('a sure guess is spoken (a chosen easy variant kept); too little to tell keeps what was spoken', () => {
    expect(decideLanguage(declared, ['sv'], { language: 'fi', alternatives: [] })).toEqual({ speech: ['fi'] });
    expect(decideLanguage(declared, ['sv-lattlast'], { language: 'sv', alternatives: [] })).toEqual({ speech: ['sv-lattlast'] });
    expect(decideLanguage(declared, ['en'], { language: 'und', alternatives: [] })).toEqual({ speech: ['en'] });
  });

  it('a language may name the language it is the easy-to-read form of', () => {
    expect(easyReadFormOf(declared, 'sv')).toBe('sv-lattlast');
    expect(easyReadFormOf(declared, 'en')).toBeUndefined();
  });
});
