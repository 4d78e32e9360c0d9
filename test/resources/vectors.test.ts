// Word vectors: the binary table's round trip and its errors, and what the similarity features read from a tiny
// hand-made table (never the real one here).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { readTable } from '../../pipeline/tables.js'
import { sentenceFromText } from '../../stages/segment/index.js'
import { checkVectors, DEFAULT_MODEL, Idf, pairFeatures, QUOTES_COMPARED, sameQuote, sentenceFeatures, type SimilarityModel, WORDNET_FEATURES } from '../../stages/similarity/index.js'
import { decodeVectorTable, dot, encodeVectorTable, type WordVectors } from '../../resources/vectors.js'
import { parseWordNet, wordNet } from '../../resources/wordnet.js'
import { thrown } from '../helpers.js'


const cosine = (a: readonly number[], b: readonly number[]) => {
  let d = 0
  let na = 0
  let nb = 0
  a.forEach((x, i) => {
    d += x * b[i]!
    na += x * x
    nb += b[i]! * b[i]!
  })
  return d / Math.sqrt(na * nb)
}

// Five words in five dimensions, not unit length, one of them not ASCII.
const WORDS = ['the', 'harbour', 'café', 'critics', 'detractors']
const VECTORS = [
  [0.2, -0.1, 0.05, 0.3, -0.25],
  [3, 1, -2, 0.5, 0],
  [-0.4, 0.9, 0.1, -0.7, 0.2],
  [1, 0.2, 0, 0.1, -0.3],
  [0.9, 0.3, 0.1, 0.1, -0.2],
]

describe('encodeVectorTable / decodeVectorTable', () => {
  const table = decodeVectorTable(encodeVectorTable('tiny-test', WORDS, VECTORS))

  it('keeps the name and dimensions', () => {
    expect({ name: table.name, dimensions: table.dimensions }).toEqual({ name: 'tiny-test', dimensions: 5 })
  })

  it('gives each word its rank, the order it was stored in', () => {
    expect(WORDS.map((w) => table.rank(w))).toEqual([0, 1, 2, 3, 4])
  })

  it('gives unit-length vectors', () => {
    const offenders = WORDS.filter((w) => Math.abs(Math.hypot(...table.vector(w)!) - 1) > 1e-6)
    expect(offenders).toEqual([])
  })

  it('keeps every cosine within 0.01 of the float originals', () => {
    const offenders: string[] = []
    WORDS.forEach((a, i) =>
      WORDS.forEach((b, j) => {
        const decoded = dot(table.vector(a)!, table.vector(b)!)
        if (Math.abs(decoded - cosine(VECTORS[i]!, VECTORS[j]!)) > 0.01) offenders.push(`${a}~${b}`)
      }),
    )
    expect(offenders).toEqual([])
  })

  it('gives undefined for a word it does not have', () => {
    expect({ vector: table.vector('lighthouse'), rank: table.rank('lighthouse'), upper: table.vector('Harbour') }).toEqual({ vector: undefined, rank: undefined, upper: undefined })
  })

  it('reads a table copied out of a larger buffer', () => {
    const bytes = encodeVectorTable('tiny-test', WORDS, VECTORS)
    const inside = Buffer.concat([Buffer.from('xyz'), bytes, Buffer.from('abc')]).subarray(3, 3 + bytes.length)
    const copy = decodeVectorTable(inside)
    expect(WORDS.map((w) => Array.from(copy.vector(w)!))).toEqual(WORDS.map((w) => Array.from(table.vector(w)!)))
  })

  it('round-trips an empty table', () => {
    const empty = decodeVectorTable(encodeVectorTable('empty', [], []))
    expect({ name: empty.name, dimensions: empty.dimensions, vector: empty.vector('the') }).toEqual({ name: 'empty', dimensions: 0, vector: undefined })
  })

  it('rejects bytes that are not a table with ERR_VECTOR_TABLE', () => {
    expect(thrown(() => decodeVectorTable(Buffer.from('word 0.1 0.2 0.3\n')))).toEqual({ name: 'TypeError', code: 'ERR_VECTOR_TABLE', message: 'Expected a corroborate vector table, got other bytes' })
  })

  it('rejects a table whose header does not count its words', () => {
    const bytes = Buffer.from(encodeVectorTable('tiny-test', WORDS, VECTORS).toString('latin1').replace('"count":5', '"count":6'), 'latin1')
    expect(thrown(() => decodeVectorTable(bytes))).toEqual({ name: 'TypeError', code: 'ERR_VECTOR_TABLE', message: 'Expected 6 words in the vector table, got 5' })
  })

  it('rejects a table with a malformed header', () => {
    const bytes = Buffer.from('CORROBORATE-VECTORS 1\n{"name": "cut\nthe\u0000')
    expect(thrown(() => decodeVectorTable(bytes))).toEqual({ name: 'TypeError', code: 'ERR_VECTOR_TABLE', message: 'Expected a JSON header line in the vector table, got `{"name": "cut`' })
  })

  it('rejects a table whose words do not end in a NUL', () => {
    const bytes = Buffer.from('CORROBORATE-VECTORS 1\n{"name": "cut", "dimensions": 2, "count": 1}\nharbour')
    expect(thrown(() => decodeVectorTable(bytes))).toEqual({ name: 'TypeError', code: 'ERR_VECTOR_TABLE', message: 'Expected a NUL after the words of the vector table, got none' })
  })

  it('rejects a truncated table instead of reading past its end', () => {
    const bytes = encodeVectorTable('tiny-test', WORDS, VECTORS)
    // A buffer of its own holding exactly the kept bytes, as a large file cut short reads.
    const cut = Buffer.alloc(bytes.length - 6)
    bytes.copy(cut, 0, 0, cut.length)
    expect(thrown(() => decodeVectorTable(cut))).toEqual({
      name: 'TypeError',
      code: 'ERR_VECTOR_TABLE',
      message: `Expected ${bytes.length} bytes in the vector table, got ${bytes.length - 6}`,
    })
  })

  it('rejects a truncated table that still shares memory with the rest of its bytes', () => {
    // Small buffers share one pooled ArrayBuffer: the bytes past the cut are still there and must not be read.
    const bytes = encodeVectorTable('tiny-test', WORDS, VECTORS)
    expect(thrown(() => decodeVectorTable(bytes.subarray(0, bytes.length - 6)))).toEqual({
      name: 'TypeError',
      code: 'ERR_VECTOR_TABLE',
      message: `Expected ${bytes.length} bytes in the vector table, got ${bytes.length - 6}`,
    })
  })
})

