// The lexical family: TF-IDF cosine and IDF-weighted containment over content stems, character-bigram Dice.
import { type FeatureFamily, type FeatureSpec, type NamesOf, slotsOf } from './family.js'
import type { SentenceFeatures } from '../sentence.js'

const features = [
  { name: 'cosine', doc: 'TF-IDF cosine over content stems' },
  { name: 'dice', doc: 'character-bigram Dice coefficient' },
  { name: 'containment', doc: "IDF-weighted share of the shorter sentence's content stems found in the longer one" },
] as const satisfies readonly FeatureSpec[]
const slot = slotsOf(features)

/** TF-IDF cosine, IDF-weighted containment and character-bigram Dice. */
export const lexical: FeatureFamily<NamesOf<typeof features>> = {
  name: 'lexical',
  features,
  needs: null,
  ablation: null,
  fill(pair, out, at) {
    const { a, b, idf } = pair
    let dot = 0
    let normA = 0
    let normB = 0
    let sharedWeightA = 0
    let weightA = 0
    let weightB = 0
    for (let k = 0; k < a.order.length; k++) {
      const i = a.order[k]!
      const w = idf.weightOf(a.ids[i]!)
      normA += (a.counts[i]! * w) ** 2
      weightA += w
    }
    for (let k = 0; k < b.order.length; k++) {
      const j = b.order[k]!
      const w = idf.weightOf(b.ids[j]!)
      normB += (b.counts[j]! * w) ** 2
      weightB += w
    }
    // The shared stems are found by merging the id-sorted arrays, then summed in the order of their text.
    const partner = partnerBuffer(a.ids.length)
    for (let i = 0, j = 0; i < a.ids.length; ) {
      if (j >= b.ids.length || a.ids[i]! < b.ids[j]!) partner[i++] = -1
      else if (a.ids[i]! > b.ids[j]!) j++
      else partner[i++] = j++
    }
    for (let k = 0; k < a.order.length; k++) {
      const i = a.order[k]!
      const j = partner[i]!
      if (j < 0) continue
      const w = idf.weightOf(a.ids[i]!)
      dot += a.counts[i]! * b.counts[j]! * w * w
      sharedWeightA += w
    }
    const smaller = Math.min(weightA, weightB)
    out[at + slot.cosine] = normA > 0 && normB > 0 ? dot / Math.sqrt(normA * normB) : 0
    out[at + slot.dice] = dice(a, b)
    out[at + slot.containment] = smaller > 0 ? Math.min(1, sharedWeightA / smaller) : 0
  },
}

// Reused from pair to pair (one pair at a time per thread).
let partners = new Int32Array(64)

/** Scratch of the cosine: for each stem of one sentence, its position in the other's, or -1. */
function partnerBuffer(length: number): Int32Array {
  if (partners.length < length) partners = new Int32Array(Math.max(length, 2 * partners.length))
  return partners
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
