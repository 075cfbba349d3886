import { newStemmer } from 'snowball-stemmers';
import type { DetectedLanguage } from './language.js';
import { NEGATION, type ConceptHit } from './lexicon.js';
import type { ReadText } from './read-text.js';
import { STOPWORDS } from './stopwords.js';

/** A sparse feature vector: feature name → weight. */
export type Features = Map<string, number>;

const swedish = memoized(newStemmer('swedish'));
const english = memoized(newStemmer('english'));
/** Snowball stemmers for the other languages that have one, by Lotsen's language code. */
const OTHER_STEMMERS: ReadonlyMap<string, { stem(word: string): string }> = new Map(
  Object.entries({ fi: 'finnish', ru: 'russian', es: 'spanish', tr: 'turkish', ar: 'arabic', de: 'german', fr: 'french' }).map(([code, algorithm]) => [
    code,
    memoized(newStemmer(algorithm)),
  ]),
);
const MIN_COMPOUND_PART = 3;
/** Words whose features are remembered (a bounded number: a message can be anything). */
const WORD_CACHE = 100_000;

/** One feature of a word, and how much it counts. */
export interface WordFeature {
  readonly name: string;
  readonly weight: number;
}

/** Where `Featurizer.visit` puts a message's features. */
export interface FeatureSink {
  feature(name: string, weight: number): void;
  /** A word's features (`key` names the word in its language), all times `weight`. */
  word(features: readonly WordFeature[], key: string, weight: number): void;
}
const DEFINITE_ENDINGS = ['et', 'en', 'n', 't', 'na', 'arna', 'erna'];
/** A concept said again and again counts for a little more, not for ever more. */
const MAX_CONCEPT_WEIGHT = 2;

/** How much each kind of feature counts, against a word's own stem at 1. */
const WEIGHT = { concept: 1, english: 0.5, own: 0.7, compound: 0.7, gram: 0.15, bigram: 0.5 } as const;

/**
 * How much a clause counts. People who ask two things mark the one that matters ("…but mainly
 * the grant", "men först…"), and then the rest matters less, or the one that does not ("side
 * note", "helt orelaterat"); the lexicon's `main` and `aside` concepts find those marks in any
 * language it has words for.
 */
export const CLAUSE_WEIGHT = { main: 1.5, besideMain: 0.6, aside: 0.35, plain: 1 } as const;

/**
 * Turns a message into features the classifier can weigh: the concepts of the lexicon (shared
 * by every language), word stems (Swedish and English, and the message's own language when
 * Snowball has a stemmer for it), stem pairs, and character n-grams (which carry compounds,
 * inflection and typos in any script). Knowing the training vocabulary, it also splits unknown
 * compounds into known parts ("foreningsbidraget" → "forening" + "bidrag") and corrects
 * one-letter typos to known stems.
 */
export class Featurizer {
  private readonly deletions = new Map<string, string>();

  /** What each word of a language contributes, worked out once: people reuse words. */
  private readonly wordFeatures = new Map<string, readonly WordFeature[]>();

  /** @param vocabulary the training examples, already read: their stems count as known */
  static learnedFrom(vocabulary: Iterable<ReadText>): Featurizer {
    const stems = new Map<string, number>();
    for (const read of vocabulary)
      for (const clause of read.clauses) for (const word of contentWords(clause.words)) stems.set(swedish.stem(word), (stems.get(swedish.stem(word)) ?? 0) + 1);
    return new Featurizer(stems);
  }

  /** A featurizer that knows the stems a stored model was trained with, each with how often it was seen. */
  static knowing(stems: Iterable<readonly [string, number]>): Featurizer {
    return new Featurizer(new Map(stems));
  }

  private constructor(private readonly stems: ReadonlyMap<string, number>) {
    // A typo is one letter off: index every known stem with each letter left out, the commoner stem winning.
    for (const [stem, count] of stems) {
      if (stem.length < 5) continue;
      for (let index = 0; index < stem.length; index += 1) {
        const deleted = stem.slice(0, index) + stem.slice(index + 1);
        const current = this.deletions.get(deleted);
        if (current === undefined || stems.get(current)! < count || (stems.get(current)! === count && stem < current)) this.deletions.set(deleted, stem);
      }
    }
  }

  /** The known stems and how often each was seen, to be stored with a model. */
  knownStems(): [string, number][] {
    return [...this.stems];
  }

