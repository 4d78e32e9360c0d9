// align: group sentences of different articles that state the same claim or quote into statements.
import type { MessageLog } from '../../core/messages.js'
import { CorroborateError, quoteValue } from '../../core/messages.js'
import { predict } from '../../resources/model.js'
import { checkVectors, DEFAULT_MODEL, FEATURES, Idf, pairFeaturesInto, sameQuote, sentenceFeatures, similarity as pairSimilarity, similarityIgnoringPolarity, similarityWithFeatures, predictFromFeatures, softContainment, type SentenceFeatures, type SimilarityModel } from '../similarity/index.js'
import { relate } from '../score/relate.js'
import type { Alignment, Document, Member, PairRelation, Sentence, Statement } from '../../core/types.js'
import type { WordVectors } from '../../resources/vectors.js'
import { round } from '../../core/numbers.js'
import { unitsOf } from '../segment/index.js'

export interface AlignOptions {
  /** Scorer and threshold (default: the shipped model). */
  readonly model?: SimilarityModel
  /** Word vectors, required when the model was fitted with them. */
  readonly vectors?: WordVectors
  /** Rarest stems of each unit that go into the candidate index (default: `32`): prefix filtering. A headline shares few of a long sentence's rarest stems, so the prefix is long (12 found 48% of the labelled same-claim headline pairs, 32 finds 93%). */
  readonly prefixSize?: number
  /** Posting lists longer than this pair each sentence only with its `window` predecessors (default: `200`). */
  readonly maxPosting?: number
  /** Predecessors paired within a long posting list (default: `16`). */
  readonly window?: number
  /** Most candidates scored per sentence, those sharing the most indexed stems first (default: `12`). */
  readonly maxCandidates?: number
  /** A group joins another only if their mean similarity reaches this share of the threshold (default: `0.9`). */
  readonly linkage?: number
  /** Cross pairs sampled per side when two groups are compared (default: `6`, so at most 36 pairs). */
  readonly linkSample?: number
  /** Statements of at most this many members list every pair; larger ones list each member against the representative (default: `30`). */
  readonly allPairsUpTo?: number
}

const SOURCE = 'align'

/**
 * What the same-claim decision knows of a pair beyond its two texts, each symmetric in the pair: its similarity
 * (`s1`); how each unit ranks the other among the candidates the other's article offers (`rank*`, 0 the best,
 * capped at 5), by what margin (`margin*`) and the best value there (`best*`); how many of the two are headlines;
 * where they stand in their articles (headline −0.1, lead 0, last sentence 1); whether one states all of the
 * other's content and more (`statesMore`) or they share a quotation (`sameQuote`); the similarity with a
 * negation mismatch ignored (`polarity`); and the best similarity of their main clauses (`claim`).
 */
export const CONTEXT_FEATURES = ['s1', 'rankMin', 'rankMax', 'marginMin', 'marginMax', 'bestMin', 'bestMax', 'headlines', 'positionMin', 'positionMax', 'positionGap', 'statesMore', 'sameQuote', 'polarity', 'claim'] as const
const CONTEXT_RANK_CAP = 5
/** Similarity under which a pair is never asked of the same-claim stage. */
const STAGE_FLOOR = 0.08
/** Share of the threshold at which another outlet's unit counts as close to a statement (see `Statement.near`). */
export const NEAR_SHARE = 0.6

/**
 * Align sentences across articles: candidates from an index of each sentence's rarest stems (never all pairs),
 * scored by the model, grouped strongest first without chaining. Cost grows close to linearly with the story.
 */
