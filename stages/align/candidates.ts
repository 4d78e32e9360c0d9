// align, step 1: the candidate index. Prefix filtering on each unit's rarest stems proposes the pairs worth scoring,
// never all pairs across articles.
import type { Document } from '../../core/types.js'
import type { Idf, SentenceFeatures } from '../similarity/index.js'

/** The candidate index's settings (see `AlignOptions` for their meaning and defaults). */
export interface CandidateSettings {
  readonly prefixSize: number
  readonly maxPosting: number
  readonly window: number
  readonly maxCandidates: number
}

/**
 * The candidate pairs of a story's units (key i × n + j, i < j, ascending): prefix filtering on each unit's rarest
 * stems, then each unit's `maxCandidates` pairs sharing the most indexed stems. Never all pairs.
 */
export function candidatePairs(features: readonly SentenceFeatures[], doc: readonly number[], idf: Idf, settings: CandidateSettings): Float64Array {
  const { prefixSize, maxPosting, window, maxCandidates } = settings
  const n = features.length
  // Prefix filtering: two sentences that say the same thing share some of their rarest stems, so only those are indexed.
  const postings = new Map<string, number[]>()
  features.forEach((f, i) => {
    // Each stem's frequency looked up once, not at every comparison of the sort.
    const prefix = [...f.stems.keys()]
      .map((stem) => ({ stem, frequency: idf.frequency(stem) }))
      .sort((x, y) => x.frequency - y.frequency || (x.stem < y.stem ? -1 : x.stem > y.stem ? 1 : 0))
      .slice(0, prefixSize)
    for (const { stem } of prefix) {
      let list = postings.get(stem)
      if (!list) postings.set(stem, (list = []))
      list.push(i)
    }
  })
  // Count shared indexed stems per pair; a long list (a sentence copied by hundreds of outlets) pairs each
  // sentence with its nearest predecessors only, which keeps the cost linear and still links every copy.
  // Pair keys go into one array, sized for the most pairs the lists can give, that is sorted and counted in runs:
  // far cheaper than a map, and never copied to grow.
  let most = 0
  for (const list of postings.values()) {
    const m = list.length
    most += m <= maxPosting ? (m * (m - 1)) / 2 : (m - 1) * window
  }
  const keys = new Float64Array(most)
  let size = 0
  for (const list of postings.values()) {
    if (list.length <= maxPosting) {
      for (let x = 0; x < list.length; x++)
        for (let y = x + 1; y < list.length; y++) {
          const i = list[x]!
          const j = list[y]!
          if (doc[i] !== doc[j]) keys[size++] = i < j ? i * n + j : j * n + i
        }
    } else {
      for (let x = 1; x < list.length; x++)
        for (let y = Math.max(0, x - window); y < x; y++) {
          const i = list[x]!
          const j = list[y]!
          if (doc[i] !== doc[j]) keys[size++] = i < j ? i * n + j : j * n + i
        }
    }
  }
  const sorted = keys.subarray(0, size).sort()
  // Keep each sentence's best candidates: the pairs sharing the most indexed stems, then the lower index. Each
  // sentence's pairs go into one flat array (two passes: count, then fill) as `-shared × n + other`, so that an
  // ascending sort of a sentence's slice puts them in that order: no object per pair (millions in a large story).
  const need = (i: number, j: number) => (Math.min(features[i]!.stems.size, features[j]!.stems.size) <= 4 ? 1 : 2)
  const start = new Int32Array(n + 1)
  const eachPair = (visit: (i: number, j: number, shared: number) => void) => {
    for (let k = 0; k < size; ) {
      const key = sorted[k]!
      let end = k
      while (end < size && sorted[end] === key) end++
      const shared = end - k
      k = end
      const i = Math.floor(key / n)
      const j = key - i * n
      if (shared >= need(i, j)) visit(i, j, shared)
    }
  }
  eachPair((i, j) => {
    start[i + 1]!++
    start[j + 1]!++
  })
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!
  const ranked = new Float64Array(start[n]!)
  const filled = start.slice(0, n)
  eachPair((i, j, shared) => {
    ranked[filled[i]!++] = -shared * n + j
    ranked[filled[j]!++] = -shared * n + i
  })
  const chosen: number[] = []
  for (let i = 0; i < n; i++) {
    const list = ranked.subarray(start[i]!, start[i + 1]!).sort()
    for (let c = 0; c < Math.min(maxCandidates, list.length); c++) {
      const j = ((list[c]! % n) + n) % n
      chosen.push(i < j ? i * n + j : j * n + i)
    }
  }
  // A pair chosen by both of its sentences is one candidate.
  const all = Float64Array.from(chosen).sort()
  let unique = 0
  for (let k = 0; k < all.length; k++) if (k === 0 || all[k] !== all[k - 1]) all[unique++] = all[k]!
  return all.slice(0, unique)
}

/** How many pairs of sentences across articles the documents hold: what `candidatePairs` spares comparing. */
export function possiblePairs(documents: readonly Document[]): number {
  let total = 0
  let seen = 0
  for (const d of documents) {
    total += seen * d.sentences.length
    seen += d.sentences.length
  }
  return total
}
