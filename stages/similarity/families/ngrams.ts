// The ngrams family: clipped word-stem n-gram precision (as in BLEU), n = 1…4, both ways.
import { type FeatureFamily, type FeatureSpec, type NamesOf, slotsOf, both } from './family.js'
import { sharedCount } from '../sorted.js'

const features = [
  { name: 'bleu1Min', doc: 'clipped word-stem unigram precision (as in BLEU), the lower of the two directions' },
  { name: 'bleu1Max', doc: 'the same, the higher direction' },
  { name: 'bleu2Min', doc: 'clipped word-stem bigram precision, the lower direction' },
  { name: 'bleu2Max', doc: 'the same, the higher direction' },
  { name: 'bleu3Min', doc: 'clipped word-stem trigram precision, the lower direction' },
  { name: 'bleu3Max', doc: 'the same, the higher direction' },
  { name: 'bleu4Min', doc: 'clipped word-stem 4-gram precision, the lower direction' },
  { name: 'bleu4Max', doc: 'the same, the higher direction' },
] as const satisfies readonly FeatureSpec[]
const slot = slotsOf(features)

/** Clipped n-gram precision for n = 1…4, the lower and the higher direction of each. */
export const ngrams: FeatureFamily<NamesOf<typeof features>> = {
  name: 'ngrams',
  features,
  needs: null,
  ablation: 'n-gram precision and subsequences',
  fill(pair, out, at) {
    const { a, b } = pair
    // Clipped n-gram precision both ways (the clipped count of shared n-grams is the same both ways).
    for (let n = 0; n < 4; n++) {
      const x = a.ngrams[n]!
      const y = b.ngrams[n]!
      const shared = sharedCount(x, y)
      both(out, at + slot.bleu1Min + 2 * n, x.length > 0 ? shared / x.length : -1, y.length > 0 ? shared / y.length : -1)
    }
  },
}
