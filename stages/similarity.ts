// similarity: the sentence-pair scorer that `analyze`, `pairs` and `calibrate` share: features combined by a model.
import defaultModel from '../models/default.json'
import { CorroborateError, quoteValue } from './messages.js'
import { type Learner, predict } from './model.js'
import { sentenceFromText } from './segment.js'
import type { Sentence, Token } from './types.js'
import { dot as dotProduct, type WordVectors } from './vectors.js'

/** What the scorer needs of a sentence, computed once. */
export interface SentenceFeatures {
  /** Content stems (no stopwords or punctuation) with their counts. */
  readonly stems: ReadonlyMap<string, number>
  /** Content stems as sorted unique ids (see `stemId`) and their counts, for fast merging. */
  readonly ids: Int32Array
  readonly counts: Float64Array
  /** Content tokens in order: stem id, unit word vector and its row in the table (when the table has the word). */
  readonly content: readonly { readonly id: number; readonly vector: Float32Array | undefined; readonly row: number }[]
  /** Ids of the stems of every word, stopwords included: sorted, unique. */
  readonly allIds: Int32Array
  /** Consecutive word-stem id pairs as sorted unique keys. */
  readonly bigramKeys: Float64Array
  /** Lower-cased text with quotes folded, for character Dice. */
  readonly folded: string
  /** Letters and digits of `folded` only, single-spaced: two sentences with the same wording have the same value. */
  readonly wording: string
  /** Character bigrams of `folded` without white space, as sorted codes, for Dice. */
  readonly bigrams: Uint32Array
  /** Character trigrams of `folded` as sorted 32-bit hash codes (repeats kept), and the norm of their counts. */
  readonly trigrams: Uint32Array
  readonly trigramNorm: number
  /** Smooth-inverse-frequency weighted mean of the word vectors (Arora et al. 2017), or null without vectors. */
  readonly embedding: Float32Array | null
  /** Tokens of canonical entity names, lower case. */
  readonly entities: ReadonlySet<string>
  /** Number values as strings. */
  readonly numbers: ReadonlySet<string>
  /** Count of word tokens. */
  readonly words: number
  /** True when the sentence negates ("not", "no", "never", "n't"). */
  readonly negated: boolean
  /** Content stems inside each direct quotation of four content words or more. */
  readonly quotes: readonly ReadonlySet<string>[]
}

/** The features of a sentence pair, in the order models list them. */
export const FEATURES = [
  'cosine',
  'dice',
  'containment',
  'entities',
  'numbers',
  'lengthRatio',
  'vectorCosine',
  'alignMin',
  'alignMax',
  'numberMismatch',
  'negationMismatch',
  'unigramDice',
  'bigramDice',
  'trigramCosine',
] as const

/** Name of a pair feature. */
export type FeatureName = (typeof FEATURES)[number]

/** Feature values of one sentence pair, each in [0, 1]. */
export type PairFeatures = Readonly<Record<FeatureName, number>>

/** Documentation of each feature: what `calibrate` prints and the model notes record. */
export const FEATURE_DOCS: Readonly<Record<FeatureName, string>> = {
  cosine: 'TF-IDF cosine over content stems',
  dice: 'character-bigram Dice coefficient',
  containment: "IDF-weighted share of the shorter sentence's content stems found in the longer one",
  entities: 'Jaccard overlap of entity name tokens (0.5 when neither names any)',
  numbers: 'Jaccard overlap of number values (0.5 when neither has any)',
  lengthRatio: 'shorter length over longer length, in words',
  vectorCosine: 'cosine of smooth-inverse-frequency weighted mean word vectors',
  alignMin: 'soft word alignment with word vectors, IDF-weighted: the smaller of its two directions',
  alignMax: 'soft word alignment with word vectors, IDF-weighted: the larger of its two directions',
  numberMismatch: '1 when both sentences have numbers and one has a value the other lacks',
  negationMismatch: '1 when one sentence negates and the other does not',
  unigramDice: 'Dice over the sets of word stems, stopwords included',
  bigramDice: 'Dice over the sets of consecutive word-stem pairs',
  trigramCosine: 'cosine of character-trigram counts',
}

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
  return m as SimilarityModel
}

