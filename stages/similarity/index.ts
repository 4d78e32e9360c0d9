// similarity: the sentence-pair scorer that `analyze`, `pairs` and `calibrate` share: features combined by a model.
// The public face of the folder: sentence.ts prepares a sentence once, idf.ts weighs stems, families/ hold the pair
// features family by family (features.ts lists them in order), and this module checks models and scores pairs.
import defaultModel from '../../models/default.json'
import { CorroborateError, quoteValue } from '../../core/messages.js'
import { type Learner, predict } from '../../resources/model.js'
import type { WordVectors } from '../../resources/vectors.js'
import { sentenceFromText } from '../segment/index.js'
import { FEATURE_INDEX, FEATURES, type FeatureName, pairFeatureArray, type PairFeatures, WORDNET_FEATURES } from './features.js'
import { Idf } from './idf.js'
import { type SentenceFeatures, sentenceFeatures } from './sentence.js'

export { ABLATIONS, FAMILIES, FEATURE_DOCS, FEATURES, type FeatureName, pairFeatureArray, type PairFeatures, VECTOR_FEATURES, WORDNET_FEATURES } from './features.js'
export { ABLATION_GROUPS, type AblationGroup, type FeatureFamily, type FeatureSpec, type Need, type PairContext } from './families/family.js'
export { dice } from './families/lexical.js'
export { longestCommonSubsequence } from './families/subsequence.js'
export { Idf } from './idf.js'
export { softContainment } from './matches.js'
export { ALIGN_WORDS, bigrams, foldText, isContent, QUOTES_COMPARED, sameQuote, SEQUENCE_WORDS, type SentenceFeatures, sentenceFeatures, stemId, type WordSequence, wordSequence } from './sentence.js'

/** A fitted model: which features, how they combine, and the threshold at which a pair counts as aligned. */
export interface SimilarityModel {
  readonly format: 'corroborate-model'
  readonly version: 1
  readonly features: readonly FeatureName[]
  readonly learner: Learner
  /** Pairs whose similarity reaches this are aligned. */
  readonly threshold: number
  /** Name of the word-vector table the model was fitted with, or null when it uses none. */
  readonly vectors: string | null
  /** How the model was made: data, options, cross-validated figures. */
  readonly notes?: Readonly<Record<string, unknown>>
  /**
   * The same-claim decision of `analyze` (optional): a learner over every pair feature and the pair's context in
   * its story (`CONTEXT_FEATURES` in align), fitted on labelled cross-outlet pairs; two units report one claim
   * when its prediction reaches `threshold`, or `headlineThreshold` (when given) for a pair with a headline. Without
   * it, a pair aligns when the similarity reaches `threshold`.
   */
  readonly sameClaim?: {
    readonly features: readonly string[]
    readonly learner: Learner
    readonly threshold: number
    /** The threshold of pairs with a headline, chosen apart: a headline says its claim in a few words. */
    readonly headlineThreshold?: number
    readonly notes?: Readonly<Record<string, unknown>>
  }
}

/** The model that ships in `models/default.json` (how it was made: `models/README.md`). */
export const DEFAULT_MODEL: SimilarityModel = checkModel(defaultModel, 'models/default.json')

