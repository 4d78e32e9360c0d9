// The overlap family: Dice over word stems and over word-stem pairs, cosine of character trigrams.
import { type FeatureFamily, type FeatureSpec, type NamesOf, slotsOf } from './family.js'
import { runDot, sortedDice } from '../sorted.js'

const features = [
  { name: 'unigramDice', doc: 'Dice over the sets of word stems, stopwords included' },
  { name: 'bigramDice', doc: 'Dice over the sets of consecutive word-stem pairs' },
  { name: 'trigramCosine', doc: 'cosine of character-trigram counts' },
] as const satisfies readonly FeatureSpec[]
const slot = slotsOf(features)

/** Word-stem and word-pair Dice (stopwords included) and character-trigram cosine. */
export const overlap: FeatureFamily<NamesOf<typeof features>> = {
  name: 'overlap',
  features,
  needs: null,
  ablation: null,
  fill(pair, out, at) {
    const { a, b } = pair
    const trigramDot = runDot(a.trigrams, b.trigrams)
    out[at + slot.unigramDice] = sortedDice(a.allIds, b.allIds)
    out[at + slot.bigramDice] = sortedDice(a.bigramKeys, b.bigramKeys)
    out[at + slot.trigramCosine] = a.trigramNorm > 0 && b.trigramNorm > 0 ? trigramDot / (a.trigramNorm * b.trigramNorm) : 0
  },
}
