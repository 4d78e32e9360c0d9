// The unmatched family: the content words left without a counterpart in the other sentence.
import { type FeatureFamily, type FeatureSpec, type NamesOf, slotsOf, both, countBelow } from './family.js'
import type { Idf } from '../idf.js'
import type { SentenceFeatures } from '../sentence.js'

const features = [
  { name: 'unmatched5Min', doc: 'content words with neither their stem nor a word of vector cosine ≥ 0.5 in the other sentence: the fewer of the two sides', alsoNeeds: 'vectors' },
  { name: 'unmatched5Max', doc: 'the same: the more of the two sides', alsoNeeds: 'vectors' },
  { name: 'unmatched7Min', doc: 'content words without a counterpart of cosine ≥ 0.7 (or the same stem): the fewer of the two sides', alsoNeeds: 'vectors' },
  { name: 'unmatched7Max', doc: 'the same: the more of the two sides', alsoNeeds: 'vectors' },
  { name: 'unmatchedStemMin', doc: 'content words whose stem the other sentence lacks: the fewer of the two sides' },
  { name: 'unmatchedStemMax', doc: 'the same: the more of the two sides' },
  { name: 'unmatchedWeightMin', doc: 'IDF weight of the content words without a counterpart of cosine ≥ 0.5: the smaller side', alsoNeeds: 'vectors' },
  { name: 'unmatchedWeightMax', doc: 'the same: the larger side', alsoNeeds: 'vectors' },
] as const satisfies readonly FeatureSpec[]
const slot = slotsOf(features)

/** Content words without a counterpart by cosine level, by stem and by IDF weight (the stem counts need no vectors). */
export const unmatched: FeatureFamily<NamesOf<typeof features>> = {
  name: 'unmatched',
  features,
  needs: null,
  ablation: 'unmatched words and lengths',
  fill(pair, out, at) {
    const { a, b, bestA, bestB } = pair
    const nA = a.content.length
    const nB = b.content.length
    // Words left without a counterpart, at two cosine levels, by stem, and by IDF weight.
    both(out, at + slot.unmatched5Min, countBelow(bestA, nA, 0.5), countBelow(bestB, nB, 0.5))
    both(out, at + slot.unmatched7Min, countBelow(bestA, nA, 0.7), countBelow(bestB, nB, 0.7))
    both(out, at + slot.unmatchedStemMin, countBelow(bestA, nA, 1), countBelow(bestB, nB, 1))
    both(out, at + slot.unmatchedWeightMin, weightBelow(a.content, bestA, pair.idf, 0.5), weightBelow(b.content, bestB, pair.idf, 0.5))
  },
}

/** IDF weight of the words whose best match is below `level`. */
function weightBelow(tokens: SentenceFeatures['content'], best: Float64Array, idf: Idf, level: number): number {
  let weight = 0
  for (let i = 0; i < tokens.length; i++) if (best[i]! < level) weight += idf.weightOf(tokens[i]!.id)
  return weight
}
