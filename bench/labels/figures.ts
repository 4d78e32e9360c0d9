// `make bench`, same-claim part: the ledger measured on the labelled BASIL pairs, story-grouped 5-fold through
// `analyze`'s grouping, beside a plain TF-IDF cosine on the same folds; label agreement of the two annotators;
// conflict relations; false omissions.
import path from 'node:path'
import { readCorpus } from '../../pipeline/corpus.js'
import { align } from '../../stages/align/index.js'
import { clean } from '../../stages/clean/index.js'
import { ingest } from '../../stages/ingest/index.js'
import { MessageLog } from '../../core/messages.js'
import { classify } from '../../resources/model.js'
import { scoreStory } from '../../stages/score/index.js'
import { segment, unitsOf } from '../../stages/segment/index.js'
import { DEFAULT_MODEL } from '../../stages/similarity/index.js'
import type { WordVectors } from '../../resources/vectors.js'
import { bestUnderFloor, crossValidate, hindsight } from './cv.js'
import { baselineFigures, type ConflictCounts, conflictPR, cohenKappa, evaluateLedger, FOLDS, halfFigures, labelledFeatures, RelationTally, relationFigures, type SplitCounts } from './evaluate.js'
import { INNER_FOLDS, MIN_PRECISION, sameClaimTraining, THRESHOLD_DRAWS, withoutStage } from './fit.js'
import { type BasilRecord, hashText, isSameClaim, loadLabelledPairs, readBasilRecords, readTsv } from './labels.js'


