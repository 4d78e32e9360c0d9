// run-page: OUT/index.html, the run's page: the stories table (sortable; status, counts, a link to each story's
// page), the corpus-wide distinctive terms per outlet, and each outlet's framing across the run.
import type { DistinctiveTerm } from '../../../core/types.js'
import type { IndexRow } from '../index-csv.js'
import type { ToolInfo } from '../report-file.js'
import { attr, text } from './escape.js'
import { framingFigures, type OutletMeasures } from './framing-figures.js'
import { dataTable, page, section } from './page.js'

/** What the run page is made of: every story's index row, the corpus-wide terms, the outlets' framing over the run. */
export interface RunPageInput {
  readonly rows: readonly IndexRow[]
  readonly terms: readonly DistinctiveTerm[]
  /** Each outlet's measures over the run (see `averagedMeasures`), in the order to show them. */
  readonly framing: readonly OutletMeasures[]
  readonly tool: ToolInfo
}

function storiesTable(rows: readonly IndexRow[]): string {
  const sorted = [...rows].sort((a, b) => (a.storyId < b.storyId ? -1 : a.storyId > b.storyId ? 1 : 0))
  const link = (r: IndexRow) => (r.status === 'ok' ? `<a href="${attr(encodeURI(r.folder))}/report.html">${text(r.storyId)}</a>` : text(r.storyId))
  return dataTable(
    [
      { label: 'story' },
      { label: 'status' },
      { label: 'articles', num: true },
      { label: 'outlets', num: true },
      { label: 'statements', num: true },
      { label: 'corroborated', num: true },
      { label: 'conflicts', num: true },
      { label: 'quotes changed', num: true },
      { label: 'warnings', num: true },
      { label: 'fatal', num: true },
    ],
    sorted.map((r) => [link(r), text(r.status), ...[r.articles, r.outlets, r.statements, r.corroborated, r.conflicts, r.quotesChanged, r.warnings, r.fatal].map(String)]),
    { sortable: true, caption: 'Click a heading to sort; a story id opens its page.' },
  )
}

/** index.html: the run's page, whole and self-contained. */
export function runPage(input: RunPageInput): string {
  const ok = input.rows.filter((r) => r.status === 'ok')
  const sum = (f: (r: IndexRow) => number) => ok.reduce((n, r) => n + f(r), 0)
  const glance = `<dl class="glance">${[
    ['stories', String(input.rows.length)],
    ['analysed', String(ok.length)],
    ['articles', String(sum((r) => r.articles))],
    ['statements', String(sum((r) => r.statements))],
    ['corroborated', String(sum((r) => r.corroborated))],
    ['conflicts', String(sum((r) => r.conflicts))],
  ]
    .map(([k, v]) => `<div><dt>${text(k)}</dt><dd>${text(v)}</dd></div>`)
    .join('')}</dl>`
  const terms = new Map<string, DistinctiveTerm[]>()
  for (const t of input.terms) terms.set(t.outlet, [...(terms.get(t.outlet) ?? []), t])
  const body = [
    section('stories', 'Stories', 'One row per story of the run, as index.csv lists them.', glance + storiesTable(input.rows)),
    section('framing', 'Outlets across the run', "Each outlet's framing measures averaged over its stories (weighted by words), the words it favours over the whole corpus (as OUT/terms.csv), and its frames.", input.framing.length === 0 ? '<p>No framing measures: no story was analysed, or none kept them.</p>' : framingFigures(input.framing, terms)),
  ].join('\n')
  const subtitle = `${input.rows.length} stories · ${text(input.tool.name)} ${text(input.tool.version)}`
  return page({ title: 'corroborate: all stories', subtitle, toc: [{ id: 'stories', label: 'Stories' }, { id: 'framing', label: 'Outlets across the run' }], body })
}
