// The length-ratio family: how alike two sentences are in length (the other length features: lengths.ts).
import { type FeatureFamily, type FeatureSpec, type NamesOf, slotsOf } from './family.js'

const features = [
  { name: 'lengthRatio', doc: 'shorter length over longer length, in words' },
] as const satisfies readonly FeatureSpec[]
const slot = slotsOf(features)

/** Shorter length over longer length, in words. */
export const lengthRatio: FeatureFamily<NamesOf<typeof features>> = {
  name: 'length-ratio',
  features,
  needs: null,
  ablation: 'unmatched words and lengths',
  fill(pair, out, at) {
    const { a, b } = pair
    out[at + slot.lengthRatio] = a.words > 0 && b.words > 0 ? Math.min(a.words, b.words) / Math.max(a.words, b.words) : 0
  },
}
