// align, step 3: grouping the links into statements, strongest first, without chaining; at most two units of one
// article in a group, and only when both link to a unit of another article in it. Then the units that report the
// claim of a group besides their own (`attachUnits`).
import type { StoryScorer } from './link.js'
import { isConflict, relate } from '../score/relate.js'

/** Share of the threshold a unit's mean link to a group's members must reach for it to report that group's claim too. */
export const ATTACH_MEAN = 1.1

/** Share of the threshold each sampled link of such a unit to the group's members must reach. */
export const ATTACH_LEAST = 1

/** Most units of one article in a group once units are attached (the grouping itself places at most two). */
export const ATTACH_MOST = 3

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

/**
 * For each group of `groups` (from `groupLinks`) that spans two articles or more, the units of other groups that
 * report its claim as well: a unit with a link at the threshold to one of its members, whose links to a sample of
 * its members from other articles (all among its candidates) reach `ATTACH_MEAN` of the threshold on average and
 * `ATTACH_LEAST` at the weakest, from an article with fewer than `ATTACH_MOST` units in it, and (when its article
 * has some already) each of them and it linking to one of its units of another article. Or a unit that disputes
 * one member it links to strongly (a number, negation or quote conflict by `relate`), whose changed words weaken its
 * links to the others. Or a headline linked to one member, in a group holding a unit of its own article already
 * (its lead, most often). A headline that sums up two claims, or a lead whose article's place in a statement a recap
 * took, then backs both statements. The test reads the groups as `groupLinks` left them: an attached unit never
 * draws another one in.
 */
export function attachUnits(
  scorer: StoryScorer,
  groups: readonly (readonly number[])[],
  linkSample: number,
  conflicting: (x: number, y: number) => boolean = (x, y) => isConflict(relate(scorer.sentences[x]!, scorer.sentences[y]!, scorer.features[x]!, scorer.features[y]!, { daysApart: scorer.daysApart(x, y) }).relation),
): number[][] {
  const { doc, link, threshold, edges, isCandidate } = scorer
  const groupOf = new Int32Array(scorer.n).fill(-1)
  groups.forEach((g, k) => g.forEach((x) => (groupOf[x] = k)))
  const attached = groups.map(() => [] as number[])
  const tried = new Set<number>()
  // Per group of two articles or more (the others take nothing): its units by article, and a spread of its units
  // from which each test samples, so that a test costs the same in a group of a thousand wire copies as of three.
  const unitsByArticle = new Map<number, Map<number, number[]>>()
  const spread = new Map<number, number[]>()
  const spans = (k: number): boolean => {
    if (spread.has(k)) return true
    const g = groups[k]!
    if (g.length < 2 || g.every((x) => doc[x] === doc[g[0]!])) return false
    const byArticle = new Map<number, number[]>()
    for (const x of g) byArticle.set(doc[x]!, [...(byArticle.get(doc[x]!) ?? []), x])
    unitsByArticle.set(k, byArticle)
    spread.set(k, sample(g, linkSample + ATTACH_MOST, g[0]!))
    return true
  }
  // The units of x's article in group k, attached ones included (edges come in a fixed order); null when k spans
  // one article, since a lone unit's group would only repeat the statement an attached unit is in already, or when
  // it holds `ATTACH_MOST` of them.
  const roomFor = (x: number, k: number): number[] | null => {
    if (!spans(k)) return null
    const own = [...(unitsByArticle.get(k)!.get(doc[x]!) ?? []), ...attached[k]!.filter((y) => doc[y] === doc[x])]
    return own.length < ATTACH_MOST ? own : null
  }
  const reports = (x: number, k: number): boolean => {
    const own = roomFor(x, k)
    if (own === null) return false
    const sampled = spread.get(k)!.filter((y) => doc[y] !== doc[x]).slice(0, linkSample)
    if (sampled.length === 0) return false
    // Compared with its candidates only, as every link the grouping follows is: a story of a thousand wire copies
    // then computes no new links for it. The weakest link fails the test at once.
    if (!sampled.every((y) => isCandidate(x, y))) return false
    let total = 0
    for (const y of sampled) {
      const value = link(x, y)
      if (value < threshold * ATTACH_LEAST) return false
      total += value
    }
    if (total / sampled.length < threshold * ATTACH_MEAN) return false
    // Two units of one article are never scored against each other: both must link to one unit of another article.
    return own.every((y) => sampled.some((z) => link(x, z) >= threshold && link(y, z) >= threshold))
  }
  // A unit that gives one member's quotation or figure otherwise, linked to it at `ATTACH_MEAN` of the threshold,
  // reports that statement's claim though its changed words keep its links to the other members low: attached, so
  // that the ledger shows the dispute (an article's other units in the statement must link to that member too).
  const disputes = (x: number, y: number, k: number, strength: number): boolean => {
    if (strength < threshold * ATTACH_MEAN) return false
    const own = roomFor(x, k)
    return own !== null && own.every((o) => link(o, y) >= threshold) && conflicting(x, y)
  }
  // A headline states its article's main claim in a few words and the article states it again at length: a headline
  // linked to a member of a statement that holds a unit of its own article already reports that statement's claim,
  // though its few words keep its links to the statement's other members weak.
  const sumsUp = (x: number, k: number): boolean => scorer.sentences[x]!.unit === 'headline' && (roomFor(x, k)?.length ?? 0) > 0
  for (const edge of edges) {
    if (edge.strength < threshold) continue
    for (const [x, y] of [
      [edge.i, edge.j],
      [edge.j, edge.i],
    ] as const) {
      const k = groupOf[y]!
      const key = x * groups.length + k
      if (k === groupOf[x] || tried.has(key)) continue
      tried.add(key)
      if (reports(x, k) || disputes(x, y, k, edge.strength) || sumsUp(x, k)) attached[k]!.push(x)
    }
  }
  // A group whose units and attached units all belong to another group says nothing that one does not (two groups
  // whose units attach to each other): it stays as `groupLinks` left it.
  const withAttached = (g: number) => new Set([...groups[g]!, ...attached[g]!])
  for (let k = 0; k < groups.length; k++) {
    if (attached[k]!.length === 0) continue
    const mine = withAttached(k)
    const within = (g: number) => {
      if (g === k || attached[g]!.length === 0) return false
      const theirs = withAttached(g)
      return [...mine].every((x) => theirs.has(x)) && (theirs.size > mine.size || g < k)
    }
    if ([...new Set(attached[k]!.map((x) => groupOf[x]!))].some(within)) attached[k] = []
  }
  return attached
}
