// WordNet: parsing the database format, the binary table's round trip and errors, lookups of inflected words,
// word relations, and the pair features that read them: all on a tiny hand-written database, then a few facts
// of the real table that `make build` writes.
import { readFileSync } from 'node:fs'
import { loadWordNet, wordNetTablePath } from '../../pipeline/tables.js'
import { sentenceFromText } from '../../stages/segment/index.js'
import { Idf, pairFeatures, sentenceFeatures } from '../../stages/similarity/index.js'
import { decodeVectorTable, encodeVectorTable, type WordVectors } from '../../resources/vectors.js'
import { decodeWordNet, encodeWordNet, parseWordNet, type WordNetPos, wordNet } from '../../resources/wordnet.js'
import { thrown } from '../helpers.js'

// Nouns: entity > person > adult > {man, woman}; guy is a kind of man; car = automobile; decision. Verb: decide,
// derivationally related to decision. "adult_male" is a lemma of several words, which tokens never are.
const FILES: Record<string, string> = {
  'index.noun': [
    '  1 This software and database is being provided to you, the LICENSEE, by Princeton University',
    'adult n 1 2 @ ~ 1 0 00000003',
    'adult_male n 1 1 @ 1 0 00000004',
    'automobile n 1 1 @ 1 0 00000006',
    'car n 1 1 @ 1 0 00000006',
    'decision n 1 1 + 1 0 00000008',
    'entity n 1 1 ~ 1 0 00000001',
    'guy n 1 1 @ 1 0 00000007',
    'man n 1 2 @ ! 1 0 00000004',
    'person n 1 2 @ ~ 1 0 00000002',
    'woman n 1 2 @ ! 1 0 00000005',
    '',
  ].join('\n'),
  'data.noun': [
    '  1 This software and database is being provided to you, the LICENSEE, by Princeton University',
    '00000001 03 n 01 entity 0 000 | that which exists',
    '00000002 03 n 01 person 0 001 @ 00000001 n 0000 | a human being',
    '00000003 18 n 01 adult 0 001 @ 00000002 n 0000 | a grown person',
    '00000004 18 n 02 man 0 adult_male 0 002 @ 00000003 n 0000 ! 00000005 n 0101 | an adult male',
    '00000005 18 n 01 woman 0 002 @ 00000003 n 0000 ! 00000004 n 0101 | an adult female',
    '00000006 06 n 02 car 0 automobile 0 001 @ 00000001 n 0000 | a motor vehicle',
    '00000007 18 n 01 guy 0 001 @ 00000004 n 0000 | a man',
    '00000008 04 n 01 decision 0 001 + 00000010 v 0101 | a choice',
    '',
  ].join('\n'),
  'index.verb': 'decide v 1 1 + 1 0 00000010\n',
  'data.verb': '00000010 31 v 01 decide 0 001 + 00000008 n 0101 01 + 08 00 | reach a conclusion\n',
  'index.adj': '',
  'data.adj': '',
  'index.adv': '',
  'data.adv': '',
}

const table = parseWordNet('wordnet-tiny', (file) => FILES[file]!)
const wn = wordNet(table)
const relation = (x: string, px: WordNetPos, y: string, py: WordNetPos) => wn.relation(wn.lookup(x, px), wn.lookup(y, py))

describe('parseWordNet', () => {
  it('keeps the single-word lemmas with their part of speech, and leaves out lemmas of several words', () => {
    expect(table.lemmas).toEqual(['n:adult', 'n:automobile', 'n:car', 'n:decision', 'n:entity', 'n:guy', 'n:man', 'n:person', 'n:woman', 'v:decide'])
  })
})

describe('encodeWordNet / decodeWordNet', () => {
  it('gives back the same table', () => {
    const back = decodeWordNet(encodeWordNet(table))
    expect({ ...back, lemmas: [...back.lemmas] }).toEqual({ ...table, lemmas: [...table.lemmas] })
  })

  it('refuses other bytes and a table cut short, with a code', () => {
    const bytes = encodeWordNet(table)
    expect(thrown(() => decodeWordNet(Buffer.from('not a table')))).toEqual({ name: 'TypeError', code: 'ERR_WORDNET_TABLE', message: 'Expected a corroborate WordNet table, got other bytes' })
    expect(thrown(() => decodeWordNet(bytes.subarray(0, bytes.length - 4)))).toEqual({
      name: 'TypeError',
      code: 'ERR_WORDNET_TABLE',
      message: `Expected a corroborate WordNet table, got ${bytes.length - 4} bytes where the header says ${bytes.length}`,
    })
  })
})

