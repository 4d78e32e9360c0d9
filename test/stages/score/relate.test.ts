// The agreement ledger: the sample corpus's designed origins, conflicts and quotes are found, and nothing else is
// called a conflict; relate() and the quote comparison on inline sentences.
import { isConflict } from '../../../stages/score/relate.js'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { compareQuotes, attributionDiffers, relate, sameSource } from '../../../stages/score/relate.js'
import { sentenceFromText } from '../../../stages/segment/index.js'
import { sentenceFeatures } from '../../../stages/similarity/index.js'
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

describe('relate', () => {
  const rel = (a: string, b: string) => {
    const sa = sentenceFromText(a, 'a#0')
    const sb = sentenceFromText(b, 'b#0')
    return relate(sa, sb, sentenceFeatures(sa), sentenceFeatures(sb))
  }

  it('calls the same quantity with other values a number conflict, with the values as worded', () => {
    expect(rel('The bridge carries about 42,000 vehicles a day.', 'The bridge carries 38,000 vehicles a day.')).toEqual({ relation: 'number_conflict', values: ['42,000', '38,000'] })
  })

  it('calls different weekdays a number conflict, and the same values no conflict', () => {
    expect(rel('The cracks were found on Monday by inspectors.', 'Inspectors found the cracks on Tuesday.').relation).toBe('number_conflict')
    expect(rel('The bridge carries about 42,000 vehicles a day.', 'Some 42,000 vehicles use the bridge each day.').relation).not.toBe('number_conflict')
  })

  it('calls a denial of a stated fact a negation conflict, but not a negation of another word', () => {
    expect(rel('The 2024 report flagged corrosion on the beam.', "The 2024 report didn't flag any corrosion on the beam.")).toEqual({ relation: 'negation_conflict', values: ['flagged', "didn't flag"] })
    expect(rel('The meeting ran past 11 p.m. on Tuesday night.', 'The meeting did not end until after 11 p.m. on Tuesday night.').relation).not.toBe('negation_conflict')
  })

  it('calls the same quotation in other words a quote conflict', () => {
    expect(rel('"Safety comes first, and I will not reopen this bridge until our engineers tell me it is safe," Whitlock said.', '"Safety comes first, and I won\'t reopen that bridge until the engineers say it is safe," Whitlock said.').relation).toBe('quote_conflict')
  })

  it('calls a claim sourced to a named office and to an anonymous official an attribution difference', () => {
    expect(rel('The cracks were found on Monday, the mayor’s office said.', 'The cracks were found on Monday, an official familiar with the inspection said.')).toEqual({
      relation: 'attribution_differs',
      values: ['mayor’s office', 'official familiar with the inspection'],
    })
  })

  it('calls one event before and after it happened an update, not a conflict', () => {
    expect(rel('Trump and Putin will speak by phone on Saturday, the Kremlin said.', 'Trump and Putin spoke by phone on Saturday, the Kremlin said.')).toEqual({ relation: 'update', values: ['will speak', 'spoke'] })
    expect(rel('Trump and Putin spoke by phone on Saturday.', 'Trump and Putin spoke by phone on Saturday for an hour.').relation).not.toBe('update')
    // "would" reports or conditions more often than it schedules.
    expect(rel('She said she would not reopen the bridge.', 'She closed the bridge on Tuesday.').relation).not.toBe('update')
  })

  it('sees a round or bounded figure that the other value fits as no number conflict', () => {
    expect(rel('The hearing cost more than $1 million, the magazine estimated.', 'The hearing cost $1.1 million, the magazine estimated.').relation).not.toBe('number_conflict')
    expect(rel('The bridge carries about 40,000 vehicles a day.', 'The bridge carries 38,500 vehicles a day.').relation).not.toBe('number_conflict')
    expect(rel('The bridge carries roughly 42,000 vehicles a day.', 'The bridge carries 38,000 vehicles a day.').relation).toBe('number_conflict')
  })

  it('never compares ranks, odds or years as quantities', () => {
    expect(rel('Hoyer kept the No. 2 position in the party leadership.', 'Hoyer kept the No. 3 position in the party leadership.').relation).not.toBe('number_conflict')
    expect(rel('Boehner said there is a one-in-three chance of losing the House.', "Boehner said there is a '1-in-3 chance' of losing the House.").relation).not.toBe('number_conflict')
  })

  it('sees no denial in a condition, a question, an answer, or a denying verb on the other side', () => {
    expect(rel('Make sure we get the best deal possible, and if we do not get it, there should be no deal.', 'Make sure we get the best deal possible for our workers.').relation).not.toBe('negation_conflict')
    expect(rel('Weiner said he did not send the photo to the student.', 'Weiner denies sending the photo to the student.').relation).not.toBe('negation_conflict')
    expect(rel('Sestak said no and went on to win the primary.', 'Sestak went on to win the primary against Specter.').relation).not.toBe('negation_conflict')
    expect(rel('Senate Republicans: no legislation until after the tax cut extension passes.', 'Senate Republicans pledged legislation on the tax cut extension.').relation).not.toBe('negation_conflict')
  })

  it('gives the same relation both ways round, values swapped', () => {
    const ab = rel('The bridge carries about 42,000 vehicles a day.', 'The bridge carries 38,000 vehicles a day.')
    const ba = rel('The bridge carries 38,000 vehicles a day.', 'The bridge carries about 42,000 vehicles a day.')
    expect(ba).toEqual({ relation: ab.relation, values: [ab.values![1], ab.values![0]] })
  })
})

