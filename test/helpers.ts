// Test helpers: run the stages over a corpus folder in-process, and invariant checks that return their offenders.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { readCorpus } from '../pipeline/corpus.js'
import { loadVectors } from '../pipeline/tables.js'
import { runStages } from '../pipeline/story.js'
import { toolInfo } from '../pipeline/tool.js'
import { MessageLog } from '../core/messages.js'
import { relate } from '../stages/score/relate.js'
import { sentenceFromText, unitsOf } from '../stages/segment/index.js'
import { sentenceFeatures } from '../stages/similarity/index.js'
import type { Document, Ledger, RawSource } from '../core/types.js'

/** One analysed story: its documents, ledger and messages. */
export interface AnalysedStory {
  readonly documents: readonly Document[]
  readonly ledger: Ledger
  readonly log: MessageLog
}

/** Run read, then `runStages` (ingest → clean → segment → align → score → report), over a folder corpus, story by story. */
export async function analyseFolder(dir: string): Promise<Map<string, AnalysedStory>> {
  const corpusLog = new MessageLog()
  const corpus = await readCorpus(dir, corpusLog)
  const byStory = new Map<string, RawSource[]>()
  for (const story of corpus.stories.keys()) byStory.set(story, await corpus.load(story))
  corpus.close()
  const result = new Map<string, AnalysedStory>()
  for (const [story, sources] of byStory) {
    const log = new MessageLog(story)
    // The stages as `analyze` runs them (the story runner's own sequence), without writing.
    const { documents, ledger } = await runStages(story, { sources, articles: [] }, log, { tool: toolInfo(), vectors: loadVectors() })
    if (ledger === null) throw new Error(`Expected at least 2 usable articles in story ${story}, got ${documents.length}`)
    result.set(story, { documents, ledger, log })
  }
  return result
}

/** Sentences, tokens, entities, numbers and quotes whose offsets do not index the cleaned body. */
export function offsetOffenders(documents: readonly Document[]): string[] {
  const offenders: string[] = []
  for (const d of documents) {
    const body = d.article.body
    for (const s of d.sentences) {
      if (!(0 <= s.begin && s.begin < s.end && s.end <= body.length) || body.slice(s.begin, s.end) !== s.text) offenders.push(`${s.id}: sentence`)
      for (const t of s.tokens) if (t.begin < s.begin || t.end > s.end || body.slice(t.begin, t.end) !== t.text) offenders.push(`${s.id}: token ${t.text}`)
      for (const e of s.entities) if (e.begin < s.begin || e.end > s.end || e.begin >= e.end) offenders.push(`${s.id}: entity ${e.text}`)
      for (const n of s.numbers) if (n.begin < s.begin || n.end > s.end || n.begin >= n.end) offenders.push(`${s.id}: number ${n.text}`)
      for (const q of s.quotes) if (q.begin < s.begin || q.end > s.end || q.begin >= q.end) offenders.push(`${s.id}: quote ${q.text}`)
    }
    for (const r of d.article.removed) if (d.article.text.slice(r.begin, r.end) !== r.text) offenders.push(`${d.article.id}: removed ${r.text}`)
  }
  return offenders
}

/** Empty tokens or tokens that are only white space. */
export function emptyTokenOffenders(documents: readonly Document[]): string[] {
  return documents.flatMap((d) => d.sentences.flatMap((s) => s.tokens.filter((t) => t.text.trim() === '').map((t) => `${s.id}@${t.begin}`)))
}

/** Scores outside [0, 1]. */
export function scoreOffenders(ledger: Ledger): string[] {
  const bad = (v: number) => !(v >= 0 && v <= 1)
  const offenders: string[] = []
  for (const s of ledger.statements) {
    for (const m of s.members) if (bad(m.similarity)) offenders.push(`${s.id}/${m.sentence}: similarity ${m.similarity}`)
    for (const p of s.pairs) if (bad(p.similarity)) offenders.push(`${s.id}/${p.a}~${p.b}: similarity ${p.similarity}`)
    if (bad(s.meanSimilarity) || bad(s.minSimilarity)) offenders.push(`${s.id}: mean/min`)
  }
  for (const a of ledger.articles) if (bad(a.coverage)) offenders.push(`${a.id}: coverage`)
  for (const p of ledger.outletPairs) if (bad(p.agreement) || bad(p.meanSimilarity)) offenders.push(`${p.outletA}~${p.outletB}`)
  return offenders
}

