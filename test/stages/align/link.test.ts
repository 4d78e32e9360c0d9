// align's scoring: how strongly two units of different articles link (the similarity, the same-claim stage and the
// shape rules), over a made-up story through the real stages and the shipped model.
import { loadVectors } from '../../../pipeline/tables.js'
import { CONTEXT_FEATURES, storyScorer, type StoryScorer } from '../../../stages/align/link.js'
import { DEFAULT_MODEL, FEATURES, Idf, sentenceFeatures, similarity } from '../../../stages/similarity/index.js'
import { documentsOf } from '../score/documents.js'
import { bridge } from './story.js'

let scorer: StoryScorer
let unit: (id: string) => number
beforeAll(() => {
  scorer = storyScorer(bridge(), DEFAULT_MODEL, loadVectors(), { prefixSize: 32, maxPosting: 200, window: 16, maxCandidates: 12 })
  unit = (id) => scorer.sentences.findIndex((s) => s.id === id)
})

describe('storyScorer', () => {
  it('links one fact told in other words at the threshold or above, and unrelated sentences far under it', () => {
    expect(scorer.link(unit('a#0'), unit('b#0'))).toBeGreaterThanOrEqual(scorer.threshold)
    expect(scorer.link(unit('a#0'), unit('c#0'))).toBeGreaterThanOrEqual(scorer.threshold)
    expect(scorer.link(unit('a#3'), unit('b#3'))).toBeLessThan(scorer.threshold / 2)
    // Memoised and symmetric.
    expect(scorer.link(unit('b#0'), unit('a#0'))).toBe(scorer.link(unit('a#0'), unit('b#0')))
  })

  it('links a main clause said within a longer sentence, numbers left out, and marks the pair as linked through a clause', () => {
    // "The bridge carries 38,000 vehicles a day, and every one of those drivers …" / "… carries about 42,000 vehicles a day."
    const [i, j] = [unit('a#1'), unit('b#1')]
    expect(scorer.similarity(i, j)).toBeLessThan(scorer.threshold)
    expect(scorer.link(i, j)).toBeGreaterThanOrEqual(scorer.threshold)
    expect(scorer.throughClaims.has(i * scorer.n + j)).toBe(true)
    expect(scorer.throughClaims.has(unit('a#0') * scorer.n + unit('b#0'))).toBe(false)
  })

  it('gives the same-claim stage one row per pair, the same whichever unit comes first, with the pair\'s context after every pair feature', () => {
    const [h, s] = [unit('a#h'), unit('b#h')]
    expect(scorer.sentences[h]!.unit).toBe('headline')
    const row = scorer.row(h, s)
    expect(row).toHaveLength(FEATURES.length + CONTEXT_FEATURES.length)
    expect([...scorer.row(s, h)]).toEqual([...row])
    const context = (name: (typeof CONTEXT_FEATURES)[number], r = row) => r[FEATURES.length + CONTEXT_FEATURES.indexOf(name)]
    expect(context('s1')).toBe(scorer.similarity(h, s))
    expect(context('headlines')).toBe(2)
    expect(context('headlines', scorer.row(h, unit('b#0')))).toBe(1)
    // Headline −0.1, lead 0.
    expect([context('positionMin', scorer.row(h, unit('b#0'))), context('positionMax', scorer.row(h, unit('b#0')))]).toEqual([-0.1, 0])
  })

  it('lists the linking candidates as edges, and each unit\'s candidates by article', () => {
    expect(scorer.edges.every((e) => e.i < e.j && scorer.doc[e.i] !== scorer.doc[e.j] && e.strength >= scorer.threshold && scorer.isCandidate(e.i, e.j))).toBe(true)
    expect(scorer.edges.map((e) => `${scorer.sentences[e.i]!.id}~${scorer.sentences[e.j]!.id}`)).toContain('a#1~b#1')
    const c = scorer.doc[unit('c#0')]!
    expect([...scorer.candidatesIn(unit('a#0'), c)]).toContain(unit('c#0'))
    expect([...scorer.candidatesOf(unit('a#0'))]).toContain(unit('c#0'))
    expect(scorer.compared).toBeGreaterThan(0)
  })
})

