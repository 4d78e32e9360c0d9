// align: group sentences of different articles that state the same claim or quote into statements.
import type { MessageLog } from './messages.js'
import { CorroborateError, quoteValue } from './messages.js'
import { DEFAULT_MODEL, Idf, sentenceFeatures, similarity as pairSimilarity, type SentenceFeatures, type SimilarityModel } from './similarity.js'
import type { Alignment, Document, Member, PairRelation, Relation, Sentence, Statement } from './types.js'

export interface AlignOptions {
  /** Scorer and threshold (default: the shipped model). */
  readonly model?: SimilarityModel
  /** Stems found in more sentences than this are not used to find candidates (default: `200`): keeps cost near-linear. */
  readonly maxPosting?: number
  /** Fewest shared candidate stems for a pair to be scored (default: `2`; `1` for sentences of four content words or fewer). */
  readonly minShared?: number
  /** A sentence joins a statement only if its mean similarity to the members reaches this share of the threshold (default: `0.9`). */
  readonly linkage?: number
}

const SOURCE = 'align'

/** Align sentences across articles: candidates from an index of rarer stems, scored, grouped without chaining. */
export function align(documents: readonly Document[], log: MessageLog, options: AlignOptions = {}): Alignment {
  const model = options.model ?? DEFAULT_MODEL
  const maxPosting = options.maxPosting ?? 200
  const minShared = options.minShared ?? 2
  const linkage = options.linkage ?? 0.9
  if (!Number.isInteger(maxPosting) || maxPosting < 2) throw new CorroborateError('ERR_INVALID_OPTION', `Expected \`maxPosting\` to be an integer of at least 2, got ${quoteValue(maxPosting)}`)
  if (!(linkage > 0 && linkage <= 1)) throw new CorroborateError('ERR_INVALID_OPTION', `Expected \`linkage\` to be in (0, 1], got ${quoteValue(linkage)}`)

  const sentences: Sentence[] = documents.flatMap((d) => d.sentences)
  const articleOf = new Map<string, number>()
  documents.forEach((d, i) => articleOf.set(d.article.id, i))
  const doc = sentences.map((s) => articleOf.get(s.article)!)
  const features: SentenceFeatures[] = sentences.map(sentenceFeatures)
  const idf = new Idf()
  for (const f of features) idf.add(f)

  // Candidates: sentences of other articles that share enough rarer stems.
  const postings = new Map<string, number[]>()
  features.forEach((f, i) => {
    for (const stem of f.stems.keys()) {
      let list = postings.get(stem)
      if (!list) postings.set(stem, (list = []))
      list.push(i)
    }
  })
  const cache = new Map<number, number>()
  const n = sentences.length
  const pairKey = (i: number, j: number) => (i < j ? i * n + j : j * n + i)
  const similarity = (i: number, j: number): number => {
    const k = pairKey(i, j)
    let value = cache.get(k)
    if (value === undefined) {
      value = pairSimilarity(features[i]!, features[j]!, idf, model)
      cache.set(k, value)
    }
    return value
  }

  const edges: { i: number; j: number; similarity: number }[] = []
  let compared = 0
  for (let i = 0; i < n; i++) {
    const shared = new Map<number, number>()
    for (const stem of features[i]!.stems.keys()) {
      const list = postings.get(stem)!
      if (list.length > maxPosting) continue
      for (const j of list) if (j > i && doc[j] !== doc[i]) shared.set(j, (shared.get(j) ?? 0) + 1)
    }
    const needI = features[i]!.stems.size <= 4 ? 1 : minShared
    for (const [j, count] of shared) {
      if (count < Math.min(needI, features[j]!.stems.size <= 4 ? 1 : minShared)) continue
      compared++
      const value = similarity(i, j)
      if (value >= model.threshold) edges.push({ i, j, similarity: value })
    }
  }
  edges.sort((a, b) => b.similarity - a.similarity || a.i - b.i || a.j - b.j)

  // Grouping: strongest pairs first; two groups merge only if they share no article and are close on average.
  const groupOf = sentences.map((_, i) => i)
  const groups = new Map<number, number[]>(sentences.map((_, i) => [i, [i]]))
  for (const edge of edges) {
    const a = groupOf[edge.i]!
    const b = groupOf[edge.j]!
    if (a === b) continue
    const ga = groups.get(a)!
    const gb = groups.get(b)!
    const docs = new Set(ga.map((x) => doc[x]))
    if (gb.some((x) => docs.has(doc[x]))) continue
    let total = 0
    let least = 1
    for (const x of ga)
      for (const y of gb) {
        const value = similarity(x, y)
        total += value
        least = Math.min(least, value)
      }
    const mean = total / (ga.length * gb.length)
    // No chaining: the new members must be close to the whole group, not just to one of its sentences.
    if (mean < model.threshold * linkage || least < model.threshold * linkage * 0.75) continue
    const [keep, drop] = ga.length >= gb.length ? [a, b] : [b, a]
    const merged = [...groups.get(keep)!, ...groups.get(drop)!]
    for (const x of groups.get(drop)!) groupOf[x] = keep
    groups.set(keep, merged)
    groups.delete(drop)
  }

  const statements: Statement[] = []
  const ordered = [...groups.values()]
    .map((members) => members.sort((x, y) => x - y))
    .filter((members) => new Set(members.map((x) => sentences[x]!.outlet)).size >= 2)
    .sort((x, y) => x[0]! - y[0]!)
  for (const members of ordered) {
    // The representative is the member closest to all others; ties go to the earliest.
    let best = members[0]!
    let bestSum = -1
    for (const x of members) {
      let sum = 0
      for (const y of members) if (x !== y) sum += similarity(x, y)
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
        relation: x === best ? 'identical' : relation(features[x]!, features[best]!),
        representative: x === best,
      }
    })
    const pairs: PairRelation[] = []
    for (let p = 0; p < members.length; p++)
      for (let q = p + 1; q < members.length; q++) {
        const x = members[p]!
        const y = members[q]!
        pairs.push({ a: sentences[x]!.id, b: sentences[y]!.id, similarity: round(similarity(x, y)), relation: relation(features[x]!, features[y]!) })
      }
    statements.push({ id: `s${statements.length + 1}`, text: rep.text, representative: rep.id, members: memberRecords, pairs })
  }
  const possible = possiblePairs(documents)
  log.info(SOURCE, 'compared-pairs', `Compared ${compared} of ${possible} sentence pairs across articles (${possible > 0 ? ((100 * compared) / possible).toFixed(1) : '0.0'}%)`)
  return { statements, comparedPairs: compared, possiblePairs: possible }
}

/** How two aligned sentences relate: identical wording, one saying more (partial), or a paraphrase. */
export function relation(fa: SentenceFeatures, fb: SentenceFeatures): Relation {
  if (fa.wording === fb.wording) return 'identical'
  const [short, long] = fa.words <= fb.words ? [fa, fb] : [fb, fa]
  if (long.words >= 1.5 * short.words && short.stems.size > 0) {
    let shared = 0
    for (const stem of short.stems.keys()) if (long.stems.has(stem)) shared++
    if (shared / short.stems.size >= 0.7) return 'partial'
  }
  return 'paraphrase'
}

function possiblePairs(documents: readonly Document[]): number {
  let total = 0
  let seen = 0
  for (const d of documents) {
    total += seen * d.sentences.length
    seen += d.sentences.length
  }
  return total
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000
}
