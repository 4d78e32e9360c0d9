// calibrate: fit the similarity model to labelled sentence pairs, with cross-validated figures.
import type { MessageLog } from '../core/messages.js'
import { CorroborateError, quoteValue } from '../core/messages.js'
import { type BoostOptions, bestThreshold, classify, fitBoosted, type Metrics, pearson, predict, spearman } from '../resources/model.js'
import { FEATURE_DOCS, FEATURES, type FeatureName, pairFeatureArray, preparePairs, type SimilarityModel, VECTOR_FEATURES, WORDNET_FEATURES } from '../stages/similarity/index.js'
import type { WordVectors } from '../resources/vectors.js'
import { round } from '../core/numbers.js'

/** A sentence pair with a 0/1 `label` (paraphrase or not) or a 0–5 `score` (graded similarity). */
export interface LabelledPair {
  readonly a: string
  readonly b: string
  readonly label?: number
  readonly score?: number
}

export interface CalibrateOptions extends BoostOptions {
  /** Folds of cross-validation (default: `10`). */
  readonly folds?: number
  /** Features to use (default: all). */
  readonly features?: readonly FeatureName[]
  /** A score at or above this (0–5) counts as aligned when choosing the threshold (default: `3`). */
  readonly alignedScore?: number
  /** What the threshold maximises: accuracy, or F1 of the aligned class (default: `f1`, which leans to recall). */
  readonly criterion?: 'accuracy' | 'f1'
  /** Word vectors for the vector features; without them those features are left out. */
  readonly vectors?: WordVectors
  /** Recorded in the model's notes: where the pairs came from. */
  readonly source?: string
}

/** Cross-validated figures of a calibration. */
export interface CalibrationReport {
  readonly pairs: number
  readonly labelled: number
  readonly scored: number
  readonly folds: number
  /** Classification figures over every pair (scores turned into labels with `alignedScore`). */
  readonly crossValidated: Metrics
  /** Over the scored pairs only, when there are any. */
  readonly pearson: number | null
  readonly spearman: number | null
  readonly threshold: number
}

/**
 * How `calibrate` fits unless told otherwise: two bags of 200 trees of depth 3, each tree grown on 80% of the pairs
 * and 60% of the features. Against one boosted model on every pair and feature, bagging lifted MSRP 10-fold
 * accuracy from 77.9% to 78.3% (three bags: 78.2%, for half as much again of scoring time per pair), and STS-B
 * train 5-fold Pearson (400 trees of depth 4 per bag) from 0.811 to 0.815.
 */
export const DEFAULT_BOOST: BoostOptions = { rounds: 200, learningRate: 0.05, depth: 3, bags: 2, subsample: 0.8, colsample: 0.6 }

/** Each pair's features, with IDF over all sentences of the set (as `pairs` and `analyze` compute it). */
export function pairMatrix(pairs: readonly { readonly a: string; readonly b: string }[], features: readonly FeatureName[], vectors?: WordVectors): number[][] {
  const { prepared, idf } = preparePairs(pairs, vectors)
  const at = features.map((f) => FEATURES.indexOf(f))
  const values = new Float64Array(FEATURES.length)
  return prepared.map(([a, b]) => {
    pairFeatureArray(a, b, idf, values)
    return at.map((k) => values[k]!)
  })
}

