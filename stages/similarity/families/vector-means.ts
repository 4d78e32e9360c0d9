// The vector-means family: cosines of two more mean word vectors, of the content words and of every word.
import { type FeatureFamily, type FeatureSpec, type NamesOf, slotsOf } from './family.js'
import { dot as dotProduct } from '../../../resources/vectors.js'

const features = [
  { name: 'contentVectorCosine', doc: 'cosine of the SIF-weighted mean vectors of the content words only' },
  { name: 'meanVectorCosine', doc: 'cosine of the unweighted mean vectors of every word' },
] as const satisfies readonly FeatureSpec[]
const slot = slotsOf(features)

/** Cosine of the SIF-weighted content-word mean vectors and of the unweighted mean vectors. */
export const vectorMeans: FeatureFamily<NamesOf<typeof features>> = {
  name: 'vector-means',
  features,
  needs: 'vectors',
  ablation: null,
  fill(pair, out, at) {
    const { a, b } = pair
    out[at + slot.contentVectorCosine] = a.contentEmbedding && b.contentEmbedding ? dotProduct(a.contentEmbedding, b.contentEmbedding) : 0
    out[at + slot.meanVectorCosine] = a.meanEmbedding && b.meanEmbedding ? dotProduct(a.meanEmbedding, b.meanEmbedding) : 0
  },
}