export function align(documents: readonly Document[], log: MessageLog, options: AlignOptions = {}): Alignment {
  const model = options.model ?? DEFAULT_MODEL
  const settings = scorerSettings(options)
  const linkSample = positiveInteger('linkSample', options.linkSample ?? 6)
  const allPairsUpTo = positiveInteger('allPairsUpTo', options.allPairsUpTo ?? 30)
  const linkage = options.linkage ?? 0.9
  checkVectors(model, options.vectors)
  if (!(linkage > 0 && linkage <= 1)) throw new CorroborateError('ERR_INVALID_OPTION', `Expected \`linkage\` to be in (0, 1], got ${quoteValue(linkage)}`)
  const { sentences, doc, n, features, compared, similarity, link, throughClaims, threshold, edges, byArticle } = storyScorer(documents, model, options.vectors, settings)

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

  const statements: Statement[] = []
  const ordered = [...groups.values()]
    .map((members) => members.sort((x, y) => x - y))
    .filter((members) => new Set(members.map((x) => sentences[x]!.outlet)).size >= 2)
    .sort((x, y) => x[0]! - y[0]!)
  for (const members of ordered) {
    // The representative is the member closest to the others; in a large statement, the best of a sample of
    // members against a sample of the others, so the cost stays bounded.
    const others = sample(members, 16, members[0]!)
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
        relation: x === best ? 'identical' : relate(s, rep, features[x]!, features[best]!).relation,
        representative: x === best,
      }
    })
    const pairs: PairRelation[] = []
    const pair = (x: number, y: number) => {
      const related = relate(sentences[x]!, sentences[y]!, features[x]!, features[y]!)
      pairs.push({ a: sentences[x]!.id, b: sentences[y]!.id, similarity: round(similarity(x, y)), relation: related.relation, values: related.values })
    }
    // Pairs across articles only: two units of one article are never compared for conflicts or reuse.
    if (members.length <= allPairsUpTo) {
      for (let p = 0; p < members.length; p++) for (let q = p + 1; q < members.length; q++) if (doc[members[p]!] !== doc[members[q]!]) pair(members[p]!, members[q]!)
    } else for (const x of members) if (x !== best && doc[x] !== doc[best]) pair(Math.min(x, best), Math.max(x, best))
    // Outlets outside the statement with a unit close to one of its members: no omission of theirs.
    const inside = new Set(members.map((x) => sentences[x]!.outlet))
    const near = new Set<string>()
    for (const x of members)
      for (const list of byArticle[x]!.values())
        for (const k of list) if (!inside.has(sentences[k]!.outlet) && link(x, k) >= threshold * NEAR_SHARE) near.add(sentences[k]!.outlet)
    statements.push({ id: `s${statements.length + 1}`, text: rep.text, representative: rep.id, members: memberRecords, pairs, near: [...near].sort() })
  }
  const possible = possiblePairs(documents)
  log.info(SOURCE, 'compared-pairs', `Compared ${compared} of ${possible} sentence pairs across articles (${possible > 0 ? ((100 * compared) / possible).toFixed(2) : '0.00'}%)`)
  return { statements, comparedPairs: compared, possiblePairs: possible }
}


/** The candidate index's settings of `options`, with their defaults, checked. */
function scorerSettings(options: AlignOptions): ScorerSettings {
  return {
    prefixSize: positiveInteger('prefixSize', options.prefixSize ?? 32),
    maxPosting: positiveInteger('maxPosting', options.maxPosting ?? 200),
    window: positiveInteger('window', options.window ?? 16),
    maxCandidates: positiveInteger('maxCandidates', options.maxCandidates ?? 12),
  }
}

/** What `storyScorer` needs beyond the documents: the candidate index's settings. */
interface ScorerSettings {
  readonly prefixSize: number
  readonly maxPosting: number
  readonly window: number
  readonly maxCandidates: number
}

/**
 * A story's units with their features, candidate pairs from the index of rarest stems, and how strongly two units
 * link (memoised): what `align` groups, and what the same-claim stage is fitted on (`sameClaimRows`).
 */
