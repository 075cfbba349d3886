import { foldLetters, lookupForms } from './normalize.js';

/** Concept id → the words and short phrases that say it, in one language. */
export type ConceptTerms = Readonly<Record<string, readonly string[]>>;

/** One language's part of the lexicon. */
export interface LanguageTerms {
  readonly language: string;
  readonly concepts: ConceptTerms;
}

/** A concept found in a text: which, and the words it covers (start inclusive, end exclusive). */
export interface ConceptHit {
  readonly concept: string;
  readonly start: number;
  readonly end: number;
}

export interface LexiconOptions {
  /**
   * Concepts that a negation just before them takes back ("inte i fara", "no smoke"); topic
   * concepts stay (a grant not received is still about grants).
   */
  readonly negatable?: ReadonlySet<string>;
  /**
   * Concepts read only in the language of their words. Folded, words of different languages
   * meet ("rök", smoke, is "rok", a deadline in Polish and BCS; "hot", a threat in Swedish, is
   * warm in English): warning signs and the words that calm them are read in the message's own
   * language. Topic words cross over, since people mix "kommunen" and "förening" into any language.
   */
  readonly ownLanguageOnly?: ReadonlySet<string>;
  /** Languages people here mix into whatever they write (Swedish and English): their topic words are read in every message. */
  readonly shared?: readonly string[];
}

interface Pattern {
  readonly word: string;
  /** `*` in the lexicon: the word may go on ("volontär*" is "volontärer", "volontärerna"…). */
  readonly prefix: boolean;
}

interface Entry {
  readonly language: string;
  readonly concept: string;
  readonly patterns: readonly Pattern[];
}

/** A prefix shorter than this would match far too much. */
const MIN_PREFIX = 3;
/**
 * Between two words of a phrase one other word may stand ("tagit alla tabletter" for "tagit
 * tabletter"), but never a negation: "vill inte dö" is not "vill dö".
 */
const MAX_GAP = 1;
/** How many words before a concept a negation takes it back ("not really in danger"). */
const NEGATION_REACH = 2;
/** The concept whose words are negations, in every language. */
export const NEGATION = 'negation';

/**
 * Words of many languages mapped to shared concepts ("volontär", "volunteer", "متطوع",
 * "mutadawac" → `volunteer`), so what the router learns from one language carries to the
 * others, and emergency triage reads warning signs in every language it has words for.
 * A message is read with its own language's words and the shared languages' topic words; one in
 * a language the lexicon does not know is read with every language's words.
 */
export class Lexicon {
  private readonly matchers = new Map<string, Matcher>();

  private constructor(
    private readonly entries: readonly Entry[],
    private readonly options: Required<LexiconOptions>,
    /** Every concept id with at least one term. */
    readonly concepts: ReadonlySet<string>,
    private readonly languages: ReadonlySet<string>,
  ) {}

  static compile(languages: Iterable<LanguageTerms>, options: LexiconOptions = {}): Lexicon {
    const entries: Entry[] = [];
    const concepts = new Set<string>();
    const codes = new Set<string>();
    for (const { language, concepts: terms } of languages) {
      codes.add(language);
      for (const [concept, phrases] of Object.entries(terms)) {
        for (const phrase of phrases) {
          const patterns = patternsOf(phrase);
          if (patterns.length === 0) continue;
          concepts.add(concept);
          entries.push({ language, concept, patterns });
        }
      }
    }
    const settings = {
      negatable: options.negatable ?? new Set<string>(),
      ownLanguageOnly: options.ownLanguageOnly ?? new Set<string>(),
      shared: options.shared ?? [],
    };
    return new Lexicon(entries, settings, concepts, codes);
  }

  /** The concepts in a text's (folded) words, each where it stands, read as a text in `language`. */
  find(words: readonly string[], language: string): ConceptHit[] {
    const key = this.languages.has(language) ? language : '*';
    let matcher = this.matchers.get(key);
    if (!matcher) {
      matcher = new Matcher(
        this.entries.filter((entry) => this.reads(key, entry)),
        this.options.negatable,
      );
      this.matchers.set(key, matcher);
    }
    return matcher.find(words);
  }

