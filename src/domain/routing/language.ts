import { francAll } from 'franc';
import { ENGLISH_MARKERS, SWEDISH_MARKERS } from './stopwords.js';
import { cleanText } from './normalize.js';

/**
 * A language Lotsen can tell apart: a catalog language code (`sv`, `en`, `ar`, `fa`, `so`, `ti`,
 * `uk`, …; `ckb` Sorani and `kmr` Kurmanji Kurdish, `hbs` Bosnian/Croatian/Serbian), `other`,
 * or `und` when a message is too short to tell (it is then answered in Swedish, and read with
 * every language's words).
 */
export type DetectedLanguage = string;
export const UNDETERMINED = 'und';

/**
 * A detected language and the languages the message might as well be in: empty when the
 * detector is sure (the script or the function words decide, or franc by a clear margin);
 * otherwise a person may be asked which they meant.
 */
export interface LanguageGuess {
  readonly language: DetectedLanguage;
  readonly alternatives: readonly DetectedLanguage[];
}

/** franc's ISO 639-3 codes for Latin-script text, and the code Lotsen uses for each. */
const LATIN: Readonly<Record<string, string>> = {
  swe: 'sv',
  nob: 'sv', // Norwegian readers are served in Swedish (and Swedish is often taken for Norwegian)
  eng: 'en',
  fin: 'fi',
  pol: 'pl',
  spa: 'es',
  tur: 'tr',
  som: 'so',
  ckb: 'kmr', // franc's Kurdish model is the Latin-script (Kurmanji) one
  hrv: 'hbs',
  srp: 'hbs',
  deu: 'de',
  fra: 'fr',
};
const LATIN_ONLY = Object.keys(LATIN);
const CYRILLIC = { rus: 'ru', ukr: 'uk', bul: 'ru', srp: 'hbs' } as const;
const CYRILLIC_ONLY = Object.keys(CYRILLIC);

const SCRIPTS: readonly [RegExp, string][] = [
  [/\p{Script=Latin}/u, 'latin'],
  [/\p{Script=Arabic}/u, 'arabic'],
  [/\p{Script=Cyrillic}/u, 'cyrillic'],
  [/\p{Script=Ethiopic}/u, 'ethiopic'],
];
/** Letters only Sorani Kurdish uses, letters Persian (and Dari) use but Arabic does not, and the reverse. */
const SORANI_LETTERS = /[ەێۆڵڕ]/;
const PERSIAN_LETTERS = /[یکپچژگ]/;
const ARABIC_LETTERS = /[ةيكى]/;
const UKRAINIAN_LETTERS = /[іїєґ]/;
/** ğ and dotless ı are Turkish; Kurmanji, which franc mistakes Turkish for, has neither. */
const TURKISH_LETTERS = /[ğı]/;
const RUSSIAN_LETTERS = /[ыэъё]/;
/** franc needs some text; below this many letters Swedish and English are told apart by their words. */
const FRANC_MIN_LETTERS = 24;
/** The start of a long message says enough, and detection stays fast. */
const DETECT_CHARACTERS = 200;
/** franc's score (the best is 1) a second language needs to be as likely as the first. */
const FRANC_CLOSE = 0.9;
/** …and the score the best language of a too-short message needs ahead of the next to be worth asking about. */
const FRANC_SHORT_LEAD = 0.3;

const sure = (language: DetectedLanguage): LanguageGuess => ({ language, alternatives: [] });

/**
 * The language a message is written in: the script first (Ethiopic script is Tigrinya, Arabic
 * script is Arabic, Persian or Sorani by the letters each uses), then franc's trigram model
 * restricted to the languages people write here. Too little text to tell is Swedish, the
 * default, unless English words show it is English.
 */
export function detectLanguage(text: string): DetectedLanguage {
  return guessLanguage(text).language;
}

