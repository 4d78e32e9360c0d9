// The word-classes family: alignment of the nouns, verbs, names, numbers and adjectives, class by class.
import { type FeatureFamily, type FeatureSpec, type NamesOf, slotsOf, both } from './family.js'
import { WORD_CLASSES } from '../sentence.js'

const features = [
  { name: 'nounAlignMin', doc: 'mean best match (same stem 1, else vector cosine) of the common nouns, the lower side (-1: no noun)', alsoNeeds: 'vectors' },
  { name: 'nounAlignMax', doc: 'the same, the higher side', alsoNeeds: 'vectors' },
  { name: 'nounUnmatchedMin', doc: 'common nouns whose stem the other sentence lacks, the fewer side' },
  { name: 'nounUnmatchedMax', doc: 'the same, the more side' },
  { name: 'verbAlignMin', doc: 'mean best match of the verbs, the lower side (-1: no verb)', alsoNeeds: 'vectors' },
  { name: 'verbAlignMax', doc: 'the same, the higher side', alsoNeeds: 'vectors' },
  { name: 'verbUnmatchedMin', doc: 'verbs whose stem the other sentence lacks, the fewer side' },
  { name: 'verbUnmatchedMax', doc: 'the same, the more side' },
  { name: 'nameAlignMin', doc: 'mean best match of the proper nouns, the lower side (-1: no name)', alsoNeeds: 'vectors' },
  { name: 'nameAlignMax', doc: 'the same, the higher side', alsoNeeds: 'vectors' },
  { name: 'nameUnmatchedMin', doc: 'proper nouns the other sentence lacks, the fewer side' },
  { name: 'nameUnmatchedMax', doc: 'the same, the more side' },
  { name: 'numberAlignMin', doc: 'mean best match of the numbers, the lower side (-1: no number)', alsoNeeds: 'vectors' },
  { name: 'numberAlignMax', doc: 'the same, the higher side', alsoNeeds: 'vectors' },
  { name: 'numberUnmatchedMin', doc: 'numbers the other sentence lacks, the fewer side' },
  { name: 'numberUnmatchedMax', doc: 'the same, the more side' },
  { name: 'adjectiveAlignMin', doc: 'mean best match of the adjectives, the lower side (-1: no adjective)', alsoNeeds: 'vectors' },
  { name: 'adjectiveAlignMax', doc: 'the same, the higher side', alsoNeeds: 'vectors' },
  { name: 'adjectiveUnmatchedMin', doc: 'adjectives whose stem the other sentence lacks, the fewer side' },
  { name: 'adjectiveUnmatchedMax', doc: 'the same, the more side' },
] as const satisfies readonly FeatureSpec[]
const slot = slotsOf(features)

/** Per word class, the mean best match of its words (vectors) and those whose stem the other sentence lacks. */
export const wordClasses: FeatureFamily<NamesOf<typeof features>> = {
  name: 'word-classes',
  features,
  needs: null,
  ablation: 'word classes',
  fill(pair, out, at) {
    const { a, b, bestA, bestB } = pair
    // Alignment per word class: the mean best match of the class's words on each side, and those left unmatched.
    for (let k = 0; k < CLASS_SLOTS.length; k++) {
      const align = at + CLASS_SLOTS[k]![0]
      const unmatched = at + CLASS_SLOTS[k]![1]
      const x = classMean(a.classes, bestA, k + 1)
      const y = classMean(b.classes, bestB, k + 1)
      if (x < 0 && y < 0) both(out, align, -1, -1)
      else if (x < 0 || y < 0) both(out, align, 0, Math.max(x, y))
      else both(out, align, x, y)
      both(out, unmatched, classUnmatched(a.classes, bestA, k + 1), classUnmatched(b.classes, bestB, k + 1))
    }
  },
}

// The slots of each class of WORD_CLASSES (in its order): its xAlignMin and its xUnmatchedMin.
const CLASS_SLOTS: readonly (readonly [number, number])[] = [
  [slot.nounAlignMin, slot.nounUnmatchedMin],
  [slot.verbAlignMin, slot.verbUnmatchedMin],
  [slot.nameAlignMin, slot.nameUnmatchedMin],
  [slot.numberAlignMin, slot.numberUnmatchedMin],
  [slot.adjectiveAlignMin, slot.adjectiveUnmatchedMin],
]
if (CLASS_SLOTS.length !== WORD_CLASSES.length) throw new Error(`Expected features for ${WORD_CLASSES.length} word classes, got ${CLASS_SLOTS.length}`)

/** Mean best match of the words of one class, or -1 when the sentence has none. */
function classMean(classes: Uint8Array, best: Float64Array, k: number): number {
  let count = 0
  let sum = 0
  for (let i = 0; i < classes.length; i++)
    if (classes[i] === k) {
      count++
      sum += best[i]!
    }
  return count > 0 ? sum / count : -1
}

function classUnmatched(classes: Uint8Array, best: Float64Array, k: number): number {
  let n = 0
  for (let i = 0; i < classes.length; i++) if (classes[i] === k && best[i]! < 0.999) n++
  return n
}
