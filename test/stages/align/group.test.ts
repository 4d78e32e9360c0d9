// align's grouping: links into groups strongest first, without chaining, at most two units of one article per group.
// The links are given as a table (the scorer's output), so that each merge rule is tested on its own.
import { ATTACH_LEAST, ATTACH_MEAN, ATTACH_MOST, attachUnits, groupLinks, sample } from '../../../stages/align/group.js'
import type { StoryScorer } from '../../../stages/align/link.js'
import type { Sentence } from '../../../core/types.js'

const THRESHOLD = 0.5

/**
 * A scorer over units `0..doc.length-1` of the documents `doc`, whose links are `links` (`'i-j': strength`, 0 for
 * a pair not listed); the candidates that link at the threshold are its edges. Grouping reads no unit's text.
 */
function scorerOf(doc: readonly number[], links: Readonly<Record<string, number>>, throughClaims: readonly string[] = []): StoryScorer {
  const n = doc.length
  const link = (i: number, j: number) => links[`${Math.min(i, j)}-${Math.max(i, j)}`] ?? 0
  const edges = Object.entries(links)
    .map(([key, strength]) => {
      const [i, j] = key.split('-').map(Number) as [number, number]
      return { i, j, strength }
    })
    .filter((e) => doc[e.i] !== doc[e.j] && e.strength >= THRESHOLD)
  const scorer: StoryScorer = {
    sentences: doc.map((d, i) => ({ id: `u${i}`, article: `a${d}` }) as unknown as Sentence),
    doc,
    n,
    features: [],
    compared: edges.length,
    isCandidate: () => true,
    daysApart: () => 0,
    similarity: link,
    link,
    throughClaims: new Set(throughClaims.map((key) => Number(key.split('-')[0]) * n + Number(key.split('-')[1]))),
    threshold: THRESHOLD,
    edges,
    row: () => new Float64Array(0),
    candidatesIn: () => new Int32Array(0),
    candidatesOf: () => new Int32Array(0),
    at: () => scorer,
  }
  return scorer
}

/** The groups of more than one unit, each sorted. */
function grouped(scorer: StoryScorer, linkage = 0.9, linkSample = 6): number[][] {
  return groupLinks(scorer, { linkage, linkSample })
    .filter((g) => g.length > 1)
    .map((g) => [...g].sort((x, y) => x - y))
}

describe('groupLinks', () => {
  it('groups units that all link to one another', () => {
    expect(grouped(scorerOf([0, 1, 2], { '0-1': 0.9, '1-2': 0.8, '0-2': 0.7 }))).toEqual([[0, 1, 2]])
  })

  it('never chains unrelated units into one group through a unit that links to both', () => {
    // 0 ~ 1 and 1 ~ 2 link strongly, 0 and 2 not at all: 2 may not join 0 through 1.
    expect(grouped(scorerOf([0, 1, 2], { '0-1': 0.9, '1-2': 0.85, '0-2': 0.05 }))).toEqual([[0, 1]])
    // A chain of five, each linked to the next only.
    expect(grouped(scorerOf([0, 1, 2, 3, 4], { '0-1': 0.9, '1-2': 0.9, '2-3': 0.9, '3-4': 0.9 }))).toEqual([
      [0, 1],
      [2, 3],
    ])
  })

  it('merges two groups only if their cross pairs are close on average, not only at one link', () => {
    // Every cross pair of {0, 1} and {2} passes the weakest test (0.34 ≥ 0.5 × 0.9 × 0.75); their mean passes with
    // 0.34 and 0.72 (0.53 ≥ 0.45), not with 0.34 and 0.52 (0.43).
    const links = { '0-1': 0.9, '1-2': 0.72, '0-2': 0.34 }
    expect(grouped(scorerOf([0, 1, 2], links))).toEqual([[0, 1, 2]])
    expect(grouped(scorerOf([0, 1, 2], { ...links, '1-2': 0.52 }))).toEqual([[0, 1]])
  })

  it('puts the strongest links together first', () => {
    // 1 links to 0 and to 2; 2 is closer, so 1 groups with 2 and 0 stays apart.
    expect(grouped(scorerOf([0, 1, 2], { '0-1': 0.6, '1-2': 0.95 }))).toEqual([[1, 2]])
  })

  it('lets a headline and its lead share a group when both link to a unit of another article', () => {
    // Units 0 (headline) and 1 (lead) of article 0, unit 2 of article 1.
    expect(grouped(scorerOf([0, 0, 1], { '0-2': 0.9, '1-2': 0.9, '0-1': 0.8 }))).toEqual([[0, 1, 2]])
    // Headline 0 states unit 2's claim, lead 1 unit 3's (2 and 3 of two other articles), each only loosely the
    // other's: the groups {0, 2} and {1, 3} do not merge, though their cross pairs are close enough on average.
    expect(grouped(scorerOf([0, 0, 1, 2], { '0-2': 0.9, '1-3': 0.9, '2-3': 0.9, '0-1': 0.8, '0-3': 0.4, '1-2': 0.4 }))).toEqual([
      [0, 2],
      [1, 3],
    ])
  })

  it('never puts three units of one article into one group', () => {
    // Units 0, 1, 2 of article 0 all state the claim of unit 3 (article 1), and one another's.
    const links = { '0-3': 0.9, '1-3': 0.9, '2-3': 0.9, '0-1': 0.9, '0-2': 0.9, '1-2': 0.9 }
    expect(grouped(scorerOf([0, 0, 0, 1], links))).toEqual([[0, 1, 3]])
  })

  it('groups whole sentences before links through a clause', () => {
    // 1 ~ 2 is the stronger link, but through a clause only: 1 joins 0 first, and 2 then cannot pull it away.
    expect(grouped(scorerOf([0, 1, 2], { '0-1': 0.7, '1-2': 0.9 }, ['1-2']))).toEqual([[0, 1]])
    expect(grouped(scorerOf([0, 1, 2], { '0-1': 0.7, '1-2': 0.9 }))).toEqual([[1, 2]])
  })
})

