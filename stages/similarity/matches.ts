// The soft word alignment of a pair: each content word's best match in the other sentence, prepared once per pair.
import type { PairContext } from './families/family.js'
import type { Idf } from './idf.js'
import type { SentenceFeatures } from './sentence.js'
import { contains } from './sorted.js'
import { dot as dotProduct } from '../../resources/vectors.js'

// Best-match arrays of the pair being scored, reused from pair to pair: only the first (content words) entries
// of each are the pair's; every reader is bounded by the sentence's content words, not the array's length.
const bestBuffers: Float64Array[] = [new Float64Array(64), new Float64Array(64)]

function bestBuffer(side: 0 | 1, length: number): Float64Array {
  if (bestBuffers[side]!.length < length) bestBuffers[side] = new Float64Array(Math.max(length, 2 * bestBuffers[side]!.length))
  return bestBuffers[side]!
}

// The context of the pair being scored, filled in place by `preparePair` (one pair at a time per thread).
const context: { -readonly [K in keyof PairContext]: PairContext[K] | null } = { a: null, b: null, idf: null, bestA: null, bestB: null, forward: 0, backward: 0 }

/** The context the families read of a pair (see `PairContext`): the best matches both ways and the alignment both ways. */
export function preparePair(a: SentenceFeatures, b: SentenceFeatures, idf: Idf): PairContext {
  const bestA = bestBuffer(0, a.content.length)
  const bestB = bestBuffer(1, b.content.length)
  bestMatches(a, b, bestA, bestB)
  context.a = a
  context.b = b
  context.idf = idf
  context.bestA = bestA
  context.bestB = bestB
  context.forward = directed(a.content, bestA, idf)
  context.backward = directed(b.content, bestB, idf)
  return context as PairContext
}

/**
 * The best match of each content word in the other sentence: 1 when the other sentence has its stem, else its
 * best word-vector cosine with a content word there (0 without vectors). One pass over the word pairs serves
 * both directions.
 */
function bestMatches(a: SentenceFeatures, b: SentenceFeatures, bestA: Float64Array, bestB: Float64Array): void {
  // Words whose stem the other sentence has score 1 at once; only the others need word-vector cosines.
  for (let i = 0; i < a.content.length; i++) bestA[i] = contains(b.ids, a.content[i]!.id) ? 1 : 0
  for (let j = 0; j < b.content.length; j++) bestB[j] = contains(a.ids, b.content[j]!.id) ? 1 : 0
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
}

/**
 * How much of `a` is said in `b`: the IDF-weighted share of a's content words that b has (1 for the same stem,
 * else the best word-vector cosine with one of b's content words).
 */
export function softContainment(a: SentenceFeatures, b: SentenceFeatures, idf: Idf): number {
  const bestA = bestBuffer(0, a.content.length)
  const bestB = bestBuffer(1, b.content.length)
  bestMatches(a, b, bestA, bestB)
  return directed(a.content, bestA, idf)
}

/** Soft word alignment in one direction: the IDF-weighted mean best match of a sentence's content words. */
function directed(tokens: SentenceFeatures['content'], best: Float64Array, idf: Idf): number {
  let total = 0
  let matched = 0
  for (let i = 0; i < tokens.length; i++) {
    const w = idf.weightOf(tokens[i]!.id)
    total += w
    matched += w * best[i]!
  }
  return total > 0 ? matched / total : 0
}
