// framing-figures: the framing measures of outlets as small multiples (one bar chart per measure, the same outlets
// in the same order), distinctive terms per outlet and the 15 frames as a heat strip; for one story (report.html)
// and for the whole run (index.html, each outlet's measures averaged over its stories, weighted by words).
import type { FramingRow } from '../../../core/types.js'
import { barChart, heatMap } from './charts.js'
import { text } from './escape.js'
import { outletNames } from './ledger.js'
import { ROWS_KEPT, TOP_OUTLETS } from './order.js'
import { dataTable, num } from './page.js'

/** The framing measures drawn as small multiples: field, caption, unit, and whether it is a share in [0, 1]. */
export const MEASURES = [
  { key: 'tonePer100w', caption: 'Tone', unit: 'AFINN valence per 100 words', share: false },
  { key: 'hedgesPer100w', caption: 'Hedges', unit: 'per 100 words', share: false },
  { key: 'intensifiersPer100w', caption: 'Intensifiers', unit: 'per 100 words', share: false },
  { key: 'loadedPer100w', caption: 'Loaded words', unit: 'per 100 words', share: false },
  { key: 'loadedVerbShare', caption: 'Loaded report verbs', unit: 'share of report verbs', share: true },
  { key: 'quotesPer100w', caption: 'Quotations', unit: 'per 100 words', share: false },
  { key: 'anonymousPer100w', caption: 'Anonymous sourcing', unit: 'sentences per 100 words', share: false },
  { key: 'officialShare', caption: 'Official voices', unit: 'share of attributed sentences', share: true },
  { key: 'coverage', caption: 'Corroborated', unit: 'share of its sentences others carry', share: true },
] as const satisfies readonly { readonly key: keyof FramingRow; readonly caption: string; readonly unit: string; readonly share: boolean }[]

/** An outlet's measures as the figures draw them: what a story's state keeps for the run page. */
export interface OutletMeasures {
  readonly outlet: string
  readonly words: number
  /** The value of each measure of `MEASURES`, by its key. */
  readonly values: Readonly<Record<string, number>>
  /** Share of sentences touching each frame, in the order of the frames lexicon. */
  readonly frames: Readonly<Record<string, number>>
  /** Over the run (see `averagedMeasures`): how many stories the outlet's measures are averaged over. */
  readonly stories?: number
}

/** An outlet's framing row as the figures draw it. */
export function measuresOf(row: FramingRow): OutletMeasures {
  return { outlet: row.outlet, words: row.words, values: Object.fromEntries(MEASURES.map((m) => [m.key, row[m.key]])), frames: row.frames }
}

/** Running sums of outlets' measures over stories (weighted by words), to average once every story is in. */
export type MeasureTotals = Map<string, { words: number; stories: number; values: Map<string, number>; frames: Map<string, number> }>

/** Add one story's outlet measures to the run's sums. */
export function addMeasures(totals: MeasureTotals, rows: readonly OutletMeasures[]): void {
  const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
  for (const r of rows) {
    // Rows come from state files on disk: one not of this shape (an edited file) is left out, a non-number value too.
    if (typeof r !== 'object' || r === null || typeof r.outlet !== 'string' || !finite(r.words) || typeof r.values !== 'object' || typeof r.frames !== 'object' || r.values === null || r.frames === null) continue
    const t = totals.get(r.outlet) ?? { words: 0, stories: 0, values: new Map<string, number>(), frames: new Map<string, number>() }
    t.words += r.words
    t.stories++
    for (const [k, v] of Object.entries(r.values)) if (finite(v)) t.values.set(k, (t.values.get(k) ?? 0) + v * r.words)
    for (const [k, v] of Object.entries(r.frames)) if (finite(v)) t.frames.set(k, (t.frames.get(k) ?? 0) + v * r.words)
    totals.set(r.outlet, t)
  }
}