/** Each group of more than one unit (sorted) with the units attached to it. */
function attached(scorer: StoryScorer, linkSample = 6): [number[], number[]][] {
  const groups = groupLinks(scorer, { linkage: 0.9, linkSample })
  // No unit disputes another here (these units have no text): only the link tests attach.
  const extra = attachUnits(scorer, groups, linkSample, () => false)
  return groups.map((g, k) => [[...g].sort((x, y) => x - y), extra[k]!] as [number[], number[]]).filter(([g, e]) => g.length > 1 || e.length > 0)
}

describe('attachUnits', () => {
  const strong = THRESHOLD * ATTACH_MEAN + 0.01
  // Headline 0 (article 0) states the claim of {1, 2} (articles 1, 2) and that of {3, 4} (articles 3, 4); the two
  // groups share no claim, so they never merge, and 0 joins {3, 4}, its stronger links.
  const two = { '1-2': 0.9, '3-4': 0.9, '0-3': 0.95, '0-4': 0.95, '1-3': 0.1, '1-4': 0.1, '2-3': 0.1, '2-4': 0.1 }

  it('adds a unit of another group to a group whose members it all links to, keeping it in its own', () => {
    expect(attached(scorerOf([0, 1, 2, 3, 4], { ...two, '0-1': strong, '0-2': strong }))).toEqual([
      [[0, 3, 4], []],
      [[1, 2], [0]],
    ])
  })

  it('needs every sampled link at the threshold and their mean above it', () => {
    const apart = [
      [[0, 3, 4], []],
      [[1, 2], []],
    ]
    // The weakest link under the threshold, though the mean passes.
    expect(attached(scorerOf([0, 1, 2, 3, 4], { ...two, '0-1': 0.9, '0-2': THRESHOLD * ATTACH_LEAST - 0.01 }))).toEqual(apart)
    // Both at the threshold, their mean under `ATTACH_MEAN` of it.
    expect(attached(scorerOf([0, 1, 2, 3, 4], { ...two, '0-1': THRESHOLD, '0-2': THRESHOLD }))).toEqual(apart)
  })

  it('attaches a third unit of one article to a group, never a fourth', () => {
    // {0, 1, 2}: headline 0 and lead 1 of article 0 with unit 2. Units 3 and 6, a recap and another of article 0,
    // link to 2 (and so share it with 0 and 1): the recap is attached, the fourth unit of article 0 is not.
    const links = { '0-2': 0.9, '1-2': 0.9, '0-1': 0.9, '4-5': 0.9, '2-3': 0.85, '2-6': 0.85, '3-4': 0.1, '3-5': 0.1 }
    expect(ATTACH_MOST).toBe(3)
    expect(attached(scorerOf([0, 0, 1, 0, 2, 3, 0], links))).toEqual([
      [[0, 1, 2], [3]],
      [[4, 5], []],
    ])
  })

  it('attaches a second unit of an article that links to the same unit as the first, and nothing to a lone unit', () => {
    // {0, 1} of articles 0 and 1; unit 2, of article 0 too, links to 1 and is attached. Unit 1 is not attached to
    // 2's group, a lone unit: that statement would repeat {0, 1}.
    expect(attached(scorerOf([0, 1, 0, 2, 3], { '0-1': 0.9, '1-2': strong, '3-4': 0.9, '2-3': 0.1, '2-4': 0.1 }))).toEqual([
      [[0, 1], [2]],
      [[3, 4], []],
    ])
  })
})

describe('sample', () => {
  it('takes the whole group when it is small, else members spread evenly and always the anchor', () => {
    expect(sample([4, 5, 6], 6, 5)).toEqual([4, 5, 6])
    expect(sample([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4, 5)).toEqual([5, 0, 3, 6])
  })
})
