// report.html and index.html without a browser: their structure (one matrix row and one ledger entry per statement,
// one column per outlet), escaping of hostile input, bytes that do not depend on what ran before, `--no-html`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseHTML } from 'linkedom'
import { attr, href, text } from '../../../stages/report/html/escape.js'
import { main } from '../../../pipeline/cli.js'
import { versus } from '../../../stages/report/html/ledger.js'
import { addMeasures, averagedMeasures, type MeasureTotals, report, runPage } from '../../../stages/report/index.js'
import { analyzeInto, hostileCorpus, PAYLOADS, ROOT, storyPages, textsOf, unsafeParts } from '../../html-pages.js'
import { analyseStory, TOOL } from './fixture.js'
import { framingFigures } from '../../../stages/report/html/framing-figures.js'

describe('report.html of a story', () => {
  const { ledger, messages } = analyseStory()
  const html = report(ledger, messages, TOOL).get('report.html')!
  const { document } = parseHTML(html)

  it('gives each statement one row of the coverage matrix and one ledger entry, in the order of independent support', () => {
    const rows = [...document.querySelectorAll('table.matrix tr[data-statement]')].map((r) => r.getAttribute('data-statement'))
    const entries = [...document.querySelectorAll('#ledger details.entry[data-statement]')].map((r) => r.getAttribute('data-statement'))
    const expected = [...ledger.statements].sort((a, b) => b.independentSupport - a.independentSupport || b.support - a.support || Number(a.id.slice(1)) - Number(b.id.slice(1))).map((s) => s.id)
    expect({ rows, entries }).toEqual({ rows: expected, entries: expected })
  })

  it('gives each outlet one column of the coverage matrix', () => {
    const columns = [...document.querySelectorAll('table.matrix thead th')].slice(3).map((th) => th.getAttribute('title'))
    expect([...columns].sort()).toEqual(ledger.framing.outlets.map((f) => f.outlet).sort())
  })

  it("shows a statement's text on hover over its matrix row, and each coloured cell's outlet, relation and statement", () => {
    const rows = [...document.querySelectorAll('table.matrix tr[data-statement]')]
    const textOf = new Map(ledger.statements.map((s) => [s.id, s.text]))
    const wrong = rows.flatMap((r) => {
      const id = r.getAttribute('data-statement')!
      const cells = [...r.querySelectorAll('td')]
      // A cell without a title of its own shows its row's (the browser's tooltip is the nearest title).
      const bad = [
        ...(r.getAttribute('title') === `${id}: ${textOf.get(id)}` ? [] : [`${id}: row title ${r.getAttribute('title')}`]),
        ...cells.filter((c) => c.hasAttribute('class') && c.getAttribute('class') !== 'n' && !(c.getAttribute('title') ?? '').startsWith(`${id} · `)).map((c) => `${id}: cell ${c.getAttribute('title')}`),
        ...cells.filter((c) => !c.hasAttribute('class') && c.hasAttribute('title')).map((c) => `${id}: absent cell ${c.getAttribute('title')}`),
      ]
      return bad
    })
    expect({ rows: rows.length > 0, wrong }).toEqual({ rows: true, wrong: [] })
  })

  it('lists every member sentence of a statement in its ledger entry', () => {
    const unitText = new Map(ledger.documents.flatMap((d) => [...d.sentences, ...(d.headline ? [d.headline] : [])].map((s) => [s.id, s.text.replace(/\s+/g, ' ')] as const)))
    const missing = ledger.statements.flatMap((s) => {
      const entry = (document.querySelector(`#ledger details[data-statement="${s.id}"]`)?.textContent ?? '').replace(/\s+/g, ' ')
      return s.members.filter((m) => !entry.includes(unitText.get(m.sentence)!)).map((m) => `${s.id}: ${m.sentence}`)
    })
    expect(missing).toEqual([])
  })

  it('gives every figure a text alternative and a legend, in colours of the Okabe–Ito palette or cividis', () => {
    // Our figures; Plot wraps a chart with a legend in a <figure> of its own, inside ours.
    const figures = [...document.querySelectorAll('figure[role="group"]')]
    const unlabelled = figures.filter((f) => !(f.getAttribute('aria-label') ?? '').trim() || !f.querySelector('figcaption'))
    // A heat map's legend is Plot's colour legend; a bar chart's is its axis label (one measure, one colour).
    const heat = figures.filter((f) => f.querySelector('[aria-label="cell"]'))
    const heatWithoutLegend = heat.filter((f) => !f.querySelector('svg[class$="-ramp"], [class*="ramp"]') && !/share/.test(f.textContent ?? ''))
    const bars = figures.filter((f) => f.querySelector('[aria-label="bar"]'))
    const colours = new Set(bars.map((f) => f.querySelector('[aria-label="bar"]')!.getAttribute('fill') ?? ''))
    expect({ figures: figures.length > 0, unlabelled: unlabelled.length, heatWithoutLegend: heatWithoutLegend.length, colours: [...colours], matrixLegend: document.querySelectorAll('#coverage .legend li').length }).toEqual({
      figures: true,
      unlabelled: 0,
      heatWithoutLegend: 0,
      colours: ['#0072B2'],
      matrixLegend: 8,
    })
  })

  it('reads the same byte for byte whatever was drawn before it in the process', () => {
    const again = analyseStory()
    // Another page drawn in between: Plot and linkedom must keep no counter or state from one chart to the next.
    report(again.ledger, again.messages, TOOL)
    expect(report(again.ledger, again.messages, TOOL).get('report.html') === html).toBe(true)
  })

  it('names the articles that have no headline under the headlines, and says nothing when every article has one', () => {
    const note = (page: string) => parseHTML(page).document.querySelector('#headlines p.muted')?.textContent ?? null
    const titled = new Set(ledger.framing.headlines.map((h) => h.article))
    const untitled = ledger.articles.filter((a) => !titled.has(a.id))
    // The invented story: one outlet's article has no title and no headline line.
    expect(untitled.map((a) => a.outlet)).toEqual(['Hilltop Gazette'])
    expect(note(html)).toBe(`No headline found for 1 of ${ledger.articles.length} articles: Hilltop Gazette.`)
    const [dropped, ...kept] = ledger.framing.headlines
    const fewer = report({ ...ledger, framing: { ...ledger.framing, headlines: kept } }, messages, TOOL).get('report.html')!
    expect(note(fewer)).toMatch(new RegExp(`^No headline found for 2 of ${ledger.articles.length} articles: .*${dropped!.outlet}.*\\.$`))
    const all = report({ ...ledger, articles: ledger.articles.filter((a) => titled.has(a.id)) }, messages, TOOL).get('report.html')!
    expect(note(all)).toBeNull()
  })

  it('carries no date or clock but those of the input', () => {
    const dates = [...new Set(html.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [])]
    expect(dates).toEqual(['2031-10-03'])
  })
})

