// align's Statement records: the groups carried by two outlets or more, their representative, pairs and near outlets.
import { loadVectors } from '../../../pipeline/tables.js'
import { storyScorer, type StoryScorer } from '../../../stages/align/link.js'
import { buildStatements, NEAR_SHARE } from '../../../stages/align/statements.js'
import { DEFAULT_MODEL } from '../../../stages/similarity/index.js'
import { bridge } from './story.js'

let scorer: StoryScorer
let unit: (id: string) => number
beforeAll(() => {
  scorer = storyScorer(bridge(), DEFAULT_MODEL, loadVectors(), { prefixSize: 32, maxPosting: 200, window: 16, maxCandidates: 12 })
  unit = (id) => scorer.sentences.findIndex((s) => s.id === id)
})

/** The statements of groups of unit ids, with the link of some pairs (`'a#0~c#0': strength`) set by hand. */
function statementsOf(groups: string[][], links: Readonly<Record<string, number>> = {}) {
  const set = new Map(Object.entries(links).map(([key, value]) => [key.split('~').map(unit).sort((x, y) => x - y).join('-'), value]))
  const link = (i: number, j: number) => set.get([i, j].sort((x, y) => x - y).join('-')) ?? scorer.link(i, j)
  return buildStatements({ ...scorer, link }, groups.map((g) => g.map(unit)), 30)
}

describe('buildStatements', () => {
  it('notes the outlets outside a statement with a unit close to one of its members, so that it is no omission of theirs', () => {
    const near = NEAR_SHARE * scorer.threshold
    // c#0 ("Repairs will shut the Calder Street bridge …") is a candidate of both members; its links set just above
    // and under the share.
    expect(statementsOf([['a#0', 'b#0']], { 'a#0~c#0': near + 0.01, 'b#0~c#0': near - 0.01 }).map((s) => s.near)).toEqual([['Courier']])
    expect(statementsOf([['a#0', 'b#0']], { 'a#0~c#0': near - 0.01, 'b#0~c#0': near - 0.01 }).map((s) => s.near)).toEqual([[]])
    // An outlet inside the statement is never near it.
    expect(statementsOf([['a#0', 'b#0', 'c#0']]).map((s) => s.near)).toEqual([[]])
  })

  it('makes a statement of a group carried by two outlets or more only, numbered in the order of its first unit', () => {
    const statements = statementsOf([['b#1', 'a#1'], ['a#h', 'a#0'], ['a#0', 'b#0', 'c#0']])
    expect(statements.map((s) => [s.id, s.members.map((m) => m.sentence)])).toEqual([
      ['s1', ['a#0', 'b#0', 'c#0']],
      ['s2', ['a#1', 'b#1']],
    ])
  })

  it('takes a body sentence for the representative over a headline, and lists the pairs across articles only', () => {
    expect(statementsOf([['a#h', 'b#0']]).map((s) => s.representative)).toEqual(['b#0'])
    const [statement] = statementsOf([['a#h', 'a#0', 'b#0']])
    expect(statement!.members.filter((m) => m.representative)).toHaveLength(1)
    expect(statement!.pairs.map((p) => `${p.a}~${p.b}`)).toEqual(['a#h~b#0', 'a#0~b#0'])
  })
})
