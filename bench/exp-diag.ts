import path from 'node:path'
import { loadVectors } from '../pipeline/vectors.js'
import { align } from '../stages/align.js'
import { MessageLog } from '../stages/messages.js'
import { predict } from '../stages/model.js'
import { DEFAULT_MODEL } from '../stages/similarity.js'
import { findUnit, FOLDS, foldOf, storyDocuments } from './labels/evaluate.js'
import { fitSameClaim, sameClaimThreshold, sameClaimTraining, withoutStage, withStage } from './labels/fit.js'
import { type BasilRecord, isSameClaim, loadLabelledPairs, readBasilRecords } from './labels/labels.js'
const root = path.join(__dirname, '..', '..')
const basilFile = path.join(root, '..', 'shared', 'data', 'basil', 'basil.jsonl')
const pairs = loadLabelledPairs(basilFile, path.join(root, 'bench', 'labels', 'basil-pairs.tsv'), process.argv[2]!)
const byStory = new Map<string, BasilRecord[]>()
for (const r of readBasilRecords(basilFile)) byStory.set(r.story, [...(byStory.get(r.story) ?? []), r])
const vectors = loadVectors()
const rows = sameClaimTraining(byStory, pairs, withoutStage(DEFAULT_MODEL), vectors)
const counts: Record<string, number> = {}
const add = (k: string) => (counts[k] = (counts[k] ?? 0) + 1)
for (let f = 0; f < 0; f++) {
  const { threshold } = sameClaimThreshold(rows, pairs, f)
  const learner = fitSameClaim(rows, pairs, pairs.map((_, i) => i).filter((i) => foldOf(pairs[i]!.story) !== f))
  for (const mult of [1]) {
    const model = withStage(DEFAULT_MODEL, learner, threshold * mult)
    for (const story of [...new Set(pairs.filter((p) => foldOf(p.story) === f).map((p) => p.story))]) {
      const docs = storyDocuments(byStory.get(story)!)
      const al = align(docs, new MessageLog(story), { model, vectors })
      const st = new Map<string, string>()
      for (const s of al.statements) for (const m of s.members) st.set(m.sentence, s.id)
      pairs.forEach((p, i) => {
        if (p.story !== story) return
        const gold = isSameClaim(p.label)
        const a = findUnit(docs, p.a), b = findUnit(docs, p.b)
        if (!a || !b || !rows[i]) { add(gold ? 'pos-dropped' : 'neg-dropped'); return }
        const p2 = predict(learner, rows[i]!)
        const together = st.get(a.id) !== undefined && st.get(a.id) === st.get(b.id)
        const key = `${gold ? 'pos' : 'neg'} p2${p2 >= threshold ? '>=' : '<'}thr ${together ? 'grouped' : 'apart'}`
        add(key)
        if (gold && p2 >= threshold && !together) add(`pos-hi-apart: a ${st.has(a.id) ? 'in' : 'out'} b ${st.has(b.id) ? 'in' : 'out'}`)
      })
    }
  }
}
console.log(counts)
import { evaluateLedger } from './labels/evaluate.js'
import { pool } from './labels/cv.js'
for (const mode of ['none', 'special', 'all']) {
  ;(globalThis as { RULES?: string }).RULES = mode
  const parts = []
  for (let f = 0; f < FOLDS; f++) {
    const { threshold } = sameClaimThreshold(rows, pairs, f)
    const learner = fitSameClaim(rows, pairs, pairs.map((_, i) => i).filter((i) => foldOf(pairs[i]!.story) !== f))
    parts.push(evaluateLedger(byStory, pairs.filter((p) => foldOf(p.story) === f), withStage(DEFAULT_MODEL, learner, 0.55), vectors))
  }
  const g = pool(parts)
  console.log(`${mode}: P ${g.pairs.precision.toFixed(3)} R ${g.pairs.recall.toFixed(3)} F1 ${g.pairs.f1.toFixed(3)}; head F1 ${g.headlines.f1.toFixed(3)}; conflicts ${JSON.stringify(g.conflicts)}`)
}
