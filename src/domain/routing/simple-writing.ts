/**
 * Whether a message is written the way someone learning a language writes it ("Jag är ny i
 * Sverige. Jag vill prata svenska. Var finns språkcafé?"): short whole sentences, each starting
 * with a capital letter, no commas and hardly a long word. People texting in their own language
 * write short too, but loosely ("kan ja hjalpa t nar det blir storm? har motorsag o traktor"),
 * or in longer sentences with commas and compounds.
 *
 * The thresholds were chosen on the labelled files' easy Swedish against their other Swedish
 * (`npm run eval:routing` prints how it does on a file); Lotsen only offers easy Swedish on it,
 * so a native writer who happens to match is offered a choice, not given one.
 */
export function writesSimply(text: string): boolean {
  const sentences = text
    .split(/[.!?]+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
  if (sentences.length < 2 || text.includes(',')) return false;
  const words = text.match(/\p{L}+/gu) ?? [];
  const wordsPerSentence = words.length / sentences.length;
  const longWords = words.filter((word) => word.length >= LONG_WORD).length;
  const wholeSentences = sentences.every((sentence) => !/^\p{Ll}/u.test(sentence));
  const shortSentences = wordsPerSentence <= (sentences.length >= 3 ? MAX_WORDS_PER_SENTENCE : MAX_WORDS_IN_TWO_SENTENCES);
  return wholeSentences && shortSentences && longWords <= MAX_LONG_WORDS;
}

/** A word this long is a compound or a formal word ("verksamhetsstöd"). */
const LONG_WORD = 10;
const MAX_LONG_WORDS = 1;
/** Words per sentence on average, in a message of three sentences or more… */
const MAX_WORDS_PER_SENTENCE = 7;
/** …and in one of two sentences, which natives write short more often. */
const MAX_WORDS_IN_TWO_SENTENCES = 6;
