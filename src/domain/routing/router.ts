import { contactCentreRoute, EMERGENCY_ROUTE, type Catalog, type PhrasesByLanguage } from '../catalog/schema.js';
import { Featurizer } from './features.js';
import { detectLanguage, guessLanguage, type DetectedLanguage } from './language.js';
import { lexiconOf, type LanguagePack } from './language-pack.js';
import type { Lexicon } from './lexicon.js';
import { readText, type ReadText } from './read-text.js';
import { SoftmaxClassifier, type ClassifierModel, type TrainingOptions } from './softmax-classifier.js';
import { Triage, type EmergencyKind, type TriageResult } from './triage.js';
import { liveClauses, SIGN_CONCEPTS } from './warning-signs.js';

export interface RouteScore {
  readonly route: string;
  readonly confidence: number;
}

export interface RouteDecision extends RouteScore {
  readonly language: DetectedLanguage;
  /** What else the message may be written in, when its language is unsure (see `guessLanguage`). */
  readonly languageAlternatives: readonly DetectedLanguage[];
  /** Non-empty when the message describes acute danger: the route is then `akut`. */
  readonly emergency: readonly EmergencyKind[];
  /** Every route but `akut`, likeliest first (the decision's own route included, unless it is `akut`). */
  readonly ranking: readonly RouteScore[];
  /** Too unsure to route: ask one question with the likeliest routes instead of guessing. */
  readonly needsClarification: boolean;
  /** So unsure that no route is worth naming ("kan ni hjälpa oss?"): offer the areas instead. */
  readonly vague: boolean;
  /** The lexicon's concepts in the message (as `conceptsOf` finds them). */
  readonly concepts: ReadonlySet<string>;
}

/** The concepts of every clause of a read text. */
const conceptsIn = (read: ReadText): ReadonlySet<string> => new Set(read.clauses.flatMap((clause) => [...clause.concepts]));

export interface LabelledText {
  readonly text: string;
  readonly route: string;
  /** What sort of message it is (plain, typo, long, indirect, mixed, boundary), when known. */
  readonly kind?: string;
  /** sv, sv-easy, en or other, when known; `langName` names the other language. */
  readonly lang?: string;
  readonly langName?: string;
  /** The catalog language the text is written in, when known (else it is detected). */
  readonly language?: string;
}

export interface RouterOptions extends TrainingOptions {
  /** Below this confidence Lotsen asks instead of routing. */
  readonly clarifyBelow?: number;
  /**
   * The fallback route (the contact centre) wins vague messages ("can you help us?") by
   * default; it must be this sure before Lotsen sends someone there without asking.
   */
  readonly clarifyFallbackBelow?: number;
  /** Below this confidence (or when the likeliest is the contact centre's and Lotsen is unsure) no route is worth naming. */
  readonly vagueBelow?: number;
  /**
   * The classifier's probability of `akut` from which a message is answered as an emergency,
   * when it also has a warning sign the lexicon knows; without one, the classifier must be this
   * sure on its own (`emergencyWithoutSignsFrom`).
   */
  readonly emergencyFrom?: number;
  readonly emergencyWithoutSignsFrom?: number;
  /** Softens over-confident route confidences (fitted on held-out messages, see eval:routing). */
  readonly temperature?: number;
}

export const DEFAULT_ROUTER_OPTIONS = {
  clarifyBelow: 0.7,
  clarifyFallbackBelow: 0.85,
  vagueBelow: 0.35,
  emergencyFrom: 0.6,
  emergencyWithoutSignsFrom: 0.8,
  temperature: 1.5,
} as const;
type Settings = Required<Pick<RouterOptions, keyof typeof DEFAULT_ROUTER_OPTIONS>>;

/**
 * Raised whenever what the router computes from a text changes (features, lexicon rules), so a
 * stored model made by older code is never used with newer code.
 */
export const ROUTER_MODEL_FORMAT = 1;

/** A trained router as data: stored at build time, loaded at start. */
export interface RouterModel {
  readonly format: number;
  readonly fallbackRoute: string;
  readonly routes: readonly string[];
  readonly stems: readonly (readonly [string, number])[];
  readonly classifier: ClassifierModel;
}

/**
 * Understands a first message: emergency triage first (rules, then what the classifier learned
 * of emergencies), then a classifier trained from the catalog's examples at start (no network,
 * no external service) picks the route, or says it is unsure.
 */
