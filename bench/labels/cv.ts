// Story-grouped cross-validation of the ledger on the labelled BASIL pairs: each fold's stories are analysed with a
// same-claim stage fitted without them and a threshold chosen without them.
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

/** The ledger's figures, story-grouped `FOLDS`-fold, and the threshold each fold chose. */
export function crossValidate(byStory: ReadonlyMap<string, readonly BasilRecord[]>, pairs: readonly LabelledUnitPair[], rows: readonly (Float64Array | null)[], base: SimilarityModel, vectors: WordVectors, log: (line: string) => void): { figures: LedgerFigures; thresholds: number[] } {
  const parts: LedgerFigures[] = []
  const thresholds: number[] = []
  for (let f = 0; f < FOLDS; f++) {
    const { threshold } = groupedThreshold(byStory, rows, pairs, base, vectors, f)
    const learner = fitSameClaim(rows, pairs, pairs.map((_, i) => i).filter((i) => foldOf(pairs[i]!.story) !== f))
    const figures = evaluateLedger(byStory, pairs.filter((p) => foldOf(p.story) === f), withStage(base, learner, threshold), vectors)
    thresholds.push(threshold)
    parts.push(figures)
    log(`fold ${f + 1}/${FOLDS}: threshold ${threshold.toFixed(3)}, F1 ${figures.pairs.f1.toFixed(3)} (P ${figures.pairs.precision.toFixed(3)})`)
  }
  return { figures: pool(parts), thresholds }
}