describe('dot', () => {
  it('sums the products of the components', () => {
    expect([dot(Float32Array.of(0.5, 0.5, 0.5, 0.5), Float32Array.of(0.5, -0.5, 0.5, 0.5)), dot(Float32Array.of(1, 0), Float32Array.of(0, 1))]).toEqual([0.5, 0])
  })
})

// A table that places each word of one sentence close to one word of the other, and far from the rest.
const SYNONYMS = decodeVectorTable(
  encodeVectorTable(
    'tiny-synonyms',
    ['critics', 'detractors', 'protested', 'complained', 'loudly', 'bitterly'],
    [
      [1, 0.2, 0, 0],
      [0.9, 0.3, 0.1, 0],
      [0, 1, 0.1, 0],
      [0.1, 0.9, 0.2, 0],
      [0, 0, 1, 0.2],
      [0, 0.1, 0.9, 0.3],
    ],
  ),
)

describe('sentenceFeatures with word vectors', () => {
  const A = 'Critics protested loudly.'
  const B = 'Detractors complained bitterly.'
  const pair = (vectors: WordVectors | undefined) => {
    const a = sentenceFeatures(sentenceFromText(A, 'a#0'), vectors)
    const b = sentenceFeatures(sentenceFromText(B, 'b#0'), vectors)
    const idf = new Idf()
    idf.add(a)
    idf.add(b)
    return { a, b, features: pairFeatures(a, b, idf) }
  }

  it('gives each sentence an embedding', () => {
    const { a, b } = pair(SYNONYMS)
    expect({ a: a.embedding?.length, b: b.embedding?.length }).toEqual({ a: 4, b: 4 })
  })

  it('aligns the words the table places close, though no stem is shared', () => {
    const { features } = pair(SYNONYMS)
    // Every stem weighs the same (each is in one sentence of two), and each word's best match is its synonym.
    const v = (w: string) => SYNONYMS.vector(w)!
    const mean = (dot(v('critics'), v('detractors')) + dot(v('protested'), v('complained')) + dot(v('loudly'), v('bitterly'))) / 3
    expect({ alignMin: features.alignMin, alignMax: features.alignMax, mean: mean > 0.9, vectorCosine: features.vectorCosine > 0.9 }).toEqual({
      alignMin: expect.closeTo(mean, 10),
      alignMax: expect.closeTo(mean, 10),
      mean: true,
      vectorCosine: true,
    })
  })

  it('gives no embedding and no alignment without vectors', () => {
    const { a, features } = pair(undefined)
    expect({ embedding: a.embedding, alignMin: features.alignMin, alignMax: features.alignMax, vectorCosine: features.vectorCosine }).toEqual({
      embedding: null,
      alignMin: 0,
      alignMax: 0,
      vectorCosine: 0,
    })
  })
})

