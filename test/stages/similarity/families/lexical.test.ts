// The lexical family: character-bigram Dice against its reference implementation, string-similarity.
import fc from 'fast-check'
import stringSimilarity from 'string-similarity'
import { dice } from '../../../../stages/similarity/families/lexical.js'
import { bigrams } from '../../../../stages/similarity/sentence.js'

const prepared = (text: string) => ({ folded: text, bigrams: bigrams(text) })

describe('dice', () => {
  it('gives what string-similarity gives, for any two strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), (a, b) => {
        expect(dice(prepared(a), prepared(b))).toBeCloseTo(stringSimilarity.compareTwoStrings(a, b), 12)
      }),
      { numRuns: 2000 },
    )
  })

  it('gives the same for near-copies of a sentence, which random strings rarely are', () => {
    const a = 'the city closed the bridge on tuesday after inspectors found cracks'
    const b = 'the city shut the bridge on tuesday after inspectors found two cracks'
    expect(dice(prepared(a), prepared(b))).toBeCloseTo(stringSimilarity.compareTwoStrings(a, b), 12)
  })
})