  private reads(language: string, entry: Entry): boolean {
    if (language === '*' || entry.language === language) return true;
    const { shared, ownLanguageOnly } = this.options;
    if (!shared.includes(entry.language)) return false;
    // A Swedish message is read with English in full: people here switch to English mid-sentence.
    if (language === shared[0]) return true;
    return !ownLanguageOnly.has(entry.concept);
  }
}

/** The entries of the languages one message is read in, indexed by their first word. */
class Matcher {
  private readonly exact = new Map<string, Entry[]>();
  private readonly prefixes = new Map<string, Entry[]>();
  private readonly negations = new Set<string>();
  private longestPrefix = 0;

  constructor(
    entries: readonly Entry[],
    private readonly negatable: ReadonlySet<string>,
  ) {
    for (const entry of entries) {
      const [first] = entry.patterns as [Pattern];
      if (entry.concept === NEGATION && entry.patterns.length === 1) this.negations.add(first.word);
      const index = first.prefix ? this.prefixes : this.exact;
      const same = index.get(first.word) ?? [];
      if (!same.some((other) => other.concept === entry.concept && samePatterns(other.patterns, entry.patterns))) same.push(entry);
      index.set(first.word, same);
      if (first.prefix) this.longestPrefix = Math.max(this.longestPrefix, first.word.length);
    }
  }

  find(words: readonly string[]): ConceptHit[] {
    const hits: ConceptHit[] = [];
    const forms = words.map(lookupForms);
    for (let start = 0; start < words.length; start += 1) {
      for (const entry of this.candidates(forms[start]!)) {
        const end = this.matchRest(entry.patterns, forms, start);
        if (end !== undefined && !(this.negatable.has(entry.concept) && this.negatedBefore(words, start))) hits.push({ concept: entry.concept, start, end });
      }
    }
    return hits;
  }

  private candidates(forms: readonly string[]): Entry[] {
    const found: Entry[] = [];
    for (const form of forms) {
      found.push(...(this.exact.get(form) ?? []));
      const longest = Math.min(form.length, this.longestPrefix);
      for (let length = MIN_PREFIX; length <= longest; length += 1) found.push(...(this.prefixes.get(form.slice(0, length)) ?? []));
    }
    return found;
  }

  /** Where a phrase whose first word matched at `start` ends, or undefined when the rest does not follow. */
  private matchRest(patterns: readonly Pattern[], forms: readonly (readonly string[])[], start: number): number | undefined {
    let position = start + 1;
    for (const pattern of patterns.slice(1)) {
      let matched = false;
      for (let gap = 0; gap <= MAX_GAP && position + gap < forms.length; gap += 1) {
        if (gap > 0 && this.negations.has(forms[position + gap - 1]![0]!)) break;
        if (forms[position + gap]!.some((form) => matches(pattern, form))) {
          position += gap + 1;
          matched = true;
          break;
        }
      }
      if (!matched) return undefined;
    }
    return position;
  }

  private negatedBefore(words: readonly string[], start: number): boolean {
    for (let back = 1; back <= NEGATION_REACH && start - back >= 0; back += 1) if (this.negations.has(words[start - back]!)) return true;
    return false;
  }
}

const matches = (pattern: Pattern, form: string): boolean => (pattern.prefix ? form.startsWith(pattern.word) : form === pattern.word);

function patternsOf(phrase: string): Pattern[] {
  // Split where the text's words are split ("can't" is "can" + "t" in both), keeping the stars.
  return foldLetters(phrase.toLowerCase())
    .replace(/[^\p{L}\p{N}*]+/gu, ' ')
    .split(' ')
    .map((raw) => ({ word: raw.replace(/\*/g, ''), prefix: raw.endsWith('*') }))
    .filter(({ word, prefix }) => word.length > 0 && (!prefix || word.length >= MIN_PREFIX));
}

const samePatterns = (a: readonly Pattern[], b: readonly Pattern[]): boolean =>
  a.length === b.length && a.every((pattern, index) => pattern.word === b[index]!.word && pattern.prefix === b[index]!.prefix);