describe('the rules that link one claim told in other shapes', () => {
  const SHAPES = [
    { id: 'a', outlet: 'Tribune', text: 'The council approved the new harbor budget.\n\n"We will rebuild the pier before the summer season," the mayor said.' },
    {
      id: 'b',
      outlet: 'Herald',
      text: [
        'The council approved the new harbor budget after a heated four-hour meeting in which residents complained loudly about parking fees, noise from the docks and the smell of fish.',
        'The mayor vowed that the town would rebuild the pier before the summer season, telling reporters "We will rebuild the pier before the summer season" at a crowded press conference.',
      ].join('\n\n'),
    },
  ]
  const scorerOf = (model: typeof DEFAULT_MODEL) => storyScorer(documentsOf('shapes', SHAPES), model, loadVectors(), { prefixSize: 32, maxPosting: 200, window: 16, maxCandidates: 12 })
  const at = (s: StoryScorer, id: string) => s.sentences.findIndex((x) => x.id === id)

  it('tell the same-claim stage that one unit states the other\'s claim and more, or shares its quotation', () => {
    const s = scorerOf(DEFAULT_MODEL)
    const context = (i: number, j: number, name: (typeof CONTEXT_FEATURES)[number]) => s.row(i, j)[FEATURES.length + CONTEXT_FEATURES.indexOf(name)]
    expect([context(at(s, 'a#0'), at(s, 'b#0'), 'statesMore'), context(at(s, 'a#0'), at(s, 'b#0'), 'sameQuote')]).toEqual([1, 0])
    expect([context(at(s, 'a#1'), at(s, 'b#1'), 'statesMore'), context(at(s, 'a#1'), at(s, 'b#1'), 'sameQuote')]).toEqual([0, 1])
    expect(context(at(s, 'a#0'), at(s, 'b#1'), 'statesMore')).toBe(0)
  })

  it('raise such a pair to the threshold when no same-claim stage decides', () => {
    const s = scorerOf({ ...DEFAULT_MODEL, sameClaim: undefined })
    expect(s.threshold).toBe(DEFAULT_MODEL.threshold)
    for (const [a, b] of [['a#0', 'b#0'], ['a#1', 'b#1']]) {
      expect(s.similarity(at(s, a!), at(s, b!))).toBeLessThan(s.threshold)
      expect(s.link(at(s, a!), at(s, b!))).toBe(s.threshold)
    }
    expect(s.link(at(s, 'a#0'), at(s, 'b#1'))).toBeLessThan(s.threshold)
  })
})

describe('units reprinted word for word', () => {
  const WIRE = 'The harbor authority closed the north pier on Tuesday after divers found cracks in two of its pilings.'
  const COPIES = [
    { id: 'a', outlet: 'Tribune', text: `${WIRE}\n\nRepairs could take a month, officials said.` },
    { id: 'b', outlet: 'Herald', text: `Fishing boats were moved to the south dock.\n\n${WIRE}` },
    { id: 'c', outlet: 'Courier', text: `${WIRE}\n\nThe pier was built in 1931 and last repaired in 1998.` },
  ]
  const s = storyScorer(documentsOf('copies', COPIES), DEFAULT_MODEL, loadVectors(), { prefixSize: 32, maxPosting: 200, window: 16, maxCandidates: 12 })
  const at = (id: string) => s.sentences.findIndex((x) => x.id === id)

  it('share one features record, and score against another unit as each would alone', () => {
    expect(s.features[at('a#0')]).toBe(s.features[at('b#1')])
    expect(s.features[at('a#0')]).toBe(s.features[at('c#0')])
    expect(s.features[at('a#1')]).not.toBe(s.features[at('c#1')])
    // A copy's similarity to another unit, computed once for both copies, is the similarity of that pair alone.
    const alone = (x: string, y: string) => similarity(sentenceFeatures(s.sentences[at(x)]!, loadVectors()), sentenceFeatures(s.sentences[at(y)]!, loadVectors()), idfOf(s), DEFAULT_MODEL)
    expect(s.similarity(at('a#0'), at('c#1'))).toBe(alone('a#0', 'c#1'))
    expect(s.similarity(at('b#1'), at('c#1'))).toBe(alone('b#1', 'c#1'))
    expect(s.similarity(at('a#0'), at('b#1'))).toBe(1)
  })
})

/** The IDF of a scorer's story, as `storyScorer` counts it: every unit once. */
function idfOf(s: StoryScorer): Idf {
  const idf = new Idf()
  for (const f of s.features) idf.add(f)
  return idf
}
