// `corroborate pairs` and `corroborate calibrate` through `main(argv, io)`: invented sentence pairs in temp files.
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { main } from '../../pipeline/cli.js'
import { loadVectors } from '../../pipeline/tables.js'
import { checkModel, FEATURES } from '../../stages/similarity/index.js'
import { tempFolders } from '../helpers.js'

/** A fresh temp folder. */
const tempDir = tempFolders('pairs')

/** Write `text` to `name` in a fresh temp folder; returns its path. */
async function tempFile(name: string, text: string): Promise<string> {
  const file = path.join(await tempDir(), name)
  await writeFile(file, text)
  return file
}

/** A TSV: the header and rows joined with tabs, one line each. */
function tsv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((r) => r.join('\t')).join('\n')}\n`
}

/** Run the CLI, capturing what it prints. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) })
  return { code, stdout: out.join(''), stderr: err.join('') }
}

/** The rows of TSV output, cells split on tabs. */
function cells(text: string): string[][] {
  return text.split('\n').filter((line) => line !== '').map((line) => line.split('\t'))
}

const HINT = 'Run `corroborate --help` for usage.\n'
// Four decimals, in [0, 1].
const SIMILARITY = expect.stringMatching(/^(0\.\d{4}|1\.0000)$/)

const FERRY = 'The ferry to Kellan Island was cancelled on Friday because of high winds.'
const BAKERY = 'A bakery on Quarry Lane won a national prize for its rye bread.'
const QUOTED = '"We will not close the Marsh Road library," the mayor said on Tuesday.'
const REQUOTED = 'The mayor said on Tuesday: "We will not close the Marsh Road library."'
const PAIRS = tsv([
  ['id', 'text_a', 'text_b', 'note'],
  ['same', FERRY, FERRY, 'copied'],
  ['quote', QUOTED, REQUOTED, 'has "quotes" inside'],
  ['apart', FERRY, BAKERY, ''],
])

describe('pairs', () => {
  let result: { code: number; stdout: string; stderr: string }
  beforeAll(async () => {
    result = await run(['pairs', '--in', await tempFile('pairs.tsv', PAIRS)])
  })

  it('exits 0 and prints nothing on stderr', () => {
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' })
  })

  it('passes every row and column through, a `"` inside a cell included, and appends `similarity` and `aligned`', () => {
    const rows = cells(result.stdout)
    expect({ header: rows[0], cells: rows.map((row) => row.slice(0, 4)) }).toEqual({ header: ['id', 'text_a', 'text_b', 'note', 'similarity', 'aligned'], cells: cells(PAIRS) })
  })

  it('gives each similarity with four decimals in [0, 1] and an aligned flag of 0 or 1', () => {
    expect(cells(result.stdout).slice(1).map((row) => [row.length, row[4], row[5]])).toEqual([
      [6, SIMILARITY, expect.stringMatching(/^[01]$/)],
      [6, SIMILARITY, expect.stringMatching(/^[01]$/)],
      [6, SIMILARITY, expect.stringMatching(/^[01]$/)],
    ])
  })

  it('gives identical texts similarity 1.0000 and aligned 1', () => {
    expect(cells(result.stdout)[1]!.slice(4)).toEqual(['1.0000', '1'])
  })

  it('aligns the same quotation worded a little differently', () => {
    expect(cells(result.stdout)[2]![5]).toEqual('1')
  })

  it('leaves unrelated texts apart', () => {
    expect(cells(result.stdout)[3]![5]).toEqual('0')
  })

  it('writes the same rows to `--out FILE` and leaves stdout empty', async () => {
    const out = path.join(await tempDir(), 'scored.tsv')
    const { code, stdout, stderr } = await run(['pairs', '--in', await tempFile('pairs.tsv', PAIRS), '--out', out])
    expect({ code, stdout, stderr, file: await readFile(out, 'utf8') }).toEqual({ code: 0, stdout: '', stderr: '', file: result.stdout })
  })

  it('reads CRLF line ends and a byte order mark as the same rows', async () => {
    const { code, stdout } = await run(['pairs', '--in', await tempFile('pairs.tsv', `\ufeff${PAIRS.replace(/\n/g, '\r\n')}`)])
    expect({ code, stdout }).toEqual({ code: 0, stdout: result.stdout })
  })

  it('exits 2 naming the file and the column when `text_b` is missing', async () => {
    const file = await tempFile('no-b.tsv', tsv([['id', 'text_a', 'note'], ['one', FERRY, '']]))
    expect(await run(['pairs', '--in', file])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'corroborate: no-b.tsv: Expected a header row with the column `text_b`, got `id, text_a, note`\n',
    })
  })

  it('warns with the file and line of a short row, keeps it padded, and exits 1', async () => {
    const file = await tempFile('short.tsv', tsv([['id', 'text_a', 'text_b', 'note'], ['full', FERRY, BAKERY, 'x'], ['short', FERRY]]))
    const { code, stdout, stderr } = await run(['pairs', '--in', file])
    expect({ code, stderr, rows: cells(stdout).map((row) => row.slice(0, 4)) }).toEqual({
      code: 1,
      stderr: 'short.tsv:3: warning: Expected 4 tab-separated fields, got 2 [pairs/short-row]\n',
      rows: [
        ['id', 'text_a', 'text_b', 'note'],
        ['full', FERRY, BAKERY, 'x'],
        ['short', FERRY, '', ''],
      ],
    })
  })

  it('exits 2 with a clear message for a model file of another version', async () => {
    const model = await tempFile('old.json', JSON.stringify({ format: 'corroborate-model', version: 2 }))
    expect(await run(['pairs', '--in', await tempFile('pairs.tsv', PAIRS), '--model', model])).toEqual({
      code: 2,
      stdout: '',
      stderr: `corroborate: Expected a corroborate model in \`${model}\`: expected \`version\` 1, got \`2\`\n`,
    })
  })

  it('exits 2 with a clear message for a model file that is not JSON', async () => {
    const model = await tempFile('cut.json', '{"format": "corroborate-model", "vers')
    // Where the JSON breaks, never the text around it: a wrong path could name any file.
    expect(await run(['pairs', '--in', await tempFile('pairs.tsv', PAIRS), '--model', model])).toEqual({
      code: 2,
      stdout: '',
      stderr: `corroborate: Expected JSON in the model \`${model}\`, got an unterminated string at line 1, column 33\n`,
    })
  })

  it('exits 2 with a clear message for a model fitted with other word vectors', async () => {
    const model = await tempFile(
      'other.json',
      JSON.stringify({ format: 'corroborate-model', version: 1, features: ['cosine', 'vectorCosine'], learner: { kind: 'linear', bias: -2, weights: [2, 2] }, threshold: 0.5, vectors: 'glove-other-300d' }),
    )
    expect(await run(['pairs', '--in', await tempFile('pairs.tsv', PAIRS), '--model', model])).toEqual({
      code: 2,
      stdout: '',
      stderr: `corroborate: Expected the word vectors \`glove-other-300d\` that the model was fitted with, got \`${loadVectors().name}\`\n`,
    })
  })

  it('exits 2 with a usage message without `--in`', async () => {
    expect(await run(['pairs'])).toEqual({ code: 2, stdout: '', stderr: `corroborate: Expected \`--in PAIRS.tsv\`, got none\n${HINT}` })
  })

  it('exits 2 for an option of another command', async () => {
    expect(await run(['pairs', '--corpus', 'x', '--in', 'pairs.tsv'])).toEqual({ code: 2, stdout: '', stderr: `corroborate: Unexpected option \`--corpus\` for \`pairs\` (it is an option of \`analyze\` and \`enqueue\`)\n${HINT}` })
  })
})

