// The same-claim learner measured at the link level, before any grouping: story-grouped out-of-fold predictions on
// the labelled pairs (the folds of `foldOf`), as recall at precision `MIN_PRECISION` and average precision, for all
// stories and each half (`splitOf`). Fast (no `analyze` per threshold), for comparing learners and features.
//
//   node dist/bench/labels/links.js [--drop=name,name] [--grid] [--boost='{"rounds":300}'] [--repeat=3]
//
// `--drop` leaves context features out (by name) to measure what they add; `--grid` chooses the learner's settings
// per outer fold by an inner story-grouped CV on that fold's training stories only; `--boost` replaces its settings.
import { createHash } from 'node:crypto'
import path from 'node:path'
import { type BoostOptions, fitBoosted, predict } from '../../resources/model.js'
import { loadVectors } from '../../pipeline/tables.js'
import { CONTEXT_FEATURES } from '../../stages/align/index.js'
import { DEFAULT_MODEL, FEATURES } from '../../stages/similarity/index.js'
import { FOLDS, foldOf, type Half, splitOf } from './evaluate.js'
import { MIN_PRECISION, SAME_CLAIM_BOOST, sameClaimTraining } from './fit.js'
import { type BasilRecord, isSameClaim, loadLabelledPairs, readBasilRecords } from './labels.js'

/** Recall at the best threshold keeping precision ≥ `floor`, and average precision, of scores against gold. */
export function rankingFigures(scores: readonly number[], gold: readonly boolean[], floor = MIN_PRECISION): { recallAtP: number; ap: number } {
  const order = scores.map((_, i) => i).sort((x, y) => scores[y]! - scores[x]! || x - y)
  const positives = gold.filter(Boolean).length
  let tp = 0
  let ap = 0
  let best = 0
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!
    if (gold[i]) {
      tp++
      ap += tp / (k + 1)
    }
    // Only where the next score differs: a threshold cannot split tied scores.
    const next = order[k + 1]
    if (next !== undefined && scores[next] === scores[i]) continue
    if (tp / (k + 1) >= floor) best = Math.max(best, tp / positives)
  }
  return { recallAtP: positives > 0 ? best : 0, ap: positives > 0 ? ap / positives : 0 }
}

/** Out-of-fold scores of a learner fitted with `boost` on the rows of `use` (indices), folds by story. */
function outOfFold(rows: readonly Float64Array[], gold: readonly boolean[], fold: readonly number[], use: readonly number[], boost: BoostOptions, folds: readonly number[]): Map<number, number> {
  const scores = new Map<number, number>()
  for (const f of folds) {
    const train = use.filter((i) => fold[i] !== f)
    const learner = fitBoosted(train.map((i) => rows[i]!), train.map((i) => (gold[i] ? 1 : 0)), boost)
    for (const i of use) if (fold[i] === f) scores.set(i, predict(learner, rows[i]!))
  }
  return scores
}

const GRID: BoostOptions[] = [
  SAME_CLAIM_BOOST,
  { ...SAME_CLAIM_BOOST, rounds: 400 },
  { ...SAME_CLAIM_BOOST, rounds: 400, learningRate: 0.03, depth: 4 },
  { ...SAME_CLAIM_BOOST, rounds: 300, depth: 2 },
  { ...SAME_CLAIM_BOOST, rounds: 600, learningRate: 0.02, depth: 4, bags: 4 },
  { ...SAME_CLAIM_BOOST, rounds: 300, minLeaf: 10, lambda: 3 },
]

