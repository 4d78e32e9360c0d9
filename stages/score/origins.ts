// score/origins: who backs a statement: the articles that are copies of one text (one origin), and how many
// independent origins stand behind each statement.
import type { Alignment, Document, Sentence, Statement } from '../../core/types.js'
import { AGENCY_BYLINE, AGENCY_SHORT_NAMES } from '../../lang/en/words.js'
import { quoted } from './unit-text.js'

/** Origins: articles whose sentences are mostly identical to another article's, or that credit the same wire, are copies of one text. */
export function findOrigins(documents: readonly Document[], alignment: Alignment, share: number, wires: ReadonlyMap<string, string | null>): Map<string, string> {
  const identical = new Map<string, number>()
  for (const statement of alignment.statements)
    for (const pair of statement.pairs) {
      if (pair.relation !== 'identical') continue
      const a = pair.a.slice(0, pair.a.lastIndexOf('#'))
      const b = pair.b.slice(0, pair.b.lastIndexOf('#'))
      const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`
      identical.set(key, (identical.get(key) ?? 0) + 1)
    }
  const size = new Map(documents.map((d) => [d.article.id, d.sentences.length]))
  const { find, union } = unionFind(documents.map((d) => d.article.id))
  for (const [key, count] of [...identical].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const [a, b] = key.split('\u0000') as [string, string]
    if (count >= 3 && count >= share * Math.min(size.get(a)!, size.get(b)!)) union(a, b)
  }
  // Copies credited to the same agency ("PORT ALDER (CPA) —") are one origin even when edited.
  const byWire = new Map<string, string>()
  for (const d of documents) {
    const wire = wires.get(d.article.id)
    if (!wire) continue
    const first = byWire.get(wire)
    if (first) union(first, d.article.id)
    else byWire.set(wire, d.article.id)
  }
  return new Map(documents.map((d) => [d.article.id, find(d.article.id)]))
}

/** The news agency an article credits: "(AP)", "(Reuters)" in its dateline, or an agency byline. */
export function wireOf(document: Document): string | null {
  const dateline = document.article.dateline ?? ''
  const credit = /\(([A-Z][A-Za-z.]{1,20}(?: [A-Z][A-Za-z]+){0,2})\)/.exec(dateline)
  // "(Associated Press)" and "(AP)" are one wire.
  if (credit) return AGENCY_SHORT_NAMES.get(credit[1]!) ?? credit[1]!
  for (const r of document.article.removed) {
    if (r.reason !== 'byline') continue
    const agency = AGENCY_BYLINE.exec(r.text)
    if (agency) return AGENCY_SHORT_NAMES.get(agency[1]!) ?? agency[1]!
  }
  return null
}

/**
 * Independent origins behind a statement: members from articles of one origin count once, and so do members
 * with the same wording when that wording is evidence of reuse ("partial reuse": an outlet that rewrote a wire
 * story but kept a paragraph). A quotation printed word for word by several newsrooms is not reuse: quotes are
 * the same by nature.
 */
export function independentCount(statement: Statement, origins: ReadonlyMap<string, string>, reusable: (sentence: string) => boolean): number {
  const { find, union } = unionFind(statement.members.map((m) => m.sentence))
  const byOrigin = new Map<string, string>()
  for (const m of statement.members) {
    const origin = origins.get(m.article)!
    const first = byOrigin.get(origin)
    if (first) union(first, m.sentence)
    else byOrigin.set(origin, m.sentence)
  }
  for (const p of statement.pairs) if (p.relation === 'identical' && reusable(p.a)) union(p.a, p.b)
  return new Set(statement.members.map((m) => find(m.sentence))).size
}

/** Wording that, repeated word for word, shows copied text: twelve words or more, mostly outside quotation marks. */
export function isReusedText(sentence: Sentence): boolean {
  const words = sentence.tokens.filter((t) => t.kind === 'word' || t.kind === 'number')
  if (words.length < 12) return false
  return words.filter((t) => quoted(sentence, t)).length < words.length / 2
}

/** Disjoint sets over string keys; the root of a set is its smallest key, so results never depend on order. */
function unionFind(keys: readonly string[]): { find: (x: string) => string; union: (a: string, b: string) => void } {
  const parent = new Map(keys.map((k) => [k, k]))
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!
    return x
  }
  const union = (a: string, b: string) => {
    const ra = find(a)
    const rb = find(b)
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb)
  }
  return { find, union }
}
