// The subsequence family: the longest common subsequence of the words, and of the content words.
import { type FeatureFamily, type FeatureSpec, type NamesOf, slotsOf, ratio } from './family.js'
import type { WordSequence } from '../sentence.js'
import { indexOfId } from '../sorted.js'

const features = [
  { name: 'lcsMin', doc: 'longest common subsequence of word stems over the shorter sentence' },
  { name: 'lcsMax', doc: 'the same over the longer sentence' },
  { name: 'lcsContentMin', doc: 'longest common subsequence of content stems over the shorter sentence' },
  { name: 'lcsContentMax', doc: 'the same over the longer sentence' },
] as const satisfies readonly FeatureSpec[]
const slot = slotsOf(features)

/** Longest common subsequence over the shorter and over the longer sentence. */
export const subsequence: FeatureFamily<NamesOf<typeof features>> = {
  name: 'subsequence',
  features,
  needs: null,
  ablation: 'n-gram precision and subsequences',
  fill(pair, out, at) {
    const { a, b } = pair
    const lcs = longestCommonSubsequence(a.sequence, b.sequence)
    out[at + slot.lcsMin] = ratio(lcs, Math.min(a.sequence.ids.length, b.sequence.ids.length))
    out[at + slot.lcsMax] = ratio(lcs, Math.max(a.sequence.ids.length, b.sequence.ids.length))
    const lcsContent = longestCommonSubsequence(a.contentSequence, b.contentSequence)
    out[at + slot.lcsContentMin] = ratio(lcsContent, Math.min(a.contentSequence.ids.length, b.contentSequence.ids.length))
    out[at + slot.lcsContentMax] = ratio(lcsContent, Math.max(a.contentSequence.ids.length, b.contentSequence.ids.length))
  },
}

/**
 * Length of the longest common subsequence of two word sequences, bit-parallel (Hyyrö 2004): one pass over `y`
 * with a few integer operations per word, where the table of the textbook method has a cell per pair of words.
 */
export function longestCommonSubsequence(x: WordSequence, y: WordSequence): number {
  const m = x.ids.length
  if (m === 0 || y.ids.length === 0) return 0
  const full = m === 32 ? 0xffffffff : 2 ** m - 1
  let v = full
  for (let j = 0; j < y.ids.length; j++) {
    const k = indexOfId(x.symbols, y.ids[j]!)
    if (k < 0) continue
    const u = (v & x.masks[k]!) >>> 0
    v = (((v + u) >>> 0) | ((v - u) >>> 0)) & full
    v >>>= 0
  }
  // Each zero among the m bits is one word of x in the common subsequence.
  let ones = v - ((v >>> 1) & 0x55555555)
  ones = (ones & 0x33333333) + ((ones >>> 2) & 0x33333333)
  ones = (Math.imul((ones + (ones >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff
  return m - ones
}