describe('checkVectors', () => {
  it('throws ERR_MISSING_VECTORS when the model needs vectors and none are given', () => {
    expect(thrown(() => checkVectors(DEFAULT_MODEL, undefined))).toEqual({
      name: 'CorroborateError',
      code: 'ERR_MISSING_VECTORS',
      message: `Expected the word vectors \`${DEFAULT_MODEL.vectors}\` that the model was fitted with, got none`,
    })
  })

  it('throws ERR_WRONG_VECTORS when the model was fitted with another table', () => {
    expect(thrown(() => checkVectors(DEFAULT_MODEL, SYNONYMS))).toEqual({
      name: 'CorroborateError',
      code: 'ERR_WRONG_VECTORS',
      message: `Expected the word vectors \`${DEFAULT_MODEL.vectors}\` that the model was fitted with, got \`tiny-synonyms\``,
    })
  })

  // An empty WordNet: enough for the check, which asks only whether there is one.
  const withWordNet: WordVectors = { ...SYNONYMS, wordnet: wordNet(parseWordNet('wordnet-empty', () => '')) }
  const noWordNet = (model: SimilarityModel): SimilarityModel => ({ ...model, features: model.features.filter((f) => !WORDNET_FEATURES.includes(f)) })

  it('throws ERR_MISSING_WORDNET when the model uses WordNet features and the table comes without WordNet', () => {
    expect(thrown(() => checkVectors({ ...DEFAULT_MODEL, vectors: 'tiny-synonyms' }, SYNONYMS))).toEqual({
      name: 'CorroborateError',
      code: 'ERR_MISSING_WORDNET',
      message: 'Expected WordNet, which the model was fitted with, got none',
    })
  })

  it('accepts the table the model names, and any or none for a model without vectors', () => {
    const withTable: SimilarityModel = { ...DEFAULT_MODEL, vectors: 'tiny-synonyms' }
    const without: SimilarityModel = noWordNet({ ...DEFAULT_MODEL, vectors: null })
    expect([
      thrown(() => checkVectors(withTable, withWordNet)),
      thrown(() => checkVectors(noWordNet(withTable), SYNONYMS)),
      thrown(() => checkVectors(without, SYNONYMS)),
      thrown(() => checkVectors(without, undefined)),
    ]).toEqual([null, null, null, null])
  })
})

describe('sameQuote', () => {
  const features = (text: string, id: string) => sentenceFeatures(sentenceFromText(text, `${id}#0`))
  const rebuild = features('The mayor said "we will rebuild every damaged home before winter arrives" at the meeting.', 'a')

  it('is true for the same quotation worded slightly differently', () => {
    const reworded = features('"We will rebuild each damaged home before the winter," the mayor told reporters.', 'b')
    expect([sameQuote(rebuild, reworded), sameQuote(reworded, rebuild)]).toEqual([true, true])
  })

  it('is false for a different quotation by the same speaker', () => {
    const budget = features('"The budget leaves no room for new parks or swimming pools," the mayor said.', 'c')
    expect([sameQuote(rebuild, budget), sameQuote(budget, rebuild)]).toEqual([false, false])
  })

  it('is false when one sentence has no quotation, even with the same words', () => {
    const reported = features('The mayor promised to rebuild every damaged home before winter arrives.', 'd')
    expect(sameQuote(rebuild, reported)).toEqual(false)
  })

  it('compares the first QUOTES_COMPARED quotations of a sentence of thousands', () => {
    const many = (quote: string, id: string) => features(`The mayor said ${Array.from({ length: 3000 }, () => `"${quote}"`).join(' and ')}.`, id)
    const flood = many('the river flood reached every street', 'e')
    expect(flood.quotes).toHaveLength(QUOTES_COMPARED)
    expect([sameQuote(flood, many('the river flood reached each street', 'f')), sameQuote(flood, rebuild)]).toEqual([true, false])
  })
})

describe('readTable', () => {
  const bin = path.join(__dirname, '..', '..', 'bin', 'corroborate.js')
  let dir = ''
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-table-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  // A table cut short by four bytes: the decoder's own reason, with the file and the remedy around it.
  const cut = () => {
    const bytes = encodeVectorTable('tiny-test', WORDS, VECTORS)
    return bytes.subarray(0, bytes.length - 4)
  }
  const reason = (thrown(() => decodeVectorTable(cut())) as { message: string }).message

  it('names a damaged table and how to rebuild it, with a code', () => {
    const file = path.join(dir, 'cut.bin')
    writeFileSync(file, cut())
    expect(reason).toMatch(/^Expected \d+ bytes in the vector table, got \d+$/)
    expect(thrown(() => readTable(file, 'word-vector', decodeVectorTable))).toEqual({
      name: 'CorroborateError',
      code: 'ERR_BAD_RESOURCE',
      message: `Cannot read the word-vector table \`${file}\`: ${reason}; delete it, and the next run builds it again`,
    })
  })

  it('gives the decoded table of a sound file', () => {
    const file = path.join(dir, 'whole.bin')
    writeFileSync(file, encodeVectorTable('tiny-test', WORDS, VECTORS))
    expect(readTable(file, 'word-vector', decodeVectorTable).name).toBe('tiny-test')
  })

  it('makes `corroborate pairs` exit 2 with that message, no stack trace (the built code, as `make test` builds it)', () => {
    const file = path.join(dir, 'cut-for-cli.bin')
    writeFileSync(file, cut())
    const pairs = path.join(dir, 'pairs.tsv')
    writeFileSync(pairs, 'text_a\ttext_b\nThe bridge closed.\tThe bridge was shut.\n')
    const result = spawnSync(process.execPath, [bin, 'pairs', '--in', pairs], { env: { ...process.env, CORROBORATE_VECTORS: file }, encoding: 'utf8' })
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: `corroborate: Cannot read the word-vector table \`${file}\`: ${reason}; delete it, and the next run builds it again\n`,
    })
  })
})
