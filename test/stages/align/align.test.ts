// align(): the steps assembled over a made-up story through the real stages and the shipped model.
import { MessageLog } from '../../../core/messages.js'
import { loadVectors } from '../../../pipeline/tables.js'
import { align, type AlignOptions } from '../../../stages/align/index.js'
import type { Alignment } from '../../../core/types.js'
import { thrown } from '../../helpers.js'
import { documentsOf } from '../score/documents.js'
import { BRIDGE, bridge } from './story.js'

const vectors = loadVectors()
let alignment: Alignment
let log: MessageLog
beforeAll(() => {
  log = new MessageLog('bridge')
  alignment = align(bridge(), log, { vectors })
})

describe('align', () => {
  it('groups one fact told by three outlets, a headline and its lead together, and a figure said within a longer sentence', () => {
    // The giraffe, the bakeries and the library are no one else's news: in no statement.
    expect(alignment.statements.map((s) => [s.id, s.members.map((m) => m.sentence)])).toEqual([
      ['s1', ['a#h', 'a#0', 'b#h', 'b#0', 'c#0']],
      ['s2', ['a#1', 'b#1']],
      ['s3', ['a#2', 'b#2']],
    ])
    expect(alignment.statements.map((s) => s.near)).toEqual([[], [], []])
  })

  it('places at most two units of one article in a statement and attaches a third that reports its claim, and every statement carried by two outlets or more', () => {
    // The Tribune says the closure three times: its headline, its lead and a recap at the end. The grouping places
    // the lead and the recap; the headline, alone, reports the claim too and is attached.
    const recap = BRIDGE.map((a) => (a.id === 'a' ? { ...a, text: `${a.text}\n\nThe Calder Street bridge will close for six months of repairs from Monday, the city said.` } : a))
    const statements = align(documentsOf('bridge', recap), new MessageLog(), { vectors }).statements
    expect(statements[0]!.members.filter((m) => m.article === 'a').map((m) => [m.sentence, m.attached])).toEqual([
      ['a#h', true],
      ['a#0', false],
      ['a#4', false],
    ])
    // Without attaching, the headline is in no statement.
    expect(align(documentsOf('bridge', recap), new MessageLog(), { vectors, attach: false }).statements.flatMap((s) => s.members.map((m) => m.sentence))).not.toContain('a#h')
    for (const s of [...alignment.statements, ...statements]) {
      const placed = new Map<string, number>()
      const all = new Map<string, number>()
      for (const m of s.members) {
        all.set(m.article, (all.get(m.article) ?? 0) + 1)
        if (!m.attached) placed.set(m.article, (placed.get(m.article) ?? 0) + 1)
      }
      expect(Math.max(...placed.values())).toBeLessThanOrEqual(2)
      expect(Math.max(...all.values())).toBeLessThanOrEqual(3)
      expect(new Set(s.members.map((m) => m.outlet)).size).toBeGreaterThanOrEqual(2)
    }
  })

  it('says how many pairs it compared of all pairs across articles', () => {
    expect(log.messages.map(String)).toEqual(['bridge: info: Compared 13 of 32 sentence pairs across articles (40.63%) [align/compared-pairs]'])
    // Sentences only (4 × 4 + 4 × 2 + 4 × 2); the candidates compared count headlines too.
    expect([alignment.comparedPairs, alignment.possiblePairs]).toEqual([13, 32])
  })

  it('checks its options before any work', () => {
    const bad = (options: AlignOptions) => thrown(() => align([], new MessageLog(), { vectors, ...options }))
    const error = (message: string) => ({ name: 'CorroborateError', code: 'ERR_INVALID_OPTION', message })
    expect(bad({ prefixSize: 0 })).toEqual(error('Expected `prefixSize` to be a positive integer, got `0`'))
    expect(bad({ linkSample: 1.5 })).toEqual(error('Expected `linkSample` to be a positive integer, got `1.5`'))
    expect(bad({ linkage: 0 })).toEqual(error('Expected `linkage` to be in (0, 1], got `0`'))
  })
})

describe('align: a toll told on two days', () => {
  it('calls a toll that grew from one day’s report to a later one an update, and one of the same day or one that fell a conflict', () => {
    const lead = (n: string) => `${n} people were killed when an earthquake struck the town of Varno on Tuesday, officials said.\n\nRescue teams from three countries searched the rubble.`
    const documents = documentsOf('quake', [
      { id: 'a', outlet: 'Varno Post', published: '2026-03-03', text: lead('Twelve') },
      { id: 'b', outlet: 'Northern Wire', published: '2026-03-04T08:00:00Z', text: lead('Fourteen') },
      { id: 'c', outlet: 'Daily Courier', published: '2026-03-03', text: lead('Thirteen') },
      { id: 'd', outlet: 'Evening Star', published: '2026-03-05', text: lead('Eleven') },
    ])
    const { statements } = align(documents, new MessageLog('quake'), { vectors })
    const toll = statements.find((s) => s.members.some((m) => m.sentence === 'a#0'))!
    const relation = (x: string, y: string) => toll.pairs.find((p) => (p.a === x && p.b === y) || (p.a === y && p.b === x))?.relation
    expect({
      grew: relation('a#0', 'b#0'),
      grewFromCourier: relation('c#0', 'b#0'),
      sameDay: relation('a#0', 'c#0'),
      fellLater: relation('b#0', 'd#0'),
    }).toEqual({ grew: 'update', grewFromCourier: 'update', sameDay: 'number_conflict', fellLater: 'number_conflict' })
  })
})
