// How stable the choice of the same-claim decision thresholds is: for each outer fold, the decisions of every pair of
// grid thresholds on the inner folds (what `groupedThreshold` chooses from) and on the outer fold (what the
// cross-validation reports), written to a JSON file so that selection rules can be compared without refitting.
//
//   node dist/bench/labels/choice.js OUT.json [INNER_FOLDS (0: the other folds of the split) [SALT]]
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { loadVectors } from '../../pipeline/tables.js'
import { DEFAULT_MODEL } from '../../stages/similarity/index.js'
import { alignedPairsAt, FOLDS, foldOf, splitOf } from './evaluate.js'
import { fitSameClaim, innerFoldOf, sameClaimTraining, THRESHOLD_GRID, withoutStage, withStage } from './fit.js'
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
const grid = THRESHOLD_GRID.flatMap((t) => THRESHOLD_GRID.map((h) => [t, h] as const))
const all = pairs.map((_, i) => i)

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

const folds = []
for (let f = 0; f < FOLDS; f++) {
  const inner = []
  if (innerFolds === 0) {
    for (let g = 0; g < FOLDS; g++) if (g !== f) inner.push(decisions((s) => foldOf(s) === g, (s) => foldOf(s) !== f && foldOf(s) !== g))
  } else {
    for (let g = 0; g < innerFolds; g++) inner.push(decisions((s) => foldOf(s) !== f && innerOf(s) === g, (s) => foldOf(s) !== f && innerOf(s) !== g))
  }
  folds.push({ inner, outer: decisions((s) => foldOf(s) === f, (s) => foldOf(s) !== f) })
  process.stderr.write(`fold ${f + 1}/${FOLDS}\n`)
}
writeFileSync(process.argv[2] ?? 'choice.json', JSON.stringify({ grid, folds }))
