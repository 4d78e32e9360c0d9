// align, step 2: scoring the candidates. Each candidate pair gets the model's similarity, then the same-claim
// decision (the second learner over every pair feature and the pair's context in its story, `CONTEXT_FEATURES`);
// the rules that link one claim told in other shapes (states more, same quotation, one side negated, a main
// clause said within the other) still link. What `align` groups, and what the same-claim stage is fitted on.
import { predict } from '../../resources/model.js'
import { FEATURES, Idf, pairFeaturesInto, sameQuote, sentenceFeatures, similarity as pairSimilarity, similarityIgnoringPolarity, similarityWithFeatures, predictFromFeatures, type SentenceFeatures, type SimilarityModel } from '../similarity/index.js'
import type { Document, Sentence } from '../../core/types.js'
import { publishedDay } from '../../core/dates.js'
import type { WordVectors } from '../../resources/vectors.js'
import { claimParts, saysWithin, statesMore } from './shapes.js'
import { unitsOf } from '../segment/index.js'
import { candidatePairs, type CandidateSettings } from './candidates.js'
import { sameUnit, unitClasses } from './units.js'

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
/** Ids of features records (see `recordSimilarity` in `storyScorer`) pair as id × RECORD_BASE + id, exact in a double. */
const RECORD_BASE = 2 ** 26
/** Added to a pair's kept prediction when a shape rule links it (predictions lie in [0, 1]). */
const RULE_LINK = 2
/** Similarity under which a pair is never asked of the same-claim stage. */
const STAGE_FLOOR = 0.08

/** A link between two units of different articles (i < j) at or above the threshold, and its strength. */
export interface Link {
  readonly i: number
  readonly j: number
  readonly strength: number
}

/** A story's units, indexed 0..n-1 in document order, and how they score and link: what `storyScorer` returns. */
export interface StoryScorer {
  /** The units (headlines and sentences) of every document, in order. */
  readonly sentences: readonly Sentence[]
  /** Each unit's document (its index in the documents). */
  readonly doc: readonly number[]
  /** How many units. */
  readonly n: number
  /** Each unit's features. */
  readonly features: readonly SentenceFeatures[]
  /** How many candidate pairs were scored. */
  readonly compared: number
  /** Whether the candidate index proposes the pair. */
  readonly isCandidate: (i: number, j: number) => boolean
  /** The model's similarity of two units (memoised). */
  readonly similarity: (i: number, j: number) => number
  /** How strongly two units link (memoised): the same-claim stage's prediction, or the similarity raised by the shape rules. */
  readonly link: (i: number, j: number) => number
  /** Pairs (key i × n + j, i < j) linked only through one of their clauses. */
  readonly throughClaims: ReadonlySet<number>
  /** The strength at which two units link. */
  readonly threshold: number
  /** The candidates that link, in candidate order; `groupLinks` sorts them in place. */
  readonly edges: Link[]
  /** The same-claim stage's input for a pair: every pair feature, then `CONTEXT_FEATURES`. */
  readonly row: (i: number, j: number) => Float64Array
  /**
   * Whole days between the publication of unit `i`'s article and unit `j`'s, signed (positive when `j`'s came
   * later); 0 when either has no `published` date that reads as one.
   */
  readonly daysApart: (i: number, j: number) => number
  /** Unit `i`'s candidates in document `d` (a view of the scorer's array: read, never change). */
  readonly candidatesIn: (i: number, d: number) => Int32Array
  /** Every candidate of unit `i`, grouped by the other's document (a view, likewise). */
  readonly candidatesOf: (i: number) => Int32Array
  /**
   * The same scorer with the same-claim stage's thresholds set to `threshold` (and `headlineThreshold` for pairs
   * with a headline): its own links and edges, every pair's features and prediction shared. For choosing the
   * thresholds through the grouping without scoring a story again; without a stage, the scorer as it is.
   */
  readonly at: (threshold: number, headlineThreshold?: number) => StoryScorer
}

/**
 * A story's units with their features, candidate pairs from the index of rarest stems, and how strongly two units
 * link (memoised): what `align` groups, and what the same-claim stage is fitted on (`sameClaimRows`).
 */