/** Each outlet's measures over the run, weighted by words, the outlets with the most words first. */
export function averagedMeasures(totals: MeasureTotals): OutletMeasures[] {
  const mean = (m: Map<string, number>, words: number) => Object.fromEntries([...m].map(([k, v]) => [k, words > 0 ? v / words : 0]))
  return [...totals]
    .map(([outlet, t]) => ({ outlet, words: t.words, stories: t.stories, values: mean(t.values, t.words), frames: mean(t.frames, t.words) }))
    .sort((a, b) => b.words - a.words || (a.outlet < b.outlet ? -1 : a.outlet > b.outlet ? 1 : 0))
}

/** The framing figures and tables for outlets in the order given (the first `TOP_OUTLETS`, at most 20, drawn). */
export function framingFigures(given: readonly OutletMeasures[], terms: ReadonlyMap<string, readonly { readonly term: string; readonly count: number }[]>): string {
  // An outlet of headlines alone has no body words to measure: its zeros would read as a neutral, unhedged outlet.
  // It is left out and named; its headlines' tone is in "Headlines side by side".
  const rows = given.filter((r) => r.words > 0)
  const bodiless = given.filter((r) => r.words === 0).map((r) => r.outlet)
  const unmeasured = bodiless.length === 0 ? '' : `<p class="muted">Not measured, for want of body text (headlines alone): ${outletNames(bodiless)}.</p>`
  if (rows.length === 0) return `${unmeasured}<p>No outlet has body text to measure.</p>`
  const shown = rows.slice(0, Math.min(TOP_OUTLETS, 20))
  const multiples = `<div class="multiples">${MEASURES.map((m) => barChart(m.caption, m.unit, shown.map((r) => ({ outlet: r.outlet, value: r.values[m.key] ?? 0 })), m.share ? { domain: [0, 1] } : {})).join('')}</div>`
  // Over a run, how many stories each outlet's averages stand on: one story's measures are not a habit.
  const overRun = rows.some((r) => r.stories !== undefined)
  const table = dataTable(
    [{ label: 'outlet' }, ...(overRun ? [{ label: 'stories', num: true }] : []), { label: 'words', num: true }, ...MEASURES.map((m) => ({ label: `${m.caption} (${m.unit})`, num: true }))],
    rows.slice(0, ROWS_KEPT).map((r) => [text(r.outlet), ...(overRun ? [String(r.stories ?? 0)] : []), String(r.words), ...MEASURES.map((m) => num(r.values[m.key] ?? 0))]),
    { sortable: true },
  )
  const frames = Object.keys(shown[0]?.frames ?? {})
  const label = (f: string) => f.replace(/_/g, ' ')
  const cells = shown.flatMap((r) => frames.map((f) => ({ row: r.outlet, column: label(f), value: r.frames[f] ?? 0 })))
  const strip = frames.length > 0 ? heatMap(`The ${frames.length} frames`, 'share of sentences touching the frame, %', cells, shown.map((r) => r.outlet), frames.map(label)) : ''
  const frameTable = dataTable(
    [{ label: 'outlet' }, ...frames.map((f) => ({ label: label(f), num: true }))],
    rows.slice(0, ROWS_KEPT).map((r) => [text(r.outlet), ...frames.map((f) => num(r.frames[f] ?? 0))]),
    { sortable: true },
  )
  const termCards = `<div class="terms">${shown
    .map((r) => {
      const list = (terms.get(r.outlet) ?? []).slice(0, 10)
      return `<div><b>${text(r.outlet)}</b><br>${list.length === 0 ? '<span class="muted">none stands out</span>' : list.map((t) => `${text(t.term)} <span class="muted">(${t.count})</span>`).join(', ')}</div>`
    })
    .join('')}</div>`
  const more = rows.length > shown.length ? `<p class="muted">The figures show ${shown.length} of the ${rows.length} outlets; the tables have ${Math.min(rows.length, ROWS_KEPT)}.</p>` : ''
  return `${more}${unmeasured}<h3>Measures across outlets</h3>${multiples}<details><summary>The measures as a table</summary>${table}</details><h3>Distinctive terms</h3><p class="lede">Words each outlet uses markedly more than the others (log-odds with an informative prior; the count in brackets).</p>${termCards}<h3>Frames</h3>${strip}<details><summary>The frames as a table</summary>${frameTable}</details>`
}
