// The ledger measured on labelled cross-outlet pairs of BASIL (bench/labels/README.md): each labelled story goes
// through the stages as `analyze` runs them, and a pair counts as aligned when its two units end in one statement.
import { align, alignScored, type AlignOptions, scorerSettings } from '../../stages/align/index.js'
import { storyScorer } from '../../stages/align/link.js'
import { isConflict, relate } from '../../stages/score/relate.js'
import { clean } from '../../stages/clean/index.js'
import { ingest } from '../../stages/ingest/index.js'
import { MessageLog } from '../../core/messages.js'
import { shareStatement, statementsOfUnits } from '../../core/statements.js'
import { bestThreshold, classify, type Metrics } from '../../resources/model.js'
import { scoreStory } from '../../stages/score/index.js'
import { segment, sentenceFromText, unitsOf } from '../../stages/segment/index.js'
import { FEATURES, Idf, isContent, pairFeatureArray, sentenceFeatures, type SentenceFeatures, type SimilarityModel } from '../../stages/similarity/index.js'
import type { Document, Ledger, Relation, Sentence, Statement } from '../../core/types.js'
import type { WordVectors } from '../../resources/vectors.js'
import { type BasilRecord, hashText, isSameClaim, type LabelledUnitPair, type Unit } from './labels.js'

/** Folds of the story-grouped cross-validation. */
export const FOLDS = 5

/** The fold of a story: a hash of its id, so a story's pairs always share a fold. */
export function foldOf(story: string, folds = FOLDS): number {
  return Number.parseInt(hashText(story).slice(0, 8), 16) % folds
}

/**
 * The half of the labelled stories that error analysis may look at (`dev`); the other half (`held-out`) is never
 * inspected pair by pair while designing features or rules, so its figures show what a change does on unseen news.
 * Drawn by a hash of the story id independent of `foldOf`.
 */
export function splitOf(story: string): Half {
  return Number.parseInt(hashText(`split:${story}`).slice(0, 8), 16) % 2 === 0 ? 'dev' : 'held-out'
}

// Documents are immutable and the same for every model: segmented once per story for the whole benchmark.
const documentsOf = new Map<string, Document[]>()

/** One story's documents as `analyze` makes them from its BASIL records. */
export function storyDocuments(records: readonly BasilRecord[]): Document[] {
  const story = records[0]!.story
  let documents = documentsOf.get(story)
  if (!documents) {
    const log = new MessageLog(story)
    const sources = records.map((r) => ({ kind: 'jsonl' as const, file: 'basil.jsonl', bytes: Buffer.from(`${JSON.stringify(r)}\n`) }))
    documentsOf.set(story, (documents = segment(clean(ingest(sources, log), log), log)))
  }
  return documents
}

/** A body sentence of one BASIL record as `analyze` makes it, with its offsets into the record's text field. */
export interface PlacedSentence {
  readonly sentence: Sentence
  readonly begin: number
  readonly end: number
  readonly hash: string
}

/** One BASIL record's body sentences as `analyze` makes them, each found in the record's text field (in order). */
export function placedSentences(record: BasilRecord): PlacedSentence[] {
  const log = new MessageLog(record.story)
  const [document] = segment(clean(ingest([{ kind: 'jsonl', file: 'basil.jsonl', bytes: Buffer.from(`${JSON.stringify(record)}\n`) }], log), log), log)
  const placed: PlacedSentence[] = []
  let cursor = 0
  for (const s of document?.sentences ?? []) {
    const at = record.text.indexOf(s.text, cursor)
    if (at < 0) throw new Error(`${record.id}: sentence ${s.index} not found in the source text`)
    cursor = at + s.text.length
    placed.push({ sentence: s, begin: at, end: at + s.text.length, hash: hashText(s.text) })
  }
  return placed
}

/** Whether `align` puts each labelled pair's two units into one statement (false when a unit was dropped). */
export function alignedPairs(byStory: ReadonlyMap<string, readonly BasilRecord[]>, pairs: readonly LabelledUnitPair[], model: SimilarityModel, vectors: WordVectors, alignOptions: AlignOptions = {}): boolean[] {
  const result = new Array<boolean>(pairs.length).fill(false)
  for (const story of [...new Set(pairs.map((p) => p.story))].sort()) {
    const documents = storyDocuments(byStory.get(story)!)
    const statementsOf = statementsOfUnits(align(documents, new MessageLog(story), { ...alignOptions, model, vectors }).statements)
    pairs.forEach((p, i) => {
      if (p.story === story) result[i] = sameStatement(statementsOf, findUnit(documents, p.a), findUnit(documents, p.b))
    })
  }
  return result
}