describe('a conflict side by side', () => {
  const conflict = {
    statement: 's1',
    a: 'a-1',
    b: 'b-1',
    outletA: 'Harrow Post',
    outletB: 'North Bulletin',
    textA: '"We will not close the library," the mayor said.',
    textB: '"We will never close the branch library," the mayor said.',
    valueA: 'We will not close the library,',
    valueB: 'We will never close the branch library,',
  }
  const marksOf = (html: string) => [...parseHTML(`<div>${html}</div>`).document.querySelectorAll('.versus > div > p mark.value')].map((m) => ({ value: m.textContent, changed: [...m.querySelectorAll('mark.diff')].map((d) => d.textContent) }))

  it("marks, inside each side's quotation, the words the other side's rendering lacks", () => {
    expect(marksOf(versus({ ...conflict, relation: 'quote_conflict' }))).toEqual([
      { value: 'We will not close the library,', changed: ['not'] },
      { value: 'We will never close the branch library,', changed: ['never', 'branch'] },
    ])
  })

  it('marks a number or a denial whole, with no words inside', () => {
    const number = { ...conflict, relation: 'number_conflict' as const, textA: 'The levy raised 40,000 pounds.', textB: 'The levy raised 45,000 pounds.', valueA: '40,000', valueB: '45,000' }
    expect(marksOf(versus(number))).toEqual([
      { value: '40,000', changed: [] },
      { value: '45,000', changed: [] },
    ])
  })
})