/** Throw when the model was fitted with word vectors and none (or another table) are given. */
export function checkVectors(model: SimilarityModel, vectors: WordVectors | undefined): void {
  if (model.vectors === null) return
  if (!vectors) throw new CorroborateError('ERR_MISSING_VECTORS', `Expected the word vectors ${quoteValue(model.vectors)} that the model was fitted with, got none`)
  if (vectors.name !== model.vectors) throw new CorroborateError('ERR_WRONG_VECTORS', `Expected the word vectors ${quoteValue(model.vectors)} that the model was fitted with, got ${quoteValue(vectors.name)}`)
}

const NEGATIONS = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'none', 'neither', 'nor', 'without'])

/** Content tokens: words and numbers that are not stopwords. */
export function isContent(token: Token): boolean {
  return (token.kind === 'word' || token.kind === 'number') && !token.stop && /[\p{L}\p{N}]/u.test(token.normal)
}

// Stems get process-wide integer ids so pair features merge sorted arrays instead of looking up strings. Ids
// only ever serve to compare stems, so the order in which they are given out changes no result.
const stemIds = new Map<string, number>()
const stemOf: string[] = []
// Word-pair keys are id × PAIR_BASE + id, exact in a double for up to 2^26 distinct stems.
const PAIR_BASE = 2 ** 26

/** The id of a stem, given on first sight. */
export function stemId(stem: string): number {
  let id = stemIds.get(stem)
  if (id === undefined) {
    id = stemOf.length
    stemIds.set(stem, id)
    stemOf.push(stem)
  }
  return id
}

/** Content words per sentence whose word vectors take part in the soft alignment. */
export const ALIGN_WORDS = 12

// Smooth inverse frequency: a / (a + p(w)), with p(w) from the word's frequency rank by Zipf's law.
const SIF_A = 1e-3
const ZIPF_NORM = Math.log(150_000) + 0.5772

/** Compute the features of a sentence once, for every pair it takes part in; `vectors` adds the vector features. */
export function sentenceFeatures(sentence: Sentence, vectors?: WordVectors): SentenceFeatures {
  const stems = new Map<string, number>()
  const content: { id: number; vector: Float32Array | undefined; row: number }[] = []
  const allIds = new Set<number>()
  const bigramKeys = new Set<number>()
  let words = 0
  let negated = false
  let previous = -1
  const embedding = vectors ? new Float32Array(vectors.dimensions) : null
  let embedded = false
  for (const token of sentence.tokens) {
    if (token.kind !== 'word' && token.kind !== 'number') continue
    words++
    if (NEGATIONS.has(token.normal)) negated = true
    const id = stemId(token.stem)
    allIds.add(id)
    if (previous >= 0) bigramKeys.add(previous * PAIR_BASE + id)
    previous = id
    const vector = vectors?.vector(token.normal.toLowerCase())
    const rank = vector ? vectors!.rank(token.normal.toLowerCase())! : -1
    if (vector && embedding) {
      const weight = SIF_A / (SIF_A + 1 / ((rank + 1) * ZIPF_NORM))
      for (let i = 0; i < vector.length; i++) embedding[i]! += weight * vector[i]!
      embedded = true
    }
    if (isContent(token)) {
      stems.set(token.stem, (stems.get(token.stem) ?? 0) + 1)
      content.push({ id, vector, row: rank })
    }
  }
  // Word vectors take part in the soft alignment for the sentence's rarest words only (by the table's frequency
  // rank): long sentences would otherwise cost a cosine for every pair of their words.
  const rare = content.filter((c) => c.vector).sort((x, y) => y.row - x.row || x.id - y.id).slice(ALIGN_WORDS)
  for (const c of rare) c.vector = undefined
  const ids = Int32Array.from([...stems.keys()].map(stemId)).sort()
  const counts = Float64Array.from(ids, (id) => stems.get(stemOf[id]!)!)
  const folded = foldText(sentence.text)
  const trigrams = trigramCodes(folded)
  let trigramNorm = 0
  for (let i = 0; i < trigrams.length; ) {
    let j = i
    while (j < trigrams.length && trigrams[j] === trigrams[i]) j++
    trigramNorm += (j - i) ** 2
    i = j
  }
  return {
    stems,
    ids,
    counts,
    content,
    allIds: Int32Array.from(allIds).sort(),
    bigramKeys: Float64Array.from(bigramKeys).sort(),
    folded,
    wording: folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim(),
    bigrams: bigrams(folded),
    trigrams,
    trigramNorm: Math.sqrt(trigramNorm),
    embedding: embedded ? embedding : null,
    // Name tokens rather than whole names: "Ortega" in one outlet is "Dr. Samuel Ortega" in another.
    entities: nameTokens(sentence),
    numbers: new Set(sentence.numbers.map((n) => String(n.value))),
    words,
    negated,
    quotes: sentence.quotes
      .map((q) => new Set(sentence.tokens.filter((t) => t.begin >= q.begin && t.end <= q.end && isContent(t)).map((t) => t.stem)))
      .filter((q) => q.size >= 4),
  }
}