if (require.main === module) {
  const root = path.join(__dirname, '..', '..', '..')
  const basilFile = path.join(root, '..', 'shared', 'data', 'basil', 'basil.jsonl')
  const pairs = loadLabelledPairs(basilFile, path.join(root, 'bench', 'labels', 'basil-pairs.tsv'), path.join(root, 'bench', 'labels', 'basil-labels.tsv'))
  const byStory = new Map<string, BasilRecord[]>()
  for (const r of readBasilRecords(basilFile)) byStory.set(r.story, [...(byStory.get(r.story) ?? []), r])
  const vectors = loadVectors()
  const all = sameClaimTraining(byStory, pairs, DEFAULT_MODEL, vectors)
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
  const names = [...FEATURES, ...CONTEXT_FEATURES] as string[]
  const dropped = new Set((arg('drop') ?? '').split(',').filter(Boolean))
  for (const d of dropped) if (!names.includes(d)) throw new Error(`Expected a feature name, got ${d}`)
  const keep = names.map((n, k) => [n, k] as const).filter(([n]) => !dropped.has(n)).map(([, k]) => k)
  const rows = all.map((r) => (r === null ? null : Float64Array.from(keep, (k) => r[k]!)))
  const use = rows.map((r, i) => (r === null ? -1 : i)).filter((i) => i >= 0)
  const gold = pairs.map((p) => isSameClaim(p.label))
  const fold = pairs.map((p) => foldOf(p.story))
  const half = pairs.map((p) => splitOf(p.story))
  const boost: BoostOptions = arg('boost') ? { ...SAME_CLAIM_BOOST, ...JSON.parse(arg('boost')!) } : SAME_CLAIM_BOOST
  const dense = rows as Float64Array[]
  const scores = new Map<number, number>()
  const folds = Array.from({ length: FOLDS }, (_, f) => f)
  for (const f of folds) {
    // `--train-share=s`: only a share s of the training stories (drawn by story hash), for a learning curve.
    const share = Number(arg('train-share') ?? 1)
    const keepStory = (story: string) => share >= 1 || (parseInt(createHash('sha256').update(story).digest('hex').slice(0, 8), 16) / 2 ** 32) < share
    const train = use.filter((i) => fold[i] !== f && keepStory(pairs[i]!.story))
    let chosen = boost
    if (process.argv.includes('--grid')) {
      // Inner CV on the training stories only: the reported fold never chooses its own settings.
      let bestAp = -1
      for (const candidate of GRID) {
        const inner = outOfFold(dense, gold, fold, train, candidate, folds.filter((g) => g !== f))
        const ids = [...inner.keys()]
        const { recallAtP, ap } = rankingFigures(ids.map((i) => inner.get(i)!), ids.map((i) => gold[i]!))
        if (recallAtP + ap > bestAp) [bestAp, chosen] = [recallAtP + ap, candidate]
      }
      process.stderr.write(`fold ${f + 1}: ${JSON.stringify(chosen)}\n`)
    }
    // `--repeat=k`: the mean of k fits with other seeds, so that two feature sets compare with less noise.
    const repeat = Number(arg('repeat') ?? 1)
    for (let r = 0; r < repeat; r++)
      for (const [i, s] of outOfFold(dense, gold, fold, [...train, ...use.filter((i) => fold[i] === f)], { ...chosen, seed: 1 + 100 * r }, [f])) scores.set(i, (scores.get(i) ?? 0) + s / repeat)
  }
  const line = (label: string, of: (i: number) => boolean) => {
    const ids = use.filter(of)
    const { recallAtP, ap } = rankingFigures(ids.map((i) => scores.get(i)!), ids.map((i) => gold[i]!))
    const heads = ids.filter((i) => pairs[i]!.a.field === 'title' || pairs[i]!.b.field === 'title')
    const h = rankingFigures(heads.map((i) => scores.get(i)!), heads.map((i) => gold[i]!))
    console.log(`${label.padEnd(9)} pairs ${ids.length}: R@P${MIN_PRECISION} ${recallAtP.toFixed(3)} AP ${ap.toFixed(3)}; headline pairs ${heads.length}: R@P ${h.recallAtP.toFixed(3)} AP ${h.ap.toFixed(3)}`)
  }
  if (process.argv.includes('--dev-errors')) {
    // Error analysis on the dev half only (held-out texts are never read).
    const dev = use.filter((i) => half[i] === 'dev')
    const show = (i: number) => console.log(`${scores.get(i)!.toFixed(3)} ${pairs[i]!.label} [${pairs[i]!.a.field}] ${pairs[i]!.a.text}\n      [${pairs[i]!.b.field}] ${pairs[i]!.b.text}`)
    console.log('dev: highest-scored pairs of other claims')
    dev.filter((i) => !gold[i]).sort((x, y) => scores.get(y)! - scores.get(x)!).slice(0, 25).forEach(show)
    console.log('dev: lowest-scored same-claim pairs')
    dev.filter((i) => gold[i]).sort((x, y) => scores.get(x)! - scores.get(y)!).slice(0, 25).forEach(show)
  }
  line('all', () => true)
  for (const h of ['dev', 'held-out'] as Half[]) line(h, (i) => half[i] === h)
}