/**
 * `alignedPairs` at several decision thresholds of the model's same-claim stage (`[threshold, headline threshold]`
 * each), every story scored once: one list of decisions per pair of thresholds.
 */
export function alignedPairsAt(byStory: ReadonlyMap<string, readonly BasilRecord[]>, pairs: readonly LabelledUnitPair[], model: SimilarityModel, vectors: WordVectors, thresholds: readonly (readonly [number, number])[]): boolean[][] {
  const result = thresholds.map(() => new Array<boolean>(pairs.length).fill(false))
  for (const story of [...new Set(pairs.map((p) => p.story))].sort()) {
    const documents = storyDocuments(byStory.get(story)!)
    const scorer = storyScorer(documents, model, vectors, scorerSettings({}))
    const units = pairs.map((p) => (p.story === story ? ([findUnit(documents, p.a), findUnit(documents, p.b)] as const) : null))
    thresholds.forEach(([t, h], k) => {
      const statementsOf = statementsOfUnits(alignScored(scorer.at(t, h), documents, new MessageLog(story)).statements)
      units.forEach((u, i) => {
        if (u) result[k]![i] = sameStatement(statementsOf, u[0], u[1])
      })
    })
  }
  return result
}

/** Whether two units ended in one statement (false when the stages dropped either). */
function sameStatement(statementsOf: ReadonlyMap<string, readonly Statement[]>, a: Sentence | null, b: Sentence | null): boolean {
  return a !== null && b !== null && shareStatement(statementsOf, a.id, b.id)
}

/** The unit of a document that a labelled unit refers to (by its text's hash), or null when the stages dropped it. */
export function findUnit(documents: readonly Document[], unit: Unit): Sentence | null {
  const d = documents.find((x) => x.article.id === unit.article)
  if (!d) return null
  const headline = unit.field === 'title'
  const candidates = unitsOf(d).filter((s) => (s.unit === 'headline') === headline)
  return candidates.find((s) => hashText(s.text) === unit.hash) ?? (headline ? (candidates[0] ?? null) : null)
}

/** Precision, recall and F1 of predicted against gold booleans. */
export function prf(predicted: readonly boolean[], gold: readonly boolean[]): Metrics & { readonly positives: number; readonly count: number } {
  const m = classify(
    predicted.map((p) => (p ? 1 : 0)),
    gold.map((g) => (g ? 1 : 0)),
    0.5,
  )
  return { ...m, positives: gold.filter(Boolean).length, count: gold.length }
}

/** True for a relation, the ledger's or a label's, that is a dispute (relate's own test). */
export function isDispute(relation: string | null | undefined): boolean {
  return relation !== null && relation !== undefined && isConflict(relation as Relation)
}

/** Counts of one kind of relation over labelled pairs: the ledger's calls, how many are labelled so, the labelled ones, how many it found with their kind. */
export class RelationTally {
  flagged = 0
  flaggedRight = 0
  labelled = 0
  found = 0
  constructor(private readonly kind: (relation: string | null | undefined) => boolean = isDispute) {}

  /** One pair: its labelled relation (null unless labelled the same claim) and the ledger's (undefined when not aligned). */
  add(gold: string | null, tool: string | undefined): void {
    const labelled = this.kind(gold)
    if (labelled) this.labelled++
    if (this.kind(tool)) {
      this.flagged++
      if (labelled) this.flaggedRight++
    }
    if (labelled && tool === gold) this.found++
  }

  get counts(): ConflictCounts {
    return { flagged: this.flagged, flaggedRight: this.flaggedRight, labelled: this.labelled, found: this.found }
  }
}

/** A `RelationTally`'s counts: the ledger's calls, how many are labelled so, the labelled ones, how many found with their kind. */
export interface ConflictCounts {
  readonly flagged: number
  readonly flaggedRight: number
  readonly labelled: number
  readonly found: number
}

/** The two halves of the labelled stories (`splitOf`). */
export const HALVES = ['dev', 'held-out'] as const

/** Counts over all labelled stories and over each half, so a change can be shown to hold on stories nobody inspected. */
export interface SplitCounts {
  readonly all: ConflictCounts
  readonly dev: ConflictCounts
  readonly 'held-out': ConflictCounts
}

