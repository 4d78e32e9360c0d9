// The story-grouped CV of `report.js --cv` in a minute instead of ten: each fold's same-claim stage (the learner and
// the threshold chosen through the grouping, the costly part) is fitted once and kept in .bench/cv-stages.json; later
// runs analyse each fold's stories with its kept stage, so a change after the same-claim decision (the statements'
// pairs, scoring) is measured exactly as `report.js --cv` measures it. A change to the features, the
// candidates or the shipped model needs a refit: the file records a hash of the model, the label files and the code
// the stages are fitted through (`STAGE_CODE`: reading, segmenting, features, candidates, grouping, relate's rules, fitting) and
// refits by itself when any of them changed; `--refit` forces it.
//
//   node dist/bench/labels/conflicts.js [--refit] [--dev-errors]
//
// `--dev-errors` lists, for the dev half only (`splitOf`), the labelled pairs the ledger flags wrongly and the
// labelled conflicts it misses, with their texts and the pair's same-claim link; never a held-out pair.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { loadVectors } from '../../pipeline/tables.js'
import { MessageLog } from '../../core/messages.js'
import { storyScorer } from '../../stages/align/link.js'
import { align } from '../../stages/align/index.js'
import { relate } from '../../stages/score/relate.js'
import { scoreStory } from '../../stages/score/index.js'
import { DEFAULT_MODEL, sentenceFeatures } from '../../stages/similarity/index.js'
import { findUnit, foldOf, formatSplit, halfFigures, isDispute, relationFigures, splitOf, storyDocuments } from './evaluate.js'
import { evaluateFolds, type FoldStage, foldStages } from './cv.js'
import { sameClaimTraining, withoutStage, withStage } from './fit.js'
import { type BasilRecord, isSameClaim, loadLabelledPairs, readBasilRecords } from './labels.js'

const root = path.join(__dirname, '..', '..', '..')
const basilFile = path.join(root, '..', 'shared', 'data', 'basil', 'basil.jsonl')
const labelsDir = path.join(root, 'bench', 'labels')
const inputs = [path.join(root, 'models', 'default.json'), path.join(labelsDir, 'basil-pairs.tsv'), path.join(labelsDir, 'basil-labels.tsv')]
// The built code a fold's stage depends on, relative to dist/: relate too, since attaching reads its disputes; not
// the rest of scoring or the reports, which are measured on the kept stages.
const STAGE_CODE = ['core', 'lang', 'resources', 'stages/ingest', 'stages/clean', 'stages/segment', 'stages/similarity', 'stages/align', 'stages/score/relate.js', 'stages/score/quote-compare.js', 'bench/labels/fit.js', 'bench/labels/cv.js', 'bench/labels/evaluate.js', 'bench/labels/labels.js']
const built = path.join(__dirname, '..', '..')
/** The .js files under a path of dist/, sorted. */
const codeFiles = (rel: string): string[] =>
  rel.endsWith('.js')
    ? [rel]
    : readdirSync(path.join(built, rel), { withFileTypes: true })
        .map((e) => (e.isDirectory() ? codeFiles(`${rel}/${e.name}`) : e.name.endsWith('.js') ? [`${rel}/${e.name}`] : []))
        .flat()
        .sort()
const hash = createHash('sha256')
for (const f of inputs) hash.update(readFileSync(f)).update('\n')
for (const f of STAGE_CODE.flatMap(codeFiles)) hash.update(f).update('\0').update(readFileSync(path.join(built, f))).update('\n')
const key = hash.digest('hex').slice(0, 16)
const cacheFile = path.join(root, '.bench', 'cv-stages.json')
const log = (line: string) => process.stderr.write(`${line}\n`)

const pairs = loadLabelledPairs(basilFile, inputs[1]!, inputs[2]!)
const byStory = new Map<string, BasilRecord[]>()
for (const r of readBasilRecords(basilFile)) byStory.set(r.story, [...(byStory.get(r.story) ?? []), r])
const vectors = loadVectors()
const base = withoutStage(DEFAULT_MODEL)

