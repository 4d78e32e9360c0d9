// The entities-numbers family: overlap of the names and of the number values of two sentences.
import { type FeatureFamily, type FeatureSpec, type NamesOf, slotsOf } from './family.js'

const features = [
  { name: 'entities', doc: 'Jaccard overlap of entity name tokens (0.5 when neither names any)' },
  { name: 'numbers', doc: 'Jaccard overlap of number values (0.5 when neither has any)' },
] as const satisfies readonly FeatureSpec[]
const slot = slotsOf(features)

/** Jaccard overlap of entity name tokens and of number values. */
export const entitiesNumbers: FeatureFamily<NamesOf<typeof features>> = {
  name: 'entities-numbers',
  features,
  needs: null,
  ablation: null,
  fill(pair, out, at) {
    out[at + slot.entities] = jaccard(pair.a.entities, pair.b.entities)
    out[at + slot.numbers] = jaccard(pair.a.numbers, pair.b.numbers)
  },
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0.5
  let shared = 0
  for (const x of a) if (b.has(x)) shared++
  return shared / (a.size + b.size - shared)
}