/**
 * Lower-case tokens of the sentence's entity names. A plain loop: `flatMap` over entity lists of varying shapes
 * (empty, one, many) sent V8 into a loop of deoptimising and recompiling this hot path.
 */
function nameTokens(sentence: Sentence): Set<string> {
  const tokens = new Set<string>()
  for (const entity of sentence.entities) for (const part of entity.name.toLowerCase().split(/\s+/)) tokens.add(part)
  return tokens
}

/**
 * True when the two sentences carry the same quotation, worded a little differently: most content words of the
 * shorter quote are in a quote of the other ("I consider that an asset, not a liability" / "That's called an
 * asset, not a liability").
 */
export function sameQuote(a: SentenceFeatures, b: SentenceFeatures, share = 0.6): boolean {
  for (const x of a.quotes)
    for (const y of b.quotes) {
      const [small, large] = x.size <= y.size ? [x, y] : [y, x]
      let inside = 0
      for (const stem of small) if (large.has(stem)) inside++
      if (inside / small.size >= share) return true
    }
  return false
}

/** Lower case, curly quotes and dashes folded, so Dice compares wording rather than typography. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’`]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/[–—]/g, '-')
}

/** Inverse document frequency over a set of sentences: `ln((N + 1) / (df + 1)) + 1`. */
export class Idf {
  private df = new Int32Array(1024)
  private count = 0
  private weights: Float64Array | null = null

  /** Count the stems of one sentence. */
  add(features: SentenceFeatures): void {
    this.weights = null
    this.count++
    for (const id of features.ids) {
      if (id >= this.df.length) {
        const grown = new Int32Array(Math.max(id + 1, this.df.length * 2))
        grown.set(this.df)
        this.df = grown
      }
      this.df[id]!++
    }
  }

  /** Weight of a stem id: `ln((N + 1) / (df + 1)) + 1`; stems never counted weigh as if seen once. */
  weightOf(id: number): number {
    if (!this.weights) {
      this.weights = new Float64Array(this.df.length)
      for (let i = 0; i < this.df.length; i++) this.weights[i] = Math.log((this.count + 1) / (Math.max(1, this.df[i]!) + 1)) + 1
    }
    return id < this.weights.length ? this.weights[id]! : Math.log((this.count + 1) / 2) + 1
  }

  /** Weight of a stem. */
  weight(stem: string): number {
    return this.weightOf(stemId(stem))
  }

  /** How many sentences contain the stem. */
  frequency(stem: string): number {
    const id = stemId(stem)
    return id < this.df.length ? this.df[id]! : 0
  }
}