describe('pairs and analyze', () => {
  // A two-article story: the first sentences state the same decision, the second ones different things.
  const GAZETTE = [
    'The harbour board approved a plan on Monday to dredge the western channel before the autumn storms.',
    'Fishing crews said the noise would drive the mackerel shoals further out to sea.',
  ]
  const HERALD = [
    'On Monday the harbour board backed a plan to dredge the western channel ahead of the autumn storms.',
    'The dredging contract is expected to cost the town about two million pounds.',
  ]
  let analysed: { code: number; statements: { members: string[]; pairs: { similarity: number }[] }[] }
  let paired: { code: number; rows: string[][] }
  beforeAll(async () => {
    const root = await tempDir()
    await mkdir(path.join(root, 'corpus', 'harbour-dredging'), { recursive: true })
    await writeFile(path.join(root, 'corpus', 'harbour-dredging', 'coast-herald.txt'), `${HERALD.join('\n\n')}\n`)
    await writeFile(path.join(root, 'corpus', 'harbour-dredging', 'harbour-gazette.txt'), `${GAZETTE.join('\n\n')}\n`)
    const analyze = await run(['analyze', '--quiet', '--corpus', path.join(root, 'corpus'), '--out', path.join(root, 'out')])
    const report = JSON.parse(await readFile(path.join(root, 'out', 'harbour-dredging', 'report.json'), 'utf8')) as typeof analysed
    analysed = { code: analyze.code, statements: report.statements }
    const file = path.join(root, 'pairs.tsv')
    await writeFile(file, tsv([['text_a', 'text_b'], [HERALD[0]!, GAZETTE[0]!], [HERALD[1]!, GAZETTE[1]!]]))
    const scored = await run(['pairs', '--in', file])
    paired = { code: scored.code, rows: cells(scored.stdout).slice(1) }
  })

  it('analyze aligns the first sentences into one statement and leaves the second ones apart', () => {
    expect({ code: analysed.code, members: analysed.statements.map((s) => s.members) }).toEqual({ code: 0, members: [['coast-herald#0', 'harbour-gazette#0']] })
  })

  it('pairs marks the sentences analyze aligned as aligned, with the same similarity, and the others not', () => {
    expect({ code: paired.code, rows: paired.rows.map((row) => row.slice(2)) }).toEqual({
      code: 0,
      rows: [
        [analysed.statements[0]!.pairs[0]!.similarity.toFixed(4), '1'],
        [SIMILARITY, '0'],
      ],
    })
  })
})

