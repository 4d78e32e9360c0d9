// align's scoring: how strongly two units of different articles link (the similarity, the same-claim stage and the
// shape rules), over a made-up story through the real stages and the shipped model.
import { loadVectors } from '../../../pipeline/tables.js'
import { CONTEXT_FEATURES, onBodyScale, storyScorer, type StoryScorer } from '../../../stages/align/link.js'
import { publishedDay } from '../../../core/dates.js'
import { checkModel } from '../../../stages/similarity/index.js'
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

describe('a threshold of its own for pairs with a headline', () => {
  const settings = { prefixSize: 32, maxPosting: 200, window: 16, maxCandidates: 12 }
  const stage = DEFAULT_MODEL.sameClaim!
  const withThresholds = (threshold: number, headlineThreshold?: number) => ({ ...DEFAULT_MODEL, sameClaim: { ...stage, threshold, headlineThreshold } })

  it('puts a headline pair\'s prediction on the scale of the other pairs: its own threshold at theirs, 0 and 1 kept, in order', () => {
    expect(onBodyScale(0.4, undefined, 0.7)).toBe(0.4)
    expect(onBodyScale(0.4, 0.7, 0.7)).toBe(0.4)
    expect(onBodyScale(0.5, 0.5, 0.7)).toBeCloseTo(0.7, 12)
    expect([onBodyScale(0, 0.5, 0.7), onBodyScale(1, 0.5, 0.7)]).toEqual([0, 1])
    const scaled = [0, 0.1, 0.3, 0.49, 0.5, 0.51, 0.8, 1].map((p) => onBodyScale(p, 0.5, 0.7))
    expect(scaled).toEqual([...scaled].sort((x, y) => x - y))
    expect(onBodyScale(0.49, 0.5, 0.7)).toBeLessThan(0.7)
  })

  it('links a headline pair that reaches the headline threshold, and leaves a sentence pair at the same prediction apart', () => {
    const model = withThresholds(0.6, 0.2)
    const s = storyScorer(bridge(), model, loadVectors(), settings)
    const plain = storyScorer(bridge(), withThresholds(0.6), loadVectors(), settings)
    const headline = (i: number, j: number) => s.sentences[i]!.unit === 'headline' || s.sentences[j]!.unit === 'headline'
    let headlinesLinked = 0
    for (const key of [...Array(s.n * s.n).keys()]) {
      const i = Math.floor(key / s.n)
      const j = key % s.n
      if (i >= j || s.doc[i] === s.doc[j] || !s.isCandidate(i, j)) continue
      const before = plain.link(i, j)
      if (!headline(i, j)) expect(s.link(i, j)).toBe(before)
      else if (before < 0.6 && before >= 0.2) {
        expect(s.link(i, j)).toBeGreaterThanOrEqual(0.6)
        headlinesLinked++
      }
    }
    // The bridge story has such pairs: the test would pass vacuously otherwise.
    expect(headlinesLinked).toBeGreaterThan(0)
  })

  it('gives, at other thresholds, the links and edges a scorer made with those thresholds gives', () => {
    const s = storyScorer(bridge(), DEFAULT_MODEL, loadVectors(), settings)
    for (const [t, h] of [[0.5, 0.7], [0.8, 0.4], [0.65, undefined]] as const) {
      const view = s.at(t, h)
      const fresh = storyScorer(bridge(), withThresholds(t, h), loadVectors(), settings)
      expect(view.threshold).toBe(t)
      expect(view.edges).toEqual(fresh.edges)
      expect(view.edges.length).toBeGreaterThan(0)
    }
    // The view at the scorer's own thresholds is the scorer.
    expect(s.at(stage.threshold, stage.headlineThreshold).edges).toEqual(s.edges)
  })

  it('is refused in a model file unless it lies strictly between 0 and 1', () => {
    const file = { ...DEFAULT_MODEL, sameClaim: { ...stage, headlineThreshold: 1.5 } }
    expect(() => checkModel(file, 'bad.json')).toThrow(/sameClaim\.headlineThreshold. in \(0, 1\), got .1\.5./)
    expect(checkModel({ ...DEFAULT_MODEL, sameClaim: { ...stage, headlineThreshold: 0.4 } }, 'good.json').sameClaim?.headlineThreshold).toBe(0.4)
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

describe('publishedDay', () => {
  it('reads the date as written, whatever the zone, and the same on every machine', () => {
    const day = Date.UTC(2011, 3, 7) / 86_400_000
    expect(['2011-04-07', '2011-04-07T23:30:00-05:00', '2011-04-07 22:15', 'April 7, 2011', 'Thu, 07 Apr 2011 10:12:00 GMT'].map(publishedDay)).toEqual([day, day, day, day, day])
    expect([null, 'last week', ''].map(publishedDay)).toEqual([null, null, null])
  })
})
