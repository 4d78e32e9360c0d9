// `make model`, second step: fits the same-claim stage of models/default.json on the labelled BASIL pairs
// (bench/labels/README.md) over the similarity already in that file, and writes the file back.
//
//   node dist/bench/labels/model.js
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { round } from '../../core/numbers.js'
import { loadVectors } from '../../pipeline/tables.js'
import { checkModel } from '../../stages/similarity/index.js'
import { SAME_CLAIM_BOOST, fitSameClaim, groupedThreshold, INNER_FOLDS, MIN_PRECISION, sameClaimTraining, THRESHOLD_DRAWS, withoutStage, withStage } from './fit.js'
import { type BasilRecord, loadLabelledPairs, readBasilRecords } from './labels.js'

const root = path.join(__dirname, '..', '..', '..')
const file = path.join(root, 'models', 'default.json')
const basilFile = path.join(root, '..', 'shared', 'data', 'basil', 'basil.jsonl')
const labelsFile = path.join(root, 'bench', 'labels', 'basil-labels.tsv')
const base = withoutStage(checkModel(JSON.parse(readFileSync(file, 'utf8')), file))
const pairs = loadLabelledPairs(basilFile, path.join(root, 'bench', 'labels', 'basil-pairs.tsv'), labelsFile)
const byStory = new Map<string, BasilRecord[]>()
for (const r of readBasilRecords(basilFile)) byStory.set(r.story, [...(byStory.get(r.story) ?? []), r])
const vectors = loadVectors((line) => process.stderr.write(`${line}\n`))
const rows = sameClaimTraining(byStory, pairs, base, vectors)
const chosen = groupedThreshold(byStory, rows, pairs, base, vectors, null)
const learner = fitSameClaim(rows, pairs, pairs.map((_, i) => i))
const model = withStage(base, learner, chosen.threshold, {
  source: 'bench/labels/basil-labels.tsv (labelled cross-outlet pairs of BASIL, ../shared/data/basil)',
  pairs: rows.filter((r) => r !== null).length,
  stories: new Set(pairs.map((p) => p.story)).size,
  positive: 'same or partial (the same claim)',
  learner: SAME_CLAIM_BOOST,
  threshold: `the best F1 with precision ≥ ${MIN_PRECISION} through analyze's grouping, story-grouped ${INNER_FOLDS}-fold out of fold, the median of its choices on ${THRESHOLD_DRAWS} bootstrap draws of the stories; pairs with a headline at a threshold of their own (headlineThreshold) when that does better`,
  outOfFold: { precision: round(chosen.precision), recall: round(chosen.recall), f1: round(chosen.f1) },
}, chosen.headlineThreshold)
writeFileSync(file, `${JSON.stringify(model, null, 1)}\n`)
process.stderr.write(`same-claim stage: threshold ${chosen.threshold}, with a headline ${chosen.headlineThreshold}, out of fold P ${chosen.precision.toFixed(3)} R ${chosen.recall.toFixed(3)} F1 ${chosen.f1.toFixed(3)}; wrote ${file}\n`)
