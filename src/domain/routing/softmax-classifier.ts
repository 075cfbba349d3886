import type { Features } from './features.js';

export interface TrainingSample {
  readonly features: Features;
  readonly label: number;
}

export interface TrainingOptions {
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly l2?: number;
  /** Seed for the shuffling, so training is repeatable. */
  readonly seed?: number;
  /** Features found in fewer training examples than this are left out. */
  readonly minCount?: number;
}

/** A sample with its features as column indices, for the training loop. */
interface IndexedSample {
  readonly columns: Int32Array;
  readonly values: Float64Array;
  readonly label: number;
}

/** What a trained classifier is, to be stored and loaded again: its features, weights and biases. */
export interface ClassifierModel {
  /** Feature names, in the order of the weight rows. */
  readonly columns: readonly string[];
  /** Row-major: the weights of feature f are weights[f * classCount … f * classCount + classCount). */
  readonly weights: Float32Array;
  readonly bias: readonly number[];
}

/**
 * Multinomial logistic regression over sparse features, trained by stochastic gradient descent.
 * Small and dependency-free; the trained weights are kept in single precision (half the memory,
 * the same decisions).
 */
export class SoftmaxClassifier {
  private constructor(
    private readonly columns: ReadonlyMap<string, number>,
    /** Row-major: the weights of feature f are weights[f * classCount … f * classCount + classCount). */
    private readonly weights: Float32Array,
    private readonly bias: Float64Array,
    readonly classCount: number,
  ) {}

  static fromModel(model: ClassifierModel): SoftmaxClassifier {
    const classCount = model.bias.length;
    if (model.weights.length !== model.columns.length * classCount)
      throw new Error(
        `a classifier model with ${model.columns.length} features and ${classCount} classes needs ${model.columns.length * classCount} weights, not ${model.weights.length}`,
      );
    return new SoftmaxClassifier(new Map(model.columns.map((name, index) => [name, index])), model.weights, Float64Array.from(model.bias), classCount);
  }

  toModel(): ClassifierModel {
    return { columns: [...this.columns.keys()], weights: this.weights, bias: [...this.bias] };
  }

  static train(samples: readonly TrainingSample[], classCount: number, options: TrainingOptions = {}): SoftmaxClassifier {
    const { epochs = 10, learningRate = 0.4, l2 = 1e-5, seed = 1, minCount = 2 } = options;
    // A feature seen in one example only (a rare word's letters, a one-off pair) teaches nothing
    // that carries to new messages, and costs memory and time.
    const seen = new Map<string, number>();
    for (const { features } of samples) for (const name of features.keys()) seen.set(name, (seen.get(name) ?? 0) + 1);
    const columns = new Map<string, number>();
    const indexed: IndexedSample[] = samples.map(({ features, label }) => {
      const entries = [...features].filter(([name]) => seen.get(name)! >= minCount);
      return {
        columns: Int32Array.from(entries, ([name]) => columns.get(name) ?? columns.set(name, columns.size).get(name)!),
        values: Float64Array.from(entries, ([, value]) => value),
        label,
      };
    });
    // Each class weighs the same in total, however many examples it has: otherwise the largest
    // class (the contact centre's "everything else") swallows every message it half resembles.
    const perClass = new Float64Array(classCount);
    for (const sample of indexed) perClass[sample.label] = perClass[sample.label]! + 1;
    const classWeight = Float64Array.from(perClass, (count) => (count === 0 ? 0 : indexed.length / (classCount * count)));
    const weights = new Float64Array(columns.size * classCount);
    const bias = new Float64Array(classCount);
    const probabilities = new Float64Array(classCount);
    const order = indexed.map((_, index) => index);
    const random = seededRandom(seed);
    let step = 0;
    for (let epoch = 0; epoch < epochs; epoch += 1) {
      shuffle(order, random);
      for (const index of order) {
        const sample = indexed[index]!;
        const rate = (learningRate * classWeight[sample.label]!) / (1 + step++ * 1e-4);
        scoreInto(probabilities, weights, bias, sample.columns, sample.values, classCount);
        probabilities[sample.label] = probabilities[sample.label]! - 1; // now the gradient of the loss
        for (let label = 0; label < classCount; label += 1) bias[label] = bias[label]! - rate * probabilities[label]!;
        for (let entry = 0; entry < sample.columns.length; entry += 1) {
          const offset = sample.columns[entry]! * classCount;
          const value = sample.values[entry]!;
          for (let label = 0; label < classCount; label += 1) {
            weights[offset + label] = weights[offset + label]! - rate * (probabilities[label]! * value + l2 * weights[offset + label]!);
          }
        }
      }
    }
    return new SoftmaxClassifier(columns, Float32Array.from(weights), bias, classCount);
  }

  /** Raw scores to start adding features to: the biases. */
  startScores(): Float64Array {
    return Float64Array.from(this.bias);
  }

  /** Adds a feature's weights, times `value`, to scores. */
  addFeature(scores: Float64Array, name: string, value: number): void {
    const column = this.columns.get(name);
    if (column === undefined) return;
    const offset = column * this.classCount;
    for (let label = 0; label < this.classCount; label += 1) scores[label] = scores[label]! + this.weights[offset + label]! * value;
  }

  /** What a fixed set of features adds to the scores, once: to be added again and again. */
  scoresOf(features: readonly { readonly name: string; readonly weight: number }[]): Float32Array {
    const scores = new Float64Array(this.classCount);
    for (const { name, weight } of features) this.addFeature(scores, name, weight);
    return Float32Array.from(scores);
  }

  /** Scores to probabilities (they sum to 1), in place. */
  probabilities(scores: Float64Array): Float64Array {
    softmaxInPlace(scores);
    return scores;
  }
}

/** Softmax of bias + weights·features, written into `out`. */
function scoreInto(out: Float64Array, weights: Float64Array, bias: Float64Array, columns: Int32Array, values: Float64Array, classCount: number): void {
  out.set(bias);
  for (let entry = 0; entry < columns.length; entry += 1) {
    const offset = columns[entry]! * classCount;
    const value = values[entry]!;
    for (let label = 0; label < classCount; label += 1) out[label] = out[label]! + weights[offset + label]! * value;
  }
  softmaxInPlace(out);
}

/** Scores to probabilities that sum to 1. */
function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const score of scores) max = Math.max(max, score);
  let sum = 0;
  for (let label = 0; label < scores.length; label += 1) {
    scores[label] = Math.exp(scores[label]! - max);
    sum += scores[label]!;
  }
  for (let label = 0; label < scores.length; label += 1) scores[label] = scores[label]! / sum;
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

function shuffle(items: number[], random: () => number): void {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
}
