// A story of 1,000 outlets still gives a page a reader can use and a browser can open: at most 5 MB, the outlets
// carrying most statements in the matrix and the figures, the rest behind "Show all".
import { readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseHTML } from 'linkedom'
import { TOP_OUTLETS } from '../../../stages/report/html/order.js'
import { analyzeInto, storyPages } from '../../html-pages.js'

const OUTLETS = 1000
const PLACES = ['Ashford', 'Brindle', 'Calloway', 'Dunmore', 'Elmstead', 'Farrow', 'Glenridge', 'Harwick', 'Ivybridge', 'Kestrel']
const THINGS = ['buses', 'classrooms', 'streetlights', 'nurses', 'bridges', 'parks', 'libraries', 'clinics', 'ferries', 'shelters']
const VERBS = ['approved', 'announced', 'confirmed', 'proposed', 'rejected']
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']

/** 250 distinct claims, each a sentence of its own words. */
const FACTS = Array.from({ length: 250 }, (_, i) => {
  const place = PLACES[i % 10]!
  const thing = THINGS[Math.floor(i / 10) % 10]!
  const verb = VERBS[Math.floor(i / 100) % 5]!
  return (n: number) => `The ${place} council ${verb} ${n} new ${thing} for the ${thing === 'ferries' ? 'harbour' : 'eastern'} district on ${DAYS[i % 5]}, officials in ${place} said.`
})

/** Outlet `i` reports four of the claims (each claim is carried by about sixteen outlets), a few with another figure. */
function corpus(): string {
  return Array.from({ length: OUTLETS }, (_, i) => {
    const facts = [0, 1, 2, 3].map((k) => (i * 7 + k * 61) % FACTS.length)
    const text = facts.map((f) => FACTS[f]!(i % 9 === 0 ? 40 + (f % 7) : 30 + (f % 7))).join('\n\n')
    return JSON.stringify({ story: 'thousand', id: `a${String(i).padStart(4, '0')}`, outlet: `Outlet ${String(i).padStart(4, '0')}`, title: `Council news from outlet ${i}`, text })
  }).join('\n')
}

describe('a story of 1,000 outlets', () => {
  let html: string
  beforeAll(async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'corroborate-thousand-')), 'thousand.jsonl')
    await writeFile(file, corpus())
    html = readFileSync((await storyPages(await analyzeInto(file))).get('thousand')!, 'utf8')
  }, 180000)

  it('gives a page of at most 5 MB', () => {
    expect({ megabytes: Math.round((Buffer.byteLength(html) / 1e6) * 10) / 10, underLimit: Buffer.byteLength(html) <= 5 * 1024 * 1024 }).toEqual({ megabytes: expect.any(Number), underLimit: true })
  })

  it('shows the outlets carrying most statements first and the rest behind "Show all"', () => {
    const { document } = parseHTML(html)
    const columns = document.querySelectorAll('table.matrix')[0]!.querySelectorAll('thead th').length - 3
    const more = [...document.querySelectorAll('details.more > summary')].map((s) => (s.textContent ?? '').replace(/\s+/g, ' '))
    expect({ columns, outlets: more.some((s) => s.startsWith(`Show all ${OUTLETS} outlets`)), headlines: more.some((s) => s.startsWith(`Show all ${OUTLETS} headlines`)), charts: document.querySelectorAll('figure[role="group"]').length > 0 }).toEqual({
      columns: TOP_OUTLETS,
      outlets: true,
      headlines: true,
      charts: true,
    })
  })
})
