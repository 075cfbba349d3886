import { detectLanguage } from './language.js';
import type { Lexicon } from './lexicon.js';
import { readText, type ReadText } from './read-text.js';
import { patternKinds, type EmergencyKind } from './triage-patterns.js';
import { CALM_CONCEPTS, warningSigns } from './warning-signs.js';

export type { EmergencyKind } from './triage-patterns.js';

export interface TriageResult {
  readonly emergency: boolean;
  readonly kinds: readonly EmergencyKind[];
}

/**
 * Emergency triage by rules, before any routing: Swedish and English patterns tuned on what
 * people write, and warning signs read from the lexicon's concepts in every language it has
 * words for. A miss costs more than a false alarm, but a false alarm sends someone with a grant
 * question to 112, so calm messages (the past, an organisation's work, "not urgent") stay calm.
 */
export class Triage {
  constructor(private readonly lexicon: Lexicon) {}

  assess(text: string, language: string = detectLanguage(text)): TriageResult {
    return this.assessRead(readText(text, this.lexicon, language));
  }

  assessRead(read: ReadText): TriageResult {
    // The patterns do not know the past or the calm words of a message; the lexicon does.
    const calm = read.clauses.some((clause) => [...clause.concepts].some((concept) => CALM_CONCEPTS.has(concept)));
    const kinds = new Set([...(calm ? [] : patternKinds(read.folded)), ...warningSigns(read.clauses)]);
    return { emergency: kinds.size > 0, kinds: [...kinds] };
  }
}