/** Feature values of a pair of sentences under the given IDF. */
export function pairFeatures(a: SentenceFeatures, b: SentenceFeatures, idf: Idf): PairFeatures {
  let dot = 0
  let normA = 0
  let normB = 0
  let sharedWeightA = 0
  let weightA = 0
  let weightB = 0
  for (let i = 0; i < a.ids.length; i++) {
    const w = idf.weightOf(a.ids[i]!)
    normA += (a.counts[i]! * w) ** 2
    weightA += w
  }
  for (let j = 0; j < b.ids.length; j++) {
    const w = idf.weightOf(b.ids[j]!)
    normB += (b.counts[j]! * w) ** 2
    weightB += w
  }
  for (let i = 0, j = 0; i < a.ids.length && j < b.ids.length; ) {
    if (a.ids[i]! < b.ids[j]!) i++
    else if (a.ids[i]! > b.ids[j]!) j++
    else {
      const w = idf.weightOf(a.ids[i]!)
      dot += a.counts[i]! * b.counts[j]! * w * w
      sharedWeightA += w
      i++
      j++
    }
  }
  const cosine = normA > 0 && normB > 0 ? dot / Math.sqrt(normA * normB) : 0
  const smaller = Math.min(weightA, weightB)
  const [forward, backward] = alignment(a, b, idf)
  const trigramDot = runDot(a.trigrams, b.trigrams)
  return {
    cosine,
    dice: dice(a, b),
    containment: smaller > 0 ? Math.min(1, sharedWeightA / smaller) : 0,
    entities: jaccard(a.entities, b.entities),
    numbers: jaccard(a.numbers, b.numbers),
    lengthRatio: a.words > 0 && b.words > 0 ? Math.min(a.words, b.words) / Math.max(a.words, b.words) : 0,
    vectorCosine: a.embedding && b.embedding ? Math.max(0, cosineOf(a.embedding, b.embedding)) : 0,
    alignMin: Math.min(forward, backward),
    alignMax: Math.max(forward, backward),
    numberMismatch: a.numbers.size > 0 && b.numbers.size > 0 && (a.numbers.size !== b.numbers.size || [...a.numbers].some((n) => !b.numbers.has(n))) ? 1 : 0,
    negationMismatch: a.negated !== b.negated ? 1 : 0,
    unigramDice: sortedDice(a.allIds, b.allIds),
    bigramDice: sortedDice(a.bigramKeys, b.bigramKeys),
    trigramCosine: a.trigramNorm > 0 && b.trigramNorm > 0 ? trigramDot / (a.trigramNorm * b.trigramNorm) : 0,
  }
}

/** Binary search in a sorted id array. */
function contains(sorted: Int32Array, id: number): boolean {
  let lo = 0
  let hi = sorted.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const v = sorted[mid]!
    if (v === id) return true
    if (v < id) lo = mid + 1
    else hi = mid - 1
  }
  return false
}

/**
 * Soft word alignment both ways: each content word counts 1 when the other sentence has its stem, else its best
 * word-vector cosine with a content word of the other sentence (0 without vectors), weighted by IDF. One pass
 * over the word pairs serves both directions.
 */
function alignment(a: SentenceFeatures, b: SentenceFeatures, idf: Idf): [number, number] {
  // Words whose stem the other sentence has score 1 at once; only the others need word-vector cosines.
  const bestA = Float64Array.from(a.content, (t) => (contains(b.ids, t.id) ? 1 : 0))
  const bestB = Float64Array.from(b.content, (t) => (contains(a.ids, t.id) ? 1 : 0))
  for (let i = 0; i < a.content.length; i++) {
    const x = a.content[i]!
    if (!x.vector) continue
    const doneA = bestA[i] === 1
    for (let j = 0; j < b.content.length; j++) {
      if (doneA && bestB[j] === 1) continue
      const y = b.content[j]!
      if (!y.vector) continue
      const value = dotProduct(x.vector, y.vector)
      if (value > bestA[i]!) bestA[i] = value
      if (value > bestB[j]!) bestB[j] = value
    }
  }
  const directed = (tokens: SentenceFeatures['content'], best: Float64Array) => {
    let total = 0
    let matched = 0
    tokens.forEach((t, i) => {
      const w = idf.weightOf(t.id)
      total += w
      matched += w * best[i]!
    })
    return total > 0 ? matched / total : 0
  }
  return [directed(a.content, bestA), directed(b.content, bestB)]
}


