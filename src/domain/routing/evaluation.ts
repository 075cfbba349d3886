import { EMERGENCY_ROUTE } from '../catalog/schema.js';
import type { LanguagePack } from './language-pack.js';
import { Router, type LabelledText, type RouterOptions } from './router.js';

export interface Misrouted {
  readonly text: string;
  readonly expected: string;
  readonly predicted: string;
  readonly confidence: number;
  /** Lotsen would have asked with buttons rather than sent the person on. */
  readonly asked: boolean;
  readonly kind?: string;
  readonly lang?: string;
}

/** Accuracy within one group of messages (a kind such as `indirect`, or a language). */
export interface GroupScore {
  readonly group: string;
  readonly total: number;
  readonly correct: number;
  readonly accuracy: number;
}

export interface Evaluation {
  readonly total: number;
  readonly accuracy: number;
  /** Share of emergencies routed to `akut`. */
  readonly akutRecall: number;
  readonly akutCaught: number;
  readonly akutTotal: number;
  /** Messages that are not emergencies but were answered as one, and their share of all non-emergencies. */
  readonly falseAkut: number;
  readonly falseAkutRate: number;
  /** Share of all messages routed wrong without asking first. */
  readonly confidentlyWrongRate: number;
  /** Accuracy per `kind` and per language group, when the labelled file names them. */
  readonly byKind: readonly GroupScore[];
  readonly byLanguage: readonly GroupScore[];
  /** Share of messages the router would ask about instead of routing. */
  readonly clarifyRate: number;
  /** Accuracy on the messages it routes without asking. */
  readonly confidentAccuracy: number;
  /** Wrong routes taken without asking: the errors a person would feel. */
  readonly confidentErrors: number;
  readonly perRoute: readonly { route: string; precision: number; recall: number; support: number }[];
  readonly confusion: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly misrouted: readonly Misrouted[];
  /** Expected calibration error over 10 confidence bins (0 = perfectly calibrated). */
  readonly calibrationError: number;
}

interface Outcome {
  readonly sample: LabelledText;
  readonly predicted: string;
  readonly confidence: number;
  readonly clarify: boolean;
}

export function evaluate(router: Router, samples: readonly LabelledText[]): Evaluation {
  return summarise(
    samples.map((sample) => {
      const decision = router.route(sample.text);
      return { sample, predicted: decision.route, confidence: decision.confidence, clarify: decision.needsClarification };
    }),
  );
}

/**
 * k-fold cross-validation: each fold of `labelled` is routed by a router trained on the catalog's
 * texts plus the other folds, so every message is judged by a model that never saw it.
 */
export function crossValidate(
  catalogTexts: readonly LabelledText[],
  labelled: readonly LabelledText[],
  folds: number,
  fallbackRoute: string,
  languages: readonly LanguagePack[],
  options: RouterOptions = {},
): Evaluation {
  const shuffled = deterministicShuffle(labelled);
  const outcomes: Outcome[] = [];
  for (let fold = 0; fold < folds; fold += 1) {
    const test = shuffled.filter((_, index) => index % folds === fold);
    const train = shuffled.filter((_, index) => index % folds !== fold);
    const router = Router.train([...catalogTexts, ...train], fallbackRoute, languages, options);
    for (const sample of test) {
      const decision = router.route(sample.text);
      outcomes.push({ sample, predicted: decision.route, confidence: decision.confidence, clarify: decision.needsClarification });
    }
  }
  return summarise(outcomes);
}

function summarise(outcomes: readonly Outcome[]): Evaluation {
  const routes = [...new Set(outcomes.flatMap((outcome) => [outcome.sample.route, outcome.predicted]))].sort();
  const confusion = new Map(routes.map((route) => [route, new Map<string, number>()]));
  for (const { sample, predicted } of outcomes) {
    const row = confusion.get(sample.route)!;
    row.set(predicted, (row.get(predicted) ?? 0) + 1);
  }
  const count = (predicate: (outcome: Outcome) => boolean) => outcomes.filter(predicate).length;
  const ratio = (numerator: number, denominator: number) => (denominator === 0 ? 1 : numerator / denominator);
  const correct = (outcome: Outcome) => outcome.predicted === outcome.sample.route;
  const perRoute = routes.map((route) => {
    const truePositives = count((outcome) => outcome.sample.route === route && correct(outcome));
    return {
      route,
      precision: ratio(
        truePositives,
        count((outcome) => outcome.predicted === route),
      ),
      recall: ratio(
        truePositives,
        count((outcome) => outcome.sample.route === route),
      ),
      support: count((outcome) => outcome.sample.route === route),
    };
  });
  const confident = outcomes.filter((outcome) => !outcome.clarify);
  const akutTotal = count((outcome) => outcome.sample.route === EMERGENCY_ROUTE);
  const akutCaught = count((outcome) => outcome.sample.route === EMERGENCY_ROUTE && correct(outcome));
  const falseAkut = count((outcome) => outcome.sample.route !== EMERGENCY_ROUTE && outcome.predicted === EMERGENCY_ROUTE);
  return {
    total: outcomes.length,
    accuracy: ratio(count(correct), outcomes.length),
    akutRecall: ratio(akutCaught, akutTotal),
    akutCaught,
    akutTotal,
    falseAkut,
    falseAkutRate: outcomes.length === akutTotal ? 0 : falseAkut / (outcomes.length - akutTotal),
    confidentlyWrongRate: outcomes.length === 0 ? 0 : confident.filter((outcome) => !correct(outcome)).length / outcomes.length,
    byKind: groupScores(outcomes, (sample) => sample.kind),
    byLanguage: groupScores(outcomes, languageGroup),
    clarifyRate: ratio(
      count((outcome) => outcome.clarify),
      outcomes.length,
    ),
    confidentAccuracy: ratio(confident.filter(correct).length, confident.length),
    confidentErrors: confident.filter((outcome) => !correct(outcome)).length,
    perRoute,
    confusion,
    misrouted: outcomes
      .filter((outcome) => !correct(outcome))
      .map(({ sample, predicted, confidence, clarify }) => ({
        text: sample.text,
        expected: sample.route,
        predicted,
        confidence,
        asked: clarify,
        kind: sample.kind,
        lang: sample.langName ?? sample.lang,
      })),
    calibrationError: calibrationError(outcomes),
  };
}

