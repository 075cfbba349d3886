import { contactCentreRoute, EMERGENCY_ROUTE, type Catalog } from '../catalog/schema.js';
import { Featurizer } from './features.js';
import { detectLanguage, type DetectedLanguage } from './language.js';
import { SoftmaxClassifier, type TrainingOptions } from './softmax-classifier.js';
import { triage, type EmergencyKind } from './triage.js';

export interface RouteScore {
  readonly route: string;
  readonly confidence: number;
}

export interface RouteDecision extends RouteScore {
  readonly language: DetectedLanguage;
  /** Non-empty when emergency triage fired: the route is then `akut`. */
  readonly emergency: readonly EmergencyKind[];
  /** Every route, likeliest first (the decision's own route included). */
  readonly ranking: readonly RouteScore[];
  /** Too unsure to route: ask one question with the likeliest routes instead of guessing. */
  readonly needsClarification: boolean;
}

export interface LabelledText {
  readonly text: string;
  readonly route: string;
}

export interface RouterOptions extends TrainingOptions {
  /** Below this confidence Lotsen asks instead of routing. */
  readonly clarifyBelow?: number;
  /**
   * The fallback route (the contact centre) wins vague messages ("can you help us?") by
   * default; it must be this sure before Lotsen sends someone there without asking.
   */
  readonly clarifyFallbackBelow?: number;
  /** Softens over-confident probabilities (fitted by cross-validation, see eval:routing). */
  readonly temperature?: number;
}

export const DEFAULT_ROUTER_OPTIONS = { clarifyBelow: 0.5, clarifyFallbackBelow: 0.85, temperature: 1 } as const;

/**
 * Understands a first message: emergency triage first, then a classifier trained from the
 * catalog's examples at start (no network, no external service).
 */
export class Router {
  private constructor(
    readonly fallbackRoute: string,
    private readonly featurizer: Featurizer,
    private readonly classifier: SoftmaxClassifier,
    private readonly routes: readonly string[],
    private readonly options: Required<Pick<RouterOptions, 'clarifyBelow' | 'clarifyFallbackBelow' | 'temperature'>>,
  ) {}

  /** Trains on the catalog: each route's examples, keywords and labels. */
  static fromCatalog(catalog: Catalog, options: RouterOptions = {}): Router {
    return Router.train(trainingTexts(catalog), contactCentreRoute(catalog), options);
  }

  static train(samples: readonly LabelledText[], fallbackRoute: string, options: RouterOptions = {}): Router {
    const routes = [...new Set(samples.map((sample) => sample.route))].sort();
    const featurizer = new Featurizer(samples.map((sample) => sample.text));
    const training = samples.map((sample) => ({ features: featurizer.extract(sample.text), label: routes.indexOf(sample.route) }));
    const classifier = SoftmaxClassifier.train(training, routes.length, options);
    return new Router(fallbackRoute, featurizer, classifier, routes, { ...DEFAULT_ROUTER_OPTIONS, ...options });
  }

  route(text: string): RouteDecision {
    const language = detectLanguage(text);
    const { kinds } = triage(text);
    if (kinds.length > 0) {
      return { route: EMERGENCY_ROUTE, confidence: 1, language, emergency: kinds, ranking: [{ route: EMERGENCY_ROUTE, confidence: 1 }], needsClarification: false };
    }
    const features = this.featurizer.extract(text);
    if (features.size === 0) {
      // Nothing to go on (a greeting, emoji, a number): the general contact point, and a question.
      return { route: this.fallbackRoute, confidence: 0, language, emergency: [], ranking: [{ route: this.fallbackRoute, confidence: 0 }], needsClarification: true };
    }
    const probabilities = this.classifier.predict(features, this.options.temperature);
    const ranking = this.routes.map((route, index) => ({ route, confidence: probabilities[index]! })).sort((a, b) => b.confidence - a.confidence);
    const best = ranking[0]!;
    const threshold = best.route === this.fallbackRoute ? this.options.clarifyFallbackBelow : this.options.clarifyBelow;
    return { ...best, language, emergency: [], ranking, needsClarification: best.confidence < threshold };
  }
}

/** What the router learns from: every example, keyword and label of every route. */
export function trainingTexts(catalog: Catalog): LabelledText[] {
  return catalog.routes.flatMap((route) =>
    [...route.examples.sv, ...route.examples.en, ...route.examples.other, ...route.keywords.sv, ...route.keywords.en, route.label.sv, route.label.en].map((text) => ({ text, route: route.id })),
  );
}
