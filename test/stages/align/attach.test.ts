// attachUnits over real units (the bridge story's), with links set by hand: which units join a statement besides
// their own because they dispute one of its members, or because they are the headline of an article already in it.
import { loadVectors } from '../../../pipeline/tables.js'
import { ATTACH_MEAN, attachUnits } from '../../../stages/align/group.js'
import { storyScorer, type StoryScorer } from '../../../stages/align/link.js'
import { DEFAULT_MODEL } from '../../../stages/similarity/index.js'
import { bridge } from './story.js'

let scorer: StoryScorer
let unit: (id: string) => number
beforeAll(() => {
  scorer = storyScorer(bridge(), DEFAULT_MODEL, loadVectors(), { prefixSize: 32, maxPosting: 200, window: 16, maxCandidates: 12 })
  unit = (id) => scorer.sentences.findIndex((s) => s.id === id)
})

/** The units attached to each of `groups` (unit ids) when only the `links` given (`'a#1~b#1': strength`) link. */
function attachedTo(groups: string[][], links: Readonly<Record<string, number>>): string[][] {
  const table = new Map(Object.entries(links).map(([key, value]) => [key.split('~').map((id) => unit(id)).sort((x, y) => x - y).join('-'), value]))
  const link = (i: number, j: number) => table.get([i, j].sort((x, y) => x - y).join('-')) ?? 0
  const edges = [...table].map(([key, strength]) => {
    const [i, j] = key.split('-').map(Number) as [number, number]
    return { i, j, strength }
  })
  const ids = groups.map((g) => g.map(unit))
  const placed = new Set(ids.flat())
  for (let x = 0; x < scorer.n; x++) if (!placed.has(x)) ids.push([x])
  return attachUnits({ ...scorer, link, edges }, ids, 6)
    .slice(0, groups.length)
    .map((g) => g.map((x) => scorer.sentences[x]!.id))
}

describe('attachUnits', () => {
  it('attaches a unit that gives a member’s figure otherwise, though it links weakly to the other members', () => {
    const t = scorer.threshold
    // {b#1, c#0}: the Herald's 42,000 vehicles grouped (for the test) with the Courier's lead. The Tribune's
    // 38,000 vehicles links strongly to b#1 only: a number conflict, so it is attached and the ledger shows it.
    expect(attachedTo([['b#1', 'c#0']], { 'a#1~b#1': t * ATTACH_MEAN + 0.01, 'b#1~c#0': t + 0.1, 'a#1~c#0': 0.1 })).toEqual([['a#1']])
    // Under `ATTACH_MEAN` of the threshold, it is not.
    expect(attachedTo([['b#1', 'c#0']], { 'a#1~b#1': t * ATTACH_MEAN - 0.01, 'b#1~c#0': t + 0.1, 'a#1~c#0': 0.1 })).toEqual([[]])
  })

  it('does not attach a unit that agrees with the one member it links to but not with the others', () => {
    const t = scorer.threshold
    // The mayor's free ferry rides, told shorter by the Tribune: no dispute with b#2, and its link to c#0 is weak.
    expect(attachedTo([['b#2', 'c#0']], { 'a#2~b#2': 0.95, 'b#2~c#0': t + 0.1, 'a#2~c#0': 0.1 })).toEqual([[]])
  })

  it('attaches a headline linked to one member of a statement that holds its own article’s lead', () => {
    const t = scorer.threshold
    // {a#0, b#0}: the closure in the Tribune's and the Herald's leads. The Herald's headline links to the Tribune's
    // lead only, at the threshold: its own lead is in the statement, so it reports the claim too.
    expect(attachedTo([['a#0', 'b#0']], { 'a#0~b#0': t + 0.2, 'b#h~a#0': t + 0.01, 'b#h~c#0': 0.1 })).toEqual([['b#h']])
    // Without a unit of its own article in the statement, one link is not enough.
    expect(attachedTo([['a#0', 'c#0']], { 'a#0~c#0': t + 0.2, 'b#h~a#0': t + 0.01, 'b#h~c#0': 0.1 })).toEqual([[]])
    // A body sentence linked the same way is not attached: only a headline sums up its article.
    expect(attachedTo([['a#0', 'b#0']], { 'a#0~b#0': t + 0.2, 'b#2~a#0': t + 0.01, 'b#2~c#0': 0.1 })).toEqual([[]])
  })
})
