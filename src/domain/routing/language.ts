import { ENGLISH_MARKERS, OTHER_MARKERS, SWEDISH_MARKERS } from './stopwords.js';
import { cleanText } from './normalize.js';

/** Swedish, English, or another language (answered in both). */
export type DetectedLanguage = 'sv' | 'en' | 'other';

/**
 * Tells Swedish from English by function words and å/ä/ö. Text in another script, or with
 * neither language's words, is `other`; too little text to tell is Swedish, the default.
 */
export function detectLanguage(text: string): DetectedLanguage {
  const cleaned = cleanText(text);
  const letters = cleaned.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 'sv';
  const latin = letters.filter((letter) => /[a-zåäöéüæø]/.test(letter)).length;
  if (latin / letters.length < 0.5) return 'other';

  const tokens = cleaned.split(/[^\p{L}]+/u).filter(Boolean);
  let swedish = /[åäö]/.test(cleaned) ? 1.5 : 0;
  let english = 0;
  let other = 0;
  for (const token of tokens) {
    if (SWEDISH_MARKERS.has(token)) swedish += 1;
    if (ENGLISH_MARKERS.has(token)) english += 1;
    if (OTHER_MARKERS.has(token)) other += 1;
  }
  if (other >= 2 && other > swedish && other > english) return 'other';
  if (swedish === 0 && english === 0) return tokens.length >= 4 ? 'other' : 'sv';
  return english > swedish ? 'en' : 'sv';
}
