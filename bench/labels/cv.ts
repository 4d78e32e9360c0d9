// Story-grouped cross-validation of the ledger on the labelled BASIL pairs: each fold's stories are analysed with a
// same-claim stage fitted without them and a threshold chosen without them.
import type { Learner } from '../../resources/model.js'
import type { SimilarityModel } from '../../stages/similarity/index.js'
import type { WordVectors } from '../../resources/vectors.js'
import { addCounts, evaluateLedger, FOLDS, foldOf, type LedgerFigures, prf } from './evaluate.js'
import { fitSameClaim, groupedThreshold, withStage } from './fit.js'
import type { BasilRecord, LabelledUnitPair } from './labels.js'

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

/** The ledger's figures, story-grouped `FOLDS`-fold, and the threshold each fold chose. */
export function crossValidate(byStory: ReadonlyMap<string, readonly BasilRecord[]>, pairs: readonly LabelledUnitPair[], rows: readonly (Float64Array | null)[], base: SimilarityModel, vectors: WordVectors, log: (line: string) => void): { figures: LedgerFigures; thresholds: string[] } {
  const stages = foldStages(byStory, pairs, rows, base, vectors, () => {})
  const shown = (s: FoldStage) => (s.headlineThreshold === s.threshold ? `${s.threshold}` : `${s.threshold} (with a headline ${s.headlineThreshold})`)
  return { figures: evaluateFolds(byStory, pairs, stages, base, vectors, log), thresholds: stages.map(shown) }
}