/** The language groups results are reported in: sv, sv-easy, en, and every other language together ("other"), and each by name. */
function languageGroup(sample: LabelledText): string[] {
  if (!sample.lang) return [];
  return sample.lang === 'other' ? ['other', `other: ${sample.langName ?? '?'}`] : [sample.lang];
}

function groupScores(outcomes: readonly Outcome[], groupsOf: (sample: LabelledText) => string | readonly string[] | undefined): GroupScore[] {
  const scores = new Map<string, { total: number; correct: number }>();
  for (const outcome of outcomes) {
    const groups = groupsOf(outcome.sample) ?? [];
    for (const group of typeof groups === 'string' ? [groups] : groups) {
      const score = scores.get(group) ?? { total: 0, correct: 0 };
      score.total += 1;
      score.correct += outcome.predicted === outcome.sample.route ? 1 : 0;
      scores.set(group, score);
    }
  }
  return [...scores]
    .map(([group, { total, correct }]) => ({ group, total, correct, accuracy: correct / total }))
    .sort((a, b) => Number(a.group.startsWith('other: ')) - Number(b.group.startsWith('other: ')) || a.group.localeCompare(b.group));
}

function calibrationError(outcomes: readonly Outcome[]): number {
  const bins = Array.from({ length: 10 }, () => ({ count: 0, confidence: 0, correct: 0 }));
  for (const outcome of outcomes) {
    const bin = bins[Math.min(9, Math.floor(outcome.confidence * 10))]!;
    bin.count += 1;
    bin.confidence += outcome.confidence;
    bin.correct += outcome.predicted === outcome.sample.route ? 1 : 0;
  }
  return bins.reduce(
    (sum, bin) => sum + (bin.count === 0 ? 0 : (bin.count / outcomes.length) * Math.abs(bin.correct / bin.count - bin.confidence / bin.count)),
    0,
  );
}

function deterministicShuffle<T>(items: readonly T[]): T[] {
  let state = 42;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** A plain-text report: headline numbers, per-route precision/recall, confusion table, misrouted messages. */
export function formatEvaluation(title: string, evaluation: Evaluation): string {
  const routes = [...evaluation.confusion.keys()];
  const short = (route: string) => route.replace(/^bidrag\./, 'b.').replace(/^volontar\./, 'v.');
  const groupLines = (name: string, scores: readonly GroupScore[]) =>
    scores.length === 0
      ? []
      : [
          `${name.padEnd(42)}${'accuracy'.padStart(10)}${'right'.padStart(8)}`,
          ...scores.map((score) => `${score.group.padEnd(42)}${percent(score.accuracy).padStart(10)}${`${score.correct}/${score.total}`.padStart(8)}`),
          '',
        ];
  const lines = [
    `== ${title}`,
    `messages ${evaluation.total}   accuracy ${percent(evaluation.accuracy)}   akut caught ${evaluation.akutCaught}/${evaluation.akutTotal}   false akut ${evaluation.falseAkut} (${percent(evaluation.falseAkutRate)} of the others)`,
    `confidently wrong ${evaluation.confidentErrors} (${percent(evaluation.confidentlyWrongRate)})   asks instead ${percent(evaluation.clarifyRate)}   accuracy when not asking ${percent(evaluation.confidentAccuracy)}   calibration error ${evaluation.calibrationError.toFixed(3)}`,
    '',
    ...groupLines('kind', evaluation.byKind),
    ...groupLines('language', evaluation.byLanguage),
    `${'route'.padEnd(26)}${'precision'.padStart(10)}${'recall'.padStart(8)}${'n'.padStart(5)}`,
    ...evaluation.perRoute.map(
      (row) => `${row.route.padEnd(26)}${percent(row.precision).padStart(10)}${percent(row.recall).padStart(8)}${String(row.support).padStart(5)}`,
    ),
    '',
    `confusion (rows: expected, columns: predicted)`,
    `${''.padEnd(20)}${routes.map((route) => short(route).slice(0, 9).padStart(10)).join('')}`,
    ...routes.map(
      (expected) =>
        `${short(expected).padEnd(20)}${routes.map((predicted) => String(evaluation.confusion.get(expected)?.get(predicted) ?? '.').padStart(10)).join('')}`,
    ),
    '',
    `misrouted (${evaluation.misrouted.length})`,
    ...evaluation.misrouted.map(
      (miss) =>
        `  ${miss.expected} → ${miss.predicted} (${miss.confidence.toFixed(2)}${miss.asked ? ', asks' : ''})${miss.kind || miss.lang ? ` [${[miss.kind, miss.lang].filter(Boolean).join(', ')}]` : ''}: ${miss.text}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