describe('wordNet', () => {
  it('finds lemmas and inflected forms, and -1 for words it lacks', () => {
    const found = (w: string, p: WordNetPos) => wn.lookup(w, p) >= 0
    expect([found('man', 'n'), found('men', 'n'), found('cars', 'n'), found('deciding', 'v'), found('decides', 'v')]).toEqual([true, true, true, true, true])
    expect(wn.lookup('men', 'n')).toBe(wn.lookup('man', 'n'))
    expect([wn.lookup('zebra', 'n'), wn.lookup('adult_male', 'n'), wn.lookup('man', 'v')]).toEqual([-1, -1, -1])
  })

  it('calls words of a shared sense synonyms, at path 1', () => {
    expect(relation('car', 'n', 'automobile', 'n')).toEqual({ link: 2, path: 1, antonym: false })
  })

  it('calls a hypernym one link away, and measures the path through the common ancestor', () => {
    expect(relation('guy', 'n', 'man', 'n')).toEqual({ link: 1, path: 1 / 2, antonym: false })
    expect(relation('guy', 'n', 'person', 'n')).toEqual({ link: 0, path: 1 / 4, antonym: false })
  })

  it('finds antonyms, and sisters under one hypernym are not linked', () => {
    expect(relation('man', 'n', 'woman', 'n')).toEqual({ link: 0, path: 1 / 3, antonym: true })
  })

  it('links a derivation across parts of speech, with no path between them', () => {
    expect(relation('decide', 'v', 'decision', 'n')).toEqual({ link: 1, path: 0, antonym: false })
  })

  it('is symmetric', () => {
    expect(relation('man', 'n', 'guy', 'n')).toEqual(relation('guy', 'n', 'man', 'n'))
  })
})

describe('WordNet pair features', () => {
  // "man" and "woman" are close in this vector table (cosine about 0.9), as they are in real word vectors.
  const vectorsOnly = decodeVectorTable(
    encodeVectorTable(
      'tiny-test',
      ['man', 'woman', 'smiled'],
      [
        [1, 0.5, 0],
        [1, 0.2, 0.3],
        [0, 0, 1],
      ],
    ),
  )
  const withWordNet: WordVectors = { ...vectorsOnly, wordnet: wn }
  const features = (x: string, y: string, vectors: WordVectors) => {
    const a = sentenceFeatures(sentenceFromText(x, 'a#0'), vectors)
    const b = sentenceFeatures(sentenceFromText(y, 'b#0'), vectors)
    const idf = new Idf()
    idf.add(a)
    idf.add(b)
    return pairFeatures(a, b, idf)
  }

  it('counts a WordNet synonym as matched, which stems alone do not', () => {
    const x = 'The car crashed.'
    const y = 'The automobile crashed.'
    expect(features(x, y, withWordNet).wordnetSynonymMin).toBe(1)
    expect(features(x, y, vectorsOnly).wordnetSynonymMin).toBeLessThan(1)
  })

  it('flags close word vectors without a WordNet link, and antonyms', () => {
    const f = features('The man smiled.', 'The woman smiled.', withWordNet)
    expect({ contrast: f.wordnetContrastMax, antonym: f.wordnetAntonym, unrelatedNouns: f.wordnetUnrelatedNounsMax, path: f.wordnetNounPathMin }).toEqual({
      contrast: 1,
      antonym: 1,
      unrelatedNouns: 1,
      path: 1 / 3,
    })
  })

  it('gives the same values whichever sentence comes first', () => {
    const f = features('A guy made a decision.', 'The man decided.', withWordNet)
    const g = features('The man decided.', 'A guy made a decision.', withWordNet)
    expect(f).toEqual(g)
  })
})

describe('the built WordNet table', () => {
  const real = loadWordNet()
  const rel = (x: string, px: WordNetPos, y: string, py: WordNetPos) => real.relation(real.lookup(x, px), real.lookup(y, py))

  it('is WordNet 3.1 and knows everyday synonyms, hypernyms and antonyms', () => {
    expect(real.name).toBe('wordnet-3.1')
    expect(rel('car', 'n', 'automobile', 'n').link).toBe(2)
    expect(rel('big', 'a', 'large', 'a').link).toBe(2)
    expect(rel('dog', 'n', 'animal', 'n').path).toBeGreaterThan(0)
    expect(rel('increase', 'v', 'decrease', 'v').antonym).toBe(true)
  })

  it('gives the same relations whatever order they are asked in, across the growth of its memo', () => {
    // 30,000 noun pairs: the memo starts at 16,384 slots and grows twice on the way.
    const table = decodeWordNet(readFileSync(wordNetTablePath()))
    const nouns = table.lemmas.flatMap((l, i) => (l.startsWith('n:') && i % 61 === 0 ? [i] : [])).slice(0, 246)
    const pairs = nouns.flatMap((x, k) => nouns.slice(k + 1).map((y) => [x, y] as const))
    expect(pairs.length).toBeGreaterThan(30_000)
    const forward = wordNet(table)
    const backward = wordNet(table)
    const first = pairs.map(([x, y]) => forward.relationCode(x, y))
    const reversed = [...pairs].reverse().map(([x, y]) => backward.relationCode(y, x)).reverse()
    const again = pairs.map(([x, y]) => forward.relationCode(x, y))
    expect(reversed).toEqual(first)
    expect(again).toEqual(first)
  })
})