/** The values of `names` from `features`, in that order. */
export function featureVector(features: PairFeatures, names: readonly FeatureName[]): number[] {
  return names.map((name) => features[name])
}

/** Similarity of two sentences: 1 for the same wording (case and punctuation aside), else the model's prediction. */
export function similarity(a: SentenceFeatures, b: SentenceFeatures, idf: Idf, model: SimilarityModel = DEFAULT_MODEL): number {
  if (a.wording === b.wording && a.wording !== '') return 1
  return predict(model.learner, featureVector(pairFeatures(a, b, idf), model.features))
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

/** Sorted FNV-1a hashes of the character trigrams of `text` (a repeated trigram appears once per occurrence). */
function trigramCodes(text: string): Uint32Array {
  const codes = new Uint32Array(Math.max(0, text.length - 2))
  for (let i = 0; i < codes.length; i++) {
    let h = 0x811c9dc5
    for (let k = 0; k < 3; k++) {
      const c = text.charCodeAt(i + k)
      h = Math.imul(h ^ (c & 0xff), 0x01000193)
      h = Math.imul(h ^ (c >>> 8), 0x01000193)
    }
    codes[i] = h >>> 0
  }
  return codes.sort()
}

/** Dot product of two count vectors given as sorted codes with repeats. */
function runDot(x: Uint32Array, y: Uint32Array): number {
  let i = 0
  let j = 0
  let sum = 0
  while (i < x.length && j < y.length) {
    if (x[i]! < y[j]!) i++
    else if (x[i]! > y[j]!) j++
    else {
      const code = x[i]!
      let nx = 0
      let ny = 0
      while (i < x.length && x[i] === code) {
        nx++
        i++
      }
      while (j < y.length && y[j] === code) {
        ny++
        j++
      }
      sum += nx * ny
    }
  }
  return sum
}

/** Sorted codes of the character bigrams of `text` with white space removed (UTF-16 code units, as string-similarity reads them). */
export function bigrams(text: string): Uint32Array {
  const compact = text.replace(/\s+/g, '')
  const codes = new Uint32Array(Math.max(0, compact.length - 1))
  for (let i = 0; i < codes.length; i++) codes[i] = compact.charCodeAt(i) * 65536 + compact.charCodeAt(i + 1)
  return codes.sort()
}

/**
 * Dice coefficient over character bigrams, the value string-similarity's `compareTwoStrings` gives, computed
 * from bigrams prepared once per sentence instead of rebuilt for every pair.
 */
export function dice(a: Pick<SentenceFeatures, 'folded' | 'bigrams'>, b: Pick<SentenceFeatures, 'folded' | 'bigrams'>): number {
  const x = a.bigrams
  const y = b.bigrams
  // Texts of fewer than two characters have no bigram: string-similarity gives 1 when they are equal, else 0.
  if (x.length === 0 || y.length === 0) return a.folded.replace(/\s+/g, '') === b.folded.replace(/\s+/g, '') ? 1 : 0
  let i = 0
  let j = 0
  let shared = 0
  while (i < x.length && j < y.length) {
    if (x[i]! === y[j]!) {
      shared++
      i++
      j++
    } else if (x[i]! < y[j]!) i++
    else j++
  }
  return (2 * shared) / (x.length + y.length)
}

/** Dice coefficient of two sorted arrays of unique values. */
function sortedDice(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length + y.length === 0) return 0
  let shared = 0
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i]! < y[j]!) i++
    else if (x[i]! > y[j]!) j++
    else {
      shared++
      i++
      j++
    }
  }
  return (2 * shared) / (x.length + y.length)
}

function cosineOf(a: Float32Array, b: Float32Array): number {
  let d = 0
  let na = 0
  let nb = 0
  for (let i = 0; i < a.length; i++) {
    d += a[i]! * b[i]!
    na += a[i]! * a[i]!
    nb += b[i]! * b[i]!
  }
  return na > 0 && nb > 0 ? d / Math.sqrt(na * nb) : 0
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0.5
  let shared = 0
  for (const x of a) if (b.has(x)) shared++
  return shared / (a.size + b.size - shared)
}
