// The joint-alignment family: soft word alignment over the content words of both sentences together.
import { type FeatureFamily, type FeatureSpec, type NamesOf, slotsOf, ratio } from './family.js'
import type { Idf } from '../idf.js'
import type { SentenceFeatures } from '../sentence.js'

const features = [
  { name: 'alignBoth', doc: 'soft word alignment over the content words of both sentences together, IDF-weighted' },
] as const satisfies readonly FeatureSpec[]
const slot = slotsOf(features)

/** The two directions of the soft alignment weighted by their IDF totals. */
export const jointAlignment: FeatureFamily<NamesOf<typeof features>> = {
  name: 'joint-alignment',
  features,
  needs: 'vectors',
  ablation: null,
  fill(pair, out, at) {
    const totalA = weightOfAll(pair.a.content, pair.idf)
    const totalB = weightOfAll(pair.b.content, pair.idf)
    out[at + slot.alignBoth] = ratio(pair.forward * totalA + pair.backward * totalB, totalA + totalB)
  },
}

/** IDF weight of every content word. */
function weightOfAll(tokens: SentenceFeatures['content'], idf: Idf): number {
  let weight = 0
  for (let i = 0; i < tokens.length; i++) weight += idf.weightOf(tokens[i]!.id)
  return weight
}
