// similarity: the sentence-pair scorer that `align` (and later `pairs`) uses: features combined by a model.
import type { Sentence, Token } from './types.js'

/** What the scorer needs of a sentence, computed once. */
export interface SentenceFeatures {
  /** Content stems (no stopwords or punctuation) with their counts. */
  readonly stems: ReadonlyMap<string, number>
  /** Lower-cased text with quotes folded, for character Dice. */
  readonly folded: string
  /** Letters and digits of `folded` only, single-spaced: two sentences with the same wording have the same value. */
  readonly wording: string
  /** Character bigrams of `folded` without white space, as sorted codes, for Dice. */
  readonly bigrams: Uint32Array
  /** Tokens of canonical entity names, lower case. */
  readonly entities: ReadonlySet<string>
  /** Number values as strings. */
  readonly numbers: ReadonlySet<string>
  /** Count of word tokens. */
  readonly words: number
  /** True when the sentence negates ("not", "no", "never", "n't"). */
  readonly negated: boolean
}

/** Feature values of one sentence pair, each in [0, 1]. */
export interface PairFeatures {
  /** TF-IDF cosine over content stems. */
  readonly cosine: number
  /** Character-bigram Dice coefficient (string-similarity). */
  readonly dice: number
  /** IDF-weighted share of the shorter sentence's content stems found in the longer one. */
  readonly containment: number
  /** Jaccard overlap of entity name tokens (0.5 when neither names any). */
  readonly entities: number
  /** Jaccard overlap of number values (0.5 when neither has any). */
  readonly numbers: number
  /** Shorter length over longer length, in words. */
  readonly lengthRatio: number
}

/** A linear model over pair features and the threshold at which a pair counts as aligned. */
export interface SimilarityModel {
  readonly weights: Readonly<Record<keyof PairFeatures, number>>
  readonly bias: number
  readonly threshold: number
}

/**
 * The default model: hand-set weights (checked against the MSRP training pairs, see BENCHMARKS.md) and a threshold
 * chosen for precision inside a story, where a wrong alignment costs more than a missed one.
 */
export const DEFAULT_MODEL: SimilarityModel = {
  weights: { cosine: 0.5, dice: 0.2, containment: 0.25, entities: 0.05, numbers: 0.05, lengthRatio: -0.05 },
  bias: 0,
  threshold: 0.42,
}

const NEGATIONS = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'none', 'neither', 'nor', 'without'])

/** Content tokens: words and numbers that are not stopwords. */
export function isContent(token: Token): boolean {
  return (token.kind === 'word' || token.kind === 'number') && !token.stop && /[\p{L}\p{N}]/u.test(token.normal)
}

/** Compute the features of a sentence once, for every pair it takes part in. */
export function sentenceFeatures(sentence: Sentence): SentenceFeatures {
  const stems = new Map<string, number>()
  let words = 0
  let negated = false
  for (const token of sentence.tokens) {
    if (token.kind === 'word' || token.kind === 'number') words++
    if (NEGATIONS.has(token.normal)) negated = true
    if (isContent(token)) stems.set(token.stem, (stems.get(token.stem) ?? 0) + 1)
  }
  const folded = foldText(sentence.text)
  return {
    stems,
    folded,
    wording: folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim(),
    bigrams: bigrams(folded),
    // Name tokens rather than whole names: "Ortega" in one outlet is "Dr. Samuel Ortega" in another.
    entities: new Set(sentence.entities.flatMap((e) => e.name.toLowerCase().split(/\s+/))),
    numbers: new Set(sentence.numbers.map((n) => String(n.value))),
    words,
    negated,
  }
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
  private readonly df = new Map<string, number>()
  private count = 0

  /** Count the stems of one sentence. */
  add(features: SentenceFeatures): void {
    this.count++
    for (const stem of features.stems.keys()) this.df.set(stem, (this.df.get(stem) ?? 0) + 1)
  }

  /** Weight of a stem; unseen stems weigh as if seen once. */
  weight(stem: string): number {
    return Math.log((this.count + 1) / ((this.df.get(stem) ?? 1) + 1)) + 1
  }

  /** How many sentences contain the stem. */
  frequency(stem: string): number {
    return this.df.get(stem) ?? 0
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
  for (const [stem, count] of a.stems) {
    const w = idf.weight(stem)
    normA += (count * w) ** 2
    weightA += w
    const other = b.stems.get(stem)
    if (other !== undefined) {
      dot += count * other * w * w
      sharedWeightA += w
    }
  }
  for (const [stem, count] of b.stems) {
    const w = idf.weight(stem)
    normB += (count * w) ** 2
    weightB += w
  }
  const cosine = normA > 0 && normB > 0 ? dot / Math.sqrt(normA * normB) : 0
  const smaller = Math.min(weightA, weightB)
  const containment = smaller > 0 ? Math.min(1, sharedWeightA / smaller) : 0
  return {
    cosine,
    dice: dice(a, b),
    containment,
    entities: jaccard(a.entities, b.entities),
    numbers: jaccard(a.numbers, b.numbers),
    lengthRatio: a.words > 0 && b.words > 0 ? Math.min(a.words, b.words) / Math.max(a.words, b.words) : 0,
  }
}

/** Similarity of two sentences: 1 for the same wording (case and punctuation aside), else the model's score. */
export function similarity(a: SentenceFeatures, b: SentenceFeatures, idf: Idf, model: SimilarityModel = DEFAULT_MODEL): number {
  return a.wording === b.wording && a.wording !== '' ? 1 : score(pairFeatures(a, b, idf), model)
}

/** The model's similarity for a pair, clipped to [0, 1]. */
export function score(features: PairFeatures, model: SimilarityModel = DEFAULT_MODEL): number {
  let value = model.bias
  for (const name of Object.keys(model.weights) as (keyof PairFeatures)[]) value += model.weights[name] * features[name]
  return Math.max(0, Math.min(1, value))
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

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0.5
  let shared = 0
  for (const x of a) if (b.has(x)) shared++
  return shared / (a.size + b.size - shared)
}
