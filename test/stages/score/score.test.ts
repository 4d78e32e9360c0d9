// The agreement ledger (stages/score/index.ts, scoreStory): the sample corpus's designed origins, conflicts and
// quotes are found, and nothing else is called a conflict; the seed story's quotes and conflicts.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { isConflict } from '../../../stages/score/relate.js'
import type { Sentence } from '../../../core/types.js'
import { type AnalysedStory, analyseFolder } from '../../helpers.js'

interface Ref {
  readonly article: string
  readonly contains: string
}
const fixture = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'sample-alignment.json'), 'utf8')) as {
  designed: {
    wireReprint: { articles: string[] }
    numberConflict: { a: Ref; b: Ref; values: [string, string] }
    changedQuote: { a: Ref; b: Ref }
    identicalQuote: { occurrences: Ref[] }
    attributionDiffers: { a: Ref; b: Ref }
    negationConflict: { a: Ref; b: Ref }
  }
}
const designed = fixture.designed

let stories: Map<string, AnalysedStory>
beforeAll(async () => {
  stories = await analyseFolder(path.join(__dirname, '..', '..', '..', 'corpus'))
})

const find = (story: AnalysedStory, ref: Ref): Sentence => story.documents.find((d) => d.article.id === ref.article)!.sentences.find((s) => s.text.includes(ref.contains))!

describe('the sample corpus ledger', () => {
  it('counts the two reprints of the wire story as one origin, credited to the wire', () => {
    const { ledger } = stories.get('harbor-bridge')!
    const reprints = ledger.articles.filter((a) => designed.wireReprint.articles.includes(a.id))
    const others = ledger.articles.filter((a) => !designed.wireReprint.articles.includes(a.id))
    expect({
      origins: new Set(reprints.map((a) => a.origin)).size,
      wires: reprints.map((a) => a.wire),
      othersOwnOrigin: others.every((a) => a.origin === a.id),
    }).toEqual({ origins: 1, wires: ['CPA', 'CPA'], othersOwnOrigin: true })
  })

  it('counts a statement carried only by the wire reprints once', () => {
    const { ledger } = stories.get('harbor-bridge')!
    const wireOnly = ledger.statements.filter((s) => s.members.every((m) => designed.wireReprint.articles.includes(m.article)))
    expect(wireOnly.length).toBeGreaterThan(0)
    expect(wireOnly.map((s) => [s.support, s.independentSupport])).toEqual(wireOnly.map(() => [2, 1]))
  })

  it('finds exactly the designed conflicts, and no other', () => {
    const story = stories.get('harbor-bridge')!
    const found = story.ledger.conflicts.map((c) => `${c.relation}: ${[c.a, c.b].sort().join(' ~ ')}`).sort()
    const id = (ref: Ref) => find(story, ref).id
    const pair = (relation: string, a: Ref, b: Ref) => `${relation}: ${[id(a), id(b)].sort().join(' ~ ')}`
    const expected = [
      pair('number_conflict', designed.numberConflict.a, designed.numberConflict.b),
      pair('quote_conflict', designed.changedQuote.a, designed.changedQuote.b),
      pair('attribution_differs', designed.attributionDiffers.a, designed.attributionDiffers.b),
      pair('negation_conflict', designed.negationConflict.a, designed.negationConflict.b),
    ]
    // The wire copies agree with the first outlet's 42,000 and conflict with the same 38,000.
    expect(found.filter((f) => !f.startsWith('number_conflict'))).toEqual(expected.filter((e) => !e.startsWith('number_conflict')).sort())
    expect(found).toContain(expected[0])
    const numbers = story.ledger.conflicts.filter((c) => c.relation === 'number_conflict')
    expect(new Set(numbers.flatMap((c) => [c.valueA, c.valueB]))).toEqual(new Set(designed.numberConflict.values))
  })

  it('finds the school story’s cost conflict and nothing else there', () => {
    const { ledger } = stories.get('school-lunch-vote')!
    expect([...new Set(ledger.conflicts.map((c) => `${c.relation} ${[c.valueA, c.valueB].sort().join(' / ')}`))]).toEqual(['number_conflict $1.8 million / $2.1 million'])
  })

  it('groups the changed quote across its two outlets and marks the rewording', () => {
    const story = stories.get('harbor-bridge')!
    const a = find(story, designed.changedQuote.a)
    const b = find(story, designed.changedQuote.b)
    const instances = story.ledger.quotes.filter((q) => q.sentence === a.id || q.sentence === b.id)
    expect(new Set(instances.map((q) => q.group)).size).toBe(1)
    expect(instances.map((q) => q.fidelity).sort()).toEqual(['changed', 'exact'])
    expect(instances.every((q) => q.speakerAgrees === true)).toBe(true)
  })

  it('groups the quote printed word for word by four outlets, every one exact', () => {
    const story = stories.get('harbor-bridge')!
    const ids = designed.identicalQuote.occurrences.map((ref) => find(story, ref).id)
    const instances = story.ledger.quotes.filter((q) => ids.includes(q.sentence))
    expect({ groups: new Set(instances.map((q) => q.group)).size, fidelity: [...new Set(instances.map((q) => q.fidelity))] }).toEqual({ groups: 1, fidelity: ['exact'] })
  })

  it('lists, per outlet, the statements most others carry that it leaves out, and only those', () => {
    const { ledger } = stories.get('harbor-bridge')!
    const offenders = ledger.omissions.filter((o) => {
      const s = ledger.statements.find((x) => x.id === o.statement)!
      return s.outlets.includes(o.outlet)
    })
    expect(offenders).toEqual([])
    expect(ledger.omissions.length).toBeGreaterThan(0)
  })

  it('scores origin share and consistency in [0, 1]: consistency below 1 exactly for a disputed statement, origin share by its origins', () => {
    const { ledger } = stories.get('harbor-bridge')!
    expect(ledger.statements.filter((s) => !(s.originShare >= 0 && s.originShare <= 1 && s.consistency >= 0 && s.consistency <= 1))).toEqual([])
    expect(ledger.statements.filter((s) => (s.conflicts > 0) !== (s.consistency < 1)).map((s) => s.id)).toEqual([])
    const disputed = ledger.statements.find((s) => s.conflicts > 0)!
    const calm = ledger.statements.find((s) => s.conflicts === 0 && s.independentSupport === disputed.independentSupport)!
    expect(disputed.originShare).toBe(calm.originShare)
    expect(calm.consistency).toBe(1)
  })

  it('writes a digest: the widest-backed statements within the word limit, the disputes side by side, single-source claims', () => {
    const { ledger } = stories.get('harbor-bridge')!
    const d = ledger.digest
    expect(d.words).toBeLessThanOrEqual(250)
    expect(d.corroborated.every((c, i, all) => i === 0 || all[i - 1]!.independentSupport >= c.independentSupport)).toBe(true)
    // Disputes only: an attribution difference is sourcing, not a dispute.
    expect(d.disputed.map((x) => x.statement).sort()).toEqual([...new Set(ledger.conflicts.filter((c) => isConflict(c.relation)).map((c) => c.statement))].sort())
    expect(d.disputed.every((x) => x.versions.length >= 2)).toBe(true)
    expect(d.markdown).toContain('## What independent outlets agree on')
    expect(d.markdown).toContain('## Disputed')
    expect(d.markdown).toContain('## Reported by one outlet only')
  })
})