  /** The features of a message already read (folded, split, its concepts found). */
  extract(read: ReadText, language: DetectedLanguage): Features {
    const features: Features = new Map();
    const add = (name: string, weight: number) => features.set(name, (features.get(name) ?? 0) + weight);
    this.visit(read, language, {
      feature: add,
      word: (wordFeatures, _key, weight) => {
        for (const feature of wordFeatures) add(feature.name, feature.weight * weight);
      },
    });
    return features;
  }

  /**
   * Walks a message's features: each word's features together (so a caller can keep what a
   * word adds up to, once per word), and the rest one by one, each with its weight.
   */
  visit(read: ReadText, language: DetectedLanguage, sink: FeatureSink): void {
    const roles = clauseRoles(read);
    // A main question said in full ("men främst vill vi söka bidrag för hyran") makes the rest
    // matter less; a short one ("mostly the reading thing") points back at the rest instead.
    const hasMain = read.clauses.some((clause, index) => roles[index] === 'main' && contentWords(clause.words).length >= FULL_CLAUSE);
    const concepts = new Map<string, number>();
    read.clauses.forEach(({ words, hits }, index) => {
      const role = roles[index]!;
      const weight = role === 'main' ? CLAUSE_WEIGHT.main : role === 'aside' ? CLAUSE_WEIGHT.aside : hasMain ? CLAUSE_WEIGHT.besideMain : CLAUSE_WEIGHT.plain;
      // "inte priset, utan pengarna": what a negation denies is not what the message is about.
      const denied = deniedWords(words, hits);
      for (const hit of hits) if (!denied.has(hit.start)) concepts.set(hit.concept, (concepts.get(hit.concept) ?? 0) + WEIGHT.concept * weight);
      let previous: string | undefined;
      for (const word of contentWords(words.filter((_, at) => !denied.has(at)))) {
        const wordFeatures = this.featuresOf(word, language);
        sink.word(wordFeatures, `${language}:${word}`, weight);
        const stem = wordFeatures[0]!.name.slice(2);
        if (previous) sink.feature(`b:${previous}_${stem}`, WEIGHT.bigram * weight);
        previous = stem;
      }
    });
    for (const [concept, value] of concepts) sink.feature(`k:${concept}`, Math.min(value, MAX_CONCEPT_WEIGHT));
  }

  /** A word's features, its known stem first. */
  private featuresOf(word: string, language: DetectedLanguage): readonly WordFeature[] {
    const key = `${language}:${word}`;
    let found = this.wordFeatures.get(key);
    if (!found) {
      const stem = this.known(swedish.stem(word));
      const englishStem = english.stem(word);
      const ownStemmer = OTHER_STEMMERS.get(language);
      found = [
        { name: `w:${stem}`, weight: 1 },
        ...(englishStem !== stem ? [{ name: `e:${englishStem}`, weight: WEIGHT.english }] : []),
        ...(ownStemmer ? [{ name: `x:${ownStemmer.stem(word)}`, weight: WEIGHT.own }] : []),
        ...this.compoundParts(word).map((part) => ({ name: `w:${part}`, weight: WEIGHT.compound })),
        ...charGrams(word).map((gram) => ({ name: `c:${gram}`, weight: WEIGHT.gram })),
      ];
      if (this.wordFeatures.size >= WORD_CACHE) this.wordFeatures.clear();
      this.wordFeatures.set(key, found);
    }
    return found;
  }

  /**
   * The stem itself when known; else a known stem under a definite or plural ending Snowball
   * leaves on ("sprakcafeet" → "sprakcafe", "bidraget" → "bidrag"); else a known stem one edit
   * away (a typo); else itself.
   */
  private known(stem: string): string {
    if (this.stems.has(stem) || stem.length < 5) return stem;
    const ending = DEFINITE_ENDINGS.find(
      (candidate) => stem.endsWith(candidate) && this.stems.has(stem.slice(0, -candidate.length)) && stem.length - candidate.length >= 4,
    );
    if (ending) return stem.slice(0, -ending.length);
    const byInsertion = this.deletions.get(stem);
    if (byInsertion) return byInsertion;
    for (let index = 0; index < stem.length; index += 1) {
      const deleted = stem.slice(0, index) + stem.slice(index + 1);
      if (this.stems.has(deleted) && deleted.length >= 5) return deleted;
      const replaced = this.deletions.get(deleted);
      if (replaced) return replaced;
    }
    return stem;
  }