/** Statements carried by fewer than two outlets, or holding two sentences of one article. */
export function statementOffenders(ledger: Ledger): string[] {
  const offenders: string[] = []
  for (const s of ledger.statements) {
    if (new Set(s.members.map((m) => m.outlet)).size < 2) offenders.push(`${s.id}: one outlet`)
    // The grouping places two units of one article in a statement at most (a headline and its lead), and an
    // attached unit (one that also reports another statement's claim) can make three, never four.
    const perArticle = new Map<string, number>()
    const placed = new Map<string, number>()
    for (const m of s.members) {
      perArticle.set(m.article, (perArticle.get(m.article) ?? 0) + 1)
      if (!m.attached) placed.set(m.article, (placed.get(m.article) ?? 0) + 1)
    }
    if ([...placed.values()].some((n) => n > 2)) offenders.push(`${s.id}: three units of one article placed by the grouping`)
    if ([...perArticle.values()].some((n) => n > 3)) offenders.push(`${s.id}: four units of one article`)
    if (s.independentSupport > s.support || s.independentSupport < 1) offenders.push(`${s.id}: independent support ${s.independentSupport} of ${s.support}`)
  }
  return offenders
}

/** Aligned pairs whose relation changes when the two sentences swap places. */
export function asymmetricRelationOffenders(documents: readonly Document[], ledger: Ledger): string[] {
  const byId = new Map(documents.flatMap((d) => unitsOf(d).map((s) => [s.id, s] as const)))
  const offenders: string[] = []
  for (const s of ledger.statements)
    for (const p of s.pairs) {
      const a = byId.get(p.a)!
      const b = byId.get(p.b)!
      const ab = relate(a, b, sentenceFeatures(a), sentenceFeatures(b)).relation
      const ba = relate(b, a, sentenceFeatures(b), sentenceFeatures(a)).relation
      if (ab !== ba || ab !== p.relation) offenders.push(`${p.a}~${p.b}: ${ab} / ${ba} / ${p.relation}`)
    }
  return offenders
}

/** Every file below `root` (hidden names included) with its contents, paths relative to `root`. */
export async function tree(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    files[path.relative(root, full)] = await readFile(full, 'utf8')
  }
  return files
}

/** The files `report` makes for each story, sorted. */
export const REPORT_FILES = [
  'alignments.csv',
  'conflicts.csv',
  'coverage.csv',
  'digest.md',
  'entity_tone.csv',
  'framing.csv',
  'framing_articles.csv',
  'headlines.csv',
  'omissions.csv',
  'outlet_pairs.csv',
  'quotes.csv',
  'report.html',
  'report.json',
  'statements.csv',
  'terms.csv',
  'wording.csv',
]

/** The files a complete run writes at the top of its output folder: index, terms, run record, run page and the run-wide tables. */
export const RUN_LEVEL_FILES = ['alignments.csv', 'conflicts.csv', 'framing.csv', 'index.csv', 'index.html', 'omissions.csv', 'outlet_pairs.csv', 'run.json', 'statements.csv', 'terms.csv']

/** The files of a story folder `analyze` writes: the reports and the state that lets an unchanged story be skipped. */
export const STORY_FILES = ['.corroborate.json', ...REPORT_FILES]

/** The name, code and message of what `fn` throws, or null when it throws nothing. */
export function thrown(fn: () => unknown): { name: string; code: unknown; message: string } | null {
  try {
    fn()
  } catch (error) {
    const e = error as Error & { code?: unknown }
    return { name: e.name, code: e.code, message: e.message }
  }
  return null
}

/** Two outlets' sentences about one story (a harbor market closing): the smallest corpus that aligns. */
export const MARKET_STORY = {
  tribune: [
    'The city council voted 6-1 on Monday to close the old harbor market for repairs.',
    'Council member Ada Quill cast the only vote against the closure, citing lost rent.',
    'Repairs to the market roof are expected to cost about $3 million, the city said.',
  ],
  herald: [
    'The harbor market will close on Monday after the council voted for repairs.',
    'Ada Quill, a council member, voted against closing the market because of lost rent.',
    'The city estimates the roof repairs will cost $3 million.',
  ],
} as const

/** A maker of fresh temporary folders named `corroborate-<prefix>-…`; call it at a test file's top level, and every folder it made is removed after the file's tests. */
export function tempFolders(prefix: string): () => Promise<string> {
  const made: string[] = []
  afterAll(async () => {
    for (const dir of made) await rm(dir, { recursive: true, force: true })
  })
  return async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), `corroborate-${prefix}-`))
    made.push(dir)
    return dir
  }
}

/** relate() on two invented sentences, read as units of two articles ("a#0", "b#0"). */
export function relateTexts(a: string, b: string, options?: Parameters<typeof relate>[4]): ReturnType<typeof relate> {
  const sa = sentenceFromText(a, 'a#0')
  const sb = sentenceFromText(b, 'b#0')
  return relate(sa, sb, sentenceFeatures(sa), sentenceFeatures(sb), options)
}
