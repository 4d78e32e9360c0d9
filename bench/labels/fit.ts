// Fitting the same-claim stage of the ledger's model: the shipped similarity (fitted on MSRP and STS-B training
// pairs) scores each pair, and a second learner, fitted on the labelled cross-outlet pairs, decides from every pair
// feature plus the pair's context in its story. The decision threshold comes from story-grouped out-of-fold
// predictions on the labelled pairs, never from pairs the learner was fitted on.
import { CONTEXT_FEATURES, sameClaimRows } from '../../stages/align/index.js'
import { DEFAULT_BOOST } from '../../commands/calibrate.js'
import { type BoostOptions, fitBoosted, type Learner } from '../../resources/model.js'
import { FEATURES, type SimilarityModel } from '../../stages/similarity/index.js'
import type { WordVectors } from '../../resources/vectors.js'
import { alignedPairs, findUnit, FOLDS, foldOf, prf, storyDocuments } from './evaluate.js'
import { type BasilRecord, isSameClaim, type LabelledUnitPair } from './labels.js'

/** Precision the decision keeps on the labelled pairs (the target). */
export const MIN_PRECISION = 0.85
/** How the same-claim learner is fitted: the calibrate defaults (two bags of 200 trees of depth 3). */
export const SAME_CLAIM_BOOST: BoostOptions = DEFAULT_BOOST

/** The same-claim input row of each labelled pair (null when the stages dropped one of its units), as `align` computes it. */
export function sameClaimTraining(byStory: ReadonlyMap<string, readonly BasilRecord[]>, pairs: readonly LabelledUnitPair[], model: SimilarityModel, vectors: WordVectors): (Float64Array | null)[] {
  const rows = new Array<Float64Array | null>(pairs.length).fill(null)
  for (const story of [...new Set(pairs.map((p) => p.story))].sort()) {
    const documents = storyDocuments(byStory.get(story)!)
    const own = pairs.map((p, i) => [p, i] as const).filter(([p]) => p.story === story)
    const ids = own.map(([p]) => [findUnit(documents, p.a)?.id ?? '', findUnit(documents, p.b)?.id ?? ''] as const)
    const found = sameClaimRows(documents, ids, { model: withoutStage(model), vectors })
    own.forEach(([, i], k) => (rows[i] = found[k]!))
  }
  return rows
}

/** The model with its same-claim stage removed: the context features never depend on a stage. */
export function withoutStage(model: SimilarityModel): SimilarityModel {
  const { sameClaim: _dropped, ...rest } = model
  return rest
}

/** Fit the same-claim learner on the chosen labelled pairs that have a row. */
export function fitSameClaim(rows: readonly (Float64Array | null)[], pairs: readonly LabelledUnitPair[], chosen: readonly number[]): Learner {
  const use = chosen.filter((i) => rows[i] !== null)
  return fitBoosted(
    use.map((i) => rows[i]!),
    use.map((i) => (isSameClaim(pairs[i]!.label) ? 1 : 0)),
    SAME_CLAIM_BOOST,
  )
}

/** The stage-1 model with a same-claim stage. */
export function withStage(model: SimilarityModel, learner: Learner, threshold: number, notes: Record<string, unknown> = {}): SimilarityModel {
  return { ...withoutStage(model), sameClaim: { features: [...FEATURES, ...CONTEXT_FEATURES], learner, threshold, notes } }
}

/** Thresholds tried when the decision is chosen through the grouping. */
export const THRESHOLD_GRID = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8]

/**
 * The decision threshold chosen through `align`'s grouping, on the stories outside fold `excluded` (all when
 * null): each inner fold's stories are aligned with a learner fitted without them at every threshold of the grid,
 * and the threshold with the best pooled F1 among those keeping precision at `MIN_PRECISION` wins (the best F1
 * when none does).
 */
export function groupedThreshold(byStory: ReadonlyMap<string, readonly BasilRecord[]>, rows: readonly (Float64Array | null)[], pairs: readonly LabelledUnitPair[], base: SimilarityModel, vectors: WordVectors, excluded: number | null): { threshold: number; precision: number; recall: number; f1: number } {
  const gold: boolean[] = []
  const predicted = THRESHOLD_GRID.map(() => [] as boolean[])
  for (let g = 0; g < FOLDS; g++) {
    if (g === excluded) continue
    const learner = fitSameClaim(rows, pairs, pairs.map((_, i) => i).filter((i) => foldOf(pairs[i]!.story) !== g && foldOf(pairs[i]!.story) !== excluded))
    const test = pairs.filter((p) => foldOf(p.story) === g)
    for (const p of test) gold.push(isSameClaim(p.label))
    THRESHOLD_GRID.forEach((t, k) => predicted[k]!.push(...alignedPairs(byStory, test, withStage(base, learner, t), vectors)))
  }
  let best = { threshold: THRESHOLD_GRID[0]!, precision: 0, recall: 0, f1: -1 }
  let bestAny = best
  THRESHOLD_GRID.forEach((t, k) => {
    const m = prf(predicted[k]!, gold)
    const here = { threshold: t, precision: m.precision, recall: m.recall, f1: m.f1 }
    if (m.f1 > bestAny.f1) bestAny = here
    if (m.precision >= MIN_PRECISION && m.f1 > best.f1) best = here
  })
  return best.f1 >= 0 ? best : bestAny
}