function storyScorer(documents: readonly Document[], model: SimilarityModel, vectors: WordVectors | undefined, settings: ScorerSettings) {
  const options = { vectors }
  // Headlines align like sentences: a headline states the story's main claim in a few words.
  const sentences: Sentence[] = documents.flatMap((d) => unitsOf(d))
  const articleOf = new Map<string, number>()
  documents.forEach((d, i) => articleOf.set(d.article.id, i))
  const doc = sentences.map((s) => articleOf.get(s.article)!)
  const features: SentenceFeatures[] = sentences.map((s) => sentenceFeatures(s, options.vectors))
  const idf = new Idf()
  for (const f of features) idf.add(f)
  const n = sentences.length

  // The candidate index is built in a function of its own: its postings and pair counts, hundreds of megabytes in a
  // large story, are garbage once it returns instead of living on in this scope with the closures below.
  const candidateKeys = candidatePairs(features, doc, idf, settings)
  /** Position of a pair key among the candidates, or -1. */
  const candidateAt = (key: number): number => {
    let lo = 0
    let hi = candidateKeys.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const v = candidateKeys[mid]!
      if (v === key) return mid
      if (v < key) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }

  // A candidate's similarity and link strength sit in arrays beside its key (NaN: not yet known); the pairs met
  // outside the candidates, far fewer, in maps. Hundreds of thousands of map entries with keys beyond the small
  // integers (i × n + j passes 2^30 in a story of 33,000 units) would each cost a boxed number and GC time.
  const candidateSimilarity = new Float64Array(candidateKeys.length).fill(NaN)
  const candidateLink = new Float64Array(candidateKeys.length).fill(NaN)
  const cache = new Map<number, number>()
  // With a same-claim stage, each candidate's pair features are kept from its similarity for the stage to read,
  // in single precision (half the memory; the stage is fitted on the same rounded values, see `rowOf`), until every
  // candidate's link is known.
  const stage = model.sameClaim
  const width = FEATURES.length
  let kept: Float32Array | null = null
  const row64 = new Float64Array(width)
  const similarity = (i: number, j: number): number => {
    const key = i < j ? i * n + j : j * n + i
    const at = candidateAt(key)
    if (at >= 0) {
      if (Number.isNaN(candidateSimilarity[at]!)) candidateSimilarity[at] = pairSimilarity(features[i]!, features[j]!, idf, model)
      return candidateSimilarity[at]!
    }
    let value = cache.get(key)
    if (value === undefined) {
      value = pairSimilarity(features[i]!, features[j]!, idf, model)
      cache.set(key, value)
    }
    return value
  }
  // Each sentence's claims for linking: the sentence and its main clauses, with numbers left out, so that
  // "The 1962 bridge carries 38,000 vehicles a day, and every one of those drivers was scrambling" can meet
  // "The bridge carries about 42,000 vehicles a day": the same claim, with a conflict for `relate` to find.
  const claims = new Map<number, SentenceFeatures[]>()
  const claimsOf = (i: number): SentenceFeatures[] => {
    let list = claims.get(i)
    if (!list) claims.set(i, (list = claimParts(sentences[i]!).map((part) => (part === sentences[i] ? features[i]! : sentenceFeatures(part, options.vectors)))))
    return list
  }
  // Pairs linked only through one of their clauses: weaker evidence than whole sentences that match.
  const throughClaims = new Set<number>()
  // The best of the pair's claims against each other (numbers left out), or `model.threshold` when a clause is
  // said within the other sentence; the similarity itself when neither has clauses or the pair is far apart.
  const claimStrength = (i: number, j: number, value: number): number => {
    if (value >= model.threshold || value < model.threshold * 0.35) return value
    const ci = claimsOf(i)
    const cj = claimsOf(j)
    if (ci.length === 0 && cj.length === 0) return value
    const wi = ci[0] ?? features[i]!
    const wj = cj[0] ?? features[j]!
    let best = wi === features[i] && wj === features[j] ? value : Math.max(value, pairSimilarity(wi, wj, idf, model))
    for (const a of ci.slice(1)) best = Math.max(best, pairSimilarity(a, wj, idf, model), saysWithin(a, wj, idf) ? model.threshold : 0)
    for (const b of cj.slice(1)) best = Math.max(best, pairSimilarity(wi, b, idf, model), saysWithin(b, wi, idf) ? model.threshold : 0)
    return best
  }
  // One claim, negated by one side: its similarity as if both agreed, so that `relate` can report the contradiction.
  const polarity = (i: number, j: number, value: number): number =>
    features[i]!.negated !== features[j]!.negated && value >= model.threshold * 0.35 ? Math.max(value, similarityIgnoringPolarity(features[i]!, features[j]!, idf, model)) : value

  // Each sentence's scored candidates in each other article, for the context of a pair: is it the best match the
  // other article offers, and by how much.
  const byArticle = sentences.map(() => new Map<number, number[]>())
  for (const key of candidateKeys) {
    const i = Math.floor(key / n)
    const j = key - i * n
    let list = byArticle[i]!.get(doc[j]!)
    if (!list) byArticle[i]!.set(doc[j]!, (list = []))
    list.push(j)
    let back = byArticle[j]!.get(doc[i]!)
    if (!back) byArticle[j]!.set(doc[i]!, (back = []))
    back.push(i)
  }
  const sentenceCount = documents.map((d) => d.sentences.length)
  const position = (i: number) => (sentences[i]!.unit === 'headline' ? -0.1 : sentenceCount[doc[i]!]! > 1 ? sentences[i]!.index / (sentenceCount[doc[i]!]! - 1) : 0)
  /** Rank of `j` among `i`'s candidates in `j`'s article (0: the best), its margin over the best other, the best value. */
  const standing = (i: number, j: number, value: number): [number, number, number] => {
    let rank = 0
    let other = -1
    for (const k of byArticle[i]!.get(doc[j]!) ?? []) {
      if (k === j) continue
      const v = similarity(i, k)
      if (v > value + 1e-12) rank++
      if (v > other) other = v
    }
    return [Math.min(rank, CONTEXT_RANK_CAP), other < 0 ? value : value - other, Math.max(value, other)]
  }
  const row = stage ? new Float64Array(FEATURES.length + CONTEXT_FEATURES.length) : null
  /** The pair features of (i, j), i < j, into `out`, rounded to single precision: kept for a candidate, else computed. */
  const pairRow = (i: number, j: number, out: Float64Array): void => {
    const at = kept ? candidateAt(i * n + j) : -1
    if (at >= 0) {
      for (let k = 0; k < width; k++) out[k] = kept![at * width + k]!
      return
    }
    // Usually right after the pair's similarity was computed (a pair outside the candidates, met while grouping):
    // its features are still in the scorer's scratch.
    pairFeaturesInto(features[i]!, features[j]!, idf, out)
    for (let k = 0; k < width; k++) out[k] = Math.fround(out[k]!)
  }
  const contextAt = FEATURES.length
  /** The context features of a pair (`CONTEXT_FEATURES`), written into `out` from `at`; symmetric in i and j. */
  const context = (i: number, j: number, out: Float64Array, at: number): void => {
    const value = similarity(i, j)
    const [rankJ, marginJ, bestJ] = standing(i, j, value)
    const [rankI, marginI, bestI] = standing(j, i, value)
    const pi = position(i)
    const pj = position(j)
    const values = [
      value,
      Math.min(rankI, rankJ),
      Math.max(rankI, rankJ),
      Math.min(marginI, marginJ),
      Math.max(marginI, marginJ),
      Math.min(bestI, bestJ),
      Math.max(bestI, bestJ),
      (sentences[i]!.unit === 'headline' ? 1 : 0) + (sentences[j]!.unit === 'headline' ? 1 : 0),
      Math.min(pi, pj),
      Math.max(pi, pj),
      Math.abs(pi - pj),
      statesMore(features[i]!, features[j]!, idf) ? 1 : 0,
      sameQuote(features[i]!, features[j]!) ? 1 : 0,
      // The pair's features are in `out` already: the polarity-blind similarity reads them.
      features[i]!.negated !== features[j]!.negated && value >= model.threshold * 0.35 ? Math.max(value, predictFromFeatures(model, out, true)) : value,
      claimStrength(i, j, value),
    ]
    for (let k = 0; k < values.length; k++) out[at + k] = values[k]!
  }
  // The strength of a link. With a same-claim stage: its prediction from every pair feature and the pair's
  // context. Without: the similarity, raised to the threshold for a sentence that states another's claim and more
  // ("partial") or carries the same quotation in other words, for one claim negated by one side, and for a claim
  // said within the other sentence.
  const links = new Map<number, number>()
  const link = (i: number, j: number): number => {
    const key = i < j ? i * n + j : j * n + i
    const at = candidateAt(key)
    if (at >= 0) {
      if (Number.isNaN(candidateLink[at]!)) candidateLink[at] = linkStrength(Math.min(i, j), Math.max(i, j))
      return candidateLink[at]!
    }
    let strength = links.get(key)
    if (strength === undefined) links.set(key, (strength = linkStrength(Math.min(i, j), Math.max(i, j))))
    return strength
  }
  const linkStrength = (i: number, j: number): number => {
    const value = similarity(i, j)
    if (stage) {
      // A pair this far apart is no same claim (1 of the 1,079 labelled same-claim pairs scores under it), and
      // most candidates of a large story are: the stage is not asked, which keeps its cost small.
      if (value < STAGE_FLOOR && !statesMore(features[i]!, features[j]!, idf) && !sameQuote(features[i]!, features[j]!)) return 0
      pairRow(i, j, row!)
      context(i, j, row!, contextAt)
      const claim = row![contextAt + CONTEXT_FEATURES.indexOf('claim')]!
      if (claim >= model.threshold && value < model.threshold) throughClaims.add(i * n + j)
      const p = predict(stage.learner, row!)
      if (p >= stage.threshold) return p
      // The rules that link one claim said in other shapes still link: a sentence that states another's claim and
      // more, the same quotation in other words, one claim negated by one side, a main clause said within the
      // other sentence ("carries 38,000 vehicles a day, and …" / "… carries roughly 42,000 vehicles on an average
      // weekday"). Few labelled pairs show these shapes, and on them the rules added recall at equal precision.
      const at = (name: (typeof CONTEXT_FEATURES)[number]) => row![contextAt + CONTEXT_FEATURES.indexOf(name)]!
      if (at('statesMore') > 0 || at('sameQuote') > 0 || at('polarity') >= model.threshold || claim >= model.threshold) return stage.threshold
      return p
    }
    if (value >= model.threshold) return value
    if (statesMore(features[i]!, features[j]!, idf) || sameQuote(features[i]!, features[j]!)) return model.threshold
    if (value < model.threshold * 0.35) return value
    if (polarity(i, j, value) >= model.threshold) return model.threshold
    const best = claimStrength(i, j, value)
    if (best >= model.threshold) throughClaims.add(i * n + j)
    return best
  }
  const threshold = stage ? stage.threshold : model.threshold

  // Every candidate's similarity first: a pair's context needs its rivals' values.
  if (stage) kept = new Float32Array(candidateKeys.length * width)
  candidateKeys.forEach((key, k) => {
    const i = Math.floor(key / n)
    const j = key - i * n
    if (!kept) return void similarity(i, j)
    candidateSimilarity[k] = similarityWithFeatures(features[i]!, features[j]!, idf, model, row64)
    kept.set(row64, k * width)
  })
  const edges: { i: number; j: number; strength: number }[] = []
  for (const key of candidateKeys) {
    const i = Math.floor(key / n)
    const j = key - i * n
    const strength = link(i, j)
    if (strength >= threshold) edges.push({ i, j, strength })
  }
  // Every candidate's link is known: its kept features (a hundred megabytes in a story of 1,000 articles) are not
  // read again; a row asked for later is computed, to the same single-precision values.
  kept = null
  /** The same-claim stage's input for a pair: every pair feature, then `CONTEXT_FEATURES`. */
  const rowOf = (i: number, j: number): Float64Array => {
    const out = new Float64Array(FEATURES.length + CONTEXT_FEATURES.length)
    pairRow(Math.min(i, j), Math.max(i, j), out)
    context(Math.min(i, j), Math.max(i, j), out, FEATURES.length)
    return out
  }
  const isCandidate = (i: number, j: number): boolean => candidateAt(Math.min(i, j) * n + Math.max(i, j)) >= 0
  return { sentences, doc, n, features, compared: candidateKeys.length, isCandidate, similarity, link, throughClaims, threshold, edges, row: rowOf, byArticle }
}

