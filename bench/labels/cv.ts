// Story-grouped cross-validation of the ledger on the labelled BASIL pairs: each fold's stories are analysed with a
// model fitted without them and a threshold chosen without them.
import { performance } from 'node:perf_hooks'
import type { WordVectors } from '../../stages/vectors.js'
import { evaluateLedger, FOLDS, foldOf, type LedgerFigures, prf } from './evaluate.js'
import { fitWith, foldThreshold, ledgerModel } from './fit.js'
import { type BasilRecord, isSameClaim, type LabelledUnitPair } from './labels.js'

/** Sum the figures of several folds (pair decisions pooled). */
function pool(parts: readonly ({ figures: LedgerFigures } & LedgerFigures['decisions'])[]): Omit<LedgerFigures, 'decisions'> {
  const c = (k: 'flagged' | 'flaggedRight' | 'labelled' | 'found') => parts.reduce((s, p) => s + p.figures.conflicts[k], 0)
  const o = (k: 'reported' | 'judged' | 'falseOnes') => parts.reduce((s, p) => s + p.figures.omissions[k], 0)
  return {
    pairs: prf(parts.flatMap((p) => p.predicted), parts.flatMap((p) => p.gold)),
    headlines: prf(parts.flatMap((p) => p.headPredicted), parts.flatMap((p) => p.headGold)),
    conflicts: { flagged: c('flagged'), flaggedRight: c('flaggedRight'), labelled: c('labelled'), found: c('found') },
    omissions: { reported: o('reported'), judged: o('judged'), falseOnes: o('falseOnes') },
  }
}

/** The ledger's figures, story-grouped `FOLDS`-fold, and the thresholds each fold chose. */
export function crossValidate(byStory: ReadonlyMap<string, readonly BasilRecord[]>, pairs: readonly LabelledUnitPair[], rows: readonly ArrayLike<number>[], general: { rows: readonly ArrayLike<number>[]; targets: readonly number[] }, vectors: WordVectors, log: (line: string) => void): { figures: Omit<LedgerFigures, 'decisions'>; thresholds: number[] } {
  const labels = pairs.map((p) => (isSameClaim(p.label) ? 1 : 0))
  const parts = []
  const thresholds: number[] = []
  for (let f = 0; f < FOLDS; f++) {
    const start = performance.now()
    const threshold = foldThreshold(general, pairs, rows, f)
    const train = pairs.map((_, i) => i).filter((i) => foldOf(pairs[i]!.story) !== f)
    const model = ledgerModel(fitWith(general, rows, labels, train), threshold, vectors, {})
    const test = pairs.filter((p) => foldOf(p.story) === f)
    const figures = evaluateLedger(byStory, test, model, vectors)
    thresholds.push(threshold)
    parts.push({ figures, ...figures.decisions })
    log(`fold ${f + 1}/${FOLDS}: threshold ${threshold.toFixed(3)}, F1 ${figures.pairs.f1.toFixed(3)} (${((performance.now() - start) / 1000).toFixed(1)} s)`)
  }
  return { figures: pool(parts), thresholds }
}
