// Which statements each unit belongs to. A unit belongs to the statement the grouping put it in, and to any other
// whose claim it reports too (a member marked `attached`); a report that names one statement per unit names the first.
import type { Statement } from './types.js'

/** Each unit's statements by unit id: the one the grouping put it in first (when it is one), then the others in order. */
export function statementsOfUnits<S extends Statement>(statements: readonly S[]): Map<string, S[]> {
  const of = new Map<string, S[]>()
  for (const s of statements)
    for (const m of s.members) {
      const list = of.get(m.sentence) ?? []
      if (m.attached) list.push(s)
      else list.unshift(s)
      of.set(m.sentence, list)
    }
  return of
}

/** Each unit's statement by unit id, as a report names one: the first of `statementsOfUnits`. */
export function statementOfUnits<S extends Statement>(statements: readonly S[]): Map<string, S> {
  return new Map([...statementsOfUnits(statements)].map(([unit, list]) => [unit, list[0]!] as const))
}

/** Whether two units share a statement (false when either is in none). */
export function shareStatement<S extends Statement>(statementsOf: ReadonlyMap<string, readonly S[]>, a: string, b: string): boolean {
  const of = statementsOf.get(b)
  return of !== undefined && (statementsOf.get(a) ?? []).some((s) => of.includes(s))
}
