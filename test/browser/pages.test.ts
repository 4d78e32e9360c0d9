// The HTML reports in a real browser (Debian's Chromium): the sample corpus's, the seeds' and a hostile story's pages
// open from file:// with no console error and no request, show one matrix row per statement and one column per
// outlet, expand a statement to every member's text, mark both values of a conflict, run no injected script, read
// with JavaScript off, sort, and fit a 1280 px and a 390 px wide window.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import type { BrowserContext, Page } from 'playwright-core'
import { analyzeInto, hostileCorpus, PAYLOADS, ROOT, storyPages } from '../html-pages.js'
import { launch, open } from './browser.js'

const SEEDS = path.join(ROOT, '..', 'shared', 'seeds')

interface Story {
  readonly page: string
  readonly statements: { id: string; members: string[] }[]
  readonly sentences: Map<string, string>
  readonly outlets: string[]
  readonly conflicts: Record<string, string>[]
}

/** What report.json and conflicts.csv say of a story, to check its page against. */
function storyFacts(page: string): Story {
  const json = JSON.parse(readFileSync(path.join(path.dirname(page), 'report.json'), 'utf8')) as {
    statements: { id: string; members: string[] }[]
    sentences: { id: string; text: string }[]
    headlines: { id: string; text: string }[]
    articles: { outlet: string }[]
  }
  const conflicts = parse(readFileSync(path.join(path.dirname(page), 'conflicts.csv'), 'utf8'), { columns: true, bom: true }) as Record<string, string>[]
  return {
    page,
    statements: json.statements,
    sentences: new Map([...json.sentences, ...json.headlines].map((s) => [s.id, s.text])),
    outlets: [...new Set(json.articles.map((a) => a.outlet))],
    conflicts,
  }
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim()

describe('the HTML reports in Chromium', () => {
  let browser: BrowserContext
  let stories: Story[]
  let indexes: string[]
  let hostile: { page: string; index: string }
  beforeAll(async () => {
    browser = await launch()
    if (!existsSync(SEEDS)) throw new Error(`Expected the seed articles at ${SEEDS}, got none`)
    const [sample, seeds, bad] = [await analyzeInto(path.join(ROOT, 'corpus')), await analyzeInto(SEEDS), await analyzeInto(await hostileCorpus())]
    stories = [...(await storyPages(sample)).values(), ...(await storyPages(seeds)).values()].map(storyFacts)
    indexes = [path.join(sample, 'index.html'), path.join(seeds, 'index.html')]
    hostile = { page: (await storyPages(bad)).get(PAYLOADS.story)!, index: path.join(bad, 'index.html') }
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('opens every page from file:// with no console error, no request and no dialog', async () => {
    const found: string[] = []
    for (const file of [...stories.map((s) => s.page), ...indexes]) {
      const { page, log } = await open(browser, file)
      for (const e of log.errors) found.push(`${path.basename(path.dirname(file))}: error ${e}`)
      for (const r of log.requests) found.push(`${path.basename(path.dirname(file))}: request ${r}`)
      for (const d of log.dialogs) found.push(`${path.basename(path.dirname(file))}: dialog ${d}`)
      await page.close()
    }
    expect({ pages: stories.length + indexes.length, found }).toEqual({ pages: 5, found: [] })
  })

  it('shows one matrix row per statement and one column per outlet', async () => {
    const found = []
    for (const s of stories) {
      const { page } = await open(browser, s.page)
      const rows = await page.locator('table.matrix tr[data-statement]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-statement')))
      const columns = await page.locator('table.matrix').first().locator('thead th').evaluateAll((ths) => ths.slice(3).map((th) => th.getAttribute('title')))
      found.push({ rows: [...rows].sort(), columns: [...columns].sort(), visible: await page.locator('table.matrix tr[data-statement]').first().isVisible() })
      await page.close()
    }
    expect(found).toEqual(stories.map((s) => ({ rows: s.statements.map((x) => x.id).sort(), columns: [...s.outlets].sort(), visible: true })))
  })

  it('expands a ledger entry to show every member sentence of the statement', async () => {
    const missing: string[] = []
    for (const s of stories) {
      const { page } = await open(browser, s.page)
      for (const statement of s.statements) {
        const entry = page.locator(`#ledger details[data-statement="${statement.id}"]`)
        await entry.locator('summary').click()
        const shown = squash(await entry.innerText())
        for (const m of statement.members) if (!shown.includes(squash(s.sentences.get(m)!))) missing.push(`${statement.id}: ${m}`)
      }
      await page.close()
    }
    expect(missing).toEqual([])
  })

  it('shows each conflict side by side with both values marked', async () => {
    const found: { statement: string; values: string[] }[] = []
    const expected: { statement: string; values: string[] }[] = []
    const withConflicts = stories.filter((s) => s.conflicts.length > 0)
    for (const s of withConflicts) {
      const { page } = await open(browser, s.page)
      const byStatement = new Map<string, Record<string, string>[]>()
      for (const c of s.conflicts) byStatement.set(c.statement_id!, [...(byStatement.get(c.statement_id!) ?? []), c])
      for (const [statement, cs] of byStatement) {
        const entry = page.locator(`#ledger details[data-statement="${statement}"]`)
        await entry.locator('summary').click()
        const marked = await entry.locator('.versus mark.value').evaluateAll((ms) => ms.filter((m) => (m as HTMLElement).offsetParent !== null).map((m) => m.textContent ?? ''))
        found.push({ statement, values: [...new Set(marked)].sort() })
        expected.push({ statement, values: [...new Set(cs.flatMap((c) => [c.value_a!, c.value_b!]))].sort() })
      }
      await page.close()
    }
    expect({ stories: withConflicts.length > 0, found }).toEqual({ stories: true, found: expected })
  })

  it('runs none of the hostile story\'s markup: no injected script, handler or dialog', async () => {
    const results = []
    for (const file of [hostile.page, hostile.index]) {
      const { page, log } = await open(browser, file)
      // Open everything and move the mouse over every element, so that an injected ontoggle or onmouseover would run.
      await page.evaluate(() => {
        for (const d of document.querySelectorAll('details')) d.open = true
        for (const el of document.querySelectorAll('*')) el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))
      })
      results.push({ pwned: await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null), dialogs: log.dialogs, requests: log.requests, title: await page.title() })
      await page.close()
    }
    expect(results).toEqual([
      { pwned: null, dialogs: [], requests: [], title: PAYLOADS.story },
      { pwned: null, dialogs: [], requests: [], title: 'corroborate: all stories' },
    ])
  })

  it('reads whole with JavaScript off: matrix, ledger and the statements open without the script', async () => {
    const context = await launch({ javaScript: false })
    try {
      const s = stories[0]!
      const { page } = await open(context, s.page)
      const entry = page.locator(`#ledger details[data-statement="${s.statements[0]!.id}"]`)
      await entry.locator('summary').click()
      expect({
        rows: await page.locator('table.matrix tr[data-statement]').count(),
        open: await entry.evaluate((d) => (d as HTMLDetailsElement).open),
        tools: await page.locator('.tools').first().isVisible(),
        figures: await page.locator('figure svg').first().isVisible(),
      }).toEqual({ rows: s.statements.length, open: true, tools: false, figures: true })
    } finally {
      await context.close()
    }
  })

  it('sorts the stories table by a column and filters the ledger', async () => {
    const { page } = await open(browser, indexes[0]!)
    const column = (p: Page) => p.locator('#stories tbody tr td:nth-child(5)').allInnerTexts()
    await page.locator('#stories thead th', { hasText: 'statements' }).click()
    const ascending = await column(page)
    await page.locator('#stories thead th', { hasText: 'statements' }).click()
    const descending = await column(page)
    await page.close()
    const story = await open(browser, stories[0]!.page)
    await story.page.locator('#ledger-filter').fill('zzzz-no-such-words')
    const shown = await story.page.locator('#ledger details.entry:visible').count()
    await story.page.close()
    const numbers = (xs: string[]) => xs.map(Number)
    expect({ ascending: numbers(ascending), descending: numbers(descending), shown }).toEqual({
      ascending: [...numbers(ascending)].sort((a, b) => a - b),
      descending: [...numbers(ascending)].sort((a, b) => b - a),
      shown: 0,
    })
  })

  it.each([1280, 390])('fits a %i px wide window: the title, the figures at a glance and the first headline visible, nothing wider than the window', async (width) => {
    const context = await launch({ width, height: 900 })
    try {
      const seeds = stories[stories.length - 1]!
      const { page } = await open(context, seeds.page)
      const inView = async (selector: string) => {
        const box = await page.locator(selector).first().boundingBox()
        return box !== null && box.width > 0 && box.height > 0 && box.x >= 0 && box.x + box.width <= width + 1 && box.y < 900
      }
      const screenshot = await page.screenshot()
      expect({
        title: await inView('header.top h1'),
        glance: await inView('.glance'),
        headline: width === 1280 ? await inView('.card .headline') : true,
        overflow: await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        // A blank page compresses to a few hundred bytes; one with text and colour to tens of thousands.
        notBlank: screenshot.length > 20000,
      }).toEqual({ title: true, glance: true, headline: true, overflow: 0, notBlank: true })
    } finally {
      await context.close()
    }
  })
})