/** The language a message is written in (see `detectLanguage`), and what else it might be when that is unsure. */
export function guessLanguage(text: string): LanguageGuess {
  const cleaned = cleanText(text.slice(0, DETECT_CHARACTERS));
  const letters = cleaned.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return sure(UNDETERMINED);
  switch (dominantScript(letters)) {
    case 'ethiopic':
      return sure('ti');
    case 'arabic':
      if (SORANI_LETTERS.test(cleaned)) return sure('ckb');
      if (PERSIAN_LETTERS.test(cleaned)) return sure('fa');
      // A short greeting ("سلام") uses none of the letters that tell Arabic from Persian.
      return ARABIC_LETTERS.test(cleaned) ? sure('ar') : { language: 'ar', alternatives: ['fa'] };
    case 'cyrillic':
      if (UKRAINIAN_LETTERS.test(cleaned)) return sure('uk');
      if (RUSSIAN_LETTERS.test(cleaned)) return sure('ru');
      return francGuess(cleaned, CYRILLIC, CYRILLIC_ONLY, 'ru', letters.length < FRANC_MIN_LETTERS ? 0 : FRANC_CLOSE);
    case 'latin':
      return latinLanguage(cleaned, letters.length);
    default:
      return sure('other');
  }
}

/** franc's likeliest language, with the ones scoring at least `close` (the best scores 1) as alternatives. */
function francGuess(cleaned: string, codes: Readonly<Record<string, string>>, only: readonly string[], unknown: string, close = FRANC_CLOSE): LanguageGuess {
  const [best, ...rest] = francAll(cleaned, { only: [...only], minLength: 1 }).map(([code, score]) => ({ language: codes[code] ?? unknown, score }));
  const language = best?.language ?? unknown;
  const alternatives = rest.filter((candidate) => candidate.score >= close && candidate.language !== language).map((candidate) => candidate.language);
  return { language, alternatives: [...new Set(alternatives)] };
}

function dominantScript(letters: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const letter of letters) {
    const script = SCRIPTS.find(([pattern]) => pattern.test(letter))?.[1] ?? 'other';
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

function latinLanguage(cleaned: string, letterCount: number): LanguageGuess {
  const markers = swedishOrEnglish(cleaned);
  if (letterCount < FRANC_MIN_LETTERS) {
    if (markers.language) return sure(markers.language);
    if (TURKISH_LETTERS.test(cleaned)) return sure('tr');
    // Too short for franc to decide; a clear lead is still worth asking about ("Hooyaday waa jiran").
    const [best, next] = francAll(cleaned, { only: LATIN_ONLY, minLength: 1 });
    const lead = best && LATIN[best[0]] && best[1] - (next?.[1] ?? 0) >= FRANC_SHORT_LEAD ? [LATIN[best[0]]!] : [];
    return { language: UNDETERMINED, alternatives: lead };
  }
  // Most messages are plainly Swedish or English: their function words say so without franc.
  if (markers.share >= CLEAR_MARKER_SHARE) return sure(markers.language!);
  const franced = francGuess(cleaned, LATIN, LATIN_ONLY, 'other');
  const detected = franced.language === 'kmr' && TURKISH_LETTERS.test(cleaned) ? 'tr' : franced.language;
  // franc confuses Swedish and English in short or mixed messages, and short Swedish with its
  // neighbours; when Swedish or English function words make up much of the text, they decide.
  if (detected === 'sv' || detected === 'en') return sure(markers.language ?? detected);
  if (markers.share >= MARKER_SHARE) return sure(markers.language!);
  return { language: detected, alternatives: franced.alternatives.filter((language) => language !== detected) };
}

/** Above this share of Swedish or English function words a text is Swedish or English. */
const MARKER_SHARE = 0.3;
/** …and above this share, clearly so. */
const CLEAR_MARKER_SHARE = 0.3;

/** Swedish or English by function words and å/ä/ö (undefined when neither shows), and the share of such words. */
function swedishOrEnglish(cleaned: string): { language: 'sv' | 'en' | undefined; share: number } {
  let swedish = /å/.test(cleaned) ? 1.5 : 0; // å: Finnish has ä and ö, not å
  let english = 0;
  const tokens = cleaned.split(/[^\p{L}]+/u).filter(Boolean);
  for (const token of tokens) {
    if (SWEDISH_MARKERS.has(token)) swedish += 1;
    if (ENGLISH_MARKERS.has(token)) english += 1;
  }
  if (swedish === 0 && english === 0) return { language: undefined, share: 0 };
  return { language: english > swedish ? 'en' : 'sv', share: Math.max(swedish, english) / Math.max(tokens.length, 1) };
}
