// report.json: the whole ledger, texts exactly as written, its field order fixed.
import type { Message } from '../../../core/messages.js'
import type { Ledger } from '../../../core/types.js'
import { report, SCHEMA_VERSION } from '../../../stages/report/index.js'
import { analyseStory, QUOTE, STORY, TOOL } from './fixture.js'

let ledger: Ledger
let messages: Message[]
let json: Record<string, unknown> & { sentences: Record<string, unknown>[]; statements: Record<string, unknown>[]; articles: Record<string, unknown>[] }

beforeAll(() => {
  ;({ ledger, messages } = analyseStory())
  json = JSON.parse(report(ledger, messages, TOOL).get('report.json')!)
})

describe('report.json', () => {
  it('is the ledger as JSON indented by two spaces, ending with a line break, though it is written a piece at a time', () => {
    const text = report(ledger, messages, TOOL).get('report.json')!
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`)
  })

  it('writes the top-level fields of report.json in a fixed order', () => {
    expect(Object.keys(json)).toEqual([
      'schemaVersion', 'tool', 'story', 'articles', 'sentences', 'headlines', 'statements', 'outletPairs', 'framing', 'framingArticles', 'entityTone', 'terms', 'wording',
      'conflicts', 'quotes', 'omissions', 'digest', 'messages',
    ])
  })

  it('names the schema version and the tool', () => {
    expect([json.schemaVersion, json.tool]).toEqual([SCHEMA_VERSION, { name: 'corroborate', version: '0.0.0-test' }])
  })

  it('counts the articles and outlets of the story', () => {
    const story = json.story as Record<string, unknown>
    expect({ id: story.id, articleCount: story.articleCount, outletCount: story.outletCount }).toEqual({ id: STORY, articleCount: 3, outletCount: 3 })
  })

  it('lists every article with its metadata, size and removed blocks', () => {
    const size = new Map(ledger.articles.map((a) => [a.id, { words: a.words, sentences: a.sentences }]))
    expect(json.articles.map((a) => ({ id: a.id, outlet: a.outlet, title: a.title, url: a.url, published: a.published, words: a.words, sentences: a.sentences, removed: a.removed }))).toEqual([
      {
        id: 'ferncliff-tribune',
        outlet: 'Ferncliff Tribune',
        title: 'Ferncliff calls off lantern festival as storm nears',
        url: 'https://tribune.example.com/lanterns',
        published: '2031-10-03',
        ...size.get('ferncliff-tribune'),
        removed: [
          { text: 'Ferncliff calls off lantern festival as storm nears', reason: 'repeated-headline', begin: 0, end: 51 },
          { text: 'FERNCLIFF —', reason: 'dateline', begin: 53, end: 64 },
          { text: 'ADVERTISEMENT', reason: 'advertising', begin: 383, end: 396 },
        ],
      },
      { id: 'coastal-beacon', outlet: 'Coastal Beacon', title: 'Storm scraps Ferncliff lanterns', url: 'https://beacon.example.org/ferncliff', published: '2031-10-03', ...size.get('coastal-beacon'), removed: [] },
      { id: 'hilltop-gazette', outlet: 'Hilltop Gazette', title: null, url: null, published: null, ...size.get('hilltop-gazette'), removed: [] },
    ])
  })

  it('gives each article its word and sentence counts', () => {
    const sizes = json.articles.map((a) => [a.words, a.sentences])
    expect(sizes).toEqual(ledger.documents.map((d) => [d.words, d.sentences.length]))
  })

  it('lists every kept sentence as `<article>#<index>` with the statement it belongs to, or null', () => {
    const statementOf = new Map(ledger.statements.flatMap((s) => s.members.map((m) => [m.sentence, s.id] as const)))
    const expected = ledger.documents.flatMap((d) =>
      d.sentences.map((s) => ({ id: `${d.article.id}#${s.index}`, article: d.article.id, index: s.index, text: d.article.body.slice(s.begin, s.end), statement: statementOf.get(s.id) ?? null })),
    )
    expect(json.sentences.map((s) => ({ id: s.id, article: s.article, index: s.index, text: s.text, statement: s.statement }))).toEqual(expected)
  })

  it('groups the sentence all three outlets print word for word into one statement', () => {
    const members = json.sentences.filter((s) => s.text === QUOTE).map((s) => s.id)
    const statement = json.statements.find((s) => s.text === QUOTE)!
    expect({ text: statement.text, support: statement.support, independentSupport: statement.independentSupport, outlets: statement.outlets, members: statement.members }).toEqual({
      text: QUOTE,
      support: 3,
      independentSupport: 3,
      outlets: ['Ferncliff Tribune', 'Coastal Beacon', 'Hilltop Gazette'],
      members,
    })
  })

  it('lists every statement with its support, outlets and member sentence ids', () => {
    expect(json.statements.map((s) => ({ id: s.id, text: s.text, support: s.support, independentSupport: s.independentSupport, outlets: s.outlets, members: s.members }))).toEqual(
      ledger.statements.map((s) => ({ id: s.id, text: s.text, support: s.support, independentSupport: s.independentSupport, outlets: s.outlets, members: s.members.map((m) => m.sentence) })),
    )
  })

  it('names only sentences and headlines of report.json as statement members', () => {
    const ids = new Set([...json.sentences, ...(json.headlines as { id: string }[])].map((s) => s.id))
    expect(json.statements.flatMap((s) => (s.members as string[]).filter((m) => !ids.has(m)))).toEqual([])
  })

  it('writes outlet pairs, framing and messages as the ledger and log hold them', () => {
    expect([json.outletPairs, json.framing, json.messages]).toEqual([ledger.outletPairs, ledger.framing.outlets, messages.map((m) => m.toJSON())])
  })

  it('writes one outlet pair per pair of the three outlets', () => {
    expect((json.outletPairs as { outletA: string; outletB: string }[]).map((p) => [p.outletA, p.outletB])).toEqual([
      ['Coastal Beacon', 'Ferncliff Tribune'],
      ['Coastal Beacon', 'Hilltop Gazette'],
      ['Ferncliff Tribune', 'Hilltop Gazette'],
    ])
  })
})
