// report: the contents of a story's report files, and the CSV writer every report goes through.
import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import { loadVectors } from '../../../pipeline/tables.js'
import { align } from '../../../stages/align/index.js'
import { clean } from '../../../stages/clean/index.js'
import { ingest } from '../../../stages/ingest/index.js'
import { type Message, MessageLog } from '../../../core/messages.js'
import { COLUMNS, csv, type IndexRow, INDEX_COLUMNS, indexCsv, neutralise, report, type ReportFiles, SCHEMA_VERSION } from '../../../stages/report/index.js'
import { scoreStory } from '../../../stages/score/index.js'
import { segment } from '../../../stages/segment/index.js'
import type { Ledger, RawSource } from '../../../core/types.js'
import { REPORT_FILES } from '../../helpers.js'
import { unitsOf } from '../../../stages/segment/index.js'

// An invented story told by three invented outlets: one sentence carried word for word by all three, a shared
// fact in three wordings, a sentence that starts with `@` (a formula character) in two outlets, and boilerplate.
const STORY = 'ferncliff-lanterns'
const QUOTE = '"We would rather disappoint people than put anyone at risk on the pier," Mayor Odile Brannock said.'
const HANDLE = '@FerncliffTown posted the cancellation notice shortly after noon, with a photo of the empty pier.'
const ARTICLES = [
  {
    id: 'ferncliff-tribune',
    meta: { outlet: 'Ferncliff Tribune', title: 'Ferncliff calls off lantern festival as storm nears', url: 'https://tribune.example.com/lanterns', published: '2031-10-03' },
    text: `Ferncliff calls off lantern festival as storm nears

FERNCLIFF — The town of Ferncliff cancelled its annual lantern festival on Friday because forecasters expect a severe storm this weekend.

Mayor Odile Brannock said the decision came after a long meeting with the harbor master.

${QUOTE}

ADVERTISEMENT

About 9,000 visitors attended the festival last year, according to the tourism office.

Vendors will receive full refunds of their stall fees within two weeks.

The festival has been held every autumn since 1987.
`,
  },
  {
    id: 'coastal-beacon',
    meta: { outlet: 'Coastal Beacon', title: 'Storm scraps Ferncliff lanterns', url: 'https://beacon.example.org/ferncliff', published: '2031-10-03' },
    text: `The town of Ferncliff cancelled its annual lantern festival on Friday because forecasters expect a severe storm this weekend.

${QUOTE}

${HANDLE}

Last year roughly 9,000 people came to the festival, the tourism office said.

Stallholders will get their fees back in full within a fortnight.

Local hotels reported a wave of cancellations on Friday afternoon.
`,
  },
  {
    id: 'hilltop-gazette',
    meta: { outlet: 'Hilltop Gazette' },
    text: `Ferncliff's lantern festival is off this year after forecasters warned of a severe weekend storm, town officials announced Friday.

${QUOTE}

${HANDLE}

The festival drew about 9,000 visitors last year.

Organisers hope to hold a smaller event in the spring, but no date has been set.
`,
  },
]
const TOOL = { name: 'corroborate', version: '0.0.0-test' }
const CSV_FILES = ['alignments.csv', 'conflicts.csv', 'framing.csv', 'omissions.csv', 'outlet_pairs.csv', 'quotes.csv', 'statements.csv'] as const
// What a spreadsheet may run as a formula (the README's list): written out here again rather than taken from the code.
const FORMULA_START = /^(?:[\t\r]|[\s\p{Cf}\p{Cc}]*[=+\-@＝＋－＠﹦﹢﹣﹫−])/u

/** Run the real stages over the invented story. */
function analyseStory(): { ledger: Ledger; messages: Message[] } {
  const log = new MessageLog(STORY)
  const sources: RawSource[] = ARTICLES.map((a) => ({ kind: 'text', file: `${STORY}/${a.id}.txt`, story: STORY, id: a.id, bytes: Buffer.from(a.text), meta: a.meta }))
  const documents = segment(clean(ingest(sources, log), log), log)
  const ledger = scoreStory(STORY, documents, align(documents, log, { vectors: loadVectors() }), log)
  return { ledger, messages: log.messages }
}