/** Add the same-claim figures to the benchmark table. */
export function ledgerFigures(root: string, shared: string, vectors: WordVectors, add: (figure: string, value: string, note?: string) => void, log: (line: string) => void): void {
  const basilFile = path.join(shared, 'data', 'basil', 'basil.jsonl')
  const dir = path.join(root, 'bench', 'labels')
  const pairs = loadLabelledPairs(basilFile, path.join(dir, 'basil-pairs.tsv'), path.join(dir, 'basil-labels.tsv'))
  const byStory = new Map<string, BasilRecord[]>()
  for (const r of readBasilRecords(basilFile)) byStory.set(r.story, [...(byStory.get(r.story) ?? []), r])
  const fmt = (x: number) => x.toFixed(3)
  const prf = (m: { precision: number; recall: number; f1: number }) => `P ${fmt(m.precision)}, R ${fmt(m.recall)}`

  const positives = pairs.filter((p) => isSameClaim(p.label)).length
  const headlinePairs = pairs.filter((p) => p.a.field === 'title' || p.b.field === 'title')
  add('labelled BASIL pairs', `${pairs.length}`, `${new Set(pairs.map((p) => p.story)).size} stories; ${positives} same claim (same or partial); ${headlinePairs.length} with a headline`)
  const same = (l: string) => (l === 'same' || l === 'partial' ? 'same claim' : 'other')
  const agreement = (firstFile: string, secondFile: string) => {
    const first = new Map(readTsv(path.join(dir, firstFile)).map((r) => [r.pair!, r.label!]))
    const second = readTsv(path.join(dir, secondFile)).filter((r) => first.has(r.pair!))
    const a = second.map((r) => first.get(r.pair!)!)
    const b = second.map((r) => r.label!)
    return { count: second.length, four: cohenKappa(a, b), sameClaim: cohenKappa(a.map(same), b.map(same)) }
  }
  const k = agreement('basil-labels-first.tsv', 'basil-labels-second.tsv')
  add("labels: Cohen's kappa, two annotators", fmt(k.four), `${k.count} pairs labelled twice, four labels; ${fmt(k.sameClaim)} on same claim or not; disagreements settled by a third reading`)
  // The pairs labelled again, by two new annotators, when a change to segment made their units other sentences.
  const r = agreement('basil-relabels-first.tsv', 'basil-relabels-second.tsv')
  add("labels of resegmented units: Cohen's kappa", fmt(r.four), `${r.count} pairs labelled again on the sentences segment now makes, each by two annotators; ${fmt(r.sameClaim)} on same claim or not; disagreements settled by a third reading`)

  const { cosine } = labelledFeatures(byStory, pairs, vectors)
  const base = baselineFigures(pairs, cosine)
  add('same-claim pairs, TF-IDF cosine baseline', `F1 ${fmt(base.pairs.f1)}`, `${prf(base.pairs)}; headline pairs F1 ${fmt(base.headlines.f1)}; F1-best threshold of the other folds, story-grouped ${FOLDS}-fold`)
  // The ledger as it was before the same-claim stage: the MSRP/STS-B similarity alone (fitted on no labelled pair).
  const before = evaluateLedger(byStory, pairs, withoutStage(DEFAULT_MODEL), vectors)
  add('same-claim pairs, the MSRP/STS-B similarity alone', `F1 ${fmt(before.pairs.f1)}`, `${prf(before.pairs)}; headline pairs F1 ${fmt(before.headlines.f1)}; through analyze's grouping, its own threshold`)
  const rows = sameClaimTraining(byStory, pairs, DEFAULT_MODEL, vectors)
  const cv = crossValidate(byStory, pairs, rows, withoutStage(DEFAULT_MODEL), vectors, log)
  const g = cv.figures
  add('same-claim pairs through analyze (story-grouped 5-fold CV)', `F1 ${fmt(g.pairs.f1)}`, `${prf(g.pairs)}; each fold's stage fitted and its threshold chosen (through the grouping, precision ≥ 0.85, on ${INNER_FOLDS} inner folds of the other folds' stories, the median of ${THRESHOLD_DRAWS} bootstrap draws) without it; thresholds ${cv.thresholds.join(', ')}`)
  add('headline pairs through analyze (same folds)', `F1 ${fmt(g.headlines.f1)}`, `${prf(g.headlines)}; ${g.headlines.count} pairs`)
  // What any rule choosing the thresholds could reach with this ranking and grouping: the best pair of grid
  // thresholds for all folds, read off the reported folds themselves (a ceiling, not a figure of the ledger).
  const ceiling = bestUnderFloor(hindsight(byStory, pairs, cv.stages.map((s) => s.learner), withoutStage(DEFAULT_MODEL), vectors))
  if (ceiling) {
    const at = (x: { threshold: number; headlineThreshold: number }) => `${x.threshold} (with a headline ${x.headlineThreshold})`
    add('same-claim pairs, best thresholds in hindsight (a ceiling, same folds)', `F1 ${fmt(ceiling.pairs.f1)}`, `${prf(ceiling.pairs)} at ${at(ceiling.pairs)}, the best pooled F1 with precision ≥ ${MIN_PRECISION} of one pair of grid thresholds for all folds, chosen on the reported folds themselves; the best headline pairs F1 at that precision ${fmt(ceiling.headlines.headlineF1)} (at ${at(ceiling.headlines)})`)
  }
  // The half that error analysis may read (dev) beside the half never inspected pair by pair (held-out).
  for (const half of ['dev', 'held-out'] as const) {
    const h = halfFigures(g.decisions, half)
    add(`same-claim pairs through analyze, ${half} stories (same folds)`, `F1 ${fmt(h.pairs.f1)}`, `${prf(h.pairs)}; headline pairs F1 ${fmt(h.headlines.f1)} (${prf(h.headlines)}); ${h.pairs.count} pairs`)
  }
  const c = g.conflicts
  add('conflicts through analyze (same folds)', `precision ${fmt(conflictPR(c.all).precision)}`, `recall ${fmt(conflictPR(c.all).recall)}: ${c.all.flaggedRight} of ${c.all.flagged} flagged labelled pairs are labelled conflicts; ${c.all.found} of ${c.all.labelled} labelled conflicts found with their kind; ${halves(c)}`)
  const rel = relationFigures(byStory, pairs, vectors)
  const u = rel.updates.all
  add('conflict relations of the labelled same-claim pairs', `precision ${fmt(conflictPR(rel.conflicts.all).precision)}`, `recall ${fmt(conflictPR(rel.conflicts.all).recall)}; relate() on every labelled same/partial pair (alignment aside); ${halves(rel.conflicts)}; updates ${u.flaggedRight} of ${u.flagged} called right, ${u.found} of ${u.labelled} found`)
  const o = g.omissions
  add('false omissions (same folds)', `${fmt(o.judged ? o.falseOnes / o.judged : 0)}`, `${o.falseOnes} of the ${o.judged} reported omissions that a labelled pair can judge are reported by the outlet after all (${o.reported} reported in all)`)
}