const seeds = path.join(__dirname, '..', '..', '..', '..', 'shared', 'seeds')
;(existsSync(seeds) ? describe : describe.skip)('the seed story ledger', () => {
  let story: AnalysedStory
  beforeAll(async () => {
    story = (await analyseFolder(seeds)).get('seeds')!
  })
  const instancesOf = (text: string) => story.ledger.quotes.filter((q) => q.text.includes(text))

  it('makes May’s "engage but beware" one quote group across its two outlets', () => {
    const instances = [...instancesOf('engage, but beware'), ...instancesOf("'engage but beware")]
    expect({ outlets: new Set(instances.map((q) => q.outlet)).size, groups: new Set(instances.map((q) => q.group)).size, speakers: [...new Set(instances.map((q) => q.speaker))] }).toEqual({
      outlets: 2,
      groups: 1,
      speakers: ['Theresa May'],
    })
  })

  it('matches Trump’s two "asset, not a liability" quotes and marks them as differing wording', () => {
    const instances = instancesOf('an asset, not a liability')
    expect({ groups: new Set(instances.map((q) => q.group)).size, fidelity: instances.map((q) => q.fidelity).sort() }).toEqual({ groups: 1, fidelity: ['changed', 'exact'] })
    expect(story.ledger.conflicts.some((c) => c.relation === 'quote_conflict' && c.textA.includes('asset') && c.textB.includes('asset'))).toBe(true)
  })

  it('calls conflicts only between members of one statement', () => {
    const statementOf = new Map(story.ledger.statements.flatMap((s) => s.members.map((m) => [m.sentence, s.id] as const)))
    expect(story.ledger.conflicts.filter((c) => statementOf.get(c.a) !== c.statement || statementOf.get(c.b) !== c.statement)).toEqual([])
  })
})
