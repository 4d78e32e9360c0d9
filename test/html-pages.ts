// The stories the HTML tests open: the sample corpus, the seeds and a hostile story, analysed through `main()` into
// a temporary folder, and helpers to read a page's structure without a browser (linkedom).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseHTML } from 'linkedom'
import { main } from '../pipeline/cli.js'

/** The repository's root. */
export const ROOT = path.join(__dirname, '..')

/** Analyse a corpus into a fresh temporary folder through `main()`; resolves to the output folder. */
export async function analyzeInto(corpus: string, extra: readonly string[] = []): Promise<string> {
  const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'corroborate-html-')), 'out')
  const code = await main(['analyze', '--corpus', corpus, '--out', out, '--concurrency', '1', '--quiet', ...extra], { stdout: () => {}, stderr: () => {} })
  if (code !== 0) throw new Error(`Expected analyze to exit 0 on ${corpus}, got ${code}`)
  return out
}

/**
 * Hostile payloads: each, if it ran, would set `window.__pwned` (or open a dialog). They go into story ids, outlet
 * names, titles, addresses and article text.
 */
export const PAYLOADS = {
  outletA: '<img src=x onerror="window.__pwned=1;alert(1)">',
  outletB: '"><script>window.__pwned=2</script>',
  outletC: "</style><script>window.__pwned=3</script>' onmouseover='window.__pwned=4",
  title: '<script>window.__pwned=5</script></script><svg onload=window.__pwned=6>',
  url: 'javascript:window.__pwned=7',
  text: '<script>window.__pwned=8</script> <a href="javascript:window.__pwned=9">click</a> </title></textarea><iframe src="https://evil.example/"></iframe>',
  story: '</title><script>window.__pwned=10</script>',
} as const

/** A story of three articles whose outlets, titles, addresses and texts carry `PAYLOADS`: statements, a conflict, quotes. */
export async function hostileCorpus(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-hostile-html-'))
  const shared = [
    `The harbor authority closed the old ferry pier on Monday after divers found cracked pilings. ${PAYLOADS.text}`,
    '"We will not reopen the pier until every piling is replaced," harbor master Ines Varga said.',
    'Repairs to the pier are expected to take about nine months, the authority said.',
  ]
  const texts = [
    [...shared, 'The pier carried 4,000 passengers a day before it closed, the ferry company said.', `Local cafes near the pier reported a drop in trade on Tuesday ${PAYLOADS.text}.`],
    [...shared, 'The pier carried 2,500 passengers a day before it closed, the ferry company said.', 'Councillor Rafe Dunmore called the closure an overdue step.'],
    [shared[0]!, shared[2]!, 'Ferry passengers will use a temporary landing at the north quay from Wednesday.'],
  ]
  const outlets = [PAYLOADS.outletA, PAYLOADS.outletB, PAYLOADS.outletC]
  const records = texts.map((t, i) => ({ story: PAYLOADS.story, id: `a${i}`, outlet: outlets[i], title: `${PAYLOADS.title} pier closed`, url: PAYLOADS.url, published: '2031-05-12', text: t.join('\n\n') }))
  const file = path.join(dir, 'hostile.jsonl')
  await writeFile(file, records.map((r) => JSON.stringify(r)).join('\n'))
  return file
}

/** The story pages of an output folder, by story id, as index.csv's folders give them. */
export async function storyPages(out: string): Promise<Map<string, string>> {
  const index = await readFile(path.join(out, 'index.csv'), 'utf8')
  const { parse } = await import('csv-parse/sync')
  const rows = parse(index, { columns: true, bom: true }) as Record<string, string>[]
  return new Map(rows.filter((r) => r.status === 'ok').map((r) => [r.story_id!, path.join(out, r.folder!, 'report.html')]))
}

/**
 * What in a page could run or fetch anything: every script but the page's one, elements that load or embed
 * (img, iframe, object, embed, link, base, form), `on…` attributes, links that are neither in-page, relative nor
 * http(s), as `what: detail`; `[]` when the page is safe.
 */
export function unsafeParts(html: string): string[] {
  const { document } = parseHTML(html)
  const found: string[] = []
  const scripts = [...document.querySelectorAll('script')]
  if (scripts.length !== 1) found.push(`scripts: ${scripts.length}`)
  for (const el of document.querySelectorAll('img, iframe, object, embed, link, base, form, frame, audio, video, source, meta[http-equiv="refresh"]')) found.push(`element: ${el.outerHTML.slice(0, 80)}`)
  for (const el of document.querySelectorAll('*')) {
    for (const a of [...el.attributes]) {
      if (/^on/i.test(a.name)) found.push(`attribute: ${a.name}=${a.value.slice(0, 40)}`)
      if ((a.name === 'href' || a.name === 'src' || a.name === 'xlink:href') && !/^(#|https?:\/\/|\.\.\/index\.html$|[^:]+\/report\.html$)/.test(a.value)) found.push(`${a.name}: ${a.value}`)
    }
  }
  return found
}

/** The text of every element matching `selector`, whitespace collapsed. */
export function textsOf(html: string, selector: string): string[] {
  const { document } = parseHTML(html)
  return [...document.querySelectorAll(selector)].map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim())
}