describe('escaping', () => {
  it('writes text and attribute values as entities, and keeps only http(s) links', () => {
    expect({
      text: text('<script>&</script>'),
      attr: attr(`"><img src=x onerror='a'>\``),
      links: ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,<b>', '/relative', 'https://example.com/a"b', 'http://x.example/?q=<'].map(href),
    }).toEqual({
      text: '&lt;script&gt;&amp;&lt;/script&gt;',
      attr: '&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;&#96;',
      links: [null, null, null, null, 'https://example.com/a%22b', 'http://x.example/?q=%3C'],
    })
  })

  describe('a story whose ids, outlets, titles, addresses and texts are markup', () => {
    let out: string
    let pages: Map<string, string>
    beforeAll(async () => {
      out = await analyzeInto(await hostileCorpus())
      pages = await storyPages(out)
    })

    it('writes pages with no script but their own, nothing that loads, no event handler and no javascript: link', () => {
      const page = readFileSync(pages.get(PAYLOADS.story)!, 'utf8')
      const index = readFileSync(path.join(out, 'index.html'), 'utf8')
      expect({ story: unsafeParts(page), index: unsafeParts(index) }).toEqual({ story: [], index: [] })
    })

    it('shows the hostile names and texts as text', () => {
      const page = readFileSync(pages.get(PAYLOADS.story)!, 'utf8')
      expect({
        title: textsOf(page, 'h1'),
        outlets: textsOf(page, '.card .outlet').map((o) => o.replace(/ · .*$/, '')).sort(),
        // The segmenter splits the text payload at "window." into sentences; each piece reads as the input wrote it.
        text: ['<script>window.__pwned=5</script></script><svg onload=window.__pwned=6>', '__pwned=8</script>', '<iframe src="https://evil.example/"></iframe>'].filter((t) => !textsOf(page, 'main')[0]!.includes(t)),
      }).toEqual({ title: [PAYLOADS.story], outlets: [PAYLOADS.outletA, PAYLOADS.outletB, PAYLOADS.outletC].sort(), text: [] })
    })
  })
})

describe('the sample corpus', () => {
  it('gives the same pages byte for byte on the main thread (`--concurrency 1`, under jest) as the golden ones made on worker threads', async () => {
    const out = await analyzeInto(path.join(ROOT, 'corpus'))
    const golden = path.join(ROOT, 'test', 'golden', 'sample')
    const pages = ['index.html', 'harbor-bridge/report.html', 'school-lunch-vote/report.html']
    expect(pages.filter((p) => !readFileSync(path.join(out, p)).equals(readFileSync(path.join(golden, p))))).toEqual([])
  })

  it("links index.html to every analysed story's page, and each page back to index.html", () => {
    const golden = path.join(ROOT, 'test', 'golden', 'sample')
    const { document } = parseHTML(readFileSync(path.join(golden, 'index.html'), 'utf8'))
    const links = [...document.querySelectorAll('#stories a[href]')].map((a) => a.getAttribute('href')!)
    const back = links.map((l) => parseHTML(readFileSync(path.join(golden, decodeURI(l)), 'utf8')).document.querySelector('header a')?.getAttribute('href'))
    expect({ links, back }).toEqual({ links: ['harbor-bridge/report.html', 'school-lunch-vote/report.html'], back: ['../index.html', '../index.html'] })
  })
})

describe("index.html's outlets across the run", () => {
  it('says over how many stories each outlet\'s measures are averaged', () => {
    const row = (outlet: string, words: number, tone: number) => ({ outlet, words, values: { tonePer100w: tone }, frames: { economic: 0.5 } })
    const totals: MeasureTotals = new Map()
    addMeasures(totals, [row('Harrow Post', 300, 1), row('North Bulletin', 100, -1)])
    addMeasures(totals, [row('Harrow Post', 100, -3)])
    const html = runPage({ rows: [], terms: [], framing: averagedMeasures(totals), tool: TOOL })
    const { document } = parseHTML(html)
    const table = [...document.querySelectorAll('#framing table')].find((t) => t.querySelector('th')?.parentElement?.textContent?.includes('Tone'))!
    const head = [...table.querySelectorAll('thead th')].map((th) => th.textContent)
    const cells = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent))
    expect({ head: head.slice(0, 4), cells }).toEqual({
      head: ['outlet', 'stories', 'words', 'Tone (AFINN valence per 100 words)'],
      cells: [
        ['Harrow Post', '2', '400', '0'],
        ['North Bulletin', '1', '100', '-1'],
      ],
    })
  })
})

