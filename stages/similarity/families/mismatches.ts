// The mismatches family: a number or a negation that one sentence has and the other lacks.
import { type FeatureFamily, type FeatureSpec, type NamesOf, slotsOf } from './family.js'

const features = [
  { name: 'numberMismatch', doc: '1 when both sentences have numbers and one has a value the other lacks' },
  { name: 'negationMismatch', doc: '1 when one sentence negates and the other does not' },
] as const satisfies readonly FeatureSpec[]
const slot = slotsOf(features)

/** Mismatched numbers and polarity (the scorer can leave `negationMismatch` out: `similarityIgnoringPolarity`). */
export const mismatches: FeatureFamily<NamesOf<typeof features>> = {
  name: 'mismatches',
  features,
  needs: null,
  ablation: null,
  fill(pair, out, at) {
    const { a, b } = pair
    out[at + slot.numberMismatch] = a.numbers.size > 0 && b.numbers.size > 0 && (a.numbers.size !== b.numbers.size || !subset(a.numbers, b.numbers)) ? 1 : 0
    out[at + slot.negationMismatch] = a.negated !== b.negated ? 1 : 0
  },
}

function subset(x: ReadonlySet<string>, y: ReadonlySet<string>): boolean {
  for (const v of x) if (!y.has(v)) return false
  return true
}
