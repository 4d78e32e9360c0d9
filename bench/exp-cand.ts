import path from 'node:path'
import { loadVectors } from '../pipeline/vectors.js'
import { sameClaimRows } from '../stages/align.js'
import { DEFAULT_MODEL } from '../stages/similarity.js'
import { findUnit, storyDocuments } from './labels/evaluate.js'
import { type BasilRecord, isSameClaim, loadLabelledPairs, readBasilRecords } from './labels/labels.js'
const root = path.join(__dirname, '..', '..')
const basilFile = path.join(root, '..', 'shared', 'data', 'basil', 'basil.jsonl')
const pairs = loadLabelledPairs(basilFile, path.join(root, 'bench', 'labels', 'basil-pairs.tsv'), process.argv[2]!)
const byStory = new Map<string, BasilRecord[]>()
for (const r of readBasilRecords(basilFile)) byStory.set(r.story, [...(byStory.get(r.story) ?? []), r])
const vectors = loadVectors()
for (const opts of [{ prefixSize: 24, maxCandidates: 12 }, { prefixSize: 18, maxCandidates: 16 }, { prefixSize: 24, maxCandidates: 16 }, { prefixSize: 32, maxCandidates: 12 }, { prefixSize: 1000, maxCandidates: 1000 }]) {
  let pos = 0, posCand = 0, headPos = 0, headCand = 0
  for (const story of [...new Set(pairs.map((p) => p.story))]) {
    const docs = storyDocuments(byStory.get(story)!)
    const own = pairs.filter((p) => p.story === story && isSameClaim(p.label))
    const cand: boolean[] = []
    const rows = sameClaimRows(docs, own.map((p) => [findUnit(docs, p.a)?.id ?? '', findUnit(docs, p.b)?.id ?? ''] as const), { ...opts, model: DEFAULT_MODEL, vectors }, cand)
    let k = 0
    own.forEach((p, i) => { if (!rows[i]) return; const c = cand[k++]!; pos++; if (c) posCand++; if (p.a.field === 'title' || p.b.field === 'title') { headPos++; if (c) headCand++ } })
  }
  console.log(JSON.stringify(opts), `positives ${pos}, candidates ${posCand} (${(posCand / pos).toFixed(3)}); headline ${headPos}, ${headCand} (${(headCand / headPos).toFixed(3)})`)
}