/** Validate a parsed model file; throws a TypeError with a code naming `source` when it is not a model. */
export function checkModel(value: unknown, source: string): SimilarityModel {
  const fail = (reason: string): never => {
    throw new CorroborateError('ERR_INVALID_MODEL', `Expected a corroborate model in ${quoteValue(source)}: ${reason}`)
  }
  const m = value as Partial<SimilarityModel> | null
  if (typeof m !== 'object' || m === null || m.format !== 'corroborate-model') return fail('`format` is not `corroborate-model`')
  if (m.version !== 1) return fail(`expected \`version\` 1, got ${quoteValue(m.version)}`)
  if (!Array.isArray(m.features) || m.features.some((f) => !(FEATURES as readonly string[]).includes(f))) return fail(`unknown feature in ${quoteValue(m.features)}`)
  if (typeof m.threshold !== 'number' || !(m.threshold >= 0 && m.threshold <= 1)) return fail(`expected \`threshold\` in [0, 1], got ${quoteValue(m.threshold)}`)
  const learner = m.learner as Learner | undefined
  if (!learner || (learner.kind !== 'gbm' && learner.kind !== 'linear')) return fail('`learner.kind` is neither `gbm` nor `linear`')
  if (learner.kind === 'linear' && learner.weights.length !== m.features.length) return fail('one linear weight per feature expected')
  if (m.sameClaim !== undefined) {
    const c = m.sameClaim as Partial<NonNullable<SimilarityModel['sameClaim']>> | null
    if (typeof c !== 'object' || c === null || !Array.isArray(c.features)) return fail('`sameClaim.features` is not a list')
    if (typeof c.threshold !== 'number' || !(c.threshold >= 0 && c.threshold <= 1)) return fail(`expected \`sameClaim.threshold\` in [0, 1], got ${quoteValue(c.threshold)}`)
    if (c.headlineThreshold !== undefined && (typeof c.headlineThreshold !== 'number' || !(c.headlineThreshold > 0 && c.headlineThreshold < 1))) return fail(`expected \`sameClaim.headlineThreshold\` in (0, 1), got ${quoteValue(c.headlineThreshold)}`)
    if (!c.learner || (c.learner.kind !== 'gbm' && c.learner.kind !== 'linear')) return fail('`sameClaim.learner.kind` is neither `gbm` nor `linear`')
  }
  return m as SimilarityModel
}

/** Throw when the model was fitted with word vectors and none (or another table) are given. */
export function checkVectors(model: SimilarityModel, vectors: WordVectors | undefined): void {
  if (model.vectors !== null) {
    if (!vectors) throw new CorroborateError('ERR_MISSING_VECTORS', `Expected the word vectors ${quoteValue(model.vectors)} that the model was fitted with, got none`)
    if (vectors.name !== model.vectors) throw new CorroborateError('ERR_WRONG_VECTORS', `Expected the word vectors ${quoteValue(model.vectors)} that the model was fitted with, got ${quoteValue(vectors.name)}`)
  }
  if (!vectors?.wordnet && model.features.some((f) => WORDNET_FEATURES.includes(f)))
    throw new CorroborateError('ERR_MISSING_WORDNET', 'Expected WordNet, which the model was fitted with, got none')
}

/** Feature values of a pair of sentences under the given IDF, by name. */
export function pairFeatures(a: SentenceFeatures, b: SentenceFeatures, idf: Idf): PairFeatures {
  const values = pairFeatureArray(a, b, idf, new Float64Array(FEATURES.length))
  return Object.fromEntries(FEATURES.map((f, i) => [f, values[i]!])) as Record<FeatureName, number>
}

// Scratch arrays of the scorer: one pair at a time per thread, so they are reused rather than allocated per pair.
const scratch = new Float64Array(FEATURES.length)
const selections = new WeakMap<SimilarityModel, { readonly at: Int32Array; readonly values: Float64Array }>()

/** Similarity of two sentences: 1 for the same wording (case and punctuation aside), else the model's prediction. */
export function similarity(a: SentenceFeatures, b: SentenceFeatures, idf: Idf, model: SimilarityModel = DEFAULT_MODEL): number {
  if (a.wording === b.wording && a.wording !== '') return 1
  computeInScratch(a, b, idf)
  return predictSelected(model, false)
}

/**
 * `similarity`, with the pair's features (every one of `FEATURES`, in order) written into `out` as well: for a
 * second stage that reads them, without computing them again.
 */
export function similarityWithFeatures(a: SentenceFeatures, b: SentenceFeatures, idf: Idf, model: SimilarityModel, out: Float64Array): number {
  computeInScratch(a, b, idf)
  out.set(scratch)
  if (a.wording === b.wording && a.wording !== '') return 1
  return predictSelected(model, false)
}