/** A tally over all stories and one per half. */
export class SplitTally {
  private readonly all: RelationTally
  private readonly halves: Record<(typeof HALVES)[number], RelationTally>
  constructor(kind?: (relation: string | null | undefined) => boolean) {
    this.all = new RelationTally(kind)
    this.halves = { dev: new RelationTally(kind), 'held-out': new RelationTally(kind) }
  }

  /** One pair of `story`: as `RelationTally.add`. */
  add(story: string, gold: string | null, tool: string | undefined): void {
    this.all.add(gold, tool)
    this.halves[splitOf(story)].add(gold, tool)
  }

  get counts(): SplitCounts {
    return { all: this.all.counts, dev: this.halves.dev.counts, 'held-out': this.halves['held-out'].counts }
  }
}

/** Add split counts (pooling folds). */
export function addCounts(parts: readonly SplitCounts[]): SplitCounts {
  const sum = (half: keyof SplitCounts): ConflictCounts => {
    const c = (k: keyof ConflictCounts) => parts.reduce((s, p) => s + p[half][k], 0)
    return { flagged: c('flagged'), flaggedRight: c('flaggedRight'), labelled: c('labelled'), found: c('found') }
  }
  return { all: sum('all'), dev: sum('dev'), 'held-out': sum('held-out') }
}

/** Precision (flagged pairs labelled a conflict) and recall (labelled conflicts found with their kind) of counts. */
export function conflictPR(c: ConflictCounts): { precision: number; recall: number } {
  return { precision: c.flagged ? c.flaggedRight / c.flagged : 0, recall: c.labelled ? c.found / c.labelled : 0 }
}

/** "P 0.657 R 0.397 (23/35, 23/58)" for all, dev and held-out. */
export function formatSplit(c: SplitCounts): string {
  const one = (x: ConflictCounts) => {
    const { precision, recall } = conflictPR(x)
    return `P ${precision.toFixed(3)} R ${recall.toFixed(3)} (${x.flaggedRight}/${x.flagged}, ${x.found}/${x.labelled})`
  }
  return HALVES.reduce((text, half) => `${text}; ${half} ${one(c[half])}`, `all ${one(c.all)}`)
}

/**
 * relate() alone on every labelled same/partial pair (alignment aside): its conflicts against the labelled ones,
 * and its updates against the labelled updates, each over all stories and per half.
 */
export function relationFigures(byStory: ReadonlyMap<string, readonly BasilRecord[]>, pairs: readonly LabelledUnitPair[], vectors: WordVectors): { conflicts: SplitCounts; updates: SplitCounts } {
  const conflicts = new SplitTally()
  const updates = new SplitTally((r) => r === 'update')
  for (const p of pairs) {
    if (!isSameClaim(p.label)) continue
    const documents = storyDocuments(byStory.get(p.story)!)
    const a = findUnit(documents, p.a)
    const b = findUnit(documents, p.b)
    if (!a || !b) continue
    const r = relate(a, b, sentenceFeatures(a, vectors), sentenceFeatures(b, vectors)).relation
    conflicts.add(p.story, p.relation ?? 'agree', r)
    updates.add(p.story, p.relation ?? 'agree', r)
  }
  return { conflicts: conflicts.counts, updates: updates.counts }
}

/** What the ledger said of the labelled pairs of some stories. */
export interface LedgerFigures {
  readonly pairs: ReturnType<typeof prf>
  readonly headlines: ReturnType<typeof prf>
  /** Conflicts: precision over the labelled pairs the ledger calls a conflict, recall over the labelled conflicts; all stories and each half. */
  readonly conflicts: SplitCounts
  /** Reported omissions that a labelled same-claim pair shows to be false, of those the labels can judge. */
  readonly omissions: { readonly reported: number; readonly judged: number; readonly falseOnes: number }
  /** The decisions behind `pairs` and `headlines`, for pooling folds. */
  readonly decisions: { readonly gold: boolean[]; readonly predicted: boolean[]; readonly headGold: boolean[]; readonly headPredicted: boolean[]; readonly half: Half[]; readonly headHalf: Half[] }
}

/** A half of the labelled stories (`splitOf`). */
export type Half = 'dev' | 'held-out'

