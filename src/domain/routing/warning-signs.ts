import type { EmergencyKind } from './triage-patterns.js';

/** A body failing now: enough on its own, even when the person says "it's nothing", even in a message about something else. */
const BODY_FAILING = ['acute', 'not-breathing', 'unconscious'] as const;
/** Acute too, but also the subject of prevention work and courses ("vi jobbar med att förebygga drunkning"). */
const ACCIDENT = ['overdose', 'drowning'] as const;
/** Warning signs of suicide that people write instead of the word: two together, or one "tonight". */
const SUICIDE_SIGNS = ['want-end', 'farewell', 'giving-away', 'finality', 'pills', 'pills-gathered'] as const;
/** What makes a sign urgent: time words ("now", "tonight", "an hour ago") and cries for help. */
const URGENT = ['now', 'help-cry'] as const;

/** Concepts of danger: a negation just before one takes it back ("ingen rök", "not bleeding"). */
export const DANGER_CONCEPTS: ReadonlySet<string> = new Set([
  'acute',
  'not-breathing',
  'unconscious',
  'fallen',
  'bleeding',
  'overdose',
  'pills',
  'stroke-heart',
  'drowning',
  'ice',
  'fire',
  'suicide',
  'want-end',
  'farewell',
  'giving-away',
  'finality',
  'violence',
  'weapon',
  'threat',
  'locked-in',
  'alone',
  'hazard',
  'missing',
  'now',
  'help-cry',
  'afraid',
  'no-response',
  'unreachable',
  'edge',
  'pills-gathered',
]);

/**
 * Warning signs proper: what makes a message worth answering with 112 when the classifier also
 * thinks so. Time words, a child, a place or fear alone are context, not signs.
 */
export const SIGN_CONCEPTS: ReadonlySet<string> = new Set(
  [...DANGER_CONCEPTS].filter((concept) => !['now', 'child', 'alone', 'hazard', 'ice', 'afraid', 'pills'].includes(concept)),
);

/** Concepts that tell a message is not about danger now. */
export const CALM_CONCEPTS: ReadonlySet<string> = new Set(['past', 'resolved', 'not-urgent', 'not-in-danger', 'hypothetical', 'organisation']);

/** Concepts read only in the message's own language (see `LexiconOptions.ownLanguageOnly`). */
export const OWN_LANGUAGE_CONCEPTS: ReadonlySet<string> = new Set([...DANGER_CONCEPTS, ...CALM_CONCEPTS, 'negation', 'main', 'aside']);

const hasAny = (concepts: ReadonlySet<string>, ids: readonly string[]): boolean => ids.some((id) => concepts.has(id));
const countOf = (concepts: ReadonlySet<string>, ids: readonly string[]): number => ids.filter((id) => concepts.has(id)).length;

/** Sentences that say the danger is over ("hittades", "nu är det släckt"). */
function sentencesOver(clauses: readonly ClauseConcepts[]): Set<number> {
  return new Set(clauses.filter((clause) => clause.concepts.has('resolved')).map((clause) => clause.sentence));
}

/** The clauses that may speak of danger now: not about the past or a hypothetical (unless also "now"), not in a sentence that says it is over. */
export function liveClauses<Clause extends ClauseConcepts>(clauses: readonly Clause[]): Clause[] {
  const over = sentencesOver(clauses);
  return clauses.filter(({ concepts, sentence }) => !over.has(sentence) && !((concepts.has('past') || concepts.has('hypothetical')) && !concepts.has('now')));
}

/** One clause of a message as triage reads it: its concepts, and which sentence it is in. */
export interface ClauseConcepts {
  readonly concepts: ReadonlySet<string>;
  readonly sentence: number;
}

/** Words of a message that speak of an organisation's work or an application, not of a person in danger. */
const ORGANISATIONAL = ['organisation', 'association', 'grant', 'award', 'apply', 'course', 'event', 'idea'] as const;

/**
 * Reads acute danger from concepts, in any language the lexicon has words for: the signs
 * themselves ("not breathing", "a knife", "smoke") and the combinations that make an indirect
 * message acute (a farewell letter and gathered pills; a child, alone, by the water; dementia and
 * missing). A clause about the past or a hypothetical, and a sentence that says the danger is
 * over, do not count; a message about an organisation's work or one that says it is not urgent
 * counts only where the danger is said to be happening now.
 */
