// The pair features as feature families: the order the models read, each family's slots, the derived tables.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { sentenceFromText } from '../../../stages/segment/index.js'
import { ABLATIONS, DEFAULT_MODEL, FAMILIES, FEATURE_DOCS, FEATURES, type FeatureName, Idf, sentenceFeatures, VECTOR_FEATURES, WORDNET_FEATURES } from '../../../stages/similarity/index.js'
import { preparePair } from '../../../stages/similarity/matches.js'
import { decodeVectorTable, encodeVectorTable } from '../../../resources/vectors.js'

/**
 * The features in the order the shipped model's trees read them (by position): a family moved, a feature renamed or
 * reordered, changes what every fitted model reads. A new family goes at the end, with a refitted model.
 */
const MODEL_ORDER = [
  'cosine', 'dice', 'containment', 'entities', 'numbers', 'lengthRatio',
  'vectorCosine', 'alignMin', 'alignMax', 'numberMismatch', 'negationMismatch', 'unigramDice',
  'bigramDice', 'trigramCosine', 'unmatched5Min', 'unmatched5Max', 'unmatched7Min', 'unmatched7Max',
  'unmatchedStemMin', 'unmatchedStemMax', 'unmatchedWeightMin', 'unmatchedWeightMax', 'bleu1Min', 'bleu1Max',
  'bleu2Min', 'bleu2Max', 'bleu3Min', 'bleu3Max', 'bleu4Min', 'bleu4Max',
  'lcsMin', 'lcsMax', 'lcsContentMin', 'lcsContentMax', 'nounAlignMin', 'nounAlignMax',
  'nounUnmatchedMin', 'nounUnmatchedMax', 'verbAlignMin', 'verbAlignMax', 'verbUnmatchedMin', 'verbUnmatchedMax',
  'nameAlignMin', 'nameAlignMax', 'nameUnmatchedMin', 'nameUnmatchedMax', 'numberAlignMin', 'numberAlignMax',
  'numberUnmatchedMin', 'numberUnmatchedMax', 'adjectiveAlignMin', 'adjectiveAlignMax', 'adjectiveUnmatchedMin', 'adjectiveUnmatchedMax',
  'wordsMin', 'wordsMax', 'wordsDifference', 'contentWordsMin', 'contentWordsMax', 'contentVectorCosine',
  'meanVectorCosine', 'alignBoth', 'matched9Min', 'matched9Max', 'wordnetSynonymMin', 'wordnetSynonymMax',
  'wordnetRelatedMin', 'wordnetRelatedMax', 'wordnetPathMin', 'wordnetPathMax', 'wordnetNounPathMin', 'wordnetNounPathMax',
  'wordnetVerbPathMin', 'wordnetVerbPathMax', 'wordnetUnrelatedWeightMin', 'wordnetUnrelatedWeightMax', 'wordnetUnrelatedNounsMin', 'wordnetUnrelatedNounsMax',
  'wordnetCombinedMin', 'wordnetCombinedMax', 'wordnetContrastMin', 'wordnetContrastMax', 'wordnetAntonym',
]

/** The features that read word vectors, as calibrate leaves them out without vectors (and as the models record). */
const NEED_VECTORS = [
  'vectorCosine', 'alignMin', 'alignMax', 'unmatched5Min', 'unmatched5Max', 'unmatched7Min',
  'unmatched7Max', 'unmatchedWeightMin', 'unmatchedWeightMax', 'nounAlignMin', 'nounAlignMax', 'verbAlignMin',
  'verbAlignMax', 'nameAlignMin', 'nameAlignMax', 'numberAlignMin', 'numberAlignMax', 'adjectiveAlignMin',
  'adjectiveAlignMax', 'contentVectorCosine', 'meanVectorCosine', 'alignBoth', 'matched9Min', 'matched9Max',
  'wordnetCombinedMin', 'wordnetCombinedMax', 'wordnetContrastMin', 'wordnetContrastMax',
]

