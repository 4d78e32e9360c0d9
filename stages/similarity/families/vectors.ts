// The vectors family: cosine of the sentences' weighted mean word vectors, and soft word alignment both ways.
import { type FeatureFamily, type FeatureSpec, type NamesOf, slotsOf } from './family.js'

const features = [
  { name: 'vectorCosine', doc: 'cosine of smooth-inverse-frequency weighted mean word vectors' },
  { name: 'alignMin', doc: 'soft word alignment with word vectors, IDF-weighted: the smaller of its two directions' },
  { name: 'alignMax', doc: 'soft word alignment with word vectors, IDF-weighted: the larger of its two directions' },
] as const satisfies readonly FeatureSpec[]
const slot = slotsOf(features)

/** SIF-weighted sentence vector cosine and soft word alignment (the smaller and the larger direction). */
export const vectors: FeatureFamily<NamesOf<typeof features>> = {
  name: 'vectors',
  features,
  needs: 'vectors',
  ablation: null,
  fill(pair, out, at) {
    const { a, b } = pair
    out[at + slot.vectorCosine] = a.embedding && b.embedding ? Math.max(0, cosineOf(a.embedding, b.embedding)) : 0
    out[at + slot.alignMin] = Math.min(pair.forward, pair.backward)
    out[at + slot.alignMax] = Math.max(pair.forward, pair.backward)
  },
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