export function storyScorer(documents: readonly Document[], model: SimilarityModel, vectors: WordVectors | undefined, settings: CandidateSettings): StoryScorer {
  const options = { vectors }
  // Headlines align like sentences: a headline states the story's main claim in a few words.
  const sentences: Sentence[] = documents.flatMap((d) => unitsOf(d))
  const articleOf = new Map<string, number>()
  documents.forEach((d, i) => articleOf.set(d.article.id, i))
  const doc = sentences.map((s) => articleOf.get(s.article)!)
  const dayOf = documents.map((d) => publishedDay(d.article.published))
  const daysApart = (i: number, j: number): number => {
    const a = dayOf[doc[i]!]
    const b = dayOf[doc[j]!]
    return a === null || b === null || a === undefined || b === undefined ? 0 : b - a
  }
  // A sentence reprinted word for word (wire copy: in the 1,000-article generated story half the units are such
  // copies) shares its first copy's features: the same tokens give the same features, computed and kept once.
  const { unitClass, firsts } = unitClasses(sentences)
  const classFeatures = firsts.map((i) => sentenceFeatures(sentences[i]!, options.vectors))
  const features: SentenceFeatures[] = Array.from(unitClass, (c) => classFeatures[c]!)
  const classCount = firsts.length
  /** The ordered pair of the units' classes: two pairs of units with the same key have the same features, in that order. */
  const classPair = (i: number, j: number): number => unitClass[i]! * classCount + unitClass[j]!
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
  // The row of `kept` holding each candidate's features (copies of one pair share a row).
  let keptRow: Int32Array | null = null
  const row64 = new Float64Array(width)
  // The similarity of units i and j in this order depends on their classes only: kept per ordered pair of classes
  // (those of the candidates too), so that a pair of copies met outside the candidates (while grouping) is not
  // scored again. The pair's own entry in `cache` still keeps the value of the order it was first asked in.
  const byClasses = new Map<number, number>()
  const classSimilarity = (i: number, j: number): number => {
    const pair = classPair(i, j)
    let value = byClasses.get(pair)
    if (value === undefined) byClasses.set(pair, (value = pairSimilarity(features[i]!, features[j]!, idf, model)))
    return value
  }
  const similarity = (i: number, j: number): number => {
    const key = i < j ? i * n + j : j * n + i
    const at = candidateAt(key)
    if (at >= 0) {
      if (Number.isNaN(candidateSimilarity[at]!)) candidateSimilarity[at] = pairSimilarity(features[i]!, features[j]!, idf, model)
      return candidateSimilarity[at]!
    }
    let value = cache.get(key)
    if (value === undefined) {
      value = classSimilarity(i, j)
      cache.set(key, value)
    }
    return value
  }
  // Each sentence's claims for linking: the sentence and its main clauses, with numbers left out, so that
  // "The 1962 bridge carries 38,000 vehicles a day, and every one of those drivers was scrambling" can meet
  // "The bridge carries about 42,000 vehicles a day": the same claim, with a conflict for `relate` to find.
  // Kept per class of units: a copy's clauses are its first copy's. A clause with the content of one met before
  // (one clause of two sentences that differ elsewhere) shares its features record.
  const claims = new Map<number, SentenceFeatures[]>()
  const claimsOf = (i: number): SentenceFeatures[] => {
    const c = unitClass[i]!
    let list = claims.get(c)
    if (!list) {
      const first = sentences[firsts[c]!]!
      claims.set(c, (list = claimParts(first).map((part) => (part === first ? classFeatures[c]! : clauseFeatures(part)))))
    }
    return list
  }
  // Every features record of the story by id: the unit classes' (id = class), then the clauses' as they are made.
  const recordId = new Map<SentenceFeatures, number>()
  classFeatures.forEach((f, c) => recordId.set(f, c))
  const clausesByText = new Map<string, { part: Sentence; features: SentenceFeatures }[]>()
  const clauseFeatures = (part: Sentence): SentenceFeatures => {
    let list = clausesByText.get(part.text)
    if (!list) clausesByText.set(part.text, (list = []))
    const known = list.find((k) => sameUnit(k.part, part))
    if (known) return known.features
    const made = sentenceFeatures(part, options.vectors)
    recordId.set(made, recordId.size)
    list.push({ part, features: made })
    return made
  }
  // The similarity of two records (clauses or whole units) in this order, computed once per pair of records.
  const recordPairs = new Map<number, number>()
  const recordSimilarity = (a: SentenceFeatures, b: SentenceFeatures): number => {
    const key = recordId.get(a)! * RECORD_BASE + recordId.get(b)!
    let value = recordPairs.get(key)
    if (value === undefined) recordPairs.set(key, (value = pairSimilarity(a, b, idf, model)))
    return value
  }
  // Pairs linked only through one of their clauses: weaker evidence than whole sentences that match.
  const throughClaims = new Set<number>()
  // The best of the pair's claims against each other (numbers left out), or `model.threshold` when a clause is
  // said within the other sentence; the similarity itself when neither has clauses or the pair is far apart.
  // The strength depends on the two classes and `value` only: kept per ordered pair of classes with the value it
  // was computed for, so that copies of one pair compare their clauses once.
  const claimMemo = new Map<number, number>()
  const claimMemoValue = new Map<number, number>()
  const claimStrength = (i: number, j: number, value: number): number => {
    if (value >= model.threshold || value < model.threshold * 0.35) return value
    const ci = claimsOf(i)
    const cj = claimsOf(j)
    if (ci.length === 0 && cj.length === 0) return value
    const key = classPair(i, j)
    if (claimMemoValue.get(key) === value) return claimMemo.get(key)!
    const best = clauseStrength(i, j, ci, cj, value)
    claimMemo.set(key, best)
    claimMemoValue.set(key, value)
    return best
  }
  const clauseStrength = (i: number, j: number, ci: readonly SentenceFeatures[], cj: readonly SentenceFeatures[], value: number): number => {
    const wi = ci[0] ?? features[i]!
    const wj = cj[0] ?? features[j]!
    let best = wi === features[i] && wj === features[j] ? value : Math.max(value, recordSimilarity(wi, wj))
    for (const a of ci.slice(1)) best = Math.max(best, recordSimilarity(a, wj), saysWithin(a, wj, idf) ? model.threshold : 0)
    for (const b of cj.slice(1)) best = Math.max(best, recordSimilarity(wi, b), saysWithin(b, wi, idf) ? model.threshold : 0)
    return best
  }
  // One claim, negated by one side: its similarity as if both agreed, so that `relate` can report the contradiction.
  const polarity = (i: number, j: number, value: number): number =>
    features[i]!.negated !== features[j]!.negated && value >= model.threshold * 0.35 ? Math.max(value, similarityIgnoringPolarity(features[i]!, features[j]!, idf, model)) : value

  // Each sentence's scored candidates in each other article, for the context of a pair: is it the best match the
  // other article offers, and by how much.
  // Flat: each unit's candidates in one slice of `peers`, ordered by the other's document then index (a map of
  // lists per unit cost a hundred megabytes in a story of 1,000 articles).
  const peerStart = new Int32Array(n + 1)
  for (const key of candidateKeys) {
    const i = Math.floor(key / n)
    peerStart[i + 1]!++
    peerStart[key - i * n + 1]!++
  }
  for (let i = 0; i < n; i++) peerStart[i + 1]! += peerStart[i]!
  const peers = new Int32Array(peerStart[n]!)
  {
    const filled = peerStart.slice(0, n)
    for (const key of candidateKeys) {
      const i = Math.floor(key / n)
      const j = key - i * n
      peers[filled[i]!++] = j
      peers[filled[j]!++] = i
    }
    let sortKeys = new Float64Array(16)
    for (let i = 0; i < n; i++) {
      const from = peerStart[i]!
      const to = peerStart[i + 1]!
      if (sortKeys.length < to - from) sortKeys = new Float64Array(2 * (to - from))
      for (let k = from; k < to; k++) sortKeys[k - from] = doc[peers[k]!]! * n + peers[k]!
      const slice = sortKeys.subarray(0, to - from).sort()
      for (let k = from; k < to; k++) peers[k] = slice[k - from]! % n
    }
  }
  /** The range of `peers` holding unit i's candidates in document d: [from, to). */
  const peerRange = (i: number, d: number): [number, number] => {
    let lo = peerStart[i]!
    let hi = peerStart[i + 1]!
    // The first peer in document d or after it.
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (doc[peers[mid]!]! < d) lo = mid + 1
      else hi = mid
    }
    let to = lo
    while (to < peerStart[i + 1]! && doc[peers[to]!] === d) to++
    return [lo, to]
  }
  const sentenceCount = documents.map((d) => d.sentences.length)
  /** Whether one of the two units is a headline (the stage may have a threshold of its own for those pairs). */
  const headlinePair = (i: number, j: number) => sentences[i]!.unit === 'headline' || sentences[j]!.unit === 'headline'
  const position = (i: number) => (sentences[i]!.unit === 'headline' ? -0.1 : sentenceCount[doc[i]!]! > 1 ? sentences[i]!.index / (sentenceCount[doc[i]!]! - 1) : 0)
  /** Rank of `j` among `i`'s candidates in `j`'s article (0: the best), its margin over the best other, the best value. */
  const standing = (i: number, j: number, value: number): [number, number, number] => {
    let rank = 0
    let other = -1
    const [from, to] = peerRange(i, doc[j]!)
    for (let p = from; p < to; p++) {
      const k = peers[p]!
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
      const base = keptRow![at]! * width
      for (let k = 0; k < width; k++) out[k] = kept![base + k]!
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
  // With a stage, what is kept of a pair does not depend on the decision's thresholds: its prediction, plus
  // RULE_LINK when one of the shape rules links it (see `strengthAt`), so the same scorer serves other thresholds.
  const links = new Map<number, number>()
  const decision = (i: number, j: number): number => {
    const key = i < j ? i * n + j : j * n + i
    const at = candidateAt(key)
    if (at >= 0) {
      if (Number.isNaN(candidateLink[at]!)) candidateLink[at] = linkDecision(Math.min(i, j), Math.max(i, j))
      return candidateLink[at]!
    }
    let strength = links.get(key)
    if (strength === undefined) links.set(key, (strength = linkDecision(Math.min(i, j), Math.max(i, j))))
    return strength
  }
  const linkDecision = (i: number, j: number): number => {
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
      // The rules that link one claim said in other shapes still link: a sentence that states another's claim and
      // more, the same quotation in other words, one claim negated by one side, a main clause said within the
      // other sentence ("carries 38,000 vehicles a day, and …" / "… carries roughly 42,000 vehicles on an average
      // weekday"). Few labelled pairs show these shapes, and on them the rules added recall at equal precision.
      const at = (name: (typeof CONTEXT_FEATURES)[number]) => row![contextAt + CONTEXT_FEATURES.indexOf(name)]!
      const rule = at('statesMore') > 0 || at('sameQuote') > 0 || at('polarity') >= model.threshold || claim >= model.threshold
      return rule ? p + RULE_LINK : p
    }
    if (value >= model.threshold) return value
    if (statesMore(features[i]!, features[j]!, idf) || sameQuote(features[i]!, features[j]!)) return model.threshold
    if (value < model.threshold * 0.35) return value
    if (polarity(i, j, value) >= model.threshold) return model.threshold
    const best = claimStrength(i, j, value)
    if (best >= model.threshold) throughClaims.add(i * n + j)
    return best
  }
  /**
   * A pair's link at the stage's thresholds `t` (and `h` for a pair with a headline): its prediction (put on the
   * scale of `t`, see `onBodyScale`), or `t` when under it and a shape rule links the pair.
   */
  const strengthAt = (i: number, j: number, d: number, t: number, h: number | undefined): number => {
    if (!stage) return d
    const rule = d >= RULE_LINK
    const predicted = rule ? d - RULE_LINK : d
    const p = headlinePair(i, j) ? onBodyScale(predicted, h, t) : predicted
    return p >= t ? p : rule ? t : p
  }

  // Every candidate's similarity first: a pair's context needs its rivals' values. Candidates whose units are
  // copies of an earlier candidate's (the same ordered pair of classes) have its features and similarity: each is
  // computed once, and kept once.
  const source = new Int32Array(candidateKeys.length)
  let distinct = 0
  {
    const firstOfPair = new Map<number, number>()
    candidateKeys.forEach((key, k) => {
      const i = Math.floor(key / n)
      const pair = classPair(i, key - i * n)
      const first = firstOfPair.get(pair)
      if (first === undefined) {
        firstOfPair.set(pair, k)
        source[k] = k
        distinct++
      } else source[k] = first
    })
  }
  if (stage) {
    keptRow = new Int32Array(candidateKeys.length)
    let rows = 0
    for (let k = 0; k < source.length; k++) keptRow[k] = source[k] === k ? rows++ : keptRow[source[k]!]!
    kept = new Float32Array(distinct * width)
  }
  candidateKeys.forEach((key, k) => {
    if (source[k] !== k) {
      candidateSimilarity[k] = candidateSimilarity[source[k]!]!
      return
    }
    const i = Math.floor(key / n)
    const j = key - i * n
    if (!kept) similarity(i, j)
    else {
      candidateSimilarity[k] = similarityWithFeatures(features[i]!, features[j]!, idf, model, row64)
      kept.set(row64, keptRow![k]! * width)
    }
    byClasses.set(classPair(i, j), candidateSimilarity[k]!)
  })
  // Every candidate's decision, before its kept features (a hundred megabytes in a story of 1,000 articles) are
  // released: a row asked for later is computed, to the same single-precision values.
  for (const key of candidateKeys) {
    const i = Math.floor(key / n)
    decision(i, key - i * n)
  }
  kept = null
  keptRow = null
  /** The same-claim stage's input for a pair: every pair feature, then `CONTEXT_FEATURES`. */
  const rowOf = (i: number, j: number): Float64Array => {
    const out = new Float64Array(FEATURES.length + CONTEXT_FEATURES.length)
    pairRow(Math.min(i, j), Math.max(i, j), out)
    context(Math.min(i, j), Math.max(i, j), out, FEATURES.length)
    return out
  }
  const candidatesIn = (i: number, d: number): Int32Array => {
    const [from, to] = peerRange(i, d)
    return peers.subarray(from, to)
  }
  const candidatesOf = (i: number): Int32Array => peers.subarray(peerStart[i]!, peerStart[i + 1]!)
  const isCandidate = (i: number, j: number): boolean => candidateAt(Math.min(i, j) * n + Math.max(i, j)) >= 0
  // The scorer at a pair of decision thresholds: the links and edges they give, every pair's decision shared.
  const at = (t: number, h: number | undefined): StoryScorer => {
    const threshold = stage ? t : model.threshold
    const link = (i: number, j: number): number => strengthAt(i, j, decision(i, j), threshold, h)
    const edges: Link[] = []
    for (const key of candidateKeys) {
      const i = Math.floor(key / n)
      const j = key - i * n
      const strength = link(i, j)
      if (strength >= threshold) edges.push({ i, j, strength })
    }
    return { sentences, doc, n, features, compared: candidateKeys.length, isCandidate, similarity, link, throughClaims, threshold, edges, row: rowOf, daysApart, candidatesIn, candidatesOf, at }
  }
  return stage ? at(stage.threshold, stage.headlineThreshold) : at(model.threshold, undefined)
}

/**
 * A headline pair's prediction on the scale of the other pairs: its own threshold `own` maps to `threshold`, 0 and
 * 1 stay, linear in between (the identity when `own` is not given). Grouping, attaching and the reports then read
 * one scale, on which every link at or above `threshold` is one the decision keeps.
 */
export function onBodyScale(p: number, own: number | undefined, threshold: number): number {
  if (own === undefined || own === threshold) return p
  return p < own ? (p * threshold) / own : threshold + ((p - own) * (1 - threshold)) / (1 - own)
}
