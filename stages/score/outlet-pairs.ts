// score/outlet-pairs: how much each pair of outlets agrees, statement by statement.
import type { OutletPair, ScoredStatement } from '../../core/types.js'
import { isConflict } from './relate.js'
import { round } from '../../core/numbers.js'

/**
 * Agreement per pair of outlets, counted statement by statement into a table indexed by outlet number. Every
 * pair is listed up to `allPairsUpTo` outlets; beyond, each outlet's `topPartners` closest partners (by shared
 * statements), so the table grows with the outlets, not with their square (1,000 outlets have 499,500 pairs).
 */
export function outletPairs(outlets: readonly string[], statements: readonly ScoredStatement[], allPairsUpTo: number, topPartners: number): OutletPair[] {
  const n = outlets.length
  const index = new Map(outlets.map((o, i) => [o, i]))
  const carried = new Uint32Array(n)
  // Shared statements, similarity sums and pair counts per ordered pair (i < j).
  const shared = pairTable(n)
  const similarity = pairTable(n)
  const pairs = pairTable(n)
  const conflicts = pairTable(n)
  const disagreeing = pairTable(n)
  const cell = (a: number, b: number) => (a < b ? a * n + b : b * n + a)
  for (const s of statements) {
    const ids = s.outlets.map((o) => index.get(o)!)
    for (const i of ids) carried[i]!++
    for (let x = 0; x < ids.length; x++) for (let y = x + 1; y < ids.length; y++) shared.add(cell(ids[x]!, ids[y]!), 1)
    const outletOf = new Map(s.members.map((m) => [m.sentence, index.get(m.outlet)!]))
    const disputed = new Set<number>()
    for (const p of s.pairs) {
      const a = outletOf.get(p.a)!
      const b = outletOf.get(p.b)!
      if (a === b) continue
      similarity.add(cell(a, b), p.similarity)
      pairs.add(cell(a, b), 1)
      if (isConflict(p.relation)) {
        conflicts.add(cell(a, b), 1)
        disputed.add(cell(a, b))
      }
    }
    for (const c of disputed) disagreeing.add(c, 1)
  }
  let chosen: number[]
  if (n <= allPairsUpTo) {
    chosen = []
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) chosen.push(i * n + j)
  } else {
    const picked = new Set<number>()
    for (let i = 0; i < n; i++) {
      const partners: number[] = []
      for (let j = 0; j < n; j++) if (j !== i && shared.get(cell(i, j)) > 0) partners.push(j)
      partners.sort((x, y) => shared.get(cell(i, y)) - shared.get(cell(i, x)) || x - y)
      for (const j of partners.slice(0, topPartners)) picked.add(cell(i, j))
    }
    chosen = [...picked].sort((x, y) => x - y)
  }
  return chosen.map((c) => {
    const i = Math.floor(c / n)
    const j = c - i * n
    const both = shared.get(c)
    const union = carried[i]! + carried[j]! - both
    return {
      outletA: outlets[i]!,
      outletB: outlets[j]!,
      statementsA: carried[i]!,
      statementsB: carried[j]!,
      sharedStatements: both,
      agreement: round(union > 0 ? both / union : 0),
      meanSimilarity: round(pairs.get(c) > 0 ? similarity.get(c) / pairs.get(c) : 0),
      agreements: both - disagreeing.get(c),
      conflicts: conflicts.get(c),
    }
  })
}

interface PairTable {
  get(cell: number): number
  add(cell: number, value: number): void
}

/** A number per pair of `n` outlets: a flat n × n table up to 2,048 outlets (at most 32 MB each), a map beyond. */
function pairTable(n: number): PairTable {
  if (n <= 2048) {
    const table = new Float64Array(n * n)
    return { get: (c) => table[c]!, add: (c, v) => void (table[c]! += v) }
  }
  const map = new Map<number, number>()
  return { get: (c) => map.get(c) ?? 0, add: (c, v) => void map.set(c, (map.get(c) ?? 0) + v) }
}