/**
 * The candidate pairs of a story's units (key i × n + j, i < j, ascending): prefix filtering on each unit's rarest
 * stems, then each unit's `maxCandidates` pairs sharing the most indexed stems. Never all pairs.
 */
function candidatePairs(features: readonly SentenceFeatures[], doc: readonly number[], idf: Idf, settings: ScorerSettings): Float64Array {
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

/**
 * The same-claim stage's input rows for pairs of unit ids of a story (every pair feature, then `CONTEXT_FEATURES`),
 * computed as `align` computes them: for fitting the stage on labelled pairs. A unit id not in the story gives null.
 * `candidate` receives, for each pair with a row, whether the candidate index proposes it.
 */
export function sameClaimRows(documents: readonly Document[], pairs: readonly (readonly [string, string])[], options: AlignOptions = {}, candidate: boolean[] = []): (Float64Array | null)[] {
  const model = options.model ?? DEFAULT_MODEL
  checkVectors(model, options.vectors)
  const scorer = storyScorer(documents, model, options.vectors, scorerSettings(options))
  const index = new Map(scorer.sentences.map((s, i) => [s.id, i]))
  return pairs.map(([a, b]) => {
    const i = index.get(a)
    const j = index.get(b)
    if (i === undefined || j === undefined || scorer.doc[i] === scorer.doc[j]) return null
    candidate.push(scorer.isCandidate(i, j))
    return scorer.row(i, j)
  })
}

const CLAUSE_JOINERS = new Set(['and', 'but', 'while', 'though', 'although', 'whereas', 'yet'])

/**
 * A sentence's claims: the sentence itself, and its main clauses when it joins several (", and …", "; ",
 * " — "), each with its numbers left out; none for a single clause without numbers, which is its own claim.
 * Clauses under four words are no claim of their own.
 */
function claimParts(sentence: Sentence): Sentence[] {
  const tokens = sentence.tokens
  const cuts: number[] = [0]
  for (let k = 1; k < tokens.length - 1; k++) {
    const t = tokens[k]!
    if (t.text === ';' || t.text === '—' || t.text === '–' || (t.text === ',' && CLAUSE_JOINERS.has(tokens[k + 1]!.normal))) cuts.push(k + 1)
  }
  cuts.push(tokens.length)
  // A sentence of one clause without numbers is its own only claim.
  if (cuts.length === 2 && sentence.numbers.length === 0) return []
  const ranges: [number, number][] = [[0, tokens.length]]
  if (cuts.length > 2) for (let c = 0; c + 1 < cuts.length; c++) ranges.push([cuts[c]!, cuts[c + 1]!])
  const parts: Sentence[] = []
  ranges.forEach(([from, to], n) => {
    const part = tokens.slice(from, to).filter((t) => !(t.kind === 'number' || (t.pos === 'NUM' && t.kind === 'word')))
    if (part.filter((t) => t.kind === 'word').length < 4) return
    // The whole sentence with nothing left out is the sentence itself (and keeps its features).
    if (n === 0 && part.length === tokens.length) {
      parts.push(sentence)
      return
    }
    const begin = part[0]!.begin
    const end = part[part.length - 1]!.end
    parts.push({
      ...sentence,
      id: `${sentence.id}~${n}`,
      // The words of the claim only (numbers left out), for the character signals too.
      text: part.map((t) => t.text).join(' '),
      begin,
      end,
      tokens: part,
      entities: sentence.entities.filter((e) => e.begin >= begin && e.end <= end),
      numbers: [],
      quotes: sentence.quotes.filter((q) => q.begin >= begin && q.end <= end),
    })
  })
  return parts
}

/** Up to `size` members spread evenly over the group, always including `anchor`: a deterministic sample. */
function sample(group: readonly number[], size: number, anchor: number): number[] {
  if (group.length <= size) return [...group]
  const picked = new Set<number>([anchor])
  const step = (group.length - 1) / (size - 1)
  for (let k = 0; picked.size < size && k < size; k++) picked.add(group[Math.floor(k * step)]!)
  return [...picked]
}

/** True when one sentence states all of the other's content and clearly more (it is longer by half or more). */
/**
 * True when the main clause `claim` (numbers left out) is said, in the same or near words, inside the longer
 * sentence `whole`: "The bridge carries 38,000 vehicles a day" within "the bridge links downtown with the Eastbank
 * neighborhoods and carries roughly 42,000 vehicles on an average weekday". Word vectors match "day" and
 * "weekday"; a claim of fewer than four content words says too little to count.
 */
function saysWithin(claim: SentenceFeatures, whole: SentenceFeatures, idf: Idf): boolean {
  if (claim.content.length < 4 || whole.words < 1.5 * claim.words) return false
  return softContainment(claim, whole, idf) >= 0.8
}

function statesMore(a: SentenceFeatures, b: SentenceFeatures, idf: Idf): boolean {
  const [short, long] = a.words <= b.words ? [a, b] : [b, a]
  if (short.stems.size < 4 || long.words < 1.5 * short.words) return false
  let inside = 0
  let total = 0
  for (const stem of short.stems.keys()) {
    const w = idf.weight(stem)
    total += w
    if (long.stems.has(stem)) inside += w
  }
  return inside / total >= 0.8
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new CorroborateError('ERR_INVALID_OPTION', `Expected \`${name}\` to be a positive integer, got ${quoteValue(value)}`)
  return value
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