/** The pair and headline figures of the decisions of one half of the stories. */
export function halfFigures(decisions: LedgerFigures['decisions'], half: Half): { pairs: ReturnType<typeof prf>; headlines: ReturnType<typeof prf> } {
  const pick = <T>(xs: readonly T[], halves: readonly Half[]) => xs.filter((_, i) => halves[i] === half)
  return {
    pairs: prf(pick(decisions.predicted, decisions.half), pick(decisions.gold, decisions.half)),
    headlines: prf(pick(decisions.headPredicted, decisions.headHalf), pick(decisions.headGold, decisions.headHalf)),
  }
}

/** Run the ledger over the stories of `pairs` with `model`, and compare its statements with the labels. */
export function evaluateLedger(byStory: ReadonlyMap<string, readonly BasilRecord[]>, pairs: readonly LabelledUnitPair[], model: SimilarityModel, vectors: WordVectors, alignOptions: AlignOptions = {}): LedgerFigures {
  const predicted: boolean[] = []
  const gold: boolean[] = []
  const headPredicted: boolean[] = []
  const headGold: boolean[] = []
  const half: Half[] = []
  const headHalf: Half[] = []
  const conflicts = new SplitTally()
  let reported = 0
  let judged = 0
  let falseOnes = 0
  const stories = [...new Set(pairs.map((p) => p.story))].sort()
  for (const story of stories) {
    const documents = storyDocuments(byStory.get(story)!)
    const log = new MessageLog(story)
    const ledger: Ledger = scoreStory(story, documents, align(documents, log, { ...alignOptions, model, vectors }), log)
    const statementsOf = statementsOfUnits(ledger.statements)
    const relationOf = new Map<string, Relation>()
    for (const s of ledger.statements) for (const p of s.pairs) relationOf.set([p.a, p.b].sort().join(' '), p.relation)
    const storyPairs = pairs.filter((p) => p.story === story)
    for (const p of storyPairs) {
      const a = findUnit(documents, p.a)
      const b = findUnit(documents, p.b)
      const aligned = sameStatement(statementsOf, a, b)
      const same = isSameClaim(p.label)
      predicted.push(aligned)
      gold.push(same)
      half.push(splitOf(story))
      if (p.a.field === 'title' || p.b.field === 'title') {
        headPredicted.push(aligned)
        headGold.push(same)
        headHalf.push(splitOf(story))
      }
      const relation = aligned ? relationOf.get([a!.id, b!.id].sort().join(' ')) : undefined
      conflicts.add(story, same ? p.relation : null, relation)
    }
    // An omission is judged when some labelled pair ties a member of the statement to a unit of the outlet's
    // article(s); it is false when such a pair is labelled the same claim.
    for (const o of ledger.omissions) {
      reported++
      const members = new Set(ledger.statements.find((s) => s.id === o.statement)!.members.map((m) => m.sentence))
      let seen = false
      let wrong = false
      for (const p of storyPairs) {
        const a = findUnit(documents, p.a)
        const b = findUnit(documents, p.b)
        if (!a || !b) continue
        const tie = (members.has(a.id) && b.outlet === o.outlet) || (members.has(b.id) && a.outlet === o.outlet)
        if (!tie) continue
        seen = true
        if (isSameClaim(p.label)) wrong = true
      }
      if (seen) judged++
      if (wrong) falseOnes++
    }
  }
  return {
    pairs: prf(predicted, gold),
    headlines: prf(headPredicted, headGold),
    conflicts: conflicts.counts,
    omissions: { reported, judged, falseOnes },
    decisions: { gold, predicted, headGold, headPredicted, half, headHalf },
  }
}

/** Stems of a unit for the TF-IDF baseline. */
function stemsOf(sentence: Sentence): string[] {
  return sentence.tokens.filter(isContent).map((t) => t.stem)
}

/**
 * Each labelled pair's TF-IDF cosine over stems with the story's IDF (every unit of the story counted), and its
 * model features computed as `analyze` computes them (IDF over the story's sentences and headlines).
 */
