// The word marks of the HTML pages (stages/report/html/marks.ts).
import { DIFF_EDITS, markDiff } from '../../../stages/report/html/marks.js'

describe('markDiff', () => {
  it('marks the words a wording does not share with the reference, escaped', () => {
    expect(markDiff('The bridge <closed> on Monday', 'The bridge shut on Monday')).toBe('The bridge <mark class="diff">&lt;closed&gt;</mark> on Monday')
  })

  it('shows two texts further apart than DIFF_EDITS edits unmarked, escaped', () => {
    const words = (n: number, step: number) => Array.from({ length: n }, (_, k) => `w${(k * step) % 997}`).join(' ')
    const [a, b] = [`<b>${words(20000, 7)}`, words(20000, 13)]
    expect(DIFF_EDITS).toBeLessThan(20000)
    expect(markDiff(a, b)).toBe(`&lt;b&gt;${a.slice(3)}`)
  })
})
