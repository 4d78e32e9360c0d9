// The labelled cross-outlet pairs (bench/labels): references resolve against BASIL and a changed text is caught;
// the settled labels follow the guide's vocabulary; the same-claim stage sees each pair the same either way round.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { CONTEXT_FEATURES, sameClaimRows } from '../../stages/align/index.js'
import { clean } from '../../stages/clean/index.js'
import { ingest } from '../../stages/ingest/index.js'
import { MessageLog } from '../../core/messages.js'
import { segment } from '../../stages/segment/index.js'
import { checkModel, DEFAULT_MODEL, FEATURES } from '../../stages/similarity/index.js'
import { loadVectors } from '../../pipeline/tables.js'
import { type BasilRecord, hashText, loadLabelledPairs, readTsv, resolvePairs } from '../../bench/labels/labels.js'
import { addCounts, alignedPairs, alignedPairsAt, conflictPR, formatSplit, splitOf, SplitTally } from '../../bench/labels/evaluate.js'
import { withStage } from '../../bench/labels/fit.js'
import { readBasilRecords } from '../../bench/labels/labels.js'
import { rankingFigures } from '../../bench/labels/links.js'

const root = path.join(__dirname, '..', '..')
const basil = path.join(root, '..', 'shared', 'data', 'basil', 'basil.jsonl')
const describeBasil = existsSync(basil) ? describe : describe.skip

describe('labelled pair references', () => {
  const record: BasilRecord = { story: 's', id: 's_1', outlet: 'A', title: 'Mayor Shuts Bridge', url: null, published: null, text: 'The mayor shut the bridge on Tuesday.\n\nCommuters were stranded.' }
  const other: BasilRecord = { ...record, id: 's_2', outlet: 'B', title: 'Bridge closed', text: 'City Hall closed the span Tuesday.' }
  const row = (hashA: string) => ({ pair: 'p1', story: 's', stratum: 'random', a_article: 's_1', a_field: 'text', a_index: '0', a_begin: '0', a_end: '37', a_hash: hashA, b_article: 's_2', b_field: 'title', b_index: '-1', b_begin: '0', b_end: '13', b_hash: hashText('Bridge closed') })

  it('resolves a unit by article, field and offsets, and checks its hash', () => {
    const pair = resolvePairs([record, other], [row(hashText('The mayor shut the bridge on Tuesday.'))]).get('p1')!
    expect([pair.a.text, pair.b.text, pair.b.field]).toEqual(['The mayor shut the bridge on Tuesday.', 'Bridge closed', 'title'])
  })

  it('refuses a reference whose text no longer hashes as labelled, naming the pair', () => {
    expect(() => resolvePairs([record, other], [row('000000000000')])).toThrow('p1: unit a (s_1 text 0–37) does not hash to 000000000000')
  })
})

describe('conflict counts by half', () => {
  // Made-up story ids, at least one in each half.
  const ids = Array.from({ length: 40 }, (_, i) => `story-${i}`)
  const dev = ids.find((s) => splitOf(s) === 'dev')!
  const held = ids.find((s) => splitOf(s) === 'held-out')!

  it('counts a flagged pair against the half of its own story, and a found one only with its labelled kind', () => {
    const t = new SplitTally()
    t.add(dev, 'quote_conflict', 'quote_conflict')
    t.add(dev, 'negation_conflict', 'quote_conflict')
    t.add(held, 'agree', 'number_conflict')
    t.add(held, 'quote_conflict', undefined)
    const c = t.counts
    expect(c.dev).toEqual({ flagged: 2, flaggedRight: 2, labelled: 2, found: 1 })
    expect(c['held-out']).toEqual({ flagged: 1, flaggedRight: 0, labelled: 1, found: 0 })
    expect(c.all).toEqual({ flagged: 3, flaggedRight: 2, labelled: 3, found: 1 })
    expect(conflictPR(c.all)).toEqual({ precision: 2 / 3, recall: 1 / 3 })
    expect(formatSplit(c)).toBe('all P 0.667 R 0.333 (2/3, 1/3); dev P 1.000 R 0.500 (2/2, 1/2); held-out P 0.000 R 0.000 (0/1, 0/1)')
  })

  it('pools folds by adding their counts', () => {
    const one = { flagged: 1, flaggedRight: 1, labelled: 2, found: 1 }
    const pooled = addCounts([{ all: one, dev: one, 'held-out': one }, { all: one, dev: one, 'held-out': one }])
    expect(pooled.all).toEqual({ flagged: 2, flaggedRight: 2, labelled: 4, found: 2 })
  })
})