describe('index.html from the story folders', () => {
  it("leaves out framing measures of another shape in an edited state file, and still writes the run's page", async () => {
    const corpus = await hostileCorpus()
    const out = await analyzeInto(corpus)
    const folder = path.dirname([...(await storyPages(out)).values()][0]!)
    const stateFile = path.join(folder, '.corroborate.json')
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as Record<string, unknown>
    // Kept on the re-run (its key is unchanged), so the run page is made from this state as edited.
    writeFileSync(stateFile, JSON.stringify({ ...state, framing: { not: 'a list' } }))
    const code = await main(['analyze', '--corpus', corpus, '--out', out, '--concurrency', '1', '--quiet'], { stdout: () => {}, stderr: () => {} })
    writeFileSync(stateFile, JSON.stringify({ ...state, framing: ['x', { outlet: 5 }, { outlet: 'A', words: 'many', values: {}, frames: {} }, { outlet: 'B', words: 10, values: { tonePer100w: 'high' }, frames: null }] }))
    const again = await main(['analyze', '--corpus', corpus, '--out', out, '--concurrency', '1', '--quiet'], { stdout: () => {}, stderr: () => {} })
    expect({ code, again, page: textsOf(readFileSync(path.join(out, 'index.html'), 'utf8'), '#framing p:not(.lede)')[0] }).toEqual({ code: 0, again: 0, page: 'No framing measures: no story was analysed, or none kept them.' })
  })
})

describe('--no-html', () => {
  it('writes no report.html and no index.html, and the other reports as without it', async () => {
    const corpus = await hostileCorpus()
    const [withHtml, without] = [await analyzeInto(corpus), await analyzeInto(corpus, ['--no-html'])]
    const page = [...(await storyPages(without)).values()][0]!
    const csv = async (out: string) => readFileSync(path.join(path.dirname([...(await storyPages(out)).values()][0]!), 'statements.csv'), 'utf8')
    const same = (await csv(withHtml)) === (await csv(without))
    expect({ page: existsSync(page), index: existsSync(path.join(without, 'index.html')), same }).toEqual({ page: false, index: false, same: true })
  })

  it('leaves no run page of an earlier run beside the new tables, nor a story page beside a redone story', async () => {
    const corpus = await hostileCorpus()
    const out = await analyzeInto(corpus)
    const page = [...(await storyPages(out)).values()][0]!
    const code = await main(['analyze', '--corpus', corpus, '--out', out, '--concurrency', '1', '--quiet', '--no-html'], { stdout: () => {}, stderr: () => {} })
    expect({ code, page: existsSync(page), index: existsSync(path.join(out, 'index.html')) }).toEqual({ code: 0, page: false, index: false })
  })
})

describe('the story at a glance', () => {
  it('counts as conflicts only the disputes, and attribution differences apart as sourcing (conflicts.csv kind)', async () => {
    const out = await analyzeInto(path.join(ROOT, 'corpus'))
    const folder = path.join(out, 'harbor-bridge')
    const kinds = readFileSync(path.join(folder, 'conflicts.csv'), 'utf8').split('\n').slice(1).filter(Boolean).map((line) => line.split(',')[3])
    const { document } = parseHTML(readFileSync(path.join(folder, 'report.html'), 'utf8'))
    const cards = Object.fromEntries([...document.querySelectorAll('#glance dl.glance div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]))
    // The story has both kinds, so a card counting every row would differ.
    expect({ kinds: [...new Set(kinds)].sort(), conflicts: cards['conflicts'], sources: cards['sources differ'] }).toEqual({
      kinds: ['dispute', 'sourcing'],
      conflicts: String(kinds.filter((k) => k === 'dispute').length),
      sources: String(kinds.filter((k) => k === 'sourcing').length),
    })
  })
})

describe('framing figures with outlets of headlines alone', () => {
  const measures = (outlet: string, words: number) => ({ outlet, words, values: { tonePer100w: words > 0 ? -1.5 : 0 }, frames: { economic: words > 0 ? 0.25 : 0 } })
  const none = new Map<string, { term: string; count: number }[]>()

  it('leaves an outlet without body words out of the charts and tables and names it', () => {
    const html = framingFigures([measures('Harbor Post', 300), measures('Feed Wire', 0)], none)
    const { document } = parseHTML(`<div>${html}</div>`)
    const tableOutlets = [...document.querySelectorAll('table tbody tr')].map((r) => r.querySelector('td')?.textContent)
    expect({ note: html.includes('Not measured, for want of body text (headlines alone): Feed Wire.'), tableOutlets: [...new Set(tableOutlets)] }).toEqual({ note: true, tableOutlets: ['Harbor Post'] })
  })

  it('draws no empty chart when no outlet has body text', () => {
    expect(framingFigures([measures('Feed Wire', 0), measures('Headline Desk', 0)], none)).toBe('<p class="muted">Not measured, for want of body text (headlines alone): Feed Wire, Headline Desk.</p><p>No outlet has body text to measure.</p>')
  })
})
