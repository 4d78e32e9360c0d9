// story-page: a story's report.html, built from the analysed story in memory (the data of its CSVs), its sections
// in the order a reader asks: the story at a glance, the headlines, the coverage and agreement matrices, the ledger,
// quotes, what each outlet leaves out or alone reports, framing, and the digest.
import type { Ledger } from '../../../core/types.js'
import { statementOfUnits } from '../../../core/statements.js'
import type { ReportInput } from '../report-file.js'
import { isConflict } from '../../score/relate.js'
import { attr, href, text } from './escape.js'
import { ledgerList, outletNames } from './ledger.js'
import { markDiff, markWords } from './marks.js'
import { agreementMatrix, coverageMatrix } from './matrix.js'
import { framingFigures, measuresOf } from './framing-figures.js'
import { rankedOutlets, rankedStatements, ROWS_KEPT, ROWS_SHOWN, WORDINGS_SHOWN } from './order.js'

/** Quotations printed by two outlets or more kept in the page; quotes.csv has every one. */
const QUOTES_KEPT = 100
import { dataTable, num, page, section } from './page.js'

const SECTIONS = [
  { id: 'glance', label: 'At a glance' },
  { id: 'headlines', label: 'Headlines' },
  { id: 'coverage', label: 'Coverage' },
  { id: 'ledger', label: 'Ledger' },
  { id: 'quotes', label: 'Quotes' },
  { id: 'gaps', label: 'Left out, reported alone' },
  { id: 'framing', label: 'Framing' },
  { id: 'digest', label: 'Digest' },
] as const

/** The first and last publication dates of the story's articles (`YYYY-MM-DD` as given), or null when none has one. */
function dates(ledger: Ledger): string | null {
  const given = ledger.articles.map((a) => a.published).filter((d): d is string => d !== null && d !== '').sort()
  if (given.length === 0) return null
  return given[0] === given[given.length - 1] ? given[0]! : `${given[0]} to ${given[given.length - 1]}`
}

function glance(ledger: Ledger): string {
  const st = ledger.story
  const disputes = ledger.conflicts.filter((c) => isConflict(c.relation)).length
  const items: [string, string, boolean?][] = [
    ['outlets', String(st.outletCount)],
    ['articles', String(st.articleCount)],
    ['published', dates(ledger) ?? 'not given', true],
    ['statements', String(st.statementCount)],
    ['corroborated statements', String(st.corroboratedCount)],
    // Disputes only, as the definition above says; an attribution difference is sourcing (conflicts.csv's `kind`).
    ['conflicts', String(disputes)],
    ['sources differ', String(ledger.conflicts.length - disputes)],
    ['quotes changed', String(st.quotesChanged)],
  ]
  const dl = `<dl class="glance">${items.map(([k, v, small]) => `<div><dt>${text(k)}</dt><dd${small ? ' class="small"' : ''}>${text(v)}</dd></div>`).join('')}</dl>`
  const top = rankedStatements(ledger)[0]
  const lead = top ? `<p class="lead">Most widely reported (<a href="#ledger-${attr(top.id)}">${text(top.id)}</a>, ${top.independentSupport} independent of ${top.support} outlets): ${text(top.text)}</p>` : ''
  return section('glance', 'The story at a glance', 'A <b>statement</b> is one claim reported by two or more outlets; it is <b>corroborated</b> when at least two independent newsrooms (not copies of one text) carry it. A <b>conflict</b> is two outlets giving different numbers, quotations or a denial for the same claim.', dl + lead)
}

