// Story-grouped cross-validation of the ledger on the labelled BASIL pairs: each fold's stories are analysed with a
// same-claim stage fitted without them and a threshold chosen without them.
import type { Learner } from '../../resources/model.js'
import type { SimilarityModel } from '../../stages/similarity/index.js'
import type { WordVectors } from '../../resources/vectors.js'
import { addCounts, alignedPairsAt, evaluateLedger, FOLDS, foldOf, type LedgerFigures, prf } from './evaluate.js'
import { fitSameClaim, groupedThreshold, MIN_PRECISION, THRESHOLD_GRID, THRESHOLD_PAIRS, withStage } from './fit.js'
import { type BasilRecord, isSameClaim, type LabelledUnitPair } from './labels.js'

/** Pool the figures of several folds (pair decisions pooled, counts added). */
export function pool(parts: readonly LedgerFigures[]): LedgerFigures {
  const o = (k: keyof LedgerFigures['omissions']) => parts.reduce((s, p) => s + p.omissions[k], 0)
  const d = <K extends keyof LedgerFigures['decisions']>(k: K) => parts.flatMap((p) => p.decisions[k] as unknown[]) as LedgerFigures['decisions'][K]
  return {
    pairs: prf(d('predicted'), d('gold')),
    headlines: prf(d('headPredicted'), d('headGold')),
    conflicts: addCounts(parts.map((p) => p.conflicts)),
    omissions: { reported: o('reported'), judged: o('judged'), falseOnes: o('falseOnes') },
    decisions: { gold: d('gold'), predicted: d('predicted'), headGold: d('headGold'), headPredicted: d('headPredicted'), half: d('half'), headHalf: d('headHalf') },
  }
}

/** The same-claim stage of one fold: fitted without the fold's stories, with a threshold chosen without them. */
export interface FoldStage {
  readonly threshold: number
  /** The threshold of pairs with a headline (equal to `threshold` when one serves both). */
  readonly headlineThreshold: number
  readonly learner: Learner
}

/** Each fold's same-claim stage (the costly part of the cross-validation: the threshold is chosen through `align`). */
export function foldStages(byStory: ReadonlyMap<string, readonly BasilRecord[]>, pairs: readonly LabelledUnitPair[], rows: readonly (Float64Array | null)[], base: SimilarityModel, vectors: WordVectors, log: (line: string) => void): FoldStage[] {
  const stages: FoldStage[] = []
  for (let f = 0; f < FOLDS; f++) {
    const { threshold, headlineThreshold } = groupedThreshold(byStory, rows, pairs, base, vectors, f)
    stages.push({ threshold, headlineThreshold, learner: fitSameClaim(rows, pairs, pairs.map((_, i) => i).filter((i) => foldOf(pairs[i]!.story) !== f)) })
    log(`fold ${f + 1}/${FOLDS}: threshold ${threshold.toFixed(3)}, with a headline ${headlineThreshold.toFixed(3)}`)
  }
  return stages
}

/** The ledger's figures with each fold's stories analysed by that fold's stage, pooled. */
export function evaluateFolds(byStory: ReadonlyMap<string, readonly BasilRecord[]>, pairs: readonly LabelledUnitPair[], stages: readonly FoldStage[], base: SimilarityModel, vectors: WordVectors, log: (line: string) => void = () => {}): LedgerFigures {
  const parts = stages.map(({ learner, threshold, headlineThreshold }, f) => {
    const figures = evaluateLedger(byStory, pairs.filter((p) => foldOf(p.story) === f), withStage(base, learner, threshold, {}, headlineThreshold), vectors)
    log(`fold ${f + 1}/${FOLDS}: threshold ${threshold.toFixed(3)}, with a headline ${headlineThreshold.toFixed(3)}, F1 ${figures.pairs.f1.toFixed(3)} (P ${figures.pairs.precision.toFixed(3)})`)
    return figures
  })
  return pool(parts)
}

/** The ledger's figures, story-grouped `FOLDS`-fold, the threshold each fold chose, and each fold's stage. */
export function crossValidate(byStory: ReadonlyMap<string, readonly BasilRecord[]>, pairs: readonly LabelledUnitPair[], rows: readonly (Float64Array | null)[], base: SimilarityModel, vectors: WordVectors, log: (line: string) => void): { figures: LedgerFigures; thresholds: string[]; stages: FoldStage[] } {
  const stages = foldStages(byStory, pairs, rows, base, vectors, () => {})
  const shown = (s: FoldStage) => (s.headlineThreshold === s.threshold ? `${s.threshold}` : `${s.threshold} (with a headline ${s.headlineThreshold})`)
  return { figures: evaluateFolds(byStory, pairs, stages, base, vectors, log), thresholds: stages.map(shown), stages }
}

/** Pooled out-of-fold figures of one pair of thresholds for all folds. */
export interface GridPoint {
  readonly threshold: number
  readonly headlineThreshold: number
  readonly precision: number
  readonly recall: number
  readonly f1: number
  readonly headlineF1: number
}

/**
 * Every pair of grid thresholds applied to all folds at once, each fold's stories analysed with its own learner,
 * pooled: the best of them under the precision floor is what any rule choosing the thresholds could reach at best
 * with this ranking and grouping. A ceiling read off the reported folds themselves, never a figure to report as one.
 */
export function hindsight(byStory: ReadonlyMap<string, readonly BasilRecord[]>, pairs: readonly LabelledUnitPair[], learners: readonly Learner[], base: SimilarityModel, vectors: WordVectors): GridPoint[] {
  // Each fold's pairs in turn, pooled: their labels, whether each has a headline, and every grid point's decisions.
  const own = learners.map((_, f) => pairs.filter((p) => foldOf(p.story) === f))
  const decided = learners.map((learner, f) => alignedPairsAt(byStory, own[f]!, withStage(base, learner, THRESHOLD_GRID[0]!), vectors, THRESHOLD_PAIRS))
  const pooled = own.flat()
  const gold = pooled.map((p) => isSameClaim(p.label))
  const head = pooled.map((p) => p.a.field === 'title' || p.b.field === 'title')
  const heads = <T>(xs: readonly T[]) => xs.filter((_, k) => head[k])
  return THRESHOLD_PAIRS.map(([threshold, headlineThreshold], g) => {
    const predicted = decided.flatMap((d) => d[g]!)
    const { precision, recall, f1 } = prf(predicted, gold)
    return { threshold, headlineThreshold, precision, recall, f1, headlineF1: prf(heads(predicted), heads(gold)).f1 }
  })
}

/** The grid point of best F1 keeping the precision floor, and the one of best headline F1 keeping it; null when none does. */
export function bestUnderFloor(points: readonly GridPoint[]): { pairs: GridPoint; headlines: GridPoint } | null {
  const kept = points.filter((x) => x.precision >= MIN_PRECISION)
  if (kept.length === 0) return null
  const best = (key: 'f1' | 'headlineF1') => kept.reduce((a, b) => (b[key] > a[key] ? b : a))
  return { pairs: best('f1'), headlines: best('headlineF1') }
}
