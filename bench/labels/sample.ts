// Draws the cross-outlet unit pairs of BASIL that annotators label (bench/labels/README.md): strata of a cheap
// TF-IDF cosine, random same-story pairs, headline × headline and headline × lead. Writes the references (no
// third-party text) into the repository and the blind annotation sheets (with text) into a scratch folder.
//
//   node dist/bench/labels/sample.js ../shared/data/basil/basil.jsonl SCRATCH_DIR
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { sentenceFromText } from '../../stages/segment/index.js'
import { random } from '../../resources/model.js'
import { isContent } from '../../stages/similarity/index.js'
import { placedSentences, tfidfCosine } from './evaluate.js'
import type { Token } from '../../core/types.js'
import { type BasilRecord, hashText, type Unit, type UnitRef, unitKey } from './labels.js'

const [input = '../shared/data/basil/basil.jsonl', scratch = 'scratch/labels'] = process.argv.slice(2)
const STORIES = 90
const SEED = 20261201

const rand = random(SEED)
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

interface SampledUnit extends Unit {
  readonly stems: readonly string[]
}

const records = readFileSync(input, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as BasilRecord)
const byStory = new Map<string, BasilRecord[]>()
for (const r of records) byStory.set(r.story, [...(byStory.get(r.story) ?? []), r])
const storyIds = shuffle([...byStory.keys()].sort()).slice(0, STORIES).sort()

const stemsOf = (tokens: readonly Token[]) => tokens.filter(isContent).map((t) => t.stem)

/** The units of one article: its title (a headline) and its kept body sentences, with offsets into BASIL's fields. */
function units(record: BasilRecord): SampledUnit[] {
  const body = placedSentences(record)
  const out: SampledUnit[] = []
  if (record.title?.trim()) {
    const title = record.title
    const begin = title.length - title.trimStart().length
    const text = title.trim()
    out.push({ story: record.story, article: record.id, outlet: record.outlet, field: 'title', index: -1, begin, end: begin + text.length, hash: hashText(text), text, stems: stemsOf(sentenceFromText(text).tokens) })
  }
  for (const { sentence: s, begin, end, hash } of body)
    out.push({ story: record.story, article: record.id, outlet: record.outlet, field: 'text', index: s.index, begin, end, hash, text: s.text, stems: stemsOf(s.tokens) })
  return out
}

interface Pair {
  readonly a: SampledUnit
  readonly b: SampledUnit
  readonly stratum: string
}

// Per story: every headline pair, headline × the other articles' leads, then cross-article pairs drawn from bins of
// TF-IDF cosine (rare high bins drawn more), then random pairs.
const BINS: readonly [number, number, number][] = [
  [0.5, 1.01, 4],
  [0.3, 0.5, 4],
  [0.15, 0.3, 3],
  [0.05, 0.15, 2],
  [0, 0.05, 1],
]
const RANDOM = 3
const pairs: Pair[] = []
const storyHeadline = new Map<string, string>()
for (const story of storyIds) {
  const articles = byStory.get(story)!.map(units)
  const all = articles.flat()
  const df = new Map<string, number>()
  for (const u of all) for (const s of new Set(u.stems)) df.set(s, (df.get(s) ?? 0) + 1)
  const idf = new Map([...df].map(([s, n]) => [s, Math.log((all.length + 1) / (n + 0.5))]))
  storyHeadline.set(story, articles.map((a) => a.find((u) => u.field === 'title')?.text).find(Boolean) ?? '')
  const taken = new Set<string>()
  const take = (a: SampledUnit, b: SampledUnit, stratum: string) => {
    const key = [unitKey(a), unitKey(b)].sort().join(' ')
    if (taken.has(key)) return false
    taken.add(key)
    pairs.push(rand() < 0.5 ? { a, b, stratum } : { a: b, b: a, stratum })
    return true
  }
  const cross: { a: SampledUnit; b: SampledUnit; cos: number }[] = []
  for (let i = 0; i < articles.length; i++)
    for (let j = i + 1; j < articles.length; j++)
      for (const a of articles[i]!) for (const b of articles[j]!) cross.push({ a, b, cos: tfidfCosine(a.stems, b.stems, (stem) => idf.get(stem) ?? 0) })
  for (let i = 0; i < articles.length; i++) {
    const head = articles[i]!.find((u) => u.field === 'title')
    if (!head) continue
    for (let j = 0; j < articles.length; j++) {
      if (i === j) continue
      const other = articles[j]!
      const otherHead = other.find((u) => u.field === 'title')
      if (j > i && otherHead) take(head, otherHead, 'headline-headline')
      const lead = other.find((u) => u.field === 'text')
      if (lead) take(head, lead, 'headline-lead')
    }
  }
  for (const [lo, hi, n] of BINS) {
    const bin = shuffle(cross.filter((p) => p.cos >= lo && p.cos < hi))
    let got = 0
    for (const p of bin) if (got < n && take(p.a, p.b, `tfidf-${lo}`)) got++
  }
  let got = 0
  for (const p of shuffle([...cross])) if (got < RANDOM && take(p.a, p.b, 'random')) got++
}
shuffle(pairs)

// References (committed): ids, offsets and text hashes, never the text.
const refs = (u: UnitRef) => [u.article, u.field, u.index, u.begin, u.end, u.hash].join('\t')
const header = 'pair\tstory\tstratum\ta_article\ta_field\ta_index\ta_begin\ta_end\ta_hash\tb_article\tb_field\tb_index\tb_begin\tb_end\tb_hash'
const lines = pairs.map((p, i) => [`p${String(i + 1).padStart(4, '0')}`, p.a.story, p.stratum, refs(p.a), refs(p.b)].join('\t'))
writeFileSync(path.join(__dirname, '..', '..', '..', 'bench', 'labels', 'basil-pairs.tsv'), `${header}\n${lines.join('\n')}\n`)

// The blind sheets (scratch, not committed): pair id, the story's headline and the two texts. No score, no stratum.
mkdirSync(scratch, { recursive: true })
const sheet = pairs.map((p, i) => ({ pair: `p${String(i + 1).padStart(4, '0')}`, headline: storyHeadline.get(p.a.story), a: `${p.a.field === 'title' ? '[HEADLINE] ' : ''}${p.a.text}`, b: `${p.b.field === 'title' ? '[HEADLINE] ' : ''}${p.b.text}` }))
writeFileSync(path.join(scratch, 'all.jsonl'), sheet.map((s) => JSON.stringify(s)).join('\n') + '\n')
const counts = new Map<string, number>()
for (const p of pairs) counts.set(p.stratum, (counts.get(p.stratum) ?? 0) + 1)
process.stderr.write(`${pairs.length} pairs from ${storyIds.length} stories: ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}\n`)