function headlines(ledger: Ledger): string {
  const statementOf = statementOfUnits(ledger.statements)
  const articleOf = new Map(ledger.articles.map((a) => [a.id, a]))
  const order = new Map(rankedOutlets(ledger).map((o, i) => [o, i]))
  const all = [...ledger.framing.headlines].sort((a, b) => order.get(a.outlet)! - order.get(b.outlet)!)
  const card = (h: (typeof all)[number]) => {
    const s = statementOf.get(h.unit)
    const a = articleOf.get(h.article)
    const link = href(a?.url)
    const backing = s ? `<span class="badge${s.independentSupport >= 2 ? ' strong' : ''}">${s.independentSupport >= 2 ? 'corroborated' : 'backed'}: ${s.support} outlets (${text(s.id)})</span>` : '<span class="badge">no other outlet states it</span>'
    const loaded = h.loaded.length > 0 ? ` · loaded: ${h.loaded.map(text).join(', ')}` : ''
    return `<article class="card"><div class="outlet">${text(h.outlet)}${a?.published ? ` · ${text(a.published)}` : ''}${link ? ` · <a href="${link}" rel="noreferrer noopener">source</a>` : ''}</div><div class="headline">${markWords(h.text, h.loaded, 'loaded')}</div><div class="meta">${backing} tone ${num(h.tonePer100w, 1)} per 100 words${loaded}</div></article>`
  }
  const cards = `<div class="cards">${all.slice(0, 24).map(card).join('')}</div>`
  const more = all.length > 24 ? `<details class="more"><summary>Show all ${all.length} headlines</summary><div class="cards">${all.slice(24, ROWS_KEPT).map(card).join('')}</div>${all.length > ROWS_KEPT ? `<p class="muted">headlines.csv lists the other ${all.length - ROWS_KEPT}.</p>` : ''}</details>` : ''
  // An article without a headline (none in its metadata, none `clean` found) is said so, not left for the reader to miss.
  const titled = new Set(all.map((h) => h.article))
  const untitled = ledger.articles.filter((a) => !titled.has(a.id)).sort((a, b) => (order.get(a.outlet) ?? 0) - (order.get(b.outlet) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const none = untitled.length === 0 || all.length === 0 ? '' : `<p class="muted">No headline found for ${untitled.length} of ${ledger.articles.length} articles: ${outletNames(untitled.map((a) => a.outlet))}.</p>`
  const body = all.length === 0 ? '<p>No article has a headline.</p>' : cards + more + none
  return section('headlines', 'Headlines side by side', 'Each outlet\'s headline, whether other outlets back its claim, and its tone (AFINN-165 word valence per 100 words: below 0 negative, above 0 positive). <mark class="loaded">Marked</mark> words are loaded words or intensifiers.', body)
}

function coverage(ledger: Ledger): string {
  const statements = rankedStatements(ledger)
  const outlets = rankedOutlets(ledger)
  const body = `<div class="pair"><div><h3>Coverage matrix</h3>${coverageMatrix(statements, outlets)}</div><div><h3>Agreement matrix</h3>${agreementMatrix(ledger, outlets)}</div></div>`
  return section('coverage', 'Who reports what', 'Rows are statements, the best-supported first; columns are outlets. A cell\'s colour and symbol say how the outlet\'s sentence relates to the statement (hover a row for the statement\'s text; a statement id leads to its ledger entry). Beside it, how much each pair of outlets shares.', body)
}

function ledgerSection(input: ReportInput): string {
  const body = ledgerList(rankedStatements(input.ledger), input.ledger.conflicts, input.unitById)
  return section('ledger', 'The ledger', 'One entry per statement, the best-supported first. Open one to read each outlet\'s wording (<mark class="diff">marked</mark>: words that differ from the first wording), who it credits, and any conflict side by side with the <mark class="value">values</mark> in dispute.', body)
}

function quotes(ledger: Ledger): string {
  const groups = new Map<string, (typeof ledger.quotes)[number][]>()
  for (const q of ledger.quotes) groups.set(q.group, [...(groups.get(q.group) ?? []), q])
  // Only quotations printed by two outlets or more have a fidelity worth showing; the others are in quotes.csv.
  const shared = [...groups].filter(([, qs]) => new Set(qs.map((q) => q.outlet)).size >= 2)
  const block = ([group, all]: [string, (typeof ledger.quotes)[number][]]) => {
    // A quotation a thousand outlets print: the renderings that differ first, then the exact ones, up to a screenful.
    const qs = [...all.filter((q) => q.fidelity !== 'exact'), ...all.filter((q) => q.fidelity === 'exact')].slice(0, WORDINGS_SHOWN)
    const reference = all.find((q) => q.fidelity === 'exact')?.text ?? [...all].sort((a, b) => b.text.length - a.text.length)[0]!.text
    const speaker = qs.find((q) => q.speaker !== null)?.speaker
    const rows = qs.map((q) => [text(q.outlet), text(q.fidelity), text(q.speaker ?? ''), markDiff(q.text, reference)])
    const more = all.length > qs.length ? `<p class="muted">${all.length - qs.length} more renderings (quotes.csv has each).</p>` : ''
    return `<h3>${text(group)}${speaker ? `: ${text(speaker)}` : ''}</h3>${dataTable([{ label: 'outlet' }, { label: 'fidelity' }, { label: 'speaker' }, { label: 'words inside the marks' }], rows)}${more}`
  }
  let body = shared.length === 0 ? '<p>No quotation is printed by two outlets.</p>' : shared.slice(0, ROWS_SHOWN).map(block).join('')
  if (shared.length > ROWS_SHOWN) body += `<details class="more"><summary>Show all ${shared.length} quotations</summary>${shared.slice(ROWS_SHOWN, QUOTES_KEPT).map(block).join('')}${shared.length > QUOTES_KEPT ? `<p class="muted">quotes.csv has the other ${shared.length - QUOTES_KEPT}.</p>` : ''}</details>`
  return section('quotes', 'Quotes and their fidelity', 'Each quotation printed by two or more outlets: <b>exact</b>, <b>minor</b> (punctuation or a word\'s form), <b>truncated</b> or <b>changed</b> against the rendering most outlets share; <mark class="diff">marked</mark> words differ from it.', body)
}

function longTable(head: Parameters<typeof dataTable>[0], rows: readonly (readonly string[])[], what: string, csv: string): string {
  if (rows.length === 0) return `<p>No ${text(what)}.</p>`
  let html = dataTable(head, rows.slice(0, ROWS_SHOWN), { sortable: true })
  if (rows.length > ROWS_SHOWN) {
    const kept = rows.slice(ROWS_SHOWN, ROWS_KEPT)
    html += `<details class="more"><summary>Show all ${rows.length} ${text(what)}</summary>${dataTable(head, kept, { sortable: true })}${rows.length > ROWS_KEPT ? `<p class="muted">${text(csv)} lists the other ${rows.length - ROWS_KEPT}.</p>` : ''}</details>`
  }
  return html
}

function gaps(ledger: Ledger): string {
  const omissions = longTable(
    [{ label: 'outlet' }, { label: 'statement' }, { label: 'support', num: true }, { label: 'independent', num: true }, { label: 'what it leaves out' }],
    // "published earlier": later news the outlet could not have carried then, said beside the text.
    ledger.omissions.map((o) => [text(o.outlet), `<a href="#ledger-${attr(o.statement)}">${text(o.statement)}</a>`, String(o.support), String(o.independentSupport), `${text(o.text)}${o.publishedEarlier ? ' <em>(published earlier than its first report)</em>' : ''}`]),
    'statements left out',
    'omissions.csv',
  )
  const alone = longTable(
    [{ label: 'outlet' }, { label: 'what only it reports' }],
    ledger.digest.singleSource.map((s) => [text(s.outlet), text(s.text)]),
    'sentences one outlet alone reports',
    'digest.md',
  )
  return section('gaps', 'What each outlet leaves out, and what only one reports', 'Statements most other outlets (or two independent origins) carry that an outlet does not, and notable claims no other outlet makes.', `<h3>Left out</h3>${omissions}<h3>Reported by one outlet only</h3>${alone}`)
}

function framing(ledger: Ledger): string {
  const order = new Map(rankedOutlets(ledger).map((o, i) => [o, i]))
  const rows = [...ledger.framing.outlets].sort((a, b) => order.get(a.outlet)! - order.get(b.outlet)!)
  const terms = new Map<string, { term: string; count: number }[]>()
  for (const t of ledger.framing.terms) terms.set(t.outlet, [...(terms.get(t.outlet) ?? []), t])
  return section('framing', 'Framing', 'How each outlet tells the story: one small chart per measure (the same outlets in the same order in each), the words it favours, and the share of its sentences touching each of the 15 policy frames.', framingFigures(rows.map(measuresOf), terms))
}

function digest(ledger: Ledger): string {
  const d = ledger.digest
  const corroborated = d.corroborated.slice(0, ROWS_KEPT).map((c) => `<li>${text(c.text)} <span class="muted">(${c.independentSupport} independent: ${c.outlets.map(text).join(', ')})</span></li>`).join('')
  // Each value once, with the outlets that give it: a thousand outlets may give two figures between them.
  const versions = (vs: (typeof d.disputed)[number]['versions']) => {
    const byValue = new Map<string, string[]>()
    for (const v of vs) byValue.set(v.value, [...(byValue.get(v.value) ?? []), v.outlet])
    return [...byValue].map(([value, outlets]) => `${outlets.length > 5 ? `${outlets.slice(0, 5).map(text).join(', ')} and ${outlets.length - 5} more` : outlets.map(text).join(', ')} ${outlets.length === 1 ? 'says' : 'say'} <mark class="value">${text(value)}</mark>`).join('; ')
  }
  const disputed = d.disputed.slice(0, 100).map((x) => `<li><a href="#ledger-${attr(x.statement)}">${text(x.statement)}</a>: ${versions(x.versions)}</li>`).join('')
  const body = `<div class="digest"><h3>What independent outlets agree on</h3>${corroborated ? `<ul>${corroborated}</ul>` : '<p>Nothing is carried by two independent outlets.</p>'}<h3>Disputed</h3>${disputed ? `<ul>${disputed}</ul>` : '<p>No conflict.</p>'}</div>`
  return section('digest', 'Digest', 'The story in brief, as digest.md tells it.', body)
}

/** report.html: the story's page, whole and self-contained. */
export function storyPage(input: ReportInput): string {
  const { ledger, tool } = input
  const st = ledger.story
  const subtitle = `${st.outletCount} outlets, ${st.articleCount} articles${dates(ledger) ? `, ${text(dates(ledger)!)}` : ''} · ${text(tool.name)} ${text(tool.version)} · <a href="../index.html">all stories</a>`
  const body = [glance(ledger), headlines(ledger), coverage(ledger), ledgerSection(input), quotes(ledger), gaps(ledger), framing(ledger), digest(ledger)].join('\n')
  return page({ title: st.id, subtitle, toc: SECTIONS, body })
}