export class Router {
  /** What each word (in a language) adds to the classifier's scores: a bounded number are kept. */
  private readonly wordScores = new Map<string, Float32Array>();

  private constructor(
    readonly fallbackRoute: string,
    private readonly lexicon: Lexicon,
    private readonly triage: Triage,
    private readonly featurizer: Featurizer,
    private readonly classifier: SoftmaxClassifier,
    private readonly routes: readonly string[],
    private readonly settings: Settings,
  ) {}

  /** Trains on the catalog (each route's examples, keywords and labels, and the emergency examples) and the languages' lexicon. */
  static fromCatalog(catalog: Catalog, languages: readonly LanguagePack[], options: RouterOptions = {}): Router {
    return Router.train(trainingTexts(catalog), contactCentreRoute(catalog), languages, options);
  }

  static train(samples: readonly LabelledText[], fallbackRoute: string, languages: readonly LanguagePack[], options: RouterOptions = {}): Router {
    const lexicon = lexiconOf(languages);
    const routes = [...new Set([...samples.map((sample) => sample.route), fallbackRoute])].sort();
    // Examples from the catalog say their language; others (evaluation folds) are detected.
    const read = samples.map((sample) => {
      const language = sample.language ?? detectLanguage(sample.text);
      return { language, read: readText(sample.text, lexicon, language) };
    });
    const featurizer = Featurizer.learnedFrom(read.map((sample) => sample.read));
    const training = read.map((sample, index) => ({
      features: featurizer.extract(sample.read, sample.language),
      label: routes.indexOf(samples[index]!.route),
    }));
    const classifier = SoftmaxClassifier.train(training, routes.length, options);
    return new Router(fallbackRoute, lexicon, new Triage(lexicon), featurizer, classifier, routes, { ...DEFAULT_ROUTER_OPTIONS, ...options });
  }

  /** A router trained earlier (see `toModel`), with the language files it was trained with. */
  static fromModel(model: RouterModel, languages: readonly LanguagePack[], options: RouterOptions = {}): Router {
    if (model.format !== ROUTER_MODEL_FORMAT) throw new Error(`router model format ${model.format} is not ${ROUTER_MODEL_FORMAT}: train it again`);
    const lexicon = lexiconOf(languages);
    return new Router(
      model.fallbackRoute,
      lexicon,
      new Triage(lexicon),
      Featurizer.knowing(model.stems),
      SoftmaxClassifier.fromModel(model.classifier),
      model.routes,
      { ...DEFAULT_ROUTER_OPTIONS, ...options },
    );
  }

  /** What was learned, to be stored and loaded at the next start instead of training again. */
  toModel(): RouterModel {
    return {
      format: ROUTER_MODEL_FORMAT,
      fallbackRoute: this.fallbackRoute,
      routes: this.routes,
      stems: this.featurizer.knownStems(),
      classifier: this.classifier.toModel(),
    };
  }

  /** The lexicon's concepts a message speaks of (worry, a visit, volunteering…), in its own language's words and Swedish and English. */
  conceptsOf(text: string): ReadonlySet<string> {
    return conceptsIn(readText(text, this.lexicon, detectLanguage(text)));
  }

  route(text: string): RouteDecision {
    const { language, alternatives: languageAlternatives } = guessLanguage(text);
    const read = readText(text, this.lexicon, language);
    const concepts = conceptsIn(read);
    const probabilities = this.predict(read, language);
    const emergency = this.emergencyIn(read, probabilities);
    if (emergency.emergency)
      return {
        route: EMERGENCY_ROUTE,
        confidence: 1,
        language,
        languageAlternatives,
        emergency: emergency.kinds,
        ranking: [],
        needsClarification: false,
        vague: false,
        concepts,
      };
    if (!probabilities) {
      // Nothing to go on (a greeting, emoji, a number): the general contact point, and a question.
      return {
        route: this.fallbackRoute,
        confidence: 0,
        language,
        languageAlternatives,
        emergency: [],
        ranking: [{ route: this.fallbackRoute, confidence: 0 }],
        needsClarification: true,
        vague: true,
        concepts,
      };
    }
    const ranking = this.ranking(probabilities, this.settings.temperature);
    const best = ranking[0]!;
    const threshold = best.route === this.fallbackRoute ? this.settings.clarifyFallbackBelow : this.settings.clarifyBelow;
    const needsClarification = best.confidence < threshold;
    const vague = needsClarification && (best.route === this.fallbackRoute || best.confidence < this.settings.vagueBelow);
    return { ...best, language, languageAlternatives, emergency: [], ranking, needsClarification, vague, concepts };
  }

