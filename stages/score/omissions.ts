// score/omissions: what each outlet leaves out of what most others report.
import { publishedDay } from '../../core/dates.js'
import type { Omission, ScoredStatement } from '../../core/types.js'

/**
 * What each outlet leaves out: statements carried by more than half of the other outlets, or by at least half
 * of the story's independent origins (two at the least). Counting origins rather than outlets keeps a statement
 * that three reprints of one wire carry from being called an omission of everybody else. Only outlets in `withBody`
 * (those with body text) omit anything. An omission is marked `publishedEarlier` when the outlet's articles all came
 * out on an earlier day than the statement's first report (`days`, by `published`).
 */
export function omissions(
  outlets: readonly string[],
  statements: readonly ScoredStatement[],
  totalOrigins: number,
  withBody: ReadonlySet<string> = new Set(outlets),
  days: PublishedDays = { article: new Map(), outletLast: new Map() },
): Omission[] {
  const result: Omission[] = []
  const wanted = statements.filter((s) => s.support > (outlets.length - 1) / 2 || s.independentSupport >= Math.max(2, totalOrigins / 2))
  // An outlet with a unit close to the statement may report it in other words: never called an omission.
  const carriers = new Map(wanted.map((s) => [s.id, new Set([...s.outlets, ...s.near])]))
  // An outlet of headlines only (no article of it has body text) reports what its headlines say and leaves out
  // nothing: it never told the rest.
  for (const outlet of outlets.filter((o) => withBody.has(o)))
    for (const s of wanted) {
      if (carriers.get(s.id)!.has(outlet)) continue
      const last = days.outletLast.get(outlet) ?? null
      const first = firstReport(s, days.article)
      result.push({ outlet, statement: s.id, support: s.support, independentSupport: s.independentSupport, text: s.text, publishedEarlier: last !== null && first !== null && last < first })
    }
  return result
}

/** Publication days (see `publishedDay`): each article's, and each outlet's latest, null when one of its articles has none. */
export interface PublishedDays {
  readonly article: ReadonlyMap<string, number | null>
  readonly outletLast: ReadonlyMap<string, number | null>
}

/** The publication days of a story's articles with body text, and of each outlet's latest such article. */
export function publishedDays(articles: readonly { readonly id: string; readonly outlet: string; readonly published: string | null }[]): PublishedDays {
  const article = new Map(articles.map((a) => [a.id, publishedDay(a.published)] as const))
  const outletLast = new Map<string, number | null>()
  for (const a of articles) {
    const day = article.get(a.id)!
    const before = outletLast.get(a.outlet)
    // An undated article may be of any day: the outlet's latest is then unknown.
    outletLast.set(a.outlet, before === null || day === null ? null : before === undefined ? day : Math.max(before, day))
  }
  return { article, outletLast }
}

/** The day of the first article that reports the statement, or null when one of its articles has no date. */
function firstReport(s: ScoredStatement, article: ReadonlyMap<string, number | null>): number | null {
  let first: number | null = null
  for (const m of s.members) {
    const day = article.get(m.article)
    if (day === undefined || day === null) return null
    first = first === null ? day : Math.min(first, day)
  }
  return first
}