export function labelledFeatures(byStory: ReadonlyMap<string, readonly BasilRecord[]>, pairs: readonly LabelledUnitPair[], vectors: WordVectors): { cosine: number[]; rows: Float64Array[] } {
  const cosine = new Array<number>(pairs.length).fill(0)
  const rows = new Array<Float64Array>(pairs.length)
  const stories = [...new Set(pairs.map((p) => p.story))].sort()
  for (const story of stories) {
    const documents = storyDocuments(byStory.get(story)!)
    // Headlines that the stages keep out of the sentences still count, as text, for these pair figures.
    const units = new Map<string, Sentence>()
    const unitOf = (u: Unit): Sentence => {
      const key = `${u.article}/${u.field}/${u.begin}`
      let s = units.get(key)
      if (!s) units.set(key, (s = findUnit(documents, u) ?? sentenceFromText(u.text, `${u.article}#${u.field}${u.begin}`)))
      return s
    }
    const storyPairs = pairs.map((p, i) => [p, i] as const).filter(([p]) => p.story === story)
    for (const [p] of storyPairs) {
      unitOf(p.a)
      unitOf(p.b)
    }
    const all = new Map<string, Sentence>(documents.flatMap((d) => unitsOf(d).map((s) => [s.id, s] as const)))
    for (const s of units.values()) all.set(s.id, s)
    const features = new Map<string, SentenceFeatures>([...all].map(([id, s]) => [id, sentenceFeatures(s, vectors)]))
    const idf = new Idf()
    for (const f of features.values()) idf.add(f)
    const df = new Map<string, number>()
    for (const s of all.values()) for (const stem of new Set(stemsOf(s))) df.set(stem, (df.get(stem) ?? 0) + 1)
    const weight = (stem: string) => Math.log((all.size + 1) / ((df.get(stem) ?? 0) + 1)) + 1
    for (const [p, i] of storyPairs) {
      const a = unitOf(p.a)
      const b = unitOf(p.b)
      cosine[i] = tfidfCosine(stemsOf(a), stemsOf(b), weight)
      rows[i] = pairFeatureArray(features.get(a.id)!, features.get(b.id)!, idf, new Float64Array(FEATURES.length))
    }
  }
  return { cosine, rows }
}

/** How often each item occurs. */
function countOf(xs: readonly string[]): Map<string, number> {
  const m = new Map<string, number>()
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1)
  return m
}

/** Cosine of two bags of stems, each stem weighted by `weight` (an IDF). */
export function tfidfCosine(a: readonly string[], b: readonly string[], weight: (stem: string) => number): number {
  const va = countOf(a)
  const vb = countOf(b)
  let dot = 0
  let na = 0
  let nb = 0
  for (const [s, n] of va) {
    const w = n * weight(s)
    na += w * w
    const m = vb.get(s)
    if (m) dot += w * m * weight(s)
  }
  for (const [s, n] of vb) nb += (n * weight(s)) ** 2
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0
}

function bestThresholdF1(predictions: readonly number[], labels: readonly number[]): number {
  return bestThreshold(predictions, labels, 'f1')
}

/** The TF-IDF baseline, story-grouped: each fold's threshold is the F1-best one on the other folds' pairs. */
export function baselineFigures(pairs: readonly LabelledUnitPair[], cosine: readonly number[]): { pairs: ReturnType<typeof prf>; headlines: ReturnType<typeof prf> } {
  const predicted = new Array<boolean>(pairs.length)
  for (let f = 0; f < FOLDS; f++) {
    const train = pairs.map((_, i) => i).filter((i) => foldOf(pairs[i]!.story) !== f)
    const threshold = bestThresholdF1(
      train.map((i) => cosine[i]!),
      train.map((i) => (isSameClaim(pairs[i]!.label) ? 1 : 0)),
    )
    pairs.forEach((p, i) => {
      if (foldOf(p.story) === f) predicted[i] = cosine[i]! >= threshold
    })
  }
  const gold = pairs.map((p) => isSameClaim(p.label))
  const head = pairs.map((p, i) => [p, i] as const).filter(([p]) => p.a.field === 'title' || p.b.field === 'title')
  return { pairs: prf(predicted, gold), headlines: prf(head.map(([, i]) => predicted[i]!), head.map(([, i]) => gold[i]!)) }
}


/** Cohen's kappa of two labellings of the same items. */
export function cohenKappa(a: readonly string[], b: readonly string[]): number {
  const n = a.length
  if (n === 0) return 0
  const observed = a.filter((x, i) => x === b[i]).length / n
  const ca = countOf(a)
  const cb = countOf(b)
  let expected = 0
  for (const [label, k] of ca) expected += (k / n) * ((cb.get(label) ?? 0) / n)
  return expected === 1 ? 1 : (observed - expected) / (1 - expected)
}