  /** Whether a message (at any point of a conversation) describes acute danger, and the language it is written in. */
  emergencyOf(text: string): TriageResult & { readonly language: DetectedLanguage } {
    const language = detectLanguage(text);
    const read = readText(text, this.lexicon, language);
    return { ...this.emergencyIn(read, this.predict(read, language)), language };
  }

  /**
   * The classifier's probabilities for a message, or undefined when it says nothing to route by.
   * What each word adds to the scores is kept (people reuse words), so a message costs a lookup
   * per word instead of one per feature.
   */
  private predict(read: ReadText, language: string): Float64Array | undefined {
    const scores = this.classifier.startScores();
    let substance = false;
    this.featurizer.visit(read, language, {
      feature: (name, weight) => {
        substance ||= !name.startsWith('k:') || !FORM_CONCEPTS.has(name.slice(2));
        this.classifier.addFeature(scores, name, weight);
      },
      word: (features, key, weight) => {
        substance = true;
        let vector = this.wordScores.get(key);
        if (!vector) {
          if (this.wordScores.size >= WORD_SCORES_KEPT) this.wordScores.clear();
          vector = this.classifier.scoresOf(features);
          this.wordScores.set(key, vector);
        }
        for (let label = 0; label < vector.length; label += 1) scores[label] = scores[label]! + vector[label]! * weight;
      },
    });
    return substance ? this.classifier.probabilities(scores) : undefined;
  }

  private emergencyIn(read: ReadText, probabilities: Float64Array | undefined): TriageResult {
    const ruled = this.triage.assessRead(read);
    if (ruled.emergency) return ruled;
    const akut = this.routes.indexOf(EMERGENCY_ROUTE);
    if (akut < 0 || probabilities === undefined) return ruled;
    const threshold = hasWarningSign(read) ? this.settings.emergencyFrom : this.settings.emergencyWithoutSignsFrom;
    return probabilities[akut]! >= threshold ? { emergency: true, kinds: ['unspecified'] } : ruled;
  }

  /**
   * The routes but `akut`, likeliest first, their confidences summing to 1 and softened by the
   * temperature (the classifier is surer than it is right; emergencies are judged unsoftened).
   */
  private ranking(probabilities: Float64Array, temperature: number): RouteScore[] {
    const scores = this.routes
      .map((route, index) => ({ route, confidence: probabilities[index]! ** (1 / temperature) }))
      .filter((score) => score.route !== EMERGENCY_ROUTE);
    const total = scores.reduce((sum, score) => sum + score.confidence, 0) || 1;
    return scores.map((score) => ({ route: score.route, confidence: score.confidence / total })).sort((a, b) => b.confidence - a.confidence);
  }
}

/** Concepts that say how something is said, not what it is about: a message of only these says nothing to route. */
const FORM_CONCEPTS = new Set(['greeting', 'negation', 'main', 'aside', 'now']);

/** Words whose score vectors are kept. */
const WORD_SCORES_KEPT = 50_000;

/** Whether a clause of a message that is not about the past or over has a sign of danger (a time word alone is none). */
function hasWarningSign(read: ReadText): boolean {
  return liveClauses(read.clauses).some((clause) => [...clause.concepts].some((concept) => SIGN_CONCEPTS.has(concept)));
}

/** What the router learns from: every example, keyword and label of every route, in every language, and the emergency examples. */
export function trainingTexts(catalog: Catalog): LabelledText[] {
  const labelled = (route: string, byLanguage: PhrasesByLanguage) =>
    Object.entries(byLanguage).flatMap(([language, texts]) => texts.map((text) => ({ text, route, language })));
  return [
    ...catalog.routes.flatMap((route) => [
      ...labelled(route.id, route.examples),
      ...labelled(route.id, route.keywords),
      // Labels teach in the languages the catalog itself is written in (its other languages):
      // a translated label is a few machine-made words; the example files teach those languages.
      ...labelled(
        route.id,
        Object.fromEntries(
          Object.entries(route.label).flatMap(([language, label]) => (catalog.otherLanguages.includes(language) ? [[language, [label]]] : [])),
        ),
      ),
    ]),
    ...labelled(EMERGENCY_ROUTE, catalog.emergency.examples),
  ];
}
