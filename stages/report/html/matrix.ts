// matrix: the coverage matrix (statements × outlets, each cell coloured by how the outlet's sentence relates to the
// statement) and the outlets' agreement matrix beside it.
import type { Ledger, Relation, ScoredStatement } from '../../../core/types.js'
import { heatMap } from './charts.js'
import { attr, text } from './escape.js'
import { STATEMENTS_KEPT, TOP_OUTLETS, TOP_STATEMENTS } from './order.js'
import { dataTable, num } from './page.js'

/** The kinds a matrix cell shows: its class, the symbol in it (so that colour is never the only cue) and its meaning. */
export const CELL_KINDS = [
  { kind: 'agree', symbol: '=', label: 'agrees (identical or paraphrase)', short: 'agrees' },
  { kind: 'partial', symbol: '~', label: 'partial: says more or less', short: 'partial' },
  { kind: 'number', symbol: '#', label: 'number conflict', short: 'number conflict' },
  { kind: 'negation', symbol: '!', label: 'negation conflict', short: 'negation conflict' },
  { kind: 'quote', symbol: 'Q', label: 'quote conflict', short: 'quote conflict' },
  { kind: 'source', symbol: 'S', label: 'credits another source', short: 'another source' },
  { kind: 'update', symbol: 'U', label: 'update: a later figure', short: 'update' },
  { kind: 'absent', symbol: '', label: 'does not carry it', short: 'absent' },
] as const

/** A cell's kind. */
export type CellKind = (typeof CELL_KINDS)[number]['kind']

const KIND_OF: Readonly<Record<Relation, CellKind>> = {
  identical: 'agree',
  paraphrase: 'agree',
  partial: 'partial',
  number_conflict: 'number',
  negation_conflict: 'negation',
  quote_conflict: 'quote',
  attribution_differs: 'source',
  update: 'update',
}

// When an outlet's sentences relate in several ways, the cell shows the one a reader must see: disputes first.
const PRIORITY: readonly CellKind[] = ['number', 'negation', 'quote', 'source', 'update', 'partial', 'agree']

/** How each outlet carrying a statement relates to it: the strongest of its members' relations and of its pairs. */
export function cellKinds(statement: ScoredStatement): Map<string, CellKind> {
  const outletOf = new Map(statement.members.map((m) => [m.sentence, m.outlet]))
  const found = new Map<string, Set<CellKind>>()
  const add = (outlet: string | undefined, kind: CellKind) => {
    if (outlet === undefined) return
    const kinds = found.get(outlet) ?? new Set<CellKind>()
    kinds.add(kind)
    found.set(outlet, kinds)
  }
  for (const m of statement.members) add(m.outlet, KIND_OF[m.relation])
  for (const p of statement.pairs) {
    if (KIND_OF[p.relation] === 'agree' || KIND_OF[p.relation] === 'partial') continue
    // A dispute between two outlets' sentences marks both: each says the other's figure is wrong.
    add(outletOf.get(p.a), KIND_OF[p.relation])
    add(outletOf.get(p.b), KIND_OF[p.relation])
  }
  return new Map([...found].map(([outlet, kinds]) => [outlet, PRIORITY.find((k) => kinds.has(k))!]))
}

/** The legend of the matrix: every kind's swatch, symbol and meaning. */
export function matrixLegend(): string {
  return `<ul class="legend" aria-label="Legend of the coverage matrix">${CELL_KINDS.map((k) => `<li><span class="sw r-${k.kind}" aria-hidden="true">${text(k.symbol)}</span>${text(k.label)}</li>`).join('')}</ul>`
}