  /** Known parts of an unknown compound, joined directly or with a linking -s-. */
  private compoundParts(word: string): string[] {
    if (word.length < 2 * MIN_COMPOUND_PART + 1 || this.stems.has(swedish.stem(word))) return [];
    for (let split = word.length - MIN_COMPOUND_PART; split >= MIN_COMPOUND_PART; split -= 1) {
      const head = word.slice(0, split);
      const tail = swedish.stem(word.slice(split));
      if (!this.stems.has(tail) || tail.length < MIN_COMPOUND_PART) continue;
      const headStem = [head, head.endsWith('s') ? head.slice(0, -1) : '']
        .map((candidate) => swedish.stem(candidate))
        .find((candidate) => candidate.length >= MIN_COMPOUND_PART && this.stems.has(candidate));
      if (headStem) return [headStem, tail];
    }
    return [];
  }
}

type ClauseRole = 'main' | 'aside' | 'plain';

/**
 * Whether each clause is the main question, an aside, or neither. A cue said on its own passes
 * to what it points at: "Först: kan jag…" and "Sedan, mindre viktigt, när…" to the rest of the
 * sentence, "Det är det viktigaste." to the sentence before.
 */
function clauseRoles(read: ReadText): ClauseRole[] {
  const roleOf = (concepts: ReadonlySet<string>): ClauseRole => (concepts.has('main') ? 'main' : concepts.has('aside') ? 'aside' : 'plain');
  const roles = read.clauses.map((clause) => roleOf(clause.concepts));
  read.clauses.forEach((clause, index) => {
    if (roles[index] === 'plain' || !cueOnly(clause.words, clause.hits)) return;
    const sameSentence = read.clauses.map((other, at) => ({ other, at })).filter(({ other, at }) => other.sentence === clause.sentence && at !== index);
    const later = sameSentence.filter(({ at }) => at > index);
    const targets =
      later.length > 0
        ? later
        : sameSentence.length === 0 && clause.sentence > 0
          ? read.clauses.map((other, at) => ({ other, at })).filter(({ other }) => other.sentence === clause.sentence - 1)
          : [];
    for (const { at } of targets) if (roles[at] === 'plain') roles[at] = roles[index]!;
  });
  return roles;
}

/** A clause that only says "this matters most" or "by the way", and nothing of its own. */
function cueOnly(words: readonly string[], hits: readonly ConceptHit[]): boolean {
  const cue = new Set(
    hits
      .filter((hit) => hit.concept === 'main' || hit.concept === 'aside')
      .flatMap((hit) => Array.from({ length: hit.end - hit.start }, (_, offset) => hit.start + offset)),
  );
  return words.every((word, at) => cue.has(at) || STOPWORDS.has(word) || word.length <= 1);
}

/** Content words a clause needs to say its question in full. */
const FULL_CLAUSE = 4;

/** How many words after a negation it denies. */
const NEGATION_SCOPE = 2;

/** Positions of the words a negation in the clause denies. */
function deniedWords(words: readonly string[], hits: readonly ConceptHit[]): Set<number> {
  const denied = new Set<number>();
  for (const hit of hits) {
    if (hit.concept !== NEGATION) continue;
    let counted = 0;
    for (let at = hit.end; at < words.length && counted < NEGATION_SCOPE; at += 1) {
      if (STOPWORDS.has(words[at]!)) continue;
      denied.add(at);
      counted += 1;
    }
  }
  return denied;
}

function contentWords(words: readonly string[]): string[] {
  return words.filter((word) => word.length > 1 && !STOPWORDS.has(word) && !/^\d+$/.test(word));
}

function charGrams(word: string): string[] {
  const padded = `^${word}$`;
  const grams: string[] = [];
  for (let size = 3; size <= 5; size += 1) for (let start = 0; start + size <= padded.length; start += 1) grams.push(padded.slice(start, start + size));
  return grams;
}

/** Snowball stemming is the slow part; people reuse words, so remember (a bounded number of) stems. */
function memoized(stemmer: { stem(word: string): string }, limit = 50_000): { stem(word: string): string } {
  const cache = new Map<string, string>();
  return {
    stem(word) {
      let stem = cache.get(word);
      if (stem === undefined) {
        if (cache.size >= limit) cache.clear();
        stem = stemmer.stem(word);
        cache.set(word, stem);
      }
      return stem;
    },
  };
}
