// The five real seed articles in ../shared/seeds (one story): runs when that folder exists beside the repository.
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Sentence } from '../core/types.js'
import { type AnalysedStory, analyseFolder, offsetOffenders, statementOffenders } from './helpers.js'

const seeds = path.join(__dirname, '..', '..', 'shared', 'seeds')
const describeSeeds = existsSync(seeds) ? describe : describe.skip

describeSeeds('the seed story', () => {
  let story: AnalysedStory
  beforeAll(async () => {
    const stories = await analyseFolder(seeds)
    expect([...stories.keys()]).toEqual(['seeds'])
    story = stories.get('seeds')!
  })

  const sentences = () => story.documents.flatMap((d) => d.sentences)
  const containing = (text: string): Sentence[] => sentences().filter((s) => s.text.includes(text))
  const statementOf = (sentence: Sentence) => story.ledger.statements.find((s) => s.members.some((m) => m.sentence === sentence.id))

  it('keeps no boilerplate in any sentence', () => {
    const boilerplate = [/ADVERTISEMENT/, /is not supported/i, /subscribe/i, /reset your password/i, /Getty Images/, /^Image:/, /^Related:/, /^Nation\/World$/]
    expect(sentences().filter((s) => boilerplate.some((b) => b.test(s.text))).map((s) => s.text)).toEqual([])
  })

  it('records each removal with its reason', () => {
    const reasons = new Set(story.documents.flatMap((d) => d.article.removed.map((r) => r.reason)))
    expect([...reasons].sort()).toEqual(
      expect.arrayContaining(['advertising', 'browser-notice', 'caption', 'dateline', 'related', 'repeated-headline', 'section-label', 'subscription']),
    )
  })

  it('keeps the headline apart from the body', () => {
    const doc = story.documents.find((d) => d.article.id.startsWith('004_'))!
    expect(doc.article.headline).toBe('Trump and Putin to Speak by Phone This Weekend')
    expect(doc.sentences.some((s) => s.text.includes('to Speak by Phone This Weekend'))).toBe(false)
  })

  it('never ends a sentence inside "U.S." or after "Sens." or "Jan."', () => {
    const bad = sentences().filter((s) => /\bU\.S\.$|\bU\.$|\bSens\.$|\bJan\.$/.test(s.text) || /^S\.|^Russian relations/.test(s.text))
    expect(bad.map((s) => s.text)).toEqual([])
    expect(containing('including Sens. John McCain and Lindsey Graham, have accused Putin')).toHaveLength(1)
    // `things?" Trump told the newspaper.`: the speech tag stays with its quote.
    expect(containing('really great things?" Trump told the newspaper.')).toHaveLength(1)
  })

  it('strips the dateline off the first paragraph', () => {
    const doc = story.documents.find((d) => d.article.id.startsWith('001_'))!
    expect(doc.article.dateline).toBe('MOSCOW')
    expect(doc.sentences[0]!.text.startsWith('President Trump and Russian President Vladimir Putin')).toBe(true)
  })

  it('aligns Theresa May’s "engage but beware" quote across the two outlets that carry it', () => {
    const [a, b] = [containing('my advice is to engage, but beware'), containing("my advice is to 'engage but beware")]
    expect([a.length, b.length]).toEqual([1, 1])
    expect(a[0]!.article).not.toBe(b[0]!.article)
    expect(statementOf(a[0]!)?.id).toBeDefined()
    expect(statementOf(a[0]!)?.id).toBe(statementOf(b[0]!)?.id)
  })

  it('aligns Trump’s "asset, not a liability" quote across the two outlets that carry it', () => {
    const quotes = containing('an asset, not a liability')
    expect(new Set(quotes.map((s) => s.article)).size).toBe(2)
    const ids = quotes.map((s) => statementOf(s)?.id)
    expect(ids[0]).toBeDefined()
    expect(new Set(ids).size).toBe(1)
  })

  it('attributes the quotes to their speakers', () => {
    const speaker = (text: string) => containing(text)[0]!.quotes[0]?.speaker
    expect(speaker('my advice is to engage, but beware')).toBe('Theresa May')
    expect(speaker("my advice is to 'engage but beware")).toBe('Theresa May')
    expect(speaker('Russia is prepared to meet the partner halfway')).toBe('Vladimir Putin')
    expect(speaker('Both sides demonstrated a mood for active')).toBe('Kremlin')
  })

  it('keeps offsets valid and statements across outlets', () => {
    expect(offsetOffenders(story.documents)).toEqual([])
    expect(statementOffenders(story.ledger)).toEqual([])
  })
})
