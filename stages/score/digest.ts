// digest: the story in brief, for a reader: what most independent newsrooms agree on, what is disputed, and
// what each outlet alone reports.
import { isConflict } from './relate.js'
import { numbersWritten, unitsOf } from '../segment/index.js'
import type { Conflict, Digest, Document, Relation, ScoredStatement, Sentence } from '../../core/types.js'

export interface DigestOptions {
  /** Most words of the corroborated part (default: `DEFAULT_DIGEST_WORDS`, 250). */
  readonly digestWords?: number
  /** Single-source claims listed per outlet (default: `3`). */
  readonly perOutlet?: number
  /** Lower-cased loaded words and intensifiers, avoided when a statement's wording is chosen (default: none). */
  readonly loaded?: ReadonlySet<string>
}

/** Most words of the digest's corroborated part unless told otherwise (the one default of `--digest-words`). */
export const DEFAULT_DIGEST_WORDS = 250

const RELATION_NAMES: Readonly<Record<Relation, string>> = {
  identical: 'identical',
  paraphrase: 'paraphrase',
  update: 'the same event at another time',
  partial: 'partial',
  number_conflict: 'numbers differ',
  quote_conflict: 'quote worded differently',
  attribution_differs: 'attribution differs',
  negation_conflict: 'one denies what the other states',
}

