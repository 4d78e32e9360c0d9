// order: how the HTML reports rank what they show first (the widest-backed statements, the outlets that carry the
// most), and the caps past which the rest waits behind a "show all", so that a story of a thousand outlets still
// gives a page a reader can scroll.
import type { Ledger, ScoredStatement } from '../../../core/types.js'

/** Statements shown before "show all" (in the matrix; the ledger lists every statement). */
export const TOP_STATEMENTS = 150
/** Outlets given a column of the coverage matrix and a place in the charts. */
export const TOP_OUTLETS = 30
/** Statements kept in the page at all (matrix rows and ledger entries); statements.csv has every one. */
export const STATEMENTS_KEPT = 500
/** Wordings listed in a ledger entry of the first `TOP_STATEMENTS`, and in the others; alignments.csv has every one. */
export const WORDINGS_SHOWN = 20
export const WORDINGS_SHOWN_LATER = 5
/** Outlets named where a list is cut short ("and 40 more"). */
export const NAMES_SHOWN = 12
/** Conflicting pairs shown side by side in one ledger entry; conflicts.csv has every one. */
export const CONFLICTS_SHOWN = 10
/** Rows of a long list (omissions, quotes, single-source sentences) before "show all". */
export const ROWS_SHOWN = 40
/** Rows of a long list kept in the page at all; the CSV beside it has every one. */
export const ROWS_KEPT = 300

/** The statements by independent support, then support, then first appearance: the ledger's order. */
export function rankedStatements(ledger: Ledger): ScoredStatement[] {
  const order = new Map(ledger.statements.map((s, i) => [s.id, i]))
  return [...ledger.statements].sort((a, b) => b.independentSupport - a.independentSupport || b.support - a.support || order.get(a.id)! - order.get(b.id)!)
}

/** The story's outlets, those that carry the most statements first, then by name in code-point order. */
export function rankedOutlets(ledger: Ledger): string[] {
  const carried = new Map<string, number>(ledger.framing.outlets.map((f) => [f.outlet, 0]))
  for (const s of ledger.statements) for (const o of s.outlets) carried.set(o, (carried.get(o) ?? 0) + 1)
  return [...carried].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).map(([o]) => o)
}
