import type { ConceptHit, Lexicon } from './lexicon.js';
import { cleanText, foldLetters, sentences } from './normalize.js';

/** One clause of a message: its words and the lexicon's concepts in them. */
export interface Clause {
  readonly words: readonly string[];
  readonly hits: readonly ConceptHit[];
  readonly concepts: ReadonlySet<string>;
  /** Which sentence it belongs to. */
  readonly sentence: number;
}

/**
 * A message's text folded once and split into sentences and clauses, with the lexicon's
 * concepts: what triage and the router both read.
 */
export interface ReadText {
  /** Cleaned, folded, one space between words. */
  readonly folded: string;
  readonly clauses: readonly Clause[];
  /** The concepts of each sentence (those of its clauses together). */
  readonly concepts: readonly ReadonlySet<string>[];
}

/** Reads a message written in `language` (a detected language code). */
export function readText(text: string, lexicon: Lexicon, language: string): ReadText {
  const unspaced = foldLetters(cleanText(text));
  const split = sentences(unspaced);
  const clauses = split.flatMap((sentence, index) =>
    sentence.map((words) => {
      const hits = lexicon.find(words, language);
      return { words, hits, concepts: new Set(hits.map((hit) => hit.concept)), sentence: index };
    }),
  );
  const concepts = split.map(() => new Set<string>());
  for (const clause of clauses) for (const concept of clause.concepts) concepts[clause.sentence]!.add(concept);
  return { folded: unspaced.replace(/\s+/g, ' '), clauses, concepts };
}
