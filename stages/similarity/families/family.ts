// What a feature family is: a group of pair features computed together, written into the pair's feature array.
import type { Idf } from '../idf.js'
import type { SentenceFeatures } from '../sentence.js'

/** A table a feature reads beyond the sentences' tokens: a model using the feature needs the table it was fitted with. */
export type Need = 'vectors' | 'wordnet'

/**
 * The groups of features the bench's ablation leaves out together (beside the features needing word vectors and
 * those needing WordNet), in the order it prints them: `without <group>`.
 */
export const ABLATION_GROUPS = ['n-gram precision and subsequences', 'word classes', 'unmatched words and lengths'] as const

/** A group of the bench's ablation. */
export type AblationGroup = (typeof ABLATION_GROUPS)[number]

/** One feature of a family: its name (as models list it) and what it measures (what `calibrate` prints). */
export interface FeatureSpec<N extends string = string> {
  readonly name: N
  readonly doc: string
  /** A table this feature reads beyond its family's `needs` (a word-vector cosine in a family that needs none). */
  readonly alsoNeeds?: Need
}

/**
 * What a family reads of the pair being scored. Prepared once per pair before the families fill their slots, in
 * buffers reused from pair to pair: only the first `a.content.length` entries of `bestA` (and of `bestB`) are the pair's.
 */
export interface PairContext {
  readonly a: SentenceFeatures
  readonly b: SentenceFeatures
  readonly idf: Idf
  /** The best match of each content word of `a` in `b`: 1 for the same stem, else its best word-vector cosine (0 without). */
  readonly bestA: Float64Array
  readonly bestB: Float64Array
  /** Soft word alignment of `a` to `b`: the IDF-weighted mean of `bestA`; `backward` the same of `b` to `a`. */
  readonly forward: number
  readonly backward: number
}

/**
 * A feature family: its features, in the order models list them, and `fill`, which writes their values for a pair
 * into `out[at]`, `out[at + 1]`, … (`at` is the family's offset in FEATURES) and nothing else. `fill` is the hot
 * path of alignment: it allocates nothing per pair and keeps its scratch in module-level buffers.
 */
export interface FeatureFamily<N extends string = string> {
  /** The family's name, as its file under families/ is named. */
  readonly name: string
  readonly features: readonly FeatureSpec<N>[]
  /** The table every feature of the family reads, or null (a feature may read one more: `alsoNeeds`). */
  readonly needs: Need | null
  /** The group of the bench's ablation the family belongs to, or null. */
  readonly ablation: AblationGroup | null
  fill(pair: PairContext, out: Float64Array, at: number): void
}

/** The feature names of a family's feature list. */
export type NamesOf<T extends readonly FeatureSpec[]> = T[number]['name']

/** Each feature's position within its family's list, for `out[at + slot.name]`. */
export function slotsOf<const T extends readonly FeatureSpec[]>(features: T): Readonly<Record<NamesOf<T>, number>> {
  return Object.fromEntries(features.map((f, i) => [f.name, i])) as Record<NamesOf<T>, number>
}

/** Write the smaller of two values at `at` and the larger at `at + 1` (every xMin is followed by its xMax). */
export function both(out: Float64Array, at: number, x: number, y: number): void {
  out[at] = x < y ? x : y
  out[at + 1] = x < y ? y : x
}

/** `part / whole`, or 0 when `whole` is 0. */
export function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0
}

/** How many of the first `length` best matches are below `level`. */
export function countBelow(best: Float64Array, length: number, level: number): number {
  let n = 0
  for (let i = 0; i < length; i++) if (best[i]! < level) n++
  return n
}
