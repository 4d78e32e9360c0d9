// align, step 4: the Statement records of the groups carried by two outlets or more: a representative, each
// member's relation to it, the pairs across articles, and the outlets near the statement (no omission of theirs).
// A group's members are its own units and those attached to it (units of other groups that report its claim too).
import { round } from '../../core/numbers.js'
import type { Member, PairRelation, Statement } from '../../core/types.js'
import { relate } from '../score/relate.js'
import { sample } from './group.js'
import type { StoryScorer } from './link.js'

/** Share of the threshold at which another outlet's unit counts as close to a statement (see `Statement.near`). */
export const NEAR_SHARE = 0.6

/**
 * The statements of `groups` (from `groupLinks`, with the units `attached` to each by `attachUnits`) that span two
 * outlets or more, in the order of their first unit,
 * numbered `s1`, `s2`, …. A statement of at most `allPairsUpTo` members lists every pair across articles; a larger
 * one each member against the representative.
 */
export function buildStatements(scorer: StoryScorer, groups: readonly (readonly number[])[], allPairsUpTo: number, attached: readonly (readonly number[])[] = []): Statement[] {
  const { sentences, doc, features, similarity, link, threshold, candidatesOf, daysApart } = scorer
  const statements: Statement[] = []
  const outletsOf = (units: readonly number[]) => new Set(units.map((x) => sentences[x]!.outlet)).size
  // Each pair of units is listed once, in the first statement holding both (two attached units can share two).
  const listed = new Set<number>()
  const ordered = groups
    .map((g, k) => ({ g, more: attached[k] ?? [] }))
    .filter(({ g, more }) => g.length + more.length >= 2 && outletsOf(more.length > 0 ? [...g, ...more] : g) >= 2)
    .map(({ g, more }) => ({ home: [...g].sort((x, y) => x - y), extra: new Set(more), members: [...g, ...more].sort((x, y) => x - y) }))
    .sort((x, y) => x.members[0]! - y.members[0]!)
  for (const { home, extra, members } of ordered) {
    // The representative is the member closest to the others, among those the grouping put here; in a large
    // statement, the best of a sample of members against a sample of the others, so the cost stays bounded.
    const others = sample(home, 16, home[0]!)
    // A headline stands for the statement only when every member is one: a body sentence says the claim whole.
    const body = others.filter((x) => sentences[x]!.unit !== 'headline')
    let best = (body.length > 0 ? body : others)[0]!
    let bestSum = -1
    for (const x of body.length > 0 ? body : others) {
      let sum = 0
      for (const y of others) if (x !== y) sum += similarity(x, y)
      if (sum > bestSum + 1e-12) {
        best = x
        bestSum = sum
      }
    }
    const rep = sentences[best]!
    const memberRecords: Member[] = members.map((x) => {
      const s = sentences[x]!
      return {
        sentence: s.id,
        article: s.article,
        outlet: s.outlet,
        index: s.index,
        similarity: x === best ? 1 : round(similarity(x, best)),
        relation: x === best ? 'identical' : relate(s, rep, features[x]!, features[best]!, { disputes: link(x, best) >= threshold, daysApart: daysApart(x, best) }).relation,
        representative: x === best,
        attached: extra.has(x),
      }
    })
    const pairs: PairRelation[] = []
    const pair = (x: number, y: number) => {
      const key = Math.min(x, y) * sentences.length + Math.max(x, y)
      if (listed.has(key)) return
      listed.add(key)
      // A dispute only between units linked to each other, not only through the statement's other members.
      const related = relate(sentences[x]!, sentences[y]!, features[x]!, features[y]!, { disputes: link(x, y) >= threshold, daysApart: daysApart(x, y) })
      pairs.push({ a: sentences[x]!.id, b: sentences[y]!.id, similarity: round(similarity(x, y)), relation: related.relation, values: related.values })
    }
    // Pairs across articles only: two units of one article are never compared for conflicts or reuse.
    if (members.length <= allPairsUpTo) {
      for (let p = 0; p < members.length; p++) for (let q = p + 1; q < members.length; q++) if (doc[members[p]!] !== doc[members[q]!]) pair(members[p]!, members[q]!)
    } else for (const x of members) if (x !== best && doc[x] !== doc[best]) pair(Math.min(x, best), Math.max(x, best))
    // Outlets outside the statement with a unit close to one of its members: no omission of theirs.
    const inside = new Set(members.map((x) => sentences[x]!.outlet))
    const near = new Set<string>()
    for (const x of members) for (const k of candidatesOf(x)) if (!inside.has(sentences[k]!.outlet) && link(x, k) >= threshold * NEAR_SHARE) near.add(sentences[k]!.outlet)
    statements.push({ id: `s${statements.length + 1}`, text: rep.text, representative: rep.id, members: memberRecords, pairs, near: [...near].sort() })
  }
  return statements
}
