// Experiment: does context (rank of a pair among the article's units, positions, unit kinds) help same-claim?
import path from 'node:path'
import { loadVectors } from '../pipeline/vectors.js'
import { fitBoosted, predict } from '../stages/model.js'
import { unitsOf } from '../stages/segment.js'
import { DEFAULT_MODEL, FEATURES, Idf, pairFeatureArray, sentenceFeatures, similarity, type SentenceFeatures } from '../stages/similarity.js'
import { FOLDS, findUnit, foldOf, storyDocuments } from './labels/evaluate.js'
import { type BasilRecord, isSameClaim, loadLabelledPairs, readBasilRecords } from './labels/labels.js'
const root = path.join(__dirname, '..', '..')
const basilFile = path.join(root, '..', 'shared', 'data', 'basil', 'basil.jsonl')
const pairs = loadLabelledPairs(basilFile, path.join(root, 'bench', 'labels', 'basil-pairs.tsv'), process.argv[2]!)
const byStory = new Map<string, BasilRecord[]>()
for (const r of readBasilRecords(basilFile)) byStory.set(r.story, [...(byStory.get(r.story) ?? []), r])
const vectors = loadVectors()
const rows: number[][] = new Array(pairs.length)
const ctx: number[][] = new Array(pairs.length)
const keep: boolean[] = new Array(pairs.length).fill(false)
for (const story of [...new Set(pairs.map((p) => p.story))]) {
  const docs = storyDocuments(byStory.get(story)!)
  const units = docs.flatMap((d) => unitsOf(d))
  const feats = new Map<string, SentenceFeatures>(units.map((u) => [u.id, sentenceFeatures(u, vectors)]))
  const idf = new Idf()
  for (const f of feats.values()) idf.add(f)
  const memo = new Map<string, number>()
  const s1 = (x: string, y: string) => { const k = x < y ? x + ' ' + y : y + ' ' + x; let v = memo.get(k); if (v === undefined) memo.set(k, (v = similarity(feats.get(x)!, feats.get(y)!, idf, DEFAULT_MODEL))); return v }
  const artUnits = new Map(docs.map((d) => [d.article.id, unitsOf(d)]))
  const count = new Map(docs.map((d) => [d.article.id, d.sentences.length]))
  pairs.forEach((p, i) => {
    if (p.story !== story) return
    const a = findUnit(docs, p.a), b = findUnit(docs, p.b)
    if (!a || !b) return
    keep[i] = true
    const v = s1(a.id, b.id)
    const others = (x: typeof a, art: string) => artUnits.get(art)!.map((u) => s1(x.id, u.id))
    const inB = others(a, b.article).sort((x, y) => y - x)
    const inA = others(b, a.article).sort((x, y) => y - x)
    const rankB = inB.filter((x) => x > v + 1e-12).length
    const rankA = inA.filter((x) => x > v + 1e-12).length
    const pos = (u: typeof a) => (u.unit === 'headline' ? -0.1 : u.index / Math.max(1, count.get(u.article)! - 1))
    ctx[i] = [v, rankA, rankB, Math.min(rankA, rankB), Math.max(rankA, rankB), v - (inB[rankB === 0 ? 1 : 0] ?? 0), v - (inA[rankA === 0 ? 1 : 0] ?? 0), inB[0]!, inA[0]!, a.unit === 'headline' ? 1 : 0, b.unit === 'headline' ? 1 : 0, (a.unit === 'headline' ? 1 : 0) + (b.unit === 'headline' ? 1 : 0), pos(a), pos(b), Math.abs(pos(a) - pos(b))]
    rows[i] = [...pairFeatureArray(feats.get(a.id)!, feats.get(b.id)!, idf, new Float64Array(FEATURES.length))]
  })
}
const idx = pairs.map((_, i) => i).filter((i) => keep[i])
const labels = pairs.map((p) => (isSameClaim(p.label) ? 1 : 0))
function cv(name: string, x: (i: number) => number[]) {
  const oof = new Map<number, number>()
  for (let f = 0; f < FOLDS; f++) {
    const tr = idx.filter((i) => foldOf(pairs[i]!.story) !== f)
    const l = fitBoosted(tr.map(x), tr.map((i) => labels[i]!), { rounds: 200, learningRate: 0.05, depth: 3, bags: 2, subsample: 0.8, colsample: 0.6 })
    for (const i of idx) if (foldOf(pairs[i]!.story) === f) oof.set(i, predict(l, x(i)))
  }
  for (const [sub, sel] of [['all', idx], ['head', idx.filter((i) => pairs[i]!.a.field === 'title' || pairs[i]!.b.field === 'title')]] as const) {
    const o = (sel as number[]).map((i) => [oof.get(i)!, labels[i]!] as const).sort((a, b) => b[0] - a[0])
    const pos = o.filter((z) => z[1]).length
    let tp = 0, fp = 0, bestF = 0, r85 = 0, f85 = 0, at = ''
    for (const [, l] of o) { if (l) tp++; else fp++; const p = tp / (tp + fp), r = tp / pos, F = (2 * p * r) / (p + r); if (F > bestF) { bestF = F; at = `P ${p.toFixed(2)} R ${r.toFixed(2)}` } if (p >= 0.85 && F > f85) { f85 = F; r85 = r } }
    console.log(`${name} ${sub}: best F1 ${bestF.toFixed(3)} (${at}); at P>=0.85: R ${r85.toFixed(3)} F1 ${f85.toFixed(3)}`)
  }
}
// Stacking: p83 from a GBM on the 83 features (out of fold), then a level-2 GBM on p83 + context.
const B = { rounds: 200, learningRate: 0.05, depth: 3, bags: 2, subsample: 0.8, colsample: 0.6 }
const oof2 = new Map<number, number>()
for (let f = 0; f < FOLDS; f++) {
  const tr = idx.filter((i) => foldOf(pairs[i]!.story) !== f)
  // inner OOF p83 for the training rows
  const p83 = new Map<number, number>()
  for (let g = 0; g < FOLDS; g++) {
    if (g === f) continue
    const inner = tr.filter((i) => foldOf(pairs[i]!.story) !== g)
    const l = fitBoosted(inner.map((i) => rows[i]!), inner.map((i) => labels[i]!), B)
    for (const i of tr) if (foldOf(pairs[i]!.story) === g) p83.set(i, predict(l, rows[i]!))
  }
  const full = fitBoosted(tr.map((i) => rows[i]!), tr.map((i) => labels[i]!), B)
  for (const i of idx) if (foldOf(pairs[i]!.story) === f) p83.set(i, predict(full, rows[i]!))
  const x = (i: number) => [p83.get(i)!, ...ctx[i]!]
  const l2 = fitBoosted(tr.map(x), tr.map((i) => labels[i]!), { ...B, colsample: 1 })
  for (const i of idx) if (foldOf(pairs[i]!.story) === f) oof2.set(i, predict(l2, x(i)))
}
for (const [sub, sel] of [['all', idx], ['head', idx.filter((i) => pairs[i]!.a.field === 'title' || pairs[i]!.b.field === 'title')]] as const) {
  const o = (sel as number[]).map((i) => [oof2.get(i)!, labels[i]!] as const).sort((a, b) => b[0] - a[0])
  const pos = o.filter((z) => z[1]).length
  let tp = 0, fp = 0, bestF = 0, r85 = 0, f85 = 0
  for (const [, l] of o) { if (l) tp++; else fp++; const p = tp / (tp + fp), r = tp / pos, F = (2 * p * r) / (p + r); if (F > bestF) bestF = F; if (p >= 0.85 && F > f85) { f85 = F; r85 = r } }
  console.log(`stacked ${sub}: best F1 ${bestF.toFixed(3)}; at P>=0.85: R ${r85.toFixed(3)} F1 ${f85.toFixed(3)}`)
}
cv('83 + context', (i) => [...rows[i]!, ...ctx[i]!])
