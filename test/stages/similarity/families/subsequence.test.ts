// The subsequence family: the bit-parallel longest common subsequence against the textbook table.
import fc from 'fast-check'
import { longestCommonSubsequence } from '../../../../stages/similarity/families/subsequence.js'
import { wordSequence } from '../../../../stages/similarity/sentence.js'

describe('longestCommonSubsequence', () => {
  // The textbook table, cell by cell: what the bit-parallel version must equal.
  const byTable = (x: readonly number[], y: readonly number[]) => {
    const table = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0))
    for (let i = 1; i <= x.length; i++) for (let j = 1; j <= y.length; j++) table[i]![j] = x[i - 1] === y[j - 1] ? table[i - 1]![j - 1]! + 1 : Math.max(table[i - 1]![j]!, table[i]![j - 1]!)
    return table[x.length]![y.length]!
  }

  it('gives what the dynamic-programming table gives, for any two sequences of up to 32 words', () => {
    const words = fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 32 })
    fc.assert(
      fc.property(words, words, (x, y) => {
        expect(longestCommonSubsequence(wordSequence(Int32Array.from(x)), wordSequence(Int32Array.from(y)))).toBe(byTable(x, y))
      }),
      { numRuns: 3000 },
    )
  })

  it('counts a full 32-word match, where every bit of the mask is used', () => {
    const x = Int32Array.from({ length: 32 }, (_, i) => i % 5)
    expect(longestCommonSubsequence(wordSequence(x), wordSequence(x))).toBe(32)
  })
})
