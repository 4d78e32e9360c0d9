// The sentence-pair scorer: Dice against its reference implementation, and the similarity's basic properties.
import fc from 'fast-check'
import stringSimilarity from 'string-similarity'
import { sentenceFromText } from '../stages/segment.js'
import { bigrams, dice, Idf, sentenceFeatures, similarity } from '../stages/similarity.js'

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

describe('similarity', () => {
  const features = (text: string, id: string) => sentenceFeatures(sentenceFromText(text, `${id}#0`))
  const texts = [
    'The city closed the Calder Street Bridge on Tuesday after inspectors found cracks in a support beam.',
    'Officials shut the Calder Street Bridge Tuesday when inspectors discovered cracks in a supporting beam.',
    'The school board voted 5-2 to give every student a free lunch.',
  ]
  const f = texts.map((t, i) => features(t, `t${i}`))
  const idf = new Idf()
  for (const x of f) idf.add(x)

  it('is 1 for the same wording, case and punctuation aside', () => {
    expect(similarity(f[0]!, features(texts[0]!.toUpperCase().replace(/\./g, ''), 'copy'), idf)).toBe(1)
  })

  it('is symmetric and in [0, 1]', () => {
    for (const a of f)
      for (const b of f) {
        const ab = similarity(a, b, idf)
        expect(ab).toBe(similarity(b, a, idf))
        expect(ab >= 0 && ab <= 1).toBe(true)
      }
  })

  it('scores a paraphrase above an unrelated sentence', () => {
    expect(similarity(f[0]!, f[1]!, idf)).toBeGreaterThan(similarity(f[0]!, f[2]!, idf) + 0.3)
  })
})
