// The lengths family: words and content words per sentence (the ratio of lengths: length-ratio.ts).
import { type FeatureFamily, type FeatureSpec, type NamesOf, slotsOf, both } from './family.js'

const features = [
  { name: 'wordsMin', doc: 'words in the shorter sentence' },
  { name: 'wordsMax', doc: 'words in the longer sentence' },
  { name: 'wordsDifference', doc: 'difference in words' },
  { name: 'contentWordsMin', doc: 'content words in the sentence with fewer' },
  { name: 'contentWordsMax', doc: 'content words in the sentence with more' },
] as const satisfies readonly FeatureSpec[]
const slot = slotsOf(features)

/** Words and content words of the shorter and of the longer sentence, and the difference in words. */
export const lengths: FeatureFamily<NamesOf<typeof features>> = {
  name: 'lengths',
  features,
  needs: null,
  ablation: 'unmatched words and lengths',
  fill(pair, out, at) {
    const { a, b } = pair
    both(out, at + slot.wordsMin, a.words, b.words)
    out[at + slot.wordsDifference] = Math.abs(a.words - b.words)
    both(out, at + slot.contentWordsMin, a.content.length, b.content.length)
  },
}