describeBasil('the labelled BASIL pairs', () => {
  const pairs = loadLabelledPairs(basil, path.join(root, 'bench', 'labels', 'basil-pairs.tsv'), path.join(root, 'bench', 'labels', 'basil-labels.tsv'))

  it('hold at least 2,000 pairs from at least 60 stories, headlines among them, every hash intact', () => {
    expect({
      enough: pairs.length >= 2000,
      stories: new Set(pairs.map((p) => p.story)).size >= 60,
      headlines: pairs.filter((p) => p.a.field === 'title' || p.b.field === 'title').length >= 300,
      crossOutlet: pairs.filter((p) => p.a.article === p.b.article || p.a.story !== p.b.story),
    }).toEqual({ enough: true, stories: true, headlines: true, crossOutlet: [] })
  })

  it('give a relation exactly to same and partial pairs, and a side that says more exactly to partial ones', () => {
    const offenders = pairs.filter((p) => (p.relation !== null) !== (p.label === 'same' || p.label === 'partial') || (p.more !== null) !== (p.label === 'partial'))
    expect(offenders.map((p) => p.pair)).toEqual([])
  })

  it('have a second, independent labelling of at least 300 of them', () => {
    const second = readTsv(path.join(root, 'bench', 'labels', 'basil-labels-second.tsv'))
    const ids = new Set(pairs.map((p) => p.pair))
    expect({ count: second.length >= 300, known: second.filter((r) => !ids.has(r.pair!)).length }).toEqual({ count: true, known: 0 })
  })
})

describe('the same-claim stage', () => {
  const vectors = loadVectors()
  const log = new MessageLog('t')
  const source = (id: string, outlet: string, text: string) => ({ kind: 'text' as const, file: `t/${id}.txt`, story: 't', id, bytes: Buffer.from(text), meta: { outlet, title: null } })
  const documents = segment(
    clean(
      ingest(
        [
          source('a', 'Courier', 'Mayor Closes Calder Street Bridge\n\nThe mayor closed the Calder Street Bridge on Tuesday after inspectors found cracks.\n\nCommuters took the ferry.'),
          source('b', 'Gazette', 'City Hall shut the Calder Street Bridge to traffic on Tuesday, citing cracks found by inspectors.\n\nThe ferry ran extra boats.'),
        ],
        log,
      ),
      log,
    ),
    log,
  )

  it('sees a pair the same either way round: every feature and context value', () => {
    const [ab, ba] = sameClaimRows(documents, [['a#0', 'b#0'], ['b#0', 'a#0']], { vectors })
    expect({ length: ab!.length, same: [...ab!].every((v, k) => v === ba![k]) }).toEqual({ length: FEATURES.length + CONTEXT_FEATURES.length, same: true })
  })

  it('gives no row for two units of one article or an unknown unit', () => {
    expect(sameClaimRows(documents, [['a#0', 'a#1'], ['a#0', 'nope#0']], { vectors })).toEqual([null, null])
  })

  it('is part of the shipped model, checked when the model is read', () => {
    expect({ features: DEFAULT_MODEL.sameClaim?.features, threshold: typeof DEFAULT_MODEL.sameClaim?.threshold }).toEqual({ features: [...FEATURES, ...CONTEXT_FEATURES], threshold: 'number' })
    expect(() => checkModel({ ...DEFAULT_MODEL, sameClaim: { ...DEFAULT_MODEL.sameClaim, threshold: 2 } }, 'm.json')).toThrow('Expected a corroborate model in `m.json`: expected `sameClaim.threshold` in [0, 1], got `2`')
  })
})

describeBasil('the threshold sweep of the same-claim decision', () => {
  it('decides every labelled pair at each pair of thresholds as analyze does with a model made at those thresholds', () => {
    const pairs = loadLabelledPairs(basil, path.join(root, 'bench', 'labels', 'basil-pairs.tsv'), path.join(root, 'bench', 'labels', 'basil-labels.tsv'))
    const stories = [...new Set(pairs.map((p) => p.story))].sort().slice(0, 6)
    const some = pairs.filter((p) => stories.includes(p.story))
    const byStory = new Map<string, BasilRecord[]>()
    for (const r of readBasilRecords(basil)) if (stories.includes(r.story)) byStory.set(r.story, [...(byStory.get(r.story) ?? []), r])
    const vectors = loadVectors()
    const { learner } = DEFAULT_MODEL.sameClaim!
    const grid = [[0.5, 0.5], [0.75, 0.55], [0.45, 0.8]] as const
    const swept = alignedPairsAt(byStory, some, withStage(DEFAULT_MODEL, learner, 0.3), vectors, grid)
    grid.forEach(([t, h], k) => expect(swept[k]).toEqual(alignedPairs(byStory, some, withStage(DEFAULT_MODEL, learner, t, {}, h), vectors)))
    // The thresholds change what is aligned: otherwise the comparison says nothing.
    expect(swept[1]).not.toEqual(swept[2])
  })
})

describe('the link-level figures of the same-claim learner', () => {
  it('take recall at a precision floor only at thresholds that can split the scores, ties kept together', () => {
    // 0.8 holds one same-claim pair and one other: a threshold keeps both or neither, so precision 2/3 there.
    expect(rankingFigures([0.9, 0.8, 0.8, 0.1], [true, true, false, true], 0.85).recallAtP).toBeCloseTo(1 / 3)
    expect(rankingFigures([0.9, 0.8, 0.7, 0.1], [true, true, false, true], 0.85).recallAtP).toBeCloseTo(2 / 3)
  })

  it('give average precision as the mean precision at each same-claim pair, best score first', () => {
    expect(rankingFigures([0.9, 0.5, 0.7], [true, true, false]).ap).toBeCloseTo((1 + 2 / 3) / 2)
    expect(rankingFigures([0.2, 0.1], [false, false])).toEqual({ recallAtP: 0, ap: 0 })
  })
})
