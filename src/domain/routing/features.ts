import { newStemmer } from 'snowball-stemmers';
import { words } from './normalize.js';
import { STOPWORDS } from './stopwords.js';

/** A sparse feature vector: feature name → weight. */
export type Features = Map<string, number>;

const swedish = memoized(newStemmer('swedish'));
const english = memoized(newStemmer('english'));
const MIN_COMPOUND_PART = 3;
const DEFINITE_ENDINGS = ['et', 'en', 'n', 't', 'na', 'arna', 'erna'];

/**
 * Turns a message into features the classifier can weigh: Swedish and English word stems,
 * stem pairs, and character n-grams (which carry compounds and typos). Knowing the training
 * vocabulary, it also splits unknown compounds into known parts ("foreningsbidraget" →
 * "forening" + "bidrag") and corrects one-letter typos to known stems.
 */
export class Featurizer {
  private readonly stems = new Map<string, number>();
  private readonly deletions = new Map<string, string>();

  /** @param vocabulary texts whose stems count as known (the training examples) */
  constructor(vocabulary: Iterable<string> = []) {
    for (const text of vocabulary) for (const word of contentWords(text)) this.learn(swedish.stem(word));
  }

  extract(text: string): Features {
    const features: Features = new Map();
    const add = (name: string, weight: number) => features.set(name, (features.get(name) ?? 0) + weight);
    const stems: string[] = [];
    for (const word of contentWords(text)) {
      const stem = this.known(swedish.stem(word));
      stems.push(stem);
      add(`w:${stem}`, 1);
      const englishStem = english.stem(word);
      if (englishStem !== stem) add(`e:${englishStem}`, 0.5);
      for (const part of this.compoundParts(word)) add(`w:${part}`, 0.7);
      for (const gram of charGrams(word)) add(`c:${gram}`, 0.15);
    }
    for (let index = 1; index < stems.length; index += 1) add(`b:${stems[index - 1]}_${stems[index]}`, 0.5);
    return features;
  }

  private learn(stem: string): void {
    this.stems.set(stem, (this.stems.get(stem) ?? 0) + 1);
    if (stem.length < 5) return;
    for (let index = 0; index < stem.length; index += 1) {
      const deleted = stem.slice(0, index) + stem.slice(index + 1);
      const current = this.deletions.get(deleted);
      if (!current || (this.stems.get(current) ?? 0) < (this.stems.get(stem) ?? 0)) this.deletions.set(deleted, stem);
    }
  }

  /**
   * The stem itself when known; else a known stem under a definite or plural ending Snowball
   * leaves on ("sprakcafeet" → "sprakcafe", "bidraget" → "bidrag"); else a known stem one edit
   * away (a typo); else itself.
   */
  private known(stem: string): string {
    if (this.stems.has(stem) || stem.length < 5) return stem;
    const ending = DEFINITE_ENDINGS.find((candidate) => stem.endsWith(candidate) && this.stems.has(stem.slice(0, -candidate.length)) && stem.length - candidate.length >= 4);
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
      const headStem = [head, head.endsWith('s') ? head.slice(0, -1) : ''].map((candidate) => swedish.stem(candidate)).find((candidate) => candidate.length >= MIN_COMPOUND_PART && this.stems.has(candidate));
      if (headStem) return [headStem, tail];
    }
    return [];
  }
}

function contentWords(text: string): string[] {
  return words(text).filter((word) => word.length > 1 && !STOPWORDS.has(word) && !/^\d+$/.test(word));
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
