/**
 * Text normalisation for routing. People write "anhöriglänken", "anhoriglanken" and
 * "anhoeriglaenken"; all become "anhoriglanken". The same folding is applied to the catalog's
 * examples and to what people write, so only consistency matters, not linguistics.
 */

const MARKUP = /<[^>]*>/g;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
// Phone numbers and other long digit runs carry no topic; they must not look like words either.
const DIGITS = /\+?\d[\d\s-]{5,}\d/g;

/** å/ä/ö and their look-alikes to plain letters; two-letter spellings (aa, ae, oe) too. */
export function foldLetters(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // combining marks: å → a, ä → a, ö → o, é → e
    .replace(/[æ]/g, 'a')
    .replace(/[ø]/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/aa/g, 'a')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o');
}

/** Lower-case, markup, links, addresses and numbers removed; letters kept in their own script. */
export function cleanText(text: string): string {
  return text.slice(0, 2000).replace(MARKUP, ' ').replace(URL, ' ').replace(EMAIL, ' ').replace(DIGITS, ' ').toLowerCase();
}

/** Words of a text: cleaned, folded, split on anything that is not a letter or digit. */
export function words(text: string): string[] {
  return foldLetters(cleanText(text))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0 && word.length <= 40);
}
