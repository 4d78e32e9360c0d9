// score/omissions: what each outlet leaves out of what most others report.
import type { Omission, ScoredStatement } from '../../core/types.js'

/**
 * What each outlet leaves out: statements carried by more than half of the other outlets, or by at least half
 * of the story's independent origins (two at the least). Counting origins rather than outlets keeps a statement
 * that three reprints of one wire carry from being called an omission of everybody else. Only outlets in `withBody`
 * (those with body text) omit anything.
 */
export function omissions(outlets: readonly string[], statements: readonly ScoredStatement[], totalOrigins: number, withBody: ReadonlySet<string> = new Set(outlets)): Omission[] {
  const result: Omission[] = []
  const wanted = statements.filter((s) => s.support > (outlets.length - 1) / 2 || s.independentSupport >= Math.max(2, totalOrigins / 2))
  // An outlet with a unit close to the statement may report it in other words: never called an omission.
  const carriers = new Map(wanted.map((s) => [s.id, new Set([...s.outlets, ...s.near])]))
  // An outlet of headlines only (no article of it has body text) reports what its headlines say and leaves out
  // nothing: it never told the rest.
  for (const outlet of outlets.filter((o) => withBody.has(o)))
    for (const s of wanted) {
      if (carriers.get(s.id)!.has(outlet)) continue
      result.push({ outlet, statement: s.id, support: s.support, independentSupport: s.independentSupport, text: s.text })
    }
  return result
}
