import path from 'node:path'
import { loadVectors } from '../pipeline/vectors.js'
import { findUnit, storyDocuments } from './labels/evaluate.js'
import { type BasilRecord, isSameClaim, loadLabelledPairs, readBasilRecords } from './labels/labels.js'
import { relate } from '../stages/relate.js'
import { sentenceFeatures } from '../stages/similarity.js'
const root = path.join(__dirname, '..', '..')
const basilFile = path.join(root, '..', 'shared', 'data', 'basil', 'basil.jsonl')
const pairs = loadLabelledPairs(basilFile, path.join(root, 'bench', 'labels', 'basil-pairs.tsv'), path.join(root, 'bench', 'labels', 'basil-labels.tsv'))
const byStory = new Map<string, BasilRecord[]>()
for (const r of readBasilRecords(basilFile)) byStory.set(r.story, [...(byStory.get(r.story) ?? []), r])
const vectors = loadVectors()
const tally: Record<string, number> = {}
for (const story of [...new Set(pairs.map((p) => p.story))]) {
  const docs = storyDocuments(byStory.get(story)!)
  for (const p of pairs.filter((q) => q.story === story && (isSameClaim(q.label) || process.argv.includes('--all')))) {
    const a = findUnit(docs, p.a), b = findUnit(docs, p.b)
    if (!a || !b) continue
    const r = relate(a, b, sentenceFeatures(a, vectors), sentenceFeatures(b, vectors))
    const tool = ['number_conflict', 'negation_conflict', 'quote_conflict', 'attribution_differs', 'update'].includes(r.relation) ? r.relation : 'agree'
    const gold = isSameClaim(p.label) ? p.relation ?? 'agree' : p.label
    const k = `${tool} <- ${gold}`
    tally[k] = (tally[k] ?? 0) + 1
    if ((process.argv.includes('--show') && tool !== 'agree' && tool !== gold) || (process.argv.includes('--miss') && tool === 'agree' && gold !== 'agree' && gold !== 'related' && gold !== 'no')) console.log(`${p.pair} ${k} ${JSON.stringify(r.values)}\n  A: ${a.text}\n  B: ${b.text}`)
  }
}
console.log(Object.entries(tally).sort())
