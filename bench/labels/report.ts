// Prints the ledger's figures on the labelled BASIL pairs with a given model (the shipped one by default), beside the
// TF-IDF baseline. Usage: node dist/bench/labels/report.js [LABELS.tsv] [--cv]
// Conflict figures are printed for all labelled stories and for each half (`splitOf`: dev, held-out).
import path from 'node:path'
import { loadVectors } from '../../pipeline/tables.js'
import { DEFAULT_MODEL } from '../../stages/similarity/index.js'
import { baselineFigures, evaluateLedger, formatSplit, halfFigures, labelledFeatures, relationFigures } from './evaluate.js'
import { type BasilRecord, loadLabelledPairs, readBasilRecords } from './labels.js'
import { crossValidate } from './cv.js'
import { sameClaimTraining } from './fit.js'

const root = path.join(__dirname, '..', '..', '..')
const basilFile = path.join(root, '..', 'shared', 'data', 'basil', 'basil.jsonl')
const labelsFile = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? path.join(root, 'bench', 'labels', 'basil-labels.tsv')
const pairs = loadLabelledPairs(basilFile, path.join(root, 'bench', 'labels', 'basil-pairs.tsv'), labelsFile)
const byStory = new Map<string, BasilRecord[]>()
for (const r of readBasilRecords(basilFile)) byStory.set(r.story, [...(byStory.get(r.story) ?? []), r])
const vectors = loadVectors()
const f = evaluateLedger(byStory, pairs, DEFAULT_MODEL, vectors)
const pct = (x: number) => x.toFixed(3)
console.log(`pairs ${f.pairs.count} (${f.pairs.positives} same-claim): P ${pct(f.pairs.precision)} R ${pct(f.pairs.recall)} F1 ${pct(f.pairs.f1)}`)
console.log(`headline pairs ${f.headlines.count} (${f.headlines.positives}): P ${pct(f.headlines.precision)} R ${pct(f.headlines.recall)} F1 ${pct(f.headlines.f1)}`)
console.log(`conflicts through analyze (shipped model): ${formatSplit(f.conflicts)}`)
const rel = relationFigures(byStory, pairs, vectors)
console.log(`conflicts, relate() alone on every labelled same/partial pair: ${formatSplit(rel.conflicts)}`)
console.log(`updates, relate() alone: ${formatSplit(rel.updates)}`)
console.log(`omissions: reported ${f.omissions.reported}, judged ${f.omissions.judged}, false ${f.omissions.falseOnes}`)
const { cosine } = labelledFeatures(byStory, pairs, vectors)
const b = baselineFigures(pairs, cosine)
console.log(`TF-IDF baseline: P ${pct(b.pairs.precision)} R ${pct(b.pairs.recall)} F1 ${pct(b.pairs.f1)}; headlines F1 ${pct(b.headlines.f1)}`)

if (process.argv.includes('--cv')) {
  const rows = sameClaimTraining(byStory, pairs, DEFAULT_MODEL, vectors)
  const cv = crossValidate(byStory, pairs, rows, DEFAULT_MODEL, vectors, (line) => process.stderr.write(`${line}\n`))
  const g = cv.figures
  console.log(`CV pairs: P ${pct(g.pairs.precision)} R ${pct(g.pairs.recall)} F1 ${pct(g.pairs.f1)}; headlines P ${pct(g.headlines.precision)} R ${pct(g.headlines.recall)} F1 ${pct(g.headlines.f1)}`)
  for (const half of ['dev', 'held-out'] as const) {
    const h = halfFigures(g.decisions, half)
    console.log(`CV pairs, ${half} stories: P ${pct(h.pairs.precision)} R ${pct(h.pairs.recall)} F1 ${pct(h.pairs.f1)}; headlines P ${pct(h.headlines.precision)} R ${pct(h.headlines.recall)} F1 ${pct(h.headlines.f1)}`)
  }
  console.log(`CV conflicts through analyze: ${formatSplit(g.conflicts)}`)
  console.log(`CV omissions: reported ${g.omissions.reported}, judged ${g.omissions.judged}, false ${g.omissions.falseOnes}`)
}
