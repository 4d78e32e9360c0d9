// outlet-pairs: how much each pair of outlets agrees, counted statement by statement.
import { outletPairs } from '../../../stages/score/outlet-pairs.js'
import { scored } from './statements.js'

// A and B share two statements (one disputed), A and C two, B and C one.
const STATEMENTS = [
  scored('s1', [['a#0', 'A'], ['b#0', 'B']], [['a#0', 'b#0', 0.8, 'paraphrase']]),
  scored('s2', [['a#1', 'A'], ['b#1', 'B'], ['c#0', 'C']], [['a#1', 'b#1', 0.9, 'number_conflict'], ['a#1', 'c#0', 0.7, 'paraphrase'], ['b#1', 'c#0', 0.6, 'paraphrase']]),
  scored('s3', [['a#2', 'A'], ['c#1', 'C']], [['a#2', 'c#1', 1, 'identical']]),
]

describe('outletPairs', () => {
  it('lists every pair up to `allPairsUpTo` outlets: shared statements, agreement (shared over either), mean similarity, agreements and conflicts', () => {
    expect(outletPairs(['A', 'B', 'C'], STATEMENTS, 100, 10)).toEqual([
      { outletA: 'A', outletB: 'B', statementsA: 3, statementsB: 2, sharedStatements: 2, agreement: 0.6667, meanSimilarity: 0.85, agreements: 1, conflicts: 1 },
      { outletA: 'A', outletB: 'C', statementsA: 3, statementsB: 2, sharedStatements: 2, agreement: 0.6667, meanSimilarity: 0.85, agreements: 2, conflicts: 0 },
      { outletA: 'B', outletB: 'C', statementsA: 2, statementsB: 2, sharedStatements: 1, agreement: 0.3333, meanSimilarity: 0.6, agreements: 1, conflicts: 0 },
    ])
  })

  it('lists, beyond `allPairsUpTo` outlets, each outlet’s `topPartners` closest partners (most shared statements, then outlet order)', () => {
    const pairs = outletPairs(['A', 'B', 'C', 'D'], STATEMENTS, 3, 1).map((p) => `${p.outletA}-${p.outletB}`)
    // A's closest is B (a tie with C, B first), B's and C's is A; D shares nothing and has no partner.
    expect(pairs).toEqual(['A-B', 'A-C'])
  })

  it('does not count a pair of two articles of one outlet', () => {
    const [pair] = outletPairs(['A', 'B'], [scored('s1', [['a#0', 'A'], ['a2#0', 'A'], ['b#0', 'B']], [['a#0', 'a2#0', 0.2, 'number_conflict'], ['a#0', 'b#0', 0.9, 'identical']])], 100, 10)
    expect(pair).toMatchObject({ sharedStatements: 1, meanSimilarity: 0.9, agreements: 1, conflicts: 0 })
  })
})