// Invented labelled pairs from templates: the same decision in two wordings (1), or two different stories (0).
const BODIES = ['The harbour board', 'The town council', 'The school trustees', 'The water authority', 'The parish committee', 'The bus company', 'The hospital trust', 'The museum board']
const MEASURES = [
  'a plan to dredge the channel',
  'a new budget for road repairs',
  'a ban on night flights',
  'the sale of the old depot',
  'longer opening hours at the pool',
  'a rise in parking fees',
  'funding for a cycle path',
  'the closure of the pier',
]
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const PEOPLE = ['Ines Marlow', 'Tobias Fenwick', 'Ruth Okafor', 'Pavel Lindqvist', 'Greta Hollis', 'Samir Quayle']
const EVENTS = ['the coastal marathon', 'a chess tournament', 'the regional cycling race', 'a baking contest', 'the rowing regatta']
const TOWNS = ['Dunmore', 'Kellan', 'Ashby Vale', 'Portreath', 'Millbrook']

// Row i draws from the lists by i / 2, so positive (even) and negative (odd) rows meet every body and measure.
const body = (i: number) => BODIES[(i >> 1) % BODIES.length]!
const measure = (i: number) => MEASURES[((i >> 1) * 3 + i) % MEASURES.length]!
const day = (i: number) => DAYS[(i >> 1) % DAYS.length]!
const decision = (i: number) => `${body(i)} approved ${measure(i)} on ${day(i)}.`
const reworded = (i: number) =>
  i % 4 === 0 ? `On ${day(i)}, ${body(i).toLowerCase()} voted to approve ${measure(i)}.` : `${body(i)} said on ${day(i)} that it had agreed to ${measure(i)}.`
const unrelated = (i: number) => `${PEOPLE[i % PEOPLE.length]} won ${EVENTS[i % EVENTS.length]} in ${TOWNS[i % TOWNS.length]} on ${day(i + 6)}.`
const otherClaim = (i: number) => `${body(i)} will hear objections to ${measure(i + 2)} again next month.`

