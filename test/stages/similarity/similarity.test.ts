// The sentence-pair scorer: the similarity's basic properties and pair features it computes (by name).
import { sentenceFromText } from '../../../stages/segment/index.js'
import { Idf, pairFeatures, sentenceFeatures, similarity } from '../../../stages/similarity/index.js'

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

describe('pairFeatures', () => {
  const features = (text: string, id: string) => sentenceFeatures(sentenceFromText(text, `${id}#0`))
  const score = (x: string, y: string) => {
    const a = features(x, 'x')
    const b = features(y, 'y')
    const idf = new Idf()
    idf.add(a)
    idf.add(b)
    return pairFeatures(a, b, idf)
  }

  it('gives a sentence and itself full overlap on every count and share', () => {
    const f = score('The council closed the old bridge on Tuesday.', 'The council closed the old bridge on Tuesday.')
    expect([f.bleu1Min, f.bleu4Min, f.lcsMin, f.lcsContentMin, f.matched9Min, f.unmatchedStemMax, f.unmatched5Max, f.wordsDifference]).toEqual([1, 1, 1, 1, 1, 0, 0, 0])
  })

  it('sees a sentence inside a longer one: all of the shorter matched, the extra words of the longer counted', () => {
    // The eight words of the shorter are the first eight of the longer, which adds "after" (a stopword) and three
    // content words: "inspectors", "found", "cracks".
    const f = score('The council closed the old bridge on Tuesday.', 'The council closed the old bridge on Tuesday after inspectors found cracks.')
    expect({ bleu1Max: f.bleu1Max, lcsMin: f.lcsMin, unmatchedStemMin: f.unmatchedStemMin, unmatchedStemMax: f.unmatchedStemMax, wordsMin: f.wordsMin, wordsMax: f.wordsMax }).toEqual({
      bleu1Max: 1,
      lcsMin: 1,
      unmatchedStemMin: 0,
      unmatchedStemMax: 3,
      wordsMin: 8,
      wordsMax: 12,
    })
    expect(f.lcsMax).toBeCloseTo(8 / 12, 12)
    expect(f.bleu1Min).toBeCloseTo(8 / 12, 12)
  })

  it('clips n-gram matches and counts precision each way, as BLEU does', () => {
    // "the cat sat on the mat" / "the cat sat down": bigrams shared: "the cat", "cat sat" (2 of 5, 2 of 3).
    const f = score('The cat sat on the mat.', 'The cat sat down.')
    expect([f.bleu2Min, f.bleu2Max]).toEqual([2 / 5, 2 / 3])
    // Trigrams: only "the cat sat" is shared: 1 of 4 and 1 of 2; 4-grams: none (of 3 and of 1).
    expect([f.bleu3Min, f.bleu3Max]).toEqual([1 / 4, 1 / 2])
    expect([f.bleu4Min, f.bleu4Max]).toEqual([0, 0])
    // "The" twice in the longer but once in the shorter: the clipped unigram count is 3 (the, cat, sat).
    expect([f.bleu1Min, f.bleu1Max]).toEqual([3 / 6, 3 / 4])
  })

  it('gives -1 to n-gram precision for a side too short to have any n-gram', () => {
    const f = score('Prices rose.', 'Prices rose sharply in May.')
    expect([f.bleu3Min, f.bleu3Max, f.bleu4Min]).toEqual([-1, 0, -1])
  })

  it('keeps word order in the subsequence: the same words reordered share less of it', () => {
    const inOrder = score('Police arrested the driver after the crash.', 'Police arrested the driver after the crash yesterday.')
    const reordered = score('Police arrested the driver after the crash.', 'After the crash the driver arrested police.')
    expect(inOrder.lcsMin).toBe(1)
    expect(reordered.lcsMin).toBeLessThan(0.6)
    expect(reordered.bleu1Min).toBe(1)
  })

  it('gives -1 to a word class neither sentence has, and counts the class words the other lacks', () => {
    const f = score('The ships sailed west.', 'The boats sailed west.')
    expect([f.adjectiveAlignMin, f.adjectiveAlignMax]).toEqual([-1, -1])
    expect([f.nounUnmatchedMin, f.nounUnmatchedMax]).toEqual([1, 1])
    expect([f.verbUnmatchedMin, f.verbUnmatchedMax]).toEqual([0, 0])
  })

  it('is symmetric: every feature is the same with the sentences swapped', () => {
    const x = 'The mayor said the bridge would reopen in March, three months late.'
    const y = 'The bridge will not reopen until March, the mayor’s office said on Friday.'
    expect(score(y, x)).toEqual(score(x, y))
  })
})