/** Rows of a CSV as records keyed by its header. */
function records(text: string): Record<string, string>[] {
  return parse(text, { bom: true, columns: true }) as Record<string, string>[]
}

let ledger: Ledger
let messages: Message[]
let files: ReportFiles
let json: Record<string, unknown> & { sentences: Record<string, unknown>[]; statements: Record<string, unknown>[]; articles: Record<string, unknown>[] }

beforeAll(() => {
  ;({ ledger, messages } = analyseStory())
  files = report(ledger, messages, TOOL)
  json = JSON.parse(files.get('report.json')!)
})

describe('report', () => {
  it('writes report.json, the thirteen CSVs and digest.md, nothing else', () => {
    expect([...files.keys()].sort()).toEqual(REPORT_FILES)
  })

  it('starts each CSV with the columns of COLUMNS', () => {
    const headers = Object.fromEntries(CSV_FILES.map((name) => [name, (parse(files.get(name)!) as string[][])[0]]))
    expect(headers).toEqual(Object.fromEntries(CSV_FILES.map((name) => [name, [...COLUMNS[name]!]])))
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

  it('writes one statements.csv row per statement', () => {
    expect(records(files.get('statements.csv')!).map((r) => [r.statement_id, r.support, r.independent_support, r.outlets, r.articles, r.members, r.text])).toEqual(
      ledger.statements.map((s) => [
        s.id,
        String(s.support),
        String(s.independentSupport),
        s.outlets.join('; '),
        [...new Set(s.members.map((m) => m.article))].join('; '),
        String(s.members.length),
        neutralise(s.text),
      ]),
    )
  })

  it('writes one alignments.csv row per statement member, with its sentence offsets and text', () => {
    const sentence = new Map(ledger.documents.flatMap((d) => unitsOf(d).map((s) => [s.id, s] as const)))
    expect(records(files.get('alignments.csv')!).map((r) => [r.statement_id, r.article_id, r.outlet, r.unit, r.sentence_index, r.role, r.begin, r.end, r.text])).toEqual(
      ledger.statements.flatMap((s) =>
        s.members.map((m) => {
          const { begin, end, text, unit } = sentence.get(m.sentence)!
          return [s.id, m.article, m.outlet, unit, unit === 'headline' ? '' : String(m.index), m.representative ? 'representative' : 'member', String(begin), String(end), neutralise(text)]
        }),
      ),
    )
  })

  it('writes one outlet_pairs.csv row per outlet pair and one framing.csv row per outlet', () => {
    const pairs = records(files.get('outlet_pairs.csv')!).map((r) => [r.outlet_a, r.outlet_b, r.shared_statements])
    const framing = records(files.get('framing.csv')!).map((r) => [r.outlet, r.words, r.sentences])
    expect({ pairs, framing }).toEqual({
      pairs: ledger.outletPairs.map((p) => [p.outletA, p.outletB, String(p.sharedStatements)]),
      framing: ledger.framing.outlets.map((f) => [f.outlet, String(f.words), String(f.sentences)]),
    })
  })

  it('neutralises a sentence that starts with `@` in the CSVs but keeps it as written in report.json', () => {
    const inCsv = records(files.get('alignments.csv')!)
      .filter((r) => r.text?.includes('FerncliffTown'))
      .map((r) => r.text)
    const inJson = json.sentences.filter((s) => (s.text as string).includes('FerncliffTown')).map((s) => s.text)
    expect({ inCsv, inJson }).toEqual({ inCsv: [`'${HANDLE}`, `'${HANDLE}`], inJson: [HANDLE, HANDLE] })
  })

  it('starts the CSVs with a UTF-8 byte order mark and ends their lines with CRLF when asked for Excel', () => {
    const excel = report(ledger, messages, TOOL, { excel: true })
    const expected = new Map([...files].map(([name, text]) => [name, name.endsWith('.csv') ? `\ufeff${text.replace(/\n/g, '\r\n')}` : text]))
    expect(excel).toEqual(expected)
  })

  it('gives byte-identical files when the same story is analysed again', () => {
    const again = analyseStory()
    expect(report(again.ledger, again.messages, TOOL)).toEqual(files)
  })
})

describe('neutralise', () => {
  it('prefixes a text cell starting with `=`, `+`, `-`, `@`, tab or carriage return with `\'`', () => {
    expect(['=SUM(A1)', '+1', '-2 votes', '@handle', '\tindent', '\rreturn'].map(neutralise)).toEqual(["'=SUM(A1)", "'+1", "'-2 votes", "'@handle", "'\tindent", "'\rreturn"])
  })

  it('leaves a text cell alone when the formula character is not first', () => {
    expect(['a=b', 'x@y.example.com', '', "'quoted", '1-2', 'a \t=b'].map(neutralise)).toEqual(['a=b', 'x@y.example.com', '', "'quoted", '1-2', 'a \t=b'])
  })

  it('also guards a formula character after white space or invisible characters, and its full-width and small forms', () => {
    const cells = [' =1+1', '\u00a0+1', '\n-1', '\u200b=1', '\ufeff@SUM(A1)', '＝1+1', '＋1', '－1', '＠SUM(A1)', '﹦1', '﹢1', '﹣1', '﹫x', '−1']
    expect(cells.map(neutralise)).toEqual(cells.map((c) => `'${c}`))
  })

  it('joins a list of texts with `; `, guarding each item, so that an outlet reads the same in a list as alone', () => {
    expect(neutralise(['CBC', '+Radio-Canada', '=HYPERLINK("x")'])).toEqual(`CBC; '+Radio-Canada; '=HYPERLINK("x")`)
  })

  it('leaves numbers alone, negative ones included', () => {
    expect([0, -3, 2.5, -0.125].map(neutralise)).toEqual([0, -3, 2.5, -0.125])
  })

  it('writes null and non-finite numbers as empty cells', () => {
    expect([null, Number.NaN, Number.POSITIVE_INFINITY].map(neutralise)).toEqual(['', '', ''])
  })
})

describe('csv', () => {
  it('writes only the header when there are no rows', () => {
    expect(csv(['a', 'b'], [])).toEqual('a,b\n')
  })

  it('quotes a cell holding a comma', () => {
    expect(csv(['x', 'y'], [{ x: 'Smith, Jones', y: 'z' }])).toEqual('x,y\n"Smith, Jones",z\n')
  })

  it('quotes a cell holding a double quote and doubles the quote', () => {
    expect(csv(['x'], [{ x: 'he said "no"' }])).toEqual('x\n"he said ""no"""\n')
  })

  it('quotes a cell holding a line feed or CRLF', () => {
    expect(csv(['x', 'y'], [{ x: 'one\ntwo', y: 'three\r\nfour' }])).toEqual('x,y\n"one\ntwo","three\r\nfour"\n')
  })

  it('quotes a cell holding a lone carriage return, which spreadsheets read as a line break', () => {
    expect(csv(['x', 'y'], [{ x: 'one\rtwo', y: 'z' }])).toEqual('x,y\n"one\rtwo",z\n')
  })

  it('quotes a cell holding a lone line feed in Excel mode', () => {
    expect(csv(['x', 'y'], [{ x: 'one\ntwo', y: 'z' }], { excel: true })).toEqual('\ufeffx,y\r\n"one\ntwo",z\r\n')
  })

  it('quotes a cell with leading or trailing spaces so they survive', () => {
    expect(csv(['x', 'y'], [{ x: ' lead', y: 'trail ' }])).toEqual('x,y\n" lead","trail "\n')
  })

  it('writes numbers as they are and null or missing cells as empty', () => {
    expect(csv(['n', 'm', 'missing'], [{ n: -1.5, m: null }])).toEqual('n,m,missing\n-1.5,,\n')
  })

  it('neutralises formula cells', () => {
    expect(csv(['x', 'y'], [{ x: '=HYPERLINK("http://example.com")', y: '-5' }])).toEqual('x,y\n"\'=HYPERLINK(""http://example.com"")",\'-5\n')
  })

  it('starts with a UTF-8 byte order mark and ends lines with CRLF in Excel mode', () => {
    expect(csv(['a', 'b'], [{ a: 'x', b: 1 }], { excel: true })).toEqual('\ufeffa,b\r\nx,1\r\n')
  })

  it('round-trips any strings through csv-parse, neutralising only formula cells, in the header too', () => {
    // Risky characters are drawn often; any other code point (lone surrogates included) now and then.
    const unit = fc.oneof(
      fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', ' ', "'", '\ufeff', '\u200b', '\u00a0', '＝', '－', '﹫', '−', 'a'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    )
    const text = fc.string({ unit, maxLength: 8 })
    // Columns named like any text, "constructor" and "__proto__" among them.
    const column = fc.oneof(text, fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'))
    const table = fc.uniqueArray(column, { minLength: 1, maxLength: 4 }).chain((columns) => fc.tuple(fc.constant(columns), fc.array(fc.array(text, { minLength: columns.length, maxLength: columns.length }), { maxLength: 4 })))
    const safe = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell)
    fc.assert(
      fc.property(table, fc.boolean(), fc.boolean(), ([columns, cells], excel, byName) => {
        const rows = byName ? cells.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]!]))) : cells
        const written = csv(columns, rows, { excel })
        // Any of CRLF, LF and CR ends a record, as in spreadsheets: a line break outside quotes splits the row.
        const [header, ...parsed] = parse(written, { bom: excel, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][]
        expect(header).toEqual(columns.map(safe))
        expect(parsed).toEqual(cells.map((row) => row.map(safe)))
        expect([...header!, ...parsed.flat()].filter((cell) => FORMULA_START.test(cell))).toEqual([])
      }),
      { numRuns: 500 },
    )
  })

  it('writes an empty cell for a column a row lacks, even one named after a property of every object', () => {
    expect(csv(['constructor', 'toString', '__proto__', 'x'], [{ x: 'a' }])).toEqual('constructor,toString,__proto__,x\n,,,a\n')
  })
})

