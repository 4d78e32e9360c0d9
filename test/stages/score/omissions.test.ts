// omissions: what each outlet leaves out of what most others, or most independent origins, report.
import { omissions } from '../../../stages/score/omissions.js'
import { scored } from './statements.js'

describe('omissions', () => {
  it('lists a statement carried by more than half of the other outlets for each outlet without it, but not for an outlet near it', () => {
    const statements = [scored('s1', [['a#0', 'A'], ['b#0', 'B'], ['c#0', 'C']], [], { near: ['E'] }), scored('s2', [['a#1', 'A'], ['b#1', 'B']])]
    expect(omissions(['A', 'B', 'C', 'D', 'E'], statements, 5)).toEqual([{ outlet: 'D', statement: 's1', support: 3, independentSupport: 3, text: 'The text of s1.' }])
  })

  it('counts origins, not outlets: three reprints of one wire are no omission of the others, three own reports of half the origins are', () => {
    const wire = scored('s1', [['a#0', 'A'], ['b#0', 'B'], ['c#0', 'C']], [], { independentSupport: 1 })
    const own = scored('s2', [['d#0', 'D'], ['e#0', 'E'], ['f#0', 'F']])
    expect(omissions(['A', 'B', 'C', 'D', 'E', 'F', 'G'], [wire, own], 5).map((o) => `${o.outlet} ${o.statement}`)).toEqual(['A s2', 'B s2', 'C s2', 'G s2'])
  })
})
