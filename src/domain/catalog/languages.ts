import { UNDETERMINED, type LanguageGuess } from '../routing/language.js';
import type { Catalog, LocalizedText } from './schema.js';

/** The product's first language: every text has it, and every fallback chain ends in it. */
export const FIRST_LANGUAGE = 'sv';

/**
 * The languages Lotsen speaks to one person in, in order: one, usually; several when they
 * wrote in a language the catalog has no texts in (the catalog's `otherLanguages`). The first
 * is the one buttons, dates and the handoff's recorded language use.
 */
export type Speech = readonly [string, ...string[]];

export const FIRST_SPEECH: Speech = [FIRST_LANGUAGE];

/** A language and the ones its missing texts are taken from, in order, ending in the first language. */
export function fallbackChain(catalog: Pick<Catalog, 'languages'>, language: string): string[] {
  const chain: string[] = [];
  for (let code: string | undefined = language; code !== undefined && !chain.includes(code); code = catalog.languages[code]?.fallback) chain.push(code);
  if (!chain.includes(FIRST_LANGUAGE)) chain.push(FIRST_LANGUAGE);
  return chain;
}

/** A text in one language, or in the first of its fallbacks that has it. */
export function textIn(catalog: Pick<Catalog, 'languages'>, text: LocalizedText, language: string): string {
  return localizedIn(catalog, text, language).text;
}

/** A text in one language or its nearest fallback, and which language that turned out to be (a page marks a fallback with its `lang`). */
export function localizedIn(catalog: Pick<Catalog, 'languages'>, text: LocalizedText, language: string): { text: string; language: string } {
  for (const code of fallbackChain(catalog, language)) {
    const found = text[code];
    if (found !== undefined) return { text: found, language: code };
  }
  return { text: text[FIRST_LANGUAGE], language: FIRST_LANGUAGE };
}

/** A text in every language of the speech, one paragraph each (a language falling back to one already said is not repeated). */
export function textInSpeech(catalog: Pick<Catalog, 'languages'>, text: LocalizedText, speech: Speech): string {
  return [...new Set(speech.map((language) => textIn(catalog, text, language)))].join('\n\n');
}

/**
 * How to speak to someone who wrote in a detected language: in it if the catalog has it, in the
 * first language when too little was written to tell, else in the catalog's `otherLanguages`.
 */
export function speechFor(catalog: Pick<Catalog, 'languages' | 'otherLanguages'>, detected: string): Speech {
  if (catalog.languages[detected]) return [detected];
  if (detected === UNDETERMINED) return FIRST_SPEECH;
  return catalog.otherLanguages;
}

/**
 * How to speak to someone after they wrote in a detected language: in it (see `speechFor`),
 * unless they chose a variant of it (easy Swedish, `sv-lattlast`, is detected as Swedish): a
 * choice the detector cannot see is kept.
 */
export function speechAfter(catalog: Pick<Catalog, 'languages' | 'otherLanguages'>, current: Speech, detected: string): Speech {
  return current[0].startsWith(`${detected}-`) && catalog.languages[current[0]] ? current : speechFor(catalog, detected);
}

/** At most this many languages are offered when Lotsen asks which one the person wants. */
const MAX_LANGUAGE_CHOICES = 4;

/** How to speak to someone after a message: in `speech`, or ask them to choose among `choices` first. */
export type LanguageDecision = { readonly speech: Speech } | { readonly choices: readonly [string, ...string[]] };

/**
 * How to speak to someone after a message whose language was guessed. When the guess is unsure
 * and the catalog has a language of its own among what the message may be in ("سلام" is Arabic
 * or Dari, "Hooyaday waa jiran tahay" too short to be sure it is Somali), the person is asked,
 * with those languages and the ones everyone else is answered in as choices, unless the page's or
 * the app's language (`hint`) is one of them. Too little text to tell keeps the current speech.
 */
export function decideLanguage(catalog: Pick<Catalog, 'languages' | 'otherLanguages'>, current: Speech, guess: LanguageGuess, hint?: string): LanguageDecision {
  const own = [guess.language, ...guess.alternatives].filter((code) => catalog.languages[code] !== undefined && !catalog.otherLanguages.includes(code));
  if (guess.alternatives.length > 0 && own.length > 0) {
    if (hint && own.includes(hint)) return { speech: [hint] };
    return { choices: [...new Set([...own, ...catalog.otherLanguages])].slice(0, MAX_LANGUAGE_CHOICES) as [string, ...string[]] };
  }
  return { speech: guess.language === UNDETERMINED ? current : speechAfter(catalog, current, guess.language) };
}

/** The catalog's easy-to-read form of a language (`sv-lattlast` of `sv`), if it has one. */
export const easyReadFormOf = (catalog: Pick<Catalog, 'languages'>, language: string): string | undefined =>
  Object.entries(catalog.languages).find(([, settings]) => settings.easyReadOf === language)?.[0];

/** The catalog language a client's locale (`en-GB`, `sv`, `fi-FI`) names, if the catalog has it. */
export function languageOfLocale(catalog: Pick<Catalog, 'languages'>, locale: string | undefined): string | undefined {
  const tag = locale?.trim().toLowerCase();
  if (!tag) return undefined;
  if (catalog.languages[tag]) return tag;
  const primary = tag.split(/[-_]/)[0]!;
  return catalog.languages[primary] ? primary : undefined;
}

/** The BCP 47 locale dates are written in for a language (the catalog's `locale`, else the code itself). */
export const localeOf = (catalog: Pick<Catalog, 'languages'>, language: string): string => catalog.languages[language]?.locale ?? language;

/** A speech saved by an earlier version of Lotsen (`'sv'`, `'en'`, `'both'`) or this one, as a speech the catalog can say. */
export function savedSpeech(catalog: Pick<Catalog, 'languages' | 'otherLanguages'>, saved: unknown): Speech {
  if (saved === 'both') return catalog.otherLanguages;
  const codes = (typeof saved === 'string' ? [saved] : Array.isArray(saved) ? saved : []).filter(
    (code): code is string => typeof code === 'string' && catalog.languages[code] !== undefined,
  );
  return codes.length > 0 ? (codes as unknown as Speech) : FIRST_SPEECH;
}

/** Languages written right to left (their primary subtags). */
const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'prs', 'ckb', 'he', 'ur', 'ps', 'yi', 'dv']);

/** The direction a language is written in, for a page's `dir`. */
export const languageDirection = (language: string): 'rtl' | 'ltr' => (RIGHT_TO_LEFT.has(language.split('-')[0]!) ? 'rtl' : 'ltr');