let stages: FoldStage[] | null = null
if (!process.argv.includes('--refit') && existsSync(cacheFile)) {
  const kept = JSON.parse(readFileSync(cacheFile, 'utf8')) as { key: string; stages: FoldStage[] }
  if (kept.key === key) stages = kept.stages
  else log('the model, the labels or the code the stages are fitted through changed since they were kept: refitting')
}
if (!stages) {
  stages = foldStages(byStory, pairs, sameClaimTraining(byStory, pairs, DEFAULT_MODEL, vectors), base, vectors, log)
  mkdirSync(path.dirname(cacheFile), { recursive: true })
  writeFileSync(cacheFile, JSON.stringify({ key, stages }))
}

const g = evaluateFolds(byStory, pairs, stages, base, vectors)
const pct = (x: number) => x.toFixed(3)
console.log(`CV pairs: P ${pct(g.pairs.precision)} R ${pct(g.pairs.recall)} F1 ${pct(g.pairs.f1)}; headlines P ${pct(g.headlines.precision)} R ${pct(g.headlines.recall)} F1 ${pct(g.headlines.f1)}`)
for (const half of ['dev', 'held-out'] as const) {
  const h = halfFigures(g.decisions, half)
  console.log(`CV pairs, ${half} stories: P ${pct(h.pairs.precision)} R ${pct(h.pairs.recall)} F1 ${pct(h.pairs.f1)}; headlines F1 ${pct(h.headlines.f1)}`)
}
console.log(`CV conflicts through analyze: ${formatSplit(g.conflicts)}`)
console.log(`CV omissions: reported ${g.omissions.reported}, judged ${g.omissions.judged}, false ${g.omissions.falseOnes}`)
const rel = relationFigures(byStory, pairs, vectors)
console.log(`conflicts, relate() alone on every labelled same/partial pair: ${formatSplit(rel.conflicts)}`)
console.log(`updates, relate() alone: ${formatSplit(rel.updates)}`)

if (process.argv.includes('--dev-errors')) {
  const settings = { prefixSize: 32, maxPosting: 200, window: 16, maxCandidates: 12 }
  for (const story of [...new Set(pairs.map((p) => p.story))].sort()) {
    // Error analysis reads the dev half only.
    if (splitOf(story) !== 'dev') continue
    const stage = stages[foldOf(story)]!
    const model = withStage(base, stage.learner, stage.threshold, {}, stage.headlineThreshold)
    const documents = storyDocuments(byStory.get(story)!)
    const messages = new MessageLog(story)
    const ledger = scoreStory(story, documents, align(documents, messages, { model, vectors }), messages)
    const statementOf = new Map(ledger.statements.flatMap((s) => s.members.map((m) => [m.sentence, s.id] as const)))
    const relationOf = new Map(ledger.statements.flatMap((s) => s.pairs.map((p) => [[p.a, p.b].sort().join(' '), p] as const)))
    const scorer = storyScorer(documents, model, vectors, settings)
    const index = new Map(scorer.sentences.map((s, i) => [s.id, i]))
    for (const p of pairs) {
      if (p.story !== story) continue
      const a = findUnit(documents, p.a)
      const b = findUnit(documents, p.b)
      if (!a || !b) continue
      const gold = isSameClaim(p.label) ? (p.relation ?? 'agree') : null
      const aligned = statementOf.has(a.id) && statementOf.get(a.id) === statementOf.get(b.id)
      const tool = aligned ? relationOf.get([a.id, b.id].sort().join(' ')) : undefined
      const wrongFlag = isDispute(tool?.relation) && !isDispute(gold)
      const missed = isDispute(gold) && tool?.relation !== gold
      if (!wrongFlag && !missed) continue
      const alone = relate(a, b, sentenceFeatures(a, vectors), sentenceFeatures(b, vectors))
      const link = scorer.link(index.get(a.id)!, index.get(b.id)!)
      console.log(
        [
          `${p.pair} ${wrongFlag ? 'WRONG FLAG' : 'MISSED'} label ${p.label} ${gold ?? ''}; ledger ${aligned ? (tool?.relation ?? 'aligned, not paired') : 'apart'} ${tool?.values ? JSON.stringify(tool.values) : ''}; relate ${alone.relation} ${alone.values ? JSON.stringify(alone.values) : ''}; link ${link.toFixed(3)} (threshold ${stage.threshold})`,
          `  a: ${a.text}`,
          `  b: ${b.text}`,
        ].join('\n'),
      )
    }
  }
}
