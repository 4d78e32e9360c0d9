// How stable the choice of the same-claim decision thresholds is: for each outer fold, the decisions of every pair of
// grid thresholds on the inner folds (what `groupedThreshold` chooses from) and on the outer fold (what the
// cross-validation reports), written to a JSON file so that selection rules can be compared without refitting.
//
//   node dist/bench/labels/choice.js OUT.json [INNER_FOLDS (0: the other folds of the split) [SALT]]
//   node dist/bench/labels/choice.js --hindsight
//
// `--hindsight` fits only the outer folds' stages and prints, for the grid points whose pooled out-of-fold precision
// clears the floor, the best pooled out-of-fold F1: what any rule choosing one pair of thresholds for all folds could
// reach at best with this ranking and grouping. A ceiling read off the reported folds themselves, never a figure.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { loadVectors } from '../../pipeline/tables.js'
import { DEFAULT_MODEL } from '../../stages/similarity/index.js'
import { type GridPoint, hindsight as hindsightPoints } from './cv.js'
import { alignedPairsAt, FOLDS, foldOf, splitOf } from './evaluate.js'
import { fitSameClaim, innerFoldOf, MIN_PRECISION, sameClaimTraining, THRESHOLD_GRID, THRESHOLD_PAIRS, withoutStage, withStage } from './fit.js'
import { type BasilRecord, isSameClaim, loadLabelledPairs, readBasilRecords } from './labels.js'

const root = path.join(__dirname, '..', '..', '..')
const basilFile = path.join(root, '..', 'shared', 'data', 'basil', 'basil.jsonl')
const labelsDir = path.join(root, 'bench', 'labels')
const pairs = loadLabelledPairs(basilFile, path.join(labelsDir, 'basil-pairs.tsv'), path.join(labelsDir, 'basil-labels.tsv'))
const byStory = new Map<string, BasilRecord[]>()
for (const r of readBasilRecords(basilFile)) byStory.set(r.story, [...(byStory.get(r.story) ?? []), r])
const vectors = loadVectors()
const base = withoutStage(DEFAULT_MODEL)
const rows = sameClaimTraining(byStory, pairs, DEFAULT_MODEL, vectors)
const grid = THRESHOLD_PAIRS
const all = pairs.map((_, i) => i)

const hindsight = process.argv.includes('--hindsight')
const innerFolds = Number(process.argv[3] ?? 0)
const innerOf = (story: string) => innerFoldOf(story, innerFolds, process.argv[4])

/** The decisions on the pairs `test` picks of a learner fitted on the pairs `train` picks, at every grid point. */
function decisions(test: (story: string) => boolean, train: (story: string) => boolean) {
  const learner = fitSameClaim(rows, pairs, all.filter((i) => train(pairs[i]!.story)))
  const own = pairs.filter((p) => test(p.story))
  const d = alignedPairsAt(byStory, own, withStage(base, learner, THRESHOLD_GRID[0]!), vectors, grid)
  return {
    story: own.map((p) => p.story),
    half: own.map((p) => splitOf(p.story)),
    head: own.map((p) => p.a.field === 'title' || p.b.field === 'title'),
    gold: own.map((p) => isSameClaim(p.label)),
    predicted: d.map((list) => list.map((x) => (x ? 1 : 0)).join('')),
  }
}

const folds: { inner: ReturnType<typeof decisions>[]; outer: ReturnType<typeof decisions> }[] = []
for (let f = 0; f < FOLDS && !hindsight; f++) {
  const inner = []
  if (innerFolds === 0) {
    for (let g = 0; g < FOLDS; g++) if (g !== f) inner.push(decisions((s) => foldOf(s) === g, (s) => foldOf(s) !== f && foldOf(s) !== g))
  } else {
    for (let g = 0; g < innerFolds; g++) inner.push(decisions((s) => foldOf(s) !== f && innerOf(s) === g, (s) => foldOf(s) !== f && innerOf(s) !== g))
  }
  folds.push({ inner, outer: decisions((s) => foldOf(s) === f, (s) => foldOf(s) !== f) })
  process.stderr.write(`fold ${f + 1}/${FOLDS}\n`)
}
if (hindsight) printHindsight()
else writeFileSync(process.argv[2] ?? 'choice.json', JSON.stringify({ grid, folds }))

/** The pooled out-of-fold figures of every grid point, the best under the precision floor first (see the header). */
function printHindsight(): void {
  const learners = Array.from({ length: FOLDS }, (_, f) => fitSameClaim(rows, pairs, all.filter((i) => foldOf(pairs[i]!.story) !== f)))
  const figures = hindsightPoints(byStory, pairs, learners, base, vectors)
  const show = (x: GridPoint) =>
    `thresholds ${x.threshold} (with a headline ${x.headlineThreshold}): F1 ${x.f1.toFixed(3)} (P ${x.precision.toFixed(3)}, R ${x.recall.toFixed(3)}); headline pairs F1 ${x.headlineF1.toFixed(3)}`
  const byF1 = [...figures].sort((x, y) => y.f1 - x.f1)
  console.log(`hindsight, precision ≥ ${MIN_PRECISION}:`)
  for (const x of byF1.filter((x) => x.precision >= MIN_PRECISION).slice(0, 5)) console.log(`  ${show(x)}`)
  console.log('hindsight, any precision:')
  for (const x of byF1.slice(0, 3)) console.log(`  ${show(x)}`)
  const heads = [...figures].sort((x, y) => y.headlineF1 - x.headlineF1)
  console.log(`hindsight, headline pairs F1 where the pooled precision is ≥ ${MIN_PRECISION}:`)
  for (const x of heads.filter((x) => x.precision >= MIN_PRECISION).slice(0, 3)) console.log(`  ${show(x)}`)
}