/** Conflict precision and recall in each half of the labelled stories: dev (open to error analysis) and held-out (never inspected). */
function halves(c: SplitCounts): string {
  const one = (x: ConflictCounts) => `P ${conflictPR(x).precision.toFixed(3)} R ${conflictPR(x).recall.toFixed(3)} (${x.flaggedRight}/${x.flagged}, ${x.found}/${x.labelled})`
  return `dev ${one(c.dev)}, held-out ${one(c['held-out'])}`
}

/** The ledger on the sample corpus against the labels of every pair of units across its articles (test/fixtures/sample-pairs.tsv). */
export async function sampleFigures(root: string, vectors: WordVectors, add: (figure: string, value: string, note?: string) => void): Promise<void> {
  const rows = readTsv(path.join(root, 'test', 'fixtures', 'sample-pairs.tsv'))
  const corpus = await readCorpus(path.join(root, 'corpus'), new MessageLog())
  const predicted: boolean[] = []
  const gold: boolean[] = []
  const conflicts = new RelationTally()
  for (const story of [...corpus.stories.keys()].sort()) {
    const log = new MessageLog(story)
    const documents = segment(clean(ingest(await corpus.load(story), log), log), log)
    const units = new Map(documents.flatMap((d) => unitsOf(d).map((u) => [u.id, u] as const)))
    const ledger = scoreStory(story, documents, align(documents, log, { model: DEFAULT_MODEL, vectors }), log)
    const statementOf = new Map(ledger.statements.flatMap((s) => s.members.map((m) => [m.sentence, s.id] as const)))
    const relationOf = new Map(ledger.statements.flatMap((s) => s.pairs.map((p) => [[p.a, p.b].sort().join(' '), p.relation] as const)))
    for (const r of rows.filter((x) => x.story === story)) {
      const a = units.get(r.a!)
      const b = units.get(r.b!)
      if (!a || !b || hashText(a.text) !== r.a_hash || hashText(b.text) !== r.b_hash) throw new Error(`${r.pair}: its units are no longer ${r.a} and ${r.b} of the sample corpus`)
      const aligned = statementOf.has(a.id) && statementOf.get(a.id) === statementOf.get(b.id)
      const same = r.label === 'same' || r.label === 'partial'
      predicted.push(aligned)
      gold.push(same)
      const relation = aligned ? relationOf.get([a.id, b.id].sort().join(' ')) : undefined
      conflicts.add(same ? r.relation! : null, relation)
    }
  }
  corpus.close()
  const m = classify(
    predicted.map((p) => (p ? 1 : 0)),
    gold.map((g) => (g ? 1 : 0)),
    0.5,
  )
  add('sample corpus, every pair of units labelled', `F1 ${m.f1.toFixed(3)}`, `P ${m.precision.toFixed(3)}, R ${m.recall.toFixed(3)}; ${rows.length} pairs, ${gold.filter(Boolean).length} same claim; conflicts: ${conflicts.flaggedRight} of ${conflicts.flagged} flagged are labelled conflicts, ${conflicts.found} of ${conflicts.labelled} labelled conflicts found`)
}