describe('compareQuotes, attributionDiffers, sameSource', () => {
  it('tells exact, minor, truncated, changed and different renderings apart', () => {
    const q = 'We are not going to take chances with a structure that carries schoolchildren'
    expect([
      compareQuotes(q, q),
      compareQuotes(q, `${q.toUpperCase()}!`),
      compareQuotes(q, 'going to take chances with a structure'),
      compareQuotes(q, 'We will not take any chances with a bridge that carries our schoolchildren'),
      compareQuotes(q, 'The budget will be balanced by the end of the fiscal year'),
    ]).toEqual(['exact', 'minor', 'truncated', 'changed', 'different'])
  })

  it('counts any changed word as a changed quote, but not spelling, spaces, articles, titles, inserted words or excerpts', () => {
    expect([
      compareQuotes('Your actions are incompatible with your duties as chairman of this committee', 'Your actions are incompatible with your duty as chairman of this committee'),
      compareQuotes('I have not violated any rules and regulations of the agency', 'I have not violated any rules or regulations of the agency'),
      compareQuotes('We intend to examine how it might affect our workforce', 'We intend to examine how it might affect our work force'),
      compareQuotes('We have no choice but to build a powerful wall or a steel barrier', 'We have no choice but to build a powerful wall or steel barrier'),
      compareQuotes('Senator Reid thinks the mosque should be built someplace else', 'Sen. Reid thinks the mosque should be built someplace else'),
      compareQuotes('Then you say these (local) supervisors have too much discretion', 'Then you say these supervisors have too much discretion'),
      compareQuotes('However, we would be remiss … if we did not challenge your misuse of Catholic teaching', 'We would be remiss in our duty to you if we did not challenge your misuse of Catholic teaching'),
      compareQuotes('I look forward to being fully and completely vindicated', 'looks forward to being fully and completely vindicated'),
      compareQuotes('Hillary Clinton lied many times to the F.B.I. and nothing happened', 'Hillary Clinton lied many times to the FBI and nothing happened'),
    ]).toEqual(['changed', 'changed', 'minor', 'minor', 'minor', 'minor', 'truncated', 'truncated', 'minor'])
  })

  it('never matches a short common quote with a long one', () => {
    expect(compareQuotes('I hope I do.', 'I do not know what will happen, but I hope that we will reach a deal')).toBe('different')
  })

  it('sees a role and a name, or a body and one of its people, as no difference; two names or named against anonymous as one', () => {
    expect([
      attributionDiffers('mayor', 'Diane Whitlock'),
      attributionDiffers('city officials', 'Samuel Ortega'),
      attributionDiffers('Kremlin', 'White House'),
      attributionDiffers('Kremlin', 'administration official familiar with the planning'),
      attributionDiffers('Samuel Ortega', 'Ortega'),
    ]).toEqual([false, false, true, true, false])
    expect([sameSource('Ortega', 'Dr. Samuel Ortega'), sameSource('Kremlin', 'White House')]).toEqual([true, false])
    // One institution under two names; generic words ("Department", "House") name none.
    expect([sameSource('Treasury Department and the Internal Revenue Service', 'U.S. Department of the Treasury'), sameSource('White House', 'House Republicans')]).toEqual([true, false])
  })
})
