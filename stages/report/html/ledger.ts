// ledger: one entry per statement, its support and independent support in the summary line; opened, each outlet's
// wording with the words that differ from the representative marked, its source, and every conflict side by side
// with the differing values marked.
import type { Conflict, Relation, ScoredStatement, Sentence } from '../../../core/types.js'
import { attr, text } from './escape.js'
import { markDiff, markValue, markValueDiff } from './marks.js'
import { CONFLICTS_SHOWN, NAMES_SHOWN, STATEMENTS_KEPT, TOP_STATEMENTS, WORDINGS_SHOWN, WORDINGS_SHOWN_LATER } from './order.js'
import { tools } from './page.js'

/** How the page names each relation. */
export const RELATION_LABELS: Readonly<Record<Relation, string>> = {
  identical: 'identical',
  paraphrase: 'paraphrase',
  partial: 'partial (says more or less)',
  number_conflict: 'number conflict',
  quote_conflict: 'quote conflict',
  attribution_differs: 'credits another source',
  update: 'update (a later figure)',
  negation_conflict: 'negation conflict',
}

/**
 * One side of a conflict: the outlet, what it says, and its sentence with that value marked; in a quote conflict,
 * inside the quotation, the words the other side's rendering does not have.
 */
function side(relation: Relation, outlet: string, value: string, sentence: string, other: string): string {
  // A number or a denial is one short value; two renderings of a quotation differ in some of their words only.
  const quote = relation === 'quote_conflict'
  const marked = quote ? markValueDiff(sentence, value, other) : markValue(sentence, value)
  return `<div><div class="who"><b>${text(outlet)}</b> says <mark class="value">${quote ? markDiff(value, other) : text(value)}</mark></div><p>${marked.html}</p></div>`
}

/** A conflict as two columns, each side's value marked in its sentence (a quotation's differing words marked within). */
export function versus(c: Conflict): string {
  return `<div class="versus" data-relation="${attr(c.relation)}" aria-label="${attr(`${RELATION_LABELS[c.relation]} between ${c.outletA} and ${c.outletB}`)}">${side(c.relation, c.outletA, c.valueA, c.textA, c.valueB)}${side(c.relation, c.outletB, c.valueB, c.textB, c.valueA)}</div>`
}

/** Who a sentence credits: its attribution and the speakers of its quotations. */
function sourcesOf(unit: Sentence): string[] {
  const found = [unit.attribution, ...unit.quotes.map((q) => q.speaker)].filter((s): s is string => s !== null && s !== '')
  return [...new Set(found)]
}