/** Build the digest of a story from its scored statements and conflicts. */
export function digest(storyId: string, documents: readonly Document[], statements: readonly ScoredStatement[], conflicts: readonly Conflict[], options: DigestOptions = {}): Digest {
  const limit = options.digestWords ?? DEFAULT_DIGEST_WORDS
  const perOutlet = options.perOutlet ?? 3
  const sentenceById = new Map(documents.flatMap((d) => unitsOf(d).map((s) => [s.id, s] as const)))
  const wordCount = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length

  const disputed: Digest['disputed'][number][] = []
  // Only disputes: an attribution difference is sourcing, listed in conflicts.csv but not disputed. By statement, in
  // their order: a filter over every conflict per statement grew with their product.
  const disputesOf = new Map<string, (typeof conflicts)[number][]>()
  for (const c of conflicts) {
    if (!isConflict(c.relation)) continue
    const list = disputesOf.get(c.statement)
    if (list) list.push(c)
    else disputesOf.set(c.statement, [c])
  }

  // Widest independent backing first; each as its most readable member (closest to 20 words, 8 to 35).
  const corroborated: Digest['corroborated'][number][] = []
  let used = 0
  // A statement in dispute is not agreed on: its outlets' versions are listed under "Disputed" instead, and no one
  // version is shown as backed by all ("found dead … (3 independent)" where one of the three has "found alive").
  const ranked = statements.filter((s) => s.independentSupport >= 2 && !disputesOf.has(s.id)).sort((a, b) => b.independentSupport - a.independentSupport || b.support - a.support || order(a.id) - order(b.id))
  const loaded = options.loaded ?? new Set<string>()
  for (const s of ranked) {
    // The wording: a whole body sentence (never a headline or a fragment) among the members closest to the
    // others, with the fewest loaded words, then the most readable length.
    const units = s.members.map((m) => ({ m, u: sentenceById.get(m.sentence)! }))
    const body = units.filter(({ u }) => u.unit === 'sentence')
    const whole = body.filter(({ u }) => isWholeSentence(u.text))
    const pool = whole.length > 0 ? whole : body.length > 0 ? body : units
    const middle = median(pool.map((x) => x.m.similarity))
    const central = pool.filter(({ m }) => m.representative || m.similarity >= middle)
    const loadedIn = (text: string) => text.toLowerCase().split(/[^\p{L}'’-]+/u).filter((w) => loaded.has(w)).length
    const readable = central
      .map(({ u }) => shownText(u))
      .sort((x, y) => loadedIn(x) - loadedIn(y) || readability(wordCount(x)) - readability(wordCount(y)) || x.length - y.length || (x < y ? -1 : 1))[0]!
    const words = wordCount(readable)
    if (used + words > limit) {
      if (corroborated.length > 0) break
    }
    used += words
    corroborated.push({ statement: s.id, independentSupport: s.independentSupport, outlets: s.outlets, text: readable })
  }

  for (const s of statements) {
    const own = disputesOf.get(s.id) ?? []
    if (own.length === 0) continue
    const first = own[0]!
    const versions = new Map<string, { outlet: string; value: string; text: string }>()
    for (const c of own.filter((c) => c.relation === first.relation)) {
      if (!versions.has(c.a)) versions.set(c.a, { outlet: c.outletA, value: c.valueA, text: c.textA })
      if (!versions.has(c.b)) versions.set(c.b, { outlet: c.outletB, value: c.valueB, text: c.textB })
    }
    disputed.push({ statement: s.id, relation: first.relation, versions: [...versions.values()] })
  }

  const inStatement = new Set(statements.flatMap((s) => s.members.map((m) => m.sentence)))
  const singleSource: Digest['singleSource'][number][] = []
  for (const outlet of [...new Set(documents.map((d) => d.article.outlet))].sort()) {
    const notable = documents
      .filter((d) => d.article.outlet === outlet)
      .flatMap((d) => d.sentences)
      .filter((s) => !inStatement.has(s.id))
      .map((s) => ({ s, weight: numbersWritten(s.numbers) + s.quotes.length + new Set(s.entities.map((e) => e.name)).size }))
      .filter((x) => x.weight > 0)
      .sort((a, b) => b.weight - a.weight || a.s.index - b.s.index)
      .slice(0, perOutlet)
      .sort((a, b) => (a.s.id < b.s.id ? -1 : 1))
    for (const { s } of notable) singleSource.push({ outlet, sentence: s.id, text: shownText(s) })
  }

  // Every text from the input (story id, outlets, sentences, values) goes in escaped: an outlet named
  // `<img src=x onerror=…>` or `[x](javascript:…)` must read as text, not become an image or a link.
  const md = escapeMarkdown
  const lines = [`# ${md(storyId)}: digest`, '']
  lines.push('## What independent outlets agree on', '')
  if (corroborated.length === 0) lines.push('No statement is backed by two or more independent origins.', '')
  for (const c of corroborated) lines.push(`- ${md(c.text)} *(${c.independentSupport} independent: ${c.outlets.map(md).join(', ')}; ${md(c.statement)})*`)
  if (corroborated.length > 0) lines.push('')
  lines.push('## Disputed', '')
  if (disputed.length === 0) lines.push('No conflict between outlets reporting the same statement.', '')
  for (const d of disputed) {
    lines.push(`### ${md(d.statement)}: ${RELATION_NAMES[d.relation]}`, '')
    for (const v of d.versions) lines.push(`- **${md(v.outlet)}** (${md(v.value)}): ${md(v.text)}`)
    lines.push('')
  }
  lines.push('## Reported by one outlet only', '')
  if (singleSource.length === 0) lines.push('Nothing notable.', '')
  let current: string | null = null
  for (const s of singleSource) {
    if (s.outlet !== current) {
      if (current !== null) lines.push('')
      lines.push(`**${md(s.outlet)}**`, '')
      current = s.outlet
    }
    lines.push(`- ${md(s.text)}`)
  }
  if (singleSource.length > 0) lines.push('')
  return { words: used, corroborated, disputed, singleSource, markdown: `${lines.join('\n')}` }
}

/**
 * Text for a Markdown line that renders as written, whatever it holds: HTML's `<`, `>` and `&` become entities (no
 * tag, no entity of the input's own); the characters of inline syntax (`\`, `` ` ``, `*`, `_`, `[`, `]`, `|`, `~`)
 * get a backslash, so no link, image, emphasis, code or table cell can start; a block marker at the start (`#`, `+`,
 * `-`, `=`, `1.`) gets one too, since the text follows "- " or "### "; and line breaks become spaces, so the text
 * stays on its line. CommonMark and GitHub render the result as the original text.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/^(\s*)([#+=-]|\d+(?=[.)]))/, (_, space: string, marker: string) => (/\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`))
}

// 20 words reads best; further away reads worse.
function readability(words: number): number {
  return words < 8 || words > 35 ? 100 + Math.abs(words - 20) : Math.abs(words - 20)
}

function order(id: string): number {
  return Number(id.slice(1))
}

/**
 * A unit's text as the digest shows it: a sentence that begins inside a quotation opened in the sentence before
 * (`With President Putin, my advice is to 'engage but beware,'" May said.`, after a first quoted sentence) is shown
 * with an opening mark and an ellipsis, so that its closing mark is not left alone and the reader sees that the
 * quotation began earlier.
 */
export function shownText(unit: Sentence): string {
  const quote = unit.unit === 'sentence' && !/^["“‘'«„]/u.test(unit.text) ? unit.quotes.find((q) => q.begin === unit.begin) : undefined
  if (!quote) return unit.text
  // The opening mark that goes with the closing one: “ for ”, ‘ for ’ (a British quotation), else the straight one.
  const closing = unit.text.slice(quote.end - unit.begin).trimStart()[0]
  const opening = closing === '”' ? '“' : closing === '’' ? '‘' : closing === "'" ? "'" : unit.text.includes('”') ? '“' : '"'
  return `${opening}… ${unit.text}`
}

/** A whole sentence: it starts with a capital, a digit or a quotation mark and ends with terminal punctuation. */
function isWholeSentence(text: string): boolean {
  return /^[\p{Lu}\d"“‘']/u.test(text) && /[.!?]["”’')]*$/u.test(text.trim())
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!
}
