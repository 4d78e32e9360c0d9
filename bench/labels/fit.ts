// Fitting the ledger's model: MSRP and STS-B training pairs (paraphrase, graded similarity) plus the labelled
// cross-outlet pairs (same claim or not), with the decision threshold chosen on the labelled pairs alone, from
// story-grouped out-of-fold predictions, never from pairs the model was fitted on.
import path from 'node:path'
import { DEFAULT_BOOST, pairMatrix } from '../../stages/calibrate.js'
import { type BoostOptions, fitBoosted, type Learner, predict } from '../../stages/model.js'
import { FEATURE_DOCS, FEATURES } from '../../stages/similarity.js'
import type { SimilarityModel } from '../../stages/similarity.js'
import type { WordVectors } from '../../stages/vectors.js'
import { readMsrp, readStsb } from '../data.js'
import { decisionThreshold, FOLDS, foldOf } from './evaluate.js'
import { isSameClaim, type LabelledUnitPair } from './labels.js'

/** Each labelled pair counts this many times against one MSRP or STS-B pair: the ledger's question is theirs. */
export const LABELLED_WEIGHT = 3
/** Precision the decision keeps on the labelled pairs (the target). */
export const MIN_PRECISION = 0.85

/** MSRP train and STS-B train as feature rows and targets in [0, 1] (IDF over each set, as `calibrate` computes it). */
export function generalTraining(shared: string, vectors: WordVectors): { rows: number[][]; targets: number[] } {
  const msrp = readMsrp(path.join(shared, 'data', 'msrp', 'msr_paraphrase_train.txt'))
  const sts = readStsb(path.join(shared, 'data', 'stsb', 'sts-train.csv'))
  return {
    rows: [...pairMatrix(msrp, FEATURES, vectors), ...pairMatrix(sts, FEATURES, vectors)],
    targets: [...msrp.map((p) => p.label), ...sts.map((p) => p.label / 5)],
  }
}

/** Fit on the general rows plus the chosen labelled rows (each repeated `LABELLED_WEIGHT` times). */
export function fitWith(general: { rows: readonly ArrayLike<number>[]; targets: readonly number[] }, rows: readonly ArrayLike<number>[], labels: readonly number[], chosen: readonly number[], options: BoostOptions = DEFAULT_BOOST): Learner {
  const x: ArrayLike<number>[] = [...general.rows]
  const y: number[] = [...general.targets]
  for (let k = 0; k < LABELLED_WEIGHT; k++)
    for (const i of chosen) {
      x.push(rows[i]!)
      y.push(labels[i]!)
    }
  return fitBoosted(x, y, options)
}

/**
 * Out-of-fold predictions for the labelled pairs `within` (story-grouped: the folds other than `excluded` only),
 * each from a model fitted without its story's fold; then the decision threshold on them.
 */
export function foldThreshold(general: { rows: readonly ArrayLike<number>[]; targets: readonly number[] }, pairs: readonly LabelledUnitPair[], rows: readonly ArrayLike<number>[], excluded: number | null, options: BoostOptions = DEFAULT_BOOST): number {
  const labels = pairs.map((p) => (isSameClaim(p.label) ? 1 : 0))
  const within = pairs.map((_, i) => i).filter((i) => foldOf(pairs[i]!.story) !== excluded)
  const predictions: number[] = []
  const truth: number[] = []
  for (let g = 0; g < FOLDS; g++) {
    if (g === excluded) continue
    const train = within.filter((i) => foldOf(pairs[i]!.story) !== g)
    const learner = fitWith(general, rows, labels, train, options)
    for (const i of within)
      if (foldOf(pairs[i]!.story) === g) {
        predictions.push(predict(learner, rows[i]!))
        truth.push(labels[i]!)
      }
  }
  return decisionThreshold(predictions, truth, MIN_PRECISION)
}

/** A model file for `analyze`: learner, threshold and how both were made. */
export function ledgerModel(learner: Learner, threshold: number, vectors: WordVectors, notes: Record<string, unknown>): SimilarityModel {
  return {
    format: 'corroborate-model',
    version: 1,
    features: FEATURES,
    learner,
    threshold,
    vectors: vectors.name,
    notes: { ...notes, wordnet: vectors.wordnet?.name ?? null, features: Object.fromEntries(FEATURES.map((f) => [f, FEATURE_DOCS[f]])) },
  }
}