/**
 * Similarity of two sentences of opposite polarity as if they agreed: the model's prediction with the negation
 * mismatch left out. "The report flagged corrosion" and "the report didn't flag any corrosion" make one claim,
 * contradicted; alignment links them so that the ledger can show the contradiction.
 */
export function similarityIgnoringPolarity(a: SentenceFeatures, b: SentenceFeatures, idf: Idf, model: SimilarityModel = DEFAULT_MODEL): number {
  computeInScratch(a, b, idf)
  return predictSelected(model, true)
}

// The pair whose features `scratch` holds: alignment asks for a pair's similarity, then often for the same pair
// with polarity ignored, and the features are computed once for both.
let scratchA: SentenceFeatures | null = null
let scratchB: SentenceFeatures | null = null
let scratchIdf: Idf | null = null
let scratchIdfSize = -1

function computeInScratch(a: SentenceFeatures, b: SentenceFeatures, idf: Idf): void {
  if (scratchA === a && scratchB === b && scratchIdf === idf && scratchIdfSize === idf.size) return
  pairFeatureArray(a, b, idf, scratch)
  scratchA = a
  scratchB = b
  scratchIdf = idf
  scratchIdfSize = idf.size
}

/**
 * The pair's features (every one of `FEATURES`, in order) into `out`: copied from the scorer's scratch when the
 * last pair it scored was this one, else computed. Alignment asks for a pair's similarity and then for its features
 * (the same-claim stage reads them): the features are computed once for both.
 */
export function pairFeaturesInto(a: SentenceFeatures, b: SentenceFeatures, idf: Idf, out: Float64Array): Float64Array {
  computeInScratch(a, b, idf)
  out.set(scratch)
  return out
}

/** The model's prediction from a row of every feature (`FEATURES` order), optionally with the negation mismatch left out. */
export function predictFromFeatures(model: SimilarityModel, row: ArrayLike<number>, ignorePolarity: boolean): number {
  let selection = selections.get(model)
  if (!selection) {
    selection = { at: Int32Array.from(model.features, (f) => FEATURE_INDEX[f]), values: new Float64Array(model.features.length) }
    selections.set(model, selection)
  }
  const negation = FEATURE_INDEX.negationMismatch
  for (let k = 0; k < selection.at.length; k++) {
    const at = selection.at[k]!
    selection.values[k] = ignorePolarity && at === negation ? 0 : row[at]!
  }
  return predict(model.learner, selection.values)
}

/** The model's prediction from the features in `scratch`, optionally with the negation mismatch left out. */
function predictSelected(model: SimilarityModel, ignorePolarity: boolean): number {
  return predictFromFeatures(model, scratch, ignorePolarity)
}

/** Sentence features of text pairs (each text one sentence) and the IDF over all of them. */
export function preparePairs(pairs: readonly { readonly a: string; readonly b: string }[], vectors?: WordVectors): { prepared: [SentenceFeatures, SentenceFeatures][]; idf: Idf } {
  const prepared: [SentenceFeatures, SentenceFeatures][] = pairs.map((p, i) => [
    sentenceFeatures(sentenceFromText(p.a, `a${i}#0`), vectors),
    sentenceFeatures(sentenceFromText(p.b, `b${i}#0`), vectors),
  ])
  const idf = new Idf()
  for (const [a, b] of prepared) {
    idf.add(a)
    idf.add(b)
  }
  return { prepared, idf }
}

/** Similarity of each text pair, exactly as `analyze` scores two sentences (IDF over every text of the set). */
export function scoreTextPairs(pairs: readonly { readonly a: string; readonly b: string }[], model: SimilarityModel = DEFAULT_MODEL, vectors?: WordVectors): number[] {
  checkVectors(model, vectors)
  const { prepared, idf } = preparePairs(pairs, vectors)
  return prepared.map(([a, b]) => similarity(a, b, idf, model))
}

