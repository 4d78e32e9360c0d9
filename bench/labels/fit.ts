// Fitting the same-claim stage of the ledger's model: the shipped similarity (fitted on MSRP and STS-B training
// pairs) scores each pair, and a second learner, fitted on the labelled cross-outlet pairs, decides from every pair
// feature plus the pair's context in its story. The decision threshold comes from story-grouped out-of-fold
// predictions on the labelled pairs, never from pairs the learner was fitted on.
import { CONTEXT_FEATURES, sameClaimRows } from '../../stages/align/index.js'
import { DEFAULT_BOOST } from '../../commands/calibrate.js'
import { type BoostOptions, fitBoosted, type Learner } from '../../resources/model.js'
import { FEATURES, type SimilarityModel } from '../../stages/similarity/index.js'
import type { WordVectors } from '../../resources/vectors.js'
import { alignedPairsAt, findUnit, FOLDS, foldOf, prf, storyDocuments } from './evaluate.js'
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

/** The stage-1 model with a same-claim stage (a headline pair's own threshold when `headlineThreshold` is given). */
export function withStage(model: SimilarityModel, learner: Learner, threshold: number, notes: Record<string, unknown> = {}, headlineThreshold?: number): SimilarityModel {
  const headline = headlineThreshold === undefined || headlineThreshold === threshold ? {} : { headlineThreshold }
  return { ...withoutStage(model), sameClaim: { features: [...FEATURES, ...CONTEXT_FEATURES], learner, threshold, ...headline, notes } }
}

/** Thresholds tried when the decision is chosen through the grouping. */
export const THRESHOLD_GRID = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8]

/** A decision chosen through the grouping, and its pooled figures on the inner folds. */
export interface GroupedDecision {
  readonly threshold: number
  /** The threshold of pairs with a headline; equal to `threshold` when one threshold serves both. */
  readonly headlineThreshold: number
  readonly precision: number
  readonly recall: number
  readonly f1: number
}

/**
 * The decision thresholds chosen through `align`'s grouping, on the stories outside fold `excluded` (all when
 * null): each inner fold's stories are aligned with a learner fitted without them, and the thresholds with the best
 * pooled F1 among those keeping precision at `MIN_PRECISION` win (the best F1 when none does). Every pair of
 * thresholds of the grid is tried, one for two sentences and one for a pair with a headline (a headline tells its
 * claim in a few words, so the learner's scores need not mean the same for its pairs); the best single threshold
 * for both is the bar, and two thresholds win only when they raise F1 above it.
 */
export function groupedThreshold(byStory: ReadonlyMap<string, readonly BasilRecord[]>, rows: readonly (Float64Array | null)[], pairs: readonly LabelledUnitPair[], base: SimilarityModel, vectors: WordVectors, excluded: number | null): GroupedDecision {
  const gold: boolean[] = []
  const inner: { learner: Learner; test: LabelledUnitPair[] }[] = []
  for (let g = 0; g < FOLDS; g++) {
    if (g === excluded) continue
    const learner = fitSameClaim(rows, pairs, pairs.map((_, i) => i).filter((i) => foldOf(pairs[i]!.story) !== g && foldOf(pairs[i]!.story) !== excluded))
    const test = pairs.filter((p) => foldOf(p.story) === g)
    for (const p of test) gold.push(isSameClaim(p.label))
    inner.push({ learner, test })
  }
  // Every pair of thresholds of the grid, each story scored once per inner fold (`alignedPairsAt`).
  const grid = THRESHOLD_GRID.flatMap((t) => THRESHOLD_GRID.map((h) => [t, h] as const))
  const predicted = grid.map(() => [] as boolean[])
  for (const { learner, test } of inner) alignedPairsAt(byStory, test, withStage(base, learner, THRESHOLD_GRID[0]!), vectors, grid).forEach((d, k) => predicted[k]!.push(...d))
  const tried = grid.map(([threshold, headlineThreshold], k) => {
    const m = prf(predicted[k]!, gold)
    return { threshold, headlineThreshold, precision: m.precision, recall: m.recall, f1: m.f1 }
  })
  // One threshold for every pair first (its F1 is the bar); a headline threshold of its own only when it does better.
  const choose = (list: readonly GroupedDecision[]): GroupedDecision => {
    let best: GroupedDecision | null = null
    let bestAny = list[0]!
    for (const d of list) {
      if (d.f1 > bestAny.f1) bestAny = d
      if (d.precision >= MIN_PRECISION && (best === null || d.f1 > best.f1)) best = d
    }
    return best ?? bestAny
  }
  const one = choose(tried.filter((d) => d.threshold === d.headlineThreshold))
  return choose([one, ...tried.filter((d) => d.threshold !== d.headlineThreshold)])
}