/** Fit a model to labelled pairs: k-fold cross-validated figures first, then the model fitted on every pair. */
export function calibrate(pairs: readonly LabelledPair[], log: MessageLog, options: CalibrateOptions = {}): { model: SimilarityModel; report: CalibrationReport } {
  const folds = options.folds ?? 10
  const boost: BoostOptions = { ...DEFAULT_BOOST, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) }
  const alignedScore = options.alignedScore ?? 3
  const criterion = options.criterion ?? 'f1'
  if (!Number.isInteger(folds) || folds < 2) throw new CorroborateError('ERR_INVALID_OPTION', `Expected \`folds\` to be an integer of at least 2, got ${quoteValue(folds)}`)
  const usable = pairs.filter((p) => p.label !== undefined || p.score !== undefined)
  if (usable.length < folds * 2) throw new CorroborateError('ERR_NO_DATA', `Expected at least ${folds * 2} pairs with a label or score, got ${usable.length}`)
  let features = options.features ?? FEATURES
  // Features whose resource is missing are left out, with a warning naming them.
  const leaveOut = (group: readonly FeatureName[], ruleId: string, missing: string) => {
    const dropped = features.filter((f) => group.includes(f))
    if (dropped.length > 0) log.warn('calibrate', ruleId, `No ${missing}: fitting without ${dropped.map((f) => `\`${f}\``).join(', ')}`)
    features = features.filter((f) => !group.includes(f))
  }
  if (!options.vectors) leaveOut(VECTOR_FEATURES, 'no-vectors', 'word vectors')
  if (!options.vectors?.wordnet) leaveOut(WORDNET_FEATURES, 'no-wordnet', 'WordNet')
  const rows = pairMatrix(usable, features, options.vectors)
  // Targets in [0, 1]: labels as they are, scores divided by 5; labels for the threshold from the score.
  const targets = usable.map((p) => (p.label !== undefined ? p.label : p.score! / 5))
  const labels = usable.map((p) => (p.label !== undefined ? p.label : p.score! >= alignedScore ? 1 : 0))

  // Folds from a fixed pseudo-random order, so a file sorted or patterned by label still gets mixed folds.
  const foldOf = shuffledFolds(usable.length, folds)
  const outOfFold = new Array<number>(usable.length).fill(0)
  const foldPredictions: number[] = []
  const foldLabels: number[] = []
  for (let f = 0; f < folds; f++) {
    const train = usable.map((_, i) => i).filter((i) => foldOf[i] !== f)
    const learner = fitBoosted(
      train.map((i) => rows[i]!),
      train.map((i) => targets[i]!),
      boost,
    )
    // The fold's threshold comes from its own training pairs, so the figures never see the test fold.
    const threshold = bestThreshold(
      train.map((i) => predict(learner, rows[i]!)),
      train.map((i) => labels[i]!),
      criterion,
    )
    for (let i = 0; i < usable.length; i++) {
      if (foldOf[i] !== f) continue
      outOfFold[i] = predict(learner, rows[i]!)
      foldPredictions.push(outOfFold[i]! >= threshold ? 1 : 0)
      foldLabels.push(labels[i]!)
    }
  }
  const crossValidated = classify(foldPredictions, foldLabels, 0.5)
  const scoredIndex = usable.map((p, i) => (p.score !== undefined && p.label === undefined ? i : -1)).filter((i) => i >= 0)
  const learner = fitBoosted(rows, targets, boost)
  // The operating threshold: the most accurate one on out-of-fold predictions.
  const threshold = bestThreshold(outOfFold, labels, criterion)
  const report: CalibrationReport = {
    pairs: usable.length,
    labelled: usable.filter((p) => p.label !== undefined).length,
    scored: usable.filter((p) => p.label === undefined).length,
    folds,
    crossValidated,
    pearson: scoredIndex.length > 1 ? pearson(scoredIndex.map((i) => outOfFold[i]!), scoredIndex.map((i) => usable[i]!.score!)) : null,
    spearman: scoredIndex.length > 1 ? spearman(scoredIndex.map((i) => outOfFold[i]!), scoredIndex.map((i) => usable[i]!.score!)) : null,
    threshold,
  }
  const model: SimilarityModel = {
    format: 'corroborate-model',
    version: 1,
    features,
    learner,
    threshold,
    vectors: options.vectors && features.some((f) => VECTOR_FEATURES.includes(f)) ? options.vectors.name : null,
    notes: {
      source: options.source ?? null,
      wordnet: options.vectors?.wordnet && features.some((f) => WORDNET_FEATURES.includes(f)) ? options.vectors.wordnet.name : null,
      pairs: report.pairs,
      labelled: report.labelled,
      scored: report.scored,
      alignedScore,
      criterion,
      learner: { rounds: boost.rounds, learningRate: boost.learningRate, depth: boost.depth, bags: boost.bags, subsample: boost.subsample, colsample: boost.colsample },
      crossValidated: { folds, ...roundAll(crossValidated), pearson: roundOrNull(report.pearson), spearman: roundOrNull(report.spearman) },
      features: Object.fromEntries(features.map((f) => [f, FEATURE_DOCS[f]])),
    },
  }
  return { model, report }
}

/** Fold of each row: rows dealt round-robin in a fixed pseudo-random order (same input, same folds). */
function shuffledFolds(count: number, folds: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i)
  let state = 0x9e3779b9
  for (let i = count - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    const j = state % (i + 1)
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  const fold = new Array<number>(count)
  order.forEach((row, k) => (fold[row] = k % folds))
  return fold
}

function roundAll(metrics: Metrics): Metrics {
  return { accuracy: round(metrics.accuracy), precision: round(metrics.precision), recall: round(metrics.recall), f1: round(metrics.f1) }
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : round(value)
}
