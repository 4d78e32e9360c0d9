// align, step 3: grouping the links into statements, strongest first, without chaining; at most two units of one
// article in a group, and only when both link to a unit of another article in it.
import type { StoryScorer } from './link.js'

/** How `groupLinks` merges (see `AlignOptions`): the share of the threshold two groups must reach, and the sample size. */
export interface GroupSettings {
  readonly linkage: number
  readonly linkSample: number
}

/**
 * The groups of units that the scorer's links join (every unit in one group, most alone), each group's members in
 * the order they joined. Sorts `scorer.edges` in place: whole sentences first, then strongest first.
 */
export function groupLinks(scorer: StoryScorer, settings: GroupSettings): number[][] {
  const { sentences, doc, n, link, throughClaims, threshold, edges } = scorer
  const { linkage, linkSample } = settings
  // Whole sentences group first; links through a clause then attach a sentence to a group or join groups. A
  // sentence whose clause also matches another statement ("The bridge carries 38,000 vehicles a day, and …" next
  // to "The bridge, which carries tens of thousands of vehicles a day, was rated fair …") cannot then pull that
  // statement's members away from where their whole sentences belong.
  const clauseLink = (e: { i: number; j: number }) => (throughClaims.has(e.i * n + e.j) ? 1 : 0)
  edges.sort((a, b) => clauseLink(a) - clauseLink(b) || b.strength - a.strength || a.i - b.i || a.j - b.j)

  // Grouping: strongest links first; two groups merge only if they share no article and a sample of their cross
  // pairs is close on average and at the weakest, so unrelated sentences never chain into one statement.
  const groupOf = sentences.map((_, i) => i)
  const groups = new Map<number, number[]>(sentences.map((_, i) => [i, [i]]))
  const articlesOf = new Map<number, Set<number>>(sentences.map((_, i) => [i, new Set([doc[i]!])]))
  const sameArticleFits = (ga: readonly number[], gb: readonly number[]): boolean => {
    const count = new Map<number, number>()
    for (const x of ga) count.set(doc[x]!, (count.get(doc[x]!) ?? 0) + 1)
    for (const y of gb) count.set(doc[y]!, (count.get(doc[y]!) ?? 0) + 1)
    for (const c of count.values()) if (c > 2) return false
    // Two units of one article are never scored against each other as a pair (the model knows pairs across
    // outlets): each must link to a unit of another article that the other links to as well.
    // A sample of the shared articles, each against a sample of the units, so that merging two statements of
    // hundreds of wire copies stays bounded.
    const inB = new Map<number, number>()
    for (const y of gb) inB.set(doc[y]!, y)
    const shared = ga.filter((x) => inB.has(doc[x]!))
    const all = [...ga, ...gb]
    for (const x of sample(shared, linkSample, shared[0]!)) {
      const y = inB.get(doc[x]!)!
      const others = sample(all, 2 * linkSample, x).filter((z) => doc[z] !== doc[x])
      if (!others.some((z) => link(x, z) >= threshold * linkage && link(y, z) >= threshold * linkage)) return false
    }
    return true
  }
  for (const edge of edges) {
    const a = groupOf[edge.i]!
    const b = groupOf[edge.j]!
    if (a === b) continue
    const ga = groups.get(a)!
    const gb = groups.get(b)!
    const docsA = articlesOf.get(a)!
    const docsB = articlesOf.get(b)!
    const [small, large] = docsA.size <= docsB.size ? [docsA, docsB] : [docsB, docsA]
    // Groups that share an article merge only when each of its units in them reports the claim: every pair of
    // them links strongly (a headline and its lead; a lead and a later recap), and no article gives more than two.
    let overlap = false
    for (const d of small) if (large.has(d)) overlap = true
    if (overlap && !sameArticleFits(ga, gb)) continue
    let total = 0
    let least = 1
    let pairs = 0
    for (const x of sample(ga, linkSample, edge.i))
      for (const y of sample(gb, linkSample, edge.j)) {
        const value = link(x, y)
        total += value
        least = Math.min(least, value)
        pairs++
      }
    if (total / pairs < threshold * linkage || least < threshold * linkage * 0.75) continue
    const [keep, drop] = ga.length >= gb.length ? [a, b] : [b, a]
    const dropped = groups.get(drop)!
    const kept = groups.get(keep)!
    for (const x of dropped) {
      groupOf[x] = keep
      kept.push(x)
    }
    for (const d of articlesOf.get(drop)!) articlesOf.get(keep)!.add(d)
    groups.delete(drop)
    articlesOf.delete(drop)
  }
  return [...groups.values()]
}

/** Up to `size` members spread evenly over the group, always including `anchor`: a deterministic sample. */
export function sample(group: readonly number[], size: number, anchor: number): number[] {
  if (group.length <= size) return [...group]
  const picked = new Set<number>([anchor])
  const step = (group.length - 1) / (size - 1)
  for (let k = 0; picked.size < size && k < size; k++) picked.add(group[Math.floor(k * step)]!)
  return [...picked]
}