/** `n` labelled rows from row `from` on: paraphrases, unrelated pairs and different claims about the same body, in turn. */
function labelledRows(n: number, from = 0): string[][] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k
    if (i % 2 === 0) return [`p${i}`, decision(i), reworded(i), '1']
    return [`p${i}`, decision(i), i % 4 === 1 ? unrelated(i) : otherClaim(i), '0']
  })
}

/** `n` scored rows: 5 for the same decision, 2 for another claim by the same body, 0 for unrelated. */
function scoredRows(n: number): string[][] {
  // Each kind of pair in turn, so every fold of the shuffled cross-validation holds all three.
  return Array.from({ length: n }, (_, i) => {
    if (i % 2 === 0) return [`p${i}`, decision(i), reworded(i), '5']
    if (i % 4 === 1) return [`p${i}`, decision(i), otherClaim(i), '2']
    return [`p${i}`, decision(i), unrelated(i), '0']
  })
}

/** The first field of each stdout line, and the line's value by that name. */
function figures(stdout: string): { names: string[]; values: Record<string, string> } {
  const rows = cells(stdout)
  return { names: rows.map((r) => r[0]!), values: Object.fromEntries(rows.map((r) => [r[0]!, r[1]!])) }
}

describe('calibrate', () => {
  let labelled: { code: number; stdout: string; stderr: string; model: string; dir: string }
  beforeAll(async () => {
    const dir = await tempDir()
    const pairsFile = path.join(dir, 'labelled.tsv')
    await writeFile(pairsFile, tsv([['id', 'text_a', 'text_b', 'label'], ...labelledRows(72)]))
    const model = path.join(dir, 'model.json')
    labelled = { ...(await run(['calibrate', '--quiet', '--pairs', pairsFile, '--out', model, '--folds', '3', '--rounds', '20'])), model, dir }
  })

  it('exits 0 and lists the cross-validated figures and the threshold on stdout', () => {
    const { names, values } = figures(labelled.stdout)
    expect({ code: labelled.code, stderr: labelled.stderr, names, pairs: values.pairs, folds: values['cross-validation'] }).toEqual({
      code: 0,
      stderr: '',
      names: ['pairs', 'cross-validation', 'accuracy', 'precision', 'recall', 'f1', 'threshold'],
      pairs: '72 (72 labelled, 0 scored)',
      folds: '3 folds',
    })
  })

  it('separates invented paraphrases from the rest on held-out folds', () => {
    const { values } = figures(labelled.stdout)
    const percent = (name: string) => Number(values[name]!.replace('%', ''))
    expect({ accuracy: percent('accuracy') >= 90, f1: percent('f1') >= 90 }).toEqual({ accuracy: true, f1: true })
  })

  it('writes a model that checkModel accepts, with the printed threshold and the word vectors it used', () => {
    const model = checkModel(JSON.parse(readFileSync(labelled.model, 'utf8')), labelled.model)
    expect({
      features: model.features,
      kind: model.learner.kind,
      trees: model.learner.kind === 'gbm' ? model.learner.trees.length : null,
      threshold: String(model.threshold),
      vectors: model.vectors,
      source: model.notes?.source,
    }).toEqual({
      features: [...FEATURES],
      kind: 'gbm',
      // --rounds 20 in each of the two bags calibrate fits by default.
      trees: 40,
      threshold: figures(labelled.stdout).values.threshold,
      vectors: loadVectors().name,
      source: 'labelled.tsv',
    })
  })

  it('writes a model that `pairs --model` uses', async () => {
    // New pairs from the same templates; the label passes through as an extra column. IDF comes from the file's
    // own texts, so the file mixes pairs as the training file did.
    const file = path.join(labelled.dir, 'new.tsv')
    await writeFile(file, tsv([['id', 'text_a', 'text_b', 'label'], ...labelledRows(40, 200)]))
    const { code, stdout, stderr } = await run(['pairs', '--in', file, '--model', labelled.model])
    const scored = cells(stdout).slice(1)
    expect({ code, stderr, rows: scored.length, wrong: scored.filter((row) => row[5] !== row[3]).map((row) => row[0]) }).toEqual({ code: 0, stderr: '', rows: 40, wrong: [] })
  })

  it('prints Pearson and Spearman for a `score` column', async () => {
    const pairsFile = await tempFile('scored.tsv', tsv([['id', 'text_a', 'text_b', 'score'], ...scoredRows(63)]))
    const { code, stdout } = await run(['calibrate', '--quiet', '--pairs', pairsFile, '--out', path.join(path.dirname(pairsFile), 'model.json'), '--folds', '3', '--rounds', '20'])
    const { names, values } = figures(stdout)
    expect({ code, names, pairs: values.pairs, pearson: Number(values.pearson) > 0.7, spearman: Number(values.spearman) > 0.7 }).toEqual({
      code: 0,
      names: ['pairs', 'cross-validation', 'accuracy', 'precision', 'recall', 'f1', 'pearson', 'spearman', 'threshold'],
      pairs: '63 (0 labelled, 63 scored)',
      pearson: true,
      spearman: true,
    })
  })

  it('skips rows with a bad label or score and warns with their line numbers', async () => {
    const rows = labelledRows(40).map((row) => [...row, ''])
    rows[2] = ['bad-label', decision(2), reworded(2), 'yes', '']
    rows[5] = ['bad-score', decision(5), reworded(5), '', '7.5']
    rows[9] = ['no-label', decision(9), reworded(9), '', '']
    const pairsFile = await tempFile('mixed.tsv', tsv([['id', 'text_a', 'text_b', 'label', 'score'], ...rows]))
    const { code, stdout, stderr } = await run(['calibrate', '--quiet', '--pairs', pairsFile, '--out', path.join(path.dirname(pairsFile), 'model.json'), '--folds', '3', '--rounds', '5'])
    expect({ code, stderr, pairs: figures(stdout).values.pairs }).toEqual({
      code: 0,
      stderr: [
        'mixed.tsv:4: warning: Expected `label` 0 or 1, got `yes`; row skipped [calibrate/bad-label]',
        'mixed.tsv:7: warning: Expected `score` between 0 and 5, got `7.5`; row skipped [calibrate/bad-score]',
        'mixed.tsv:11: warning: Expected a `label` or a `score`, got neither; row skipped [calibrate/no-label]',
        '',
      ].join('\n'),
      pairs: '37 (37 labelled, 0 scored)',
    })
  })

  it('exits 2 with a clear message, and writes no model, when there are too few rows', async () => {
    const pairsFile = await tempFile('few.tsv', tsv([['text_a', 'text_b', 'label'], ...labelledRows(5).map((row) => row.slice(1))]))
    const model = path.join(path.dirname(pairsFile), 'model.json')
    const { code, stdout, stderr } = await run(['calibrate', '--quiet', '--pairs', pairsFile, '--out', model, '--folds', '3'])
    expect({ code, stdout, stderr, written: existsSync(model) }).toEqual({
      code: 2,
      stdout: '',
      stderr: 'corroborate: Expected at least 6 pairs with a label or score, got 5\n',
      written: false,
    })
  })

  it('exits 2 naming the file when it has neither a `label` nor a `score` column', async () => {
    const pairsFile = await tempFile('unlabelled.tsv', tsv([['text_a', 'text_b'], [decision(1), reworded(1)]]))
    expect(await run(['calibrate', '--quiet', '--pairs', pairsFile, '--out', path.join(path.dirname(pairsFile), 'model.json')])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'corroborate: unlabelled.tsv: Expected a `label` (0/1) or `score` (0–5) column, got neither\n',
    })
  })

  it('exits 2 for fewer than two folds', async () => {
    expect(await run(['calibrate', '--pairs', 'labelled.tsv', '--out', 'model.json', '--folds', '1'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `corroborate: Expected \`--folds\` to be at least 2, got \`1\`\n${HINT}`,
    })
  })

  it('exits 2 for an option of another command', async () => {
    expect(await run(['calibrate', '--in', 'labelled.tsv', '--out', 'model.json'])).toEqual({ code: 2, stdout: '', stderr: `corroborate: Unexpected option \`--in\` for \`calibrate\` (it is an option of \`pairs\`)\n${HINT}` })
  })
})
