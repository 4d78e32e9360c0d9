// omissions: what each outlet leaves out of what most others, or most independent origins, report.
import { omissions, publishedDays } from '../../../stages/score/omissions.js'
import { scored } from './statements.js'

describe('omissions', () => {
  it('lists a statement carried by more than half of the other outlets for each outlet without it, but not for an outlet near it', () => {
    const statements = [scored('s1', [['a#0', 'A'], ['b#0', 'B'], ['c#0', 'C']], [], { near: ['E'] }), scored('s2', [['a#1', 'A'], ['b#1', 'B']])]
    expect(omissions(['A', 'B', 'C', 'D', 'E'], statements, 5)).toEqual([{ outlet: 'D', statement: 's1', support: 3, independentSupport: 3, text: 'The text of s1.', publishedEarlier: false }])
  })

  it('counts origins, not outlets: three reprints of one wire are no omission of the others, three own reports of half the origins are', () => {
    const wire = scored('s1', [['a#0', 'A'], ['b#0', 'B'], ['c#0', 'C']], [], { independentSupport: 1 })
    const own = scored('s2', [['d#0', 'D'], ['e#0', 'E'], ['f#0', 'F']])
    expect(omissions(['A', 'B', 'C', 'D', 'E', 'F', 'G'], [wire, own], 5).map((o) => `${o.outlet} ${o.statement}`)).toEqual(['A s2', 'B s2', 'C s2', 'G s2'])
  })

  it('marks an omission of an outlet whose articles all came out on an earlier day than the statement’s first report', () => {
    const statements = [scored('s1', [['b#0', 'B'], ['c#0', 'C']]), scored('s2', [['a#0', 'A'], ['b#1', 'B']]), scored('s3', [['b#2', 'B'], ['e#0', 'E']])]
    const days = publishedDays([
      { id: 'a', outlet: 'A', published: '2026-03-03' },
      { id: 'b', outlet: 'B', published: '2026-03-04T09:00:00Z' },
      { id: 'c', outlet: 'C', published: '2026-03-05' },
      { id: 'd', outlet: 'D', published: '2026-03-04' },
      { id: 'd2', outlet: 'D', published: '2026-03-02' },
      { id: 'e', outlet: 'E', published: null },
    ])
    const found = omissions(['A', 'B', 'C', 'D', 'E'], statements, 4, undefined, days).map((o) => `${o.outlet} ${o.statement} ${o.publishedEarlier}`)
    // s1 first ran on the 4th: A (the 3rd) could not have carried it, D (its latest the 4th) could. s2 ran on the 3rd.
    // s3 has an undated member, E an undated article: nothing is known of their days.
    expect(found).toEqual(['A s1 true', 'A s3 false', 'C s2 false', 'C s3 false', 'D s1 false', 'D s2 false', 'D s3 false', 'E s1 false', 'E s2 false'])
  })
})