describe('FEATURES', () => {
  it('is the order the models read, feature by feature', () => {
    expect(FEATURES).toEqual(MODEL_ORDER)
  })

  it("is the families' features, family after family, each name once", () => {
    expect(FEATURES).toEqual(FAMILIES.flatMap((f) => f.features.map((x) => x.name)))
    expect(new Set(FEATURES).size).toBe(FEATURES.length)
  })

  it('holds every feature the shipped model uses, each documented', () => {
    expect(DEFAULT_MODEL.features.filter((f) => !FEATURES.includes(f))).toEqual([])
    expect(Object.keys(FEATURE_DOCS)).toEqual([...FEATURES])
    expect(FEATURES.filter((f) => !(FEATURE_DOCS[f].length > 0))).toEqual([])
  })
})

describe('FAMILIES', () => {
  it('are each one module of families/, named as its file', () => {
    const files = readdirSync(path.join(__dirname, '../../../stages/similarity/families')).filter((f) => f !== 'family.ts').map((f) => f.replace(/\.ts$/, ''))
    expect(FAMILIES.map((f) => f.name).sort()).toEqual(files.sort())
  })

  // Two pairs, with and without word vectors: a stem match, a near word by vector, numbers, a negation, names.
  const vectors = decodeVectorTable(
    encodeVectorTable(
      'tiny-test',
      ['ships', 'boats', 'sailed', 'west', 'harbour'],
      [
        [1, 0.5, 0],
        [1, 0.4, 0.1],
        [0, 1, 0],
        [0, 0, 1],
        [0.5, 0.5, 0.5],
      ],
    ),
  )
  const pairs = [undefined, vectors].map((v) => {
    const a = sentenceFeatures(sentenceFromText('Mayor Diane Whitlock said 3 ships sailed west from the old harbour.', 'a#0'), v)
    const b = sentenceFeatures(sentenceFromText('The boats did not sail west, Whitlock said on Tuesday.', 'b#0'), v)
    const idf = new Idf()
    idf.add(a)
    idf.add(b)
    return { a, b, idf }
  })

  it('each fill exactly its own slots, wherever its offset lies', () => {
    let offset = 0
    for (const family of FAMILIES) {
      const n = family.features.length
      for (const { a, b, idf } of pairs)
        for (const at of [offset, offset + 5]) {
          const out = new Float64Array(FEATURES.length + 10).fill(NaN)
          family.fill(preparePair(a, b, idf), out, at)
          const written = [...out.keys()].filter((i) => !Number.isNaN(out[i]!))
          expect({ family: family.name, written }).toEqual({ family: family.name, written: Array.from({ length: n }, (_, k) => at + k) })
        }
      offset += n
    }
  })
})

describe('the tables derived from the families', () => {
  it('name the features that read word vectors, and those that read WordNet', () => {
    expect(VECTOR_FEATURES).toEqual(NEED_VECTORS)
    expect(WORDNET_FEATURES).toEqual(FEATURES.filter((f) => f.startsWith('wordnet')))
  })

  it("give the bench's ablation the groups it has always printed, in order", () => {
    const byPattern = (pattern: RegExp) => FEATURES.filter((f) => pattern.test(f))
    const expected: [string, readonly FeatureName[]][] = [
      ['word vectors', NEED_VECTORS as FeatureName[]],
      ['WordNet', byPattern(/^wordnet/)],
      ['n-gram precision and subsequences', byPattern(/^(bleu|lcs)/)],
      ['word classes', byPattern(/^(noun|verb|name|number|adjective)(Align|Unmatched)/)],
      ['unmatched words and lengths', byPattern(/^(unmatched|words|contentWords|lengthRatio|matched9)/)],
    ]
    expect(ABLATIONS.map((g) => [g.name, g.features])).toEqual(expected)
  })
})

describe('sentence features', () => {
  it('give an initialism with dots and without them the same stems and entity names (NYT-style "I.R.S." / "IRS")', () => {
    const [dotted, plain] = ['The I.R.S. said on Thursday that it would recognize the marriages.', 'The IRS said on Thursday that it would recognize the marriages.'].map((t, i) => sentenceFeatures(sentenceFromText(t, `t${i}#0`)))
    expect([...dotted!.stems.keys()]).toEqual([...plain!.stems.keys()])
    expect([...dotted!.entities]).toEqual([...plain!.entities])
    expect(dotted!.entities.has('irs')).toBe(true)
  })
})