export function warningSigns(clauses: readonly ClauseConcepts[]): EmergencyKind[] {
  const message = new Set(clauses.flatMap((clause) => [...clause.concepts]));
  const saysCalm = message.has('not-urgent') || message.has('not-in-danger');
  const organisational = hasAny(message, ORGANISATIONAL);
  const kinds = new Set<EmergencyKind>();
  const live = liveClauses(clauses);
  // Who is in danger is often said once, sentences before what happened ("Pappa har demens. … Han är inte hemma.").
  const liveMessage = new Set(live.flatMap((clause) => [...clause.concepts]));
  for (const { concepts, sentence } of live) {
    // Signs that belong together are often written in short sentences one after another.
    const near = new Set(live.filter((other) => Math.abs(other.sentence - sentence) <= 1).flatMap((other) => [...other.concepts]));
    const urgentHere = hasAny(concepts, URGENT);
    const urgentNear = hasAny(near, URGENT);
    const quiet = (organisational || saysCalm) && !urgentHere;

    if (hasAny(concepts, BODY_FAILING)) kinds.add('medical');
    if (hasAny(concepts, ACCIDENT) && (!organisational || urgentHere)) kinds.add('medical');
    if (quiet) continue;
    if (concepts.has('fallen') && (near.has('unconscious') || near.has('bleeding') || urgentNear)) kinds.add('medical');
    if (concepts.has('bleeding') && (urgentNear || near.has('violence') || near.has('fallen') || near.has('child'))) kinds.add('medical');
    // "Stroke" and "the ice" are also what carers and skaters write about; the sign or the accident makes them acute.
    if (concepts.has('stroke-heart') && (urgentNear || near.has('fallen') || near.has('unconscious'))) kinds.add('medical');
    if (
      concepts.has('ice') &&
      (near.has('drowning') || near.has('help-cry') || near.has('fallen') || near.has('alone') || hasAny(near, SUICIDE_SIGNS) || near.has('suicide'))
    )
      kinds.add('medical');
    if (concepts.has('fire')) kinds.add('fire');
    if (concepts.has('suicide')) kinds.add('suicide');
    // Standing at a railing, on a roof or a ledge: said instead of what the person is thinking of.
    if (concepts.has('edge')) kinds.add('suicide');
    // Nobody has seen someone for days (the door not opened, the newspapers left): they may be lying hurt.
    if (concepts.has('no-response')) kinds.add('medical');
    if (concepts.has('unreachable') && (hasAny(near, SUICIDE_SIGNS) || near.has('suicide') || near.has('missing'))) kinds.add('suicide');
    const signs = countOf(near, SUICIDE_SIGNS);
    // Pills are every carer's daily business: they count only beside another sign.
    if (hasAny(concepts, SUICIDE_SIGNS) && (signs >= 2 || (signs === 1 && urgentNear && !near.has('pills')))) kinds.add('suicide');
    if ((concepts.has('violence') || concepts.has('threat')) && (urgentNear || near.has('weapon') || near.has('locked-in') || near.has('afraid')))
      kinds.add('violence');
    // Hit and threatened at once ("han slår mig och hotar att döda mig"): happening, not remembered.
    if (concepts.has('violence') && near.has('threat')) kinds.add('violence');
    if (concepts.has('weapon') && (near.has('threat') || near.has('violence') || near.has('locked-in') || near.has('afraid') || near.has('help-cry')))
      kinds.add('violence');
    const sentenceConcepts = new Set(live.filter((other) => other.sentence === sentence).flatMap((other) => [...other.concepts]));
    if (
      concepts.has('child') &&
      (sentenceConcepts.has('alone') || sentenceConcepts.has('drowning') || (near.has('hazard') && (urgentNear || near.has('afraid'))))
    )
      kinds.add('child');
    if (concepts.has('missing') && liveMessage.has('child') && (urgentNear || near.has('afraid') || near.has('help-cry') || sentenceConcepts.has('child')))
      kinds.add('child');
    if (concepts.has('missing') && liveMessage.has('dementia')) kinds.add('missing');
  }
  return [...kinds];
}