/** One ledger entry: the statement's summary and, opened, its wordings and conflicts. */
function entry(s: ScoredStatement, conflicts: readonly Conflict[], unitById: ReadonlyMap<string, Sentence>, wordingsShown: number): string {
  const reference = unitById.get(s.representative)?.text ?? s.text
  // Reprints word a statement the same: one wording, the outlets that print it listed together.
  const wordings = new Map<string, { outlets: string[]; relations: Set<Relation>; sources: Set<string>; headline: boolean; attached: boolean }>()
  const members = [...s.members].sort((a, b) => Number(b.representative) - Number(a.representative))
  for (const m of members) {
    const unit = unitById.get(m.sentence)
    const wording = unit?.text ?? ''
    const w = wordings.get(wording) ?? { outlets: [], relations: new Set<Relation>(), sources: new Set<string>(), headline: false, attached: false }
    if (!w.outlets.includes(m.outlet)) w.outlets.push(m.outlet)
    w.relations.add(m.relation)
    if (unit) for (const source of sourcesOf(unit)) w.sources.add(source)
    if (unit?.unit === 'headline') w.headline = true
    if (m.attached) w.attached = true
    wordings.set(wording, w)
  }
  const listed = [...wordings].slice(0, wordingsShown).map(([wording, w], i) => {
    const relation = i === 0 ? 'the representative wording' : [...w.relations].map((r) => RELATION_LABELS[r]).join(', ')
    const sources = w.sources.size > 0 ? ` · source: ${[...w.sources].map(text).join(', ')}` : ''
    return `<div class="member"><div class="who">${outletNames(w.outlets)}${w.headline ? ' (headline)' : ''} · ${text(relation)}${sources}${w.attached ? ' · belongs to another statement too' : ''}</div><div class="wording">${i === 0 ? text(wording) : markDiff(wording, reference)}</div></div>`
  })
  const rest = [...wordings].slice(wordingsShown)
  if (rest.length > 0) {
    const outlets = rest.flatMap(([, w]) => w.outlets)
    listed.push(`<p class="muted">${rest.length} more wordings (alignments.csv has each), from ${outlets.length} outlets: ${outletNames(outlets)}</p>`)
  }
  // Many outlets may give the same two figures: each pair of values once, the first few side by side.
  const byValues = new Map<string, Conflict[]>()
  for (const c of conflicts) {
    const key = JSON.stringify([c.relation, c.valueA, c.valueB])
    byValues.set(key, [...(byValues.get(key) ?? []), c])
  }
  const distinct = [...byValues.values()].map((cs) => cs[0]!)
  const also = (c: Conflict) => {
    const others = byValues.get(JSON.stringify([c.relation, c.valueA, c.valueB]))!.slice(1)
    return others.length === 0 ? '' : `<p class="muted">The same two values also between ${outletNames(others.map((o) => `${o.outletA} and ${o.outletB}`))}.</p>`
  }
  const more = distinct.length > CONFLICTS_SHOWN ? `<p class="muted">${distinct.length - CONFLICTS_SHOWN} more pairs of differing values (conflicts.csv has every conflicting pair).</p>` : ''
  const heading = conflicts.length === 1 ? 'Conflict' : `${conflicts.length} conflicting pairs of sentences${distinct.length < conflicts.length ? `, ${distinct.length} pairs of values` : ''}`
  const disputes = conflicts.length > 0 ? `<h4>${heading}</h4>${distinct.slice(0, CONFLICTS_SHOWN).map((c) => `<p class="who">${text(RELATION_LABELS[c.relation])}</p>${versus(c)}${also(c)}`).join('')}${more}` : ''
  const warn = s.conflicts > 0 ? `<span class="badge warn">${s.conflicts} ${s.conflicts === 1 ? 'conflict' : 'conflicts'}</span>` : ''
  return `<details class="entry" id="ledger-${attr(s.id)}" data-statement="${attr(s.id)}"><summary><span class="badge strong">${text(s.id)}</span><span class="badge">support ${s.support}</span><span class="badge">independent ${s.independentSupport}</span>${warn} ${text(s.text)}</summary>${disputes}${listed.join('')}</details>`
}

/** Outlets' names, the first `NAMES_SHOWN` of a long list and how many more. */
export function outletNames(outlets: readonly string[]): string {
  const shown = outlets.slice(0, NAMES_SHOWN).map(text).join(', ')
  return outlets.length > NAMES_SHOWN ? `${shown} and ${outlets.length - NAMES_SHOWN} more` : shown
}

/** The ledger: the statements in the order given (the first `STATEMENTS_KEPT`), with a filter box and expand/collapse buttons for script users. */
export function ledgerList(statements: readonly ScoredStatement[], conflicts: readonly Conflict[], unitById: ReadonlyMap<string, Sentence>): string {
  if (statements.length === 0) return '<p>No statement is carried by two outlets.</p>'
  const byStatement = new Map<string, Conflict[]>()
  for (const c of conflicts) byStatement.set(c.statement, [...(byStatement.get(c.statement) ?? []), c])
  const controls = tools(
    '<label>Filter <input id="ledger-filter" type="search" placeholder="words, outlet, s12"></label><button type="button" data-expand="open" data-target="#ledger">Expand all</button><button type="button" data-expand="close" data-target="#ledger">Collapse all</button>',
  )
  const kept = statements.slice(0, STATEMENTS_KEPT).map((s, i) => entry(s, byStatement.get(s.id) ?? [], unitById, i < TOP_STATEMENTS ? WORDINGS_SHOWN : WORDINGS_SHOWN_LATER))
  const cut = statements.length > STATEMENTS_KEPT ? `<p class="muted">The ${STATEMENTS_KEPT} best-supported of ${statements.length} statements; statements.csv and alignments.csv have every one.</p>` : ''
  return `${controls}<div id="ledger-entries">\n${kept.join('\n')}\n</div>${cut}`
}