describe('indexCsv', () => {
  const row = (storyId: string, status: IndexRow['status'] = 'ok'): IndexRow => ({
    storyId,
    status,
    articles: 3,
    outlets: 2,
    sentences: 20,
    statements: 4,
    corroborated: 3,
    conflicts: 0,
    quotesChanged: 0,
    fatal: 0,
    warnings: 1,
    folder: storyId,
  })

  it('writes the INDEX_COLUMNS header and one row per story', () => {
    expect(indexCsv([row('tide-mill'), row('quarry-fire', 'too-few-articles')])).toEqual(
      `${INDEX_COLUMNS.join(',')}\nquarry-fire,too-few-articles,3,2,20,4,3,0,0,0,1,quarry-fire\ntide-mill,ok,3,2,20,4,3,0,0,0,1,tide-mill\n`,
    )
  })

  it('sorts by story id in code-point order, whatever order the stories came in', () => {
    const ids = ['b', 'a-2', 'B', 'a', 'é', 'a-10']
    const sorted = ['B', 'a', 'a-10', 'a-2', 'b', 'é']
    const outputs = [ids, [...ids].reverse(), [...ids].sort()].map((order) => indexCsv(order.map((id) => row(id))))
    expect(outputs).toEqual([0, 1, 2].map(() => indexCsv(sorted.map((id) => row(id)))))
  })

  it('lists the stories in the sorted order', () => {
    const text = indexCsv(['b', 'a-2', 'B', 'a'].map((id) => row(id)))
    expect(records(text).map((r) => r.story_id)).toEqual(['B', 'a', 'a-2', 'b'])
  })

  it('writes a byte order mark and CRLF in Excel mode', () => {
    expect(indexCsv([row('x')], { excel: true })).toEqual(`\ufeff${INDEX_COLUMNS.join(',')}\r\nx,ok,3,2,20,4,3,0,0,0,1,x\r\n`)
  })
})