function matrixTable(statements: readonly ScoredStatement[], outlets: readonly string[], caption: string): string {
  const head = `<tr><th scope="col" class="row">statement</th><th scope="col" title="outlets carrying it"><span>support</span></th><th scope="col" title="independent origins behind it"><span>independent</span></th>${outlets.map((o) => `<th scope="col" title="${attr(o)}"><span>${text(o)}</span></th>`).join('')}</tr>`
  const rows = statements.map((s) => {
    const kinds = cellKinds(s)
    const cells = outlets
      .map((o) => {
        const kind = kinds.get(o) ?? 'absent'
        // An empty cell is an absent one (the stylesheet greys it): a thousand-outlet story has many.
        if (kind === 'absent') return '<td></td>'
        const k = CELL_KINDS.find((c) => c.kind === kind)!
        return `<td class="r-${kind}" title="${attr(`${s.id} · ${o}: ${k.short}`)}">${text(k.symbol)}</td>`
      })
      .join('')
    // The statement's text is the row's title, so that hovering its label, its counts or an empty cell shows it; a
    // coloured cell names the statement by id (its text in each of thousands of cells would swell the page).
    return `<tr data-statement="${attr(s.id)}" title="${attr(`${s.id}: ${s.text}`)}"><th scope="row" class="row"><a href="#ledger-${attr(s.id)}" class="sid">${text(s.id)}</a><span class="txt">${text(s.text)}</span></th><td class="n">${s.support}</td><td class="n">${s.independentSupport}</td>${cells}</tr>`
  })
  return `<div class="scroll"><table class="matrix" aria-label="${attr(caption)}"><thead>${head}</thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`
}

/**
 * The coverage matrix: one row per statement (the best-supported first; past `TOP_STATEMENTS` behind "show all"), one
 * column per outlet (the `TOP_OUTLETS` carrying most; the others' counts listed below), with its legend.
 */
export function coverageMatrix(statements: readonly ScoredStatement[], outlets: readonly string[]): string {
  if (statements.length === 0) return '<p>No statement is carried by two outlets.</p>'
  const shown = outlets.slice(0, TOP_OUTLETS)
  const caption = `Coverage matrix: ${statements.length} statements (rows) by ${shown.length} outlets (columns); each cell says how the outlet's sentence relates to the statement`
  let html = matrixLegend() + matrixTable(statements.slice(0, TOP_STATEMENTS), shown, caption)
  if (statements.length > TOP_STATEMENTS) {
    const cut = statements.length > STATEMENTS_KEPT ? `<p class="muted">coverage.csv has the other ${statements.length - STATEMENTS_KEPT}.</p>` : ''
    html += `<details class="more"><summary>Show all ${statements.length} statements</summary>${matrixTable(statements.slice(TOP_STATEMENTS, STATEMENTS_KEPT), shown, `${caption}, continued`)}${cut}</details>`
  }
  if (outlets.length > shown.length) {
    const carried = new Map<string, number>()
    for (const s of statements) for (const o of s.outlets) carried.set(o, (carried.get(o) ?? 0) + 1)
    const rest = outlets.slice(TOP_OUTLETS)
    html += `<details class="more"><summary>Show all ${outlets.length} outlets (${rest.length} more, each carrying fewer statements)</summary>${dataTable(
      [{ label: 'outlet' }, { label: 'statements carried', num: true }],
      rest.map((o) => [text(o), String(carried.get(o) ?? 0)]),
      { sortable: true },
    )}</details>`
  }
  return html
}

/** The outlets' agreement matrix (Jaccard over statements) as a heat map of the top outlets, with its table. */
export function agreementMatrix(ledger: Ledger, outlets: readonly string[]): string {
  const shown = outlets.slice(0, Math.min(TOP_OUTLETS, 20))
  const inShown = new Set(shown)
  const pairs = ledger.outletPairs.filter((p) => inShown.has(p.outletA) && inShown.has(p.outletB))
  if (shown.length < 2) return ''
  const cells = pairs.flatMap((p) => [
    { row: p.outletA, column: p.outletB, value: p.agreement },
    { row: p.outletB, column: p.outletA, value: p.agreement },
  ])
  const chart = heatMap('Agreement between outlets', 'shared statements, % of those either carries', cells, shown, shown)
  const table = dataTable(
    [{ label: 'outlet A' }, { label: 'outlet B' }, { label: 'shared', num: true }, { label: 'agreement', num: true }, { label: 'conflicts', num: true }],
    pairs.map((p) => [text(p.outletA), text(p.outletB), String(p.sharedStatements), num(p.agreement), String(p.conflicts)]),
    { sortable: true },
  )
  const all = ledger.outletPairs.length > pairs.length ? ` of the ${shown.length} outlets shown; outlet_pairs.csv has all ${ledger.outletPairs.length} pairs` : ''
  return `${chart}<details><summary>The agreement matrix as a table (every pair${text(all)})</summary>${table}</details>`
}
