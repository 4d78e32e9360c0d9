// The matched family: the share of content words with a close counterpart (cosine ≥ 0.9 or the same stem).
import { type FeatureFamily, type FeatureSpec, type NamesOf, slotsOf, both, countBelow, ratio } from './family.js'

const features = [
  { name: 'matched9Min', doc: 'share of content words with a counterpart of cosine ≥ 0.9 (or the same stem), the lower side' },
  { name: 'matched9Max', doc: 'the same, the higher side' },
] as const satisfies readonly FeatureSpec[]
const slot = slotsOf(features)

/** Share of content words matched at cosine 0.9, the lower and the higher side. */
export const matched: FeatureFamily<NamesOf<typeof features>> = {
  name: 'matched',
  features,
  needs: 'vectors',
  ablation: 'unmatched words and lengths',
  fill(pair, out, at) {
    const nA = pair.a.content.length
    const nB = pair.b.content.length
    both(out, at + slot.matched9Min, ratio(nA - countBelow(pair.bestA, nA, 0.9), nA), ratio(nB - countBelow(pair.bestB, nB, 0.9), nB))
  },
}
