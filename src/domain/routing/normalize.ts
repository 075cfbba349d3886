/**
 * Text normalisation for routing. People write "anhöriglänken", "anhoriglanken" and
 * "anhoeriglaenken"; all become "anhoriglanken". Arabic, Persian and Kurdish are written with
 * and without short vowels and with several forms of the same letter; all are folded to one.
 * The same folding is applied to the training texts, the lexicon and what people write, so only
 * consistency matters, not linguistics.
 */

const MARKUP = /<[^>]*>/g;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
// Phone numbers and other long digit runs carry no topic; they must not look like words either.
const DIGITS = /\+?\d[\d\s-]{5,}\d/g;
/** Longer messages are cut: the first part says what the person wants, and the cost stays bounded. */
export const MAX_ROUTED_CHARACTERS = 2000;

// Letters that are one letter written in several ways (Arabic yeh/kaf in their Persian forms,
// alef maqsura, teh marbuta) and invisible joiners and the tatweel, which only stretch a word;
// and letters that have no combining form to drop (æ, ø, ß, dotless ı, and letters with a stroke:
// Polish ł, BCS đ). Each is one letter mapped alone, so they are replaced in one pass.
const LETTER_VARIANTS: Readonly<Record<string, string>> = {
  ی: 'ي',
  ى: 'ي',
  ک: 'ك',
  ة: 'ه',
  ۀ: 'ه',
  ـ: '',
  '\u200c': '',
  '\u200d': '',
  æ: 'a',
  ø: 'o',
  ß: 'ss',
  ı: 'i',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'D',
};
const LETTER_VARIANT = /[یىکةۀـæøßıłŁđĐ\u200c\u200d]/g;

/** å/ä/ö and their look-alikes to plain letters; two-letter spellings (aa, ae, oe) too. */
export function foldLetters(text: string): string {
  return text
    .replace(/n['’]t\b/gi, ' not') // English contractions: "don't" is "do not", "can't" is "ca not", in the lexicon and in messages alike
    .replace(/\bcannot\b/gi, 'can not')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // combining marks: å → a, ö → o, é → e, й → и, Arabic short vowels
    .replace(LETTER_VARIANT, (letter) => LETTER_VARIANTS[letter] ?? letter)
    .replace(/aa/g, 'a')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o');
}

/** Lower-case, markup, links, addresses and numbers removed; letters kept in their own script. */
export function cleanText(text: string): string {
  return text.slice(0, MAX_ROUTED_CHARACTERS).replace(MARKUP, ' ').replace(URL, ' ').replace(EMAIL, ' ').replace(DIGITS, ' ').toLowerCase();
}

/** Words of a text: cleaned, folded, split on anything that is not a letter or digit. */
export function words(text: string): string[] {
  return foldedWords(foldLetters(cleanText(text)));
}

/** Words of a text that is already cleaned and folded. */
export function foldedWords(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0 && word.length <= 40);
}

// Clauses end at commas, colons and dashes, before "but" in the languages people write here, and before
// "and now": "pappa ramlade förra året | och nu behöver han sällskap" (all folded).
const CONJUNCTIONS = [
  'men',
  'but',
  'pero',
  'но',
  'але',
  'ale',
  'ama',
  'mutta',
  'ali',
  'laakiin',
  'lakin',
  'لكن',
  'ولكن',
  'اما',
  'ولی',
  'بەڵام',
  'ግን',
  'och nu',
  'and now',
];
const CLAUSE_BREAK = new RegExp(`[,:،፣–—]|\\s-\\s|\\s(?=(?:${CONJUNCTIONS.map((word) => foldLetters(word)).join('|')})\\s)`, 'u');

/**
 * The sentences of a cleaned, folded text, each as its clauses (split at commas and dashes),
 * each clause as its words: what belongs together ("not now" and "last year" speak of their own
 * sentence) and where a question's main part is ("…, but first the grant").
 */
export function sentences(folded: string): string[][][] {
  return folded
    .split(/[.!?;\n؟።፧፨।]+/u)
    .map((sentence) =>
      sentence
        .split(CLAUSE_BREAK)
        .map(foldedWords)
        .filter((clause) => clause.length > 0),
    )
    .filter((sentence) => sentence.length > 0);
}

const ARABIC_SCRIPT = /^[\u0600-\u06ff]/;
const ARABIC_ARTICLE = /^(?:وال|فال|بال|كال|لل|ال)/;

/**
 * The forms a word may be looked up as. Arabic-script words carry their article and one-letter
 * conjunctions and prepositions in front ("والمتطوعين" = "and the volunteers"); both the word
 * and the word without them are tried, since a word may also just begin with those letters.
 */
export function lookupForms(word: string): string[] {
  if (!ARABIC_SCRIPT.test(word)) return [word];
  const forms = [word];
  const withoutArticle = word.replace(ARABIC_ARTICLE, '');
  if (withoutArticle !== word && withoutArticle.length >= 2) forms.push(withoutArticle);
  if (/^[وفبلك]/.test(word) && word.length >= 4) forms.push(word.slice(1));
  return forms;
}
