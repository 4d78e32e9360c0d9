// The batch runner behind `corroborate analyze`: read, run the stages per story, write every report atomically.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { Piscina } from 'piscina'
import { ingest } from '../stages/ingest.js'
import { type Message, MessageLog, quoteValue } from '../stages/messages.js'
import { DEFAULT_LEXICONS, distinctiveTerms, type Lexicons } from '../stages/framing.js'
import { type IndexRow, indexCsv, termsCsv, type ToolInfo } from '../stages/report.js'
import { DEFAULT_MODEL, type SimilarityModel } from '../stages/similarity.js'
import type { Article, RawSource } from '../stages/types.js'
import type { WordVectors } from '../stages/vectors.js'
import { readCorpus } from './corpus.js'
import { acquireLock, LOCK_FILE } from './lock.js'
import { analyseStory, emptyCounts, reviveMessage, STAGES, type StageName, STATE_FILE, type StoryJob, type StoryOutcome, type StorySettings, type StoryState, type TermCounts } from './story.js'
import { toolInfo } from './tool.js'
import type { WorkerData } from './worker.js'
import { recoverOutput, writeFileAtomic } from './write.js'

/** Options of one analysis run. */
export interface AnalyzeOptions {
  /** Corpus folder or JSONL file. */
  readonly corpus: string
  /** Output folder. */
  readonly out: string
  /** Only these story ids (default: all). */
  readonly stories?: readonly string[]
  /** Largest article in bytes (default: 5 MB). */
  readonly maxBytes?: number
  /** CSV with a UTF-8 byte order mark and CRLF line ends (default: `false`). */
  readonly excel?: boolean
  /** Most words of the digest's corroborated part (default: 250). */
  readonly digestWords?: number
  /** Word lists of the framing measures (default: the shipped ones). */
  readonly lexicons?: Lexicons
  /** Redo every story, even those whose input, options and tool version are unchanged (default: `false`). */
  readonly force?: boolean
  /** Similarity model (default: the shipped one). */
  readonly model?: SimilarityModel
  /** Where the model came from, for run.json (null: the shipped one). */
  readonly modelFile?: string | null
  /** Word vectors, required when the model uses them. Worker threads load the shipped table themselves. */
  readonly vectors?: WordVectors
  /** Stories analysed at once, each on a worker thread; 1 runs them on the calling thread (default: 1). */
  readonly concurrency?: number
  /** Called with a line of progress for stderr. */
  readonly progress?: (line: string) => void
  /** Called after each story with how many are done of how many: what a progress bar shows. */
  readonly onStory?: (done: number, total: number, storyId: string) => void
}

/** What a run did: one index row per story, every message, counts and timings. */
export interface AnalyzeResult {
  readonly rows: readonly IndexRow[]
  readonly messages: readonly Message[]
  readonly articles: number
  readonly statements: number
  /** Stories skipped because their input, options and tool version had not changed. */
  readonly unchanged: number
  readonly timings: Readonly<Record<string, number>>
}

/** Run the whole pipeline over a corpus; bad input becomes messages, and one story's failure never stops the others. */
export async function analyze(options: AnalyzeOptions): Promise<AnalyzeResult> {
  const tool = toolInfo()
  const timings: Record<StageName, number> = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<StageName, number>
  const time = async <T>(stage: StageName, run: () => T | Promise<T>): Promise<T> => {
    const start = performance.now()
    try {
      return await run()
    } finally {
      timings[stage] += performance.now() - start
    }
  }
  const started = performance.now()
  const corpusLog = new MessageLog()
  const lock = await acquireLock(options.out, new Date())
  if (lock.recovered) {
    const h = lock.recovered
    corpusLog.warn('write', 'recovered-lock', `Took over the lock left by a run that is gone (pid ${h.pid} on ${h.host}, started ${h.started})`, { file: LOCK_FILE })
  }
  try {
    return await run(options, tool, timings, time, started, corpusLog)
  } finally {
    await lock.release()
  }
}

async function run(
  options: AnalyzeOptions,
  tool: ToolInfo,
  timings: Record<StageName, number>,
  time: <T>(stage: StageName, run: () => T | Promise<T>) => Promise<T>,
  started: number,
  corpusLog: MessageLog,
): Promise<AnalyzeResult> {
  for (const name of await recoverOutput(options.out)) corpusLog.warn('write', 'recovered-report', `Restored the reports of story ${quoteValue(name)} left aside by an interrupted run`, { file: name })

  const corpus = await time('read', () => readCorpus(options.corpus, corpusLog, { maxBytes: options.maxBytes }))
  // Group input per story: folder sources carry their story; JSONL articles are grouped after decoding.
  const byStory = new Map<string, { sources: RawSource[]; articles: Article[] }>()
  const entry = (story: string) => {
    let e = byStory.get(story)
    if (!e) byStory.set(story, (e = { sources: [], articles: [] }))
    return e
  }
  if (corpus.kind !== 'folder') {
    for (const article of await time('ingest', () => ingest(corpus.sources, corpusLog, { maxBytes: options.maxBytes }))) entry(article.story).articles.push(article)
  } else for (const source of corpus.sources) entry(source.story!).sources.push(source)
  for (const m of corpusLog.messages) if (m.severity === 'fatal' && m.ruleId === 'empty-story') entry(m.place.file!)
  let storyIds = [...byStory.keys()].sort()
  // Folders are given over every story of the corpus, not just those picked with `--story`: "tide mill" and
  // "tide_mill" both want `tide_mill`, and a run of the second alone must not overwrite the first one's reports.
  const usedFolders = new Set<string>()
  const folders = new Map(storyIds.map((id) => [id, folderName(id, usedFolders)]))
  if (options.stories && options.stories.length > 0) {
    const wanted = new Set(options.stories)
    for (const id of wanted) if (!byStory.has(id)) corpusLog.fatal('analyze', 'unknown-story', `Expected story ${quoteValue(id)} in the corpus, got none (it has ${byStory.size})`)
    storyIds = storyIds.filter((id) => wanted.has(id))
  }
  // A read problem inside a story folder that `--story` left out is not this run's business: an empty `drafts/`
  // must not fail `--story quarry-fire`. Folder paths start with the story id; JSONL lines cannot be told apart.
  const skipped = [...byStory.keys()].filter((id) => !storyIds.includes(id))
  const aboutSkippedStory = (m: Message): boolean =>
    corpus.kind === 'folder' && skipped.some((id) => m.place.file !== undefined && (m.place.file === id || m.place.file.startsWith(`${id}${path.sep}`)))

  const rows: IndexRow[] = []
  const messages: Message[] = corpusLog.messages.filter((m) => !aboutSkippedStory(m))
  let articleTotal = 0
  let statementTotal = 0
  let unchanged = 0
  // Term counts per outlet over every story of the run, for the corpus-wide distinctive terms.
  const corpusTerms = new Map<string, Map<string, number>>()
  // What, besides its articles, decides a story's reports: a story whose key is unchanged is not redone.
  const fingerprint = sha256(
    JSON.stringify({
      tool,
      model: options.model ?? DEFAULT_MODEL,
      vectors: options.vectors?.name ?? null,
      lexicons: options.lexicons ?? DEFAULT_LEXICONS,
      digestWords: options.digestWords ?? 250,
      excel: options.excel ?? false,
      maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
    }),
  )
  // Stories whose key is unchanged keep their reports; the others are analysed, on worker threads when asked.
  const outcomes: (StoryOutcome | null)[] = new Array(storyIds.length).fill(null)
  const previous: (StoryState | null)[] = new Array(storyIds.length).fill(null)
  const jobs: { n: number; job: StoryJob }[] = []
  let done = 0
  const finished = (storyId: string, line: string) => {
    done++
    options.progress?.(`[${done}/${storyIds.length}] ${storyId}: ${line}`)
    options.onStory?.(done, storyIds.length, storyId)
  }
  for (const [n, storyId] of storyIds.entries()) {
    const folder = folders.get(storyId)!
    const input = byStory.get(storyId)!
    const key = storyKey(fingerprint, storyId, folder, input)
    const state = options.force ? null : await readState(path.join(options.out, folder, STATE_FILE))
    if (state && state.key === key) {
      previous[n] = state
      unchanged++
      finished(storyId, 'unchanged, reports kept')
    } else jobs.push({ n, job: { storyId, folder, key, sources: input.sources, articles: input.articles } })
  }
  const settings: StorySettings = {
    out: options.out,
    tool,
    model: options.model,
    lexicons: options.lexicons,
    digestWords: options.digestWords,
    excel: options.excel,
    maxBytes: options.maxBytes,
  }
  const report = (n: number, outcome: StoryOutcome) => {
    outcomes[n] = outcome
    for (const [stage, ms] of Object.entries(outcome.timings)) timings[stage as StageName] += ms
    const r = outcome.row
    finished(r.storyId, `${r.status}, ${r.articles} articles, ${r.statements} statements`)
  }
  const threads = Math.min(Math.max(1, Math.floor(options.concurrency ?? 1)), jobs.length)
  if (threads <= 1) {
    for (const { n, job } of jobs) report(n, await analyseStory(job, settings, options.vectors))
  } else {
    const workerData: WorkerData = { settings, vectors: options.vectors !== undefined }
    const pool = new Piscina({ filename: workerFile(), workerData, minThreads: threads, maxThreads: threads, idleTimeout: 1000 })
    try {
      // Largest stories first, so that one long story does not start last and keep a thread busy alone at the end.
      const bySize = [...jobs].sort((a, b) => jobSize(b.job) - jobSize(a.job) || a.n - b.n)
      await Promise.all(
        bySize.map(async ({ n, job }) => {
          let outcome: StoryOutcome
          try {
            outcome = (await pool.run(job)) as StoryOutcome
            outcome = { ...outcome, messages: outcome.messages.map(reviveMessage) }
          } catch (error) {
            // The thread itself failed (out of memory, a module that would not load): the story fails, not the run.
            const log = new MessageLog(job.storyId)
            log.fatal('analyze', 'story-failed', `Unexpected error in the worker thread analysing the story: ${(error as Error).stack ?? String(error)}`)
            outcome = { row: { ...emptyCounts(job.storyId, job.folder), status: 'failed', fatal: 1, warnings: 0 }, messages: log.messages, terms: {}, timings: {} }
          }
          report(n, outcome)
        }),
      )
    } finally {
      await pool.destroy()
    }
  }
  // Merged in story order, whatever order the threads finished in.
  for (const [n] of storyIds.entries()) {
    const state = previous[n]
    const outcome = outcomes[n]
    const row = state ? state.row : outcome!.row
    rows.push(row)
    if (outcome) messages.push(...outcome.messages)
    addTerms(corpusTerms, state ? state.terms : outcome!.terms)
    if (row.status === 'ok') {
      articleTotal += row.articles
      statementTotal += row.statements
    }
  }

  await time('write', () => writeFileAtomic(path.join(options.out, 'index.csv'), indexCsv(rows, { excel: options.excel })))
  await time('write', () => writeFileAtomic(path.join(options.out, 'terms.csv'), termsCsv(distinctiveTerms(corpusTerms, 20), { excel: options.excel })))
  const totalMs = performance.now() - started
  const record = {
    schemaVersion: 1,
    tool,
    options: {
      corpus: options.corpus,
      out: options.out,
      stories: options.stories ?? [],
      maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
      excel: options.excel ?? false,
      force: options.force ?? false,
      digestWords: options.digestWords ?? 250,
      model: options.modelFile ?? 'default',
      vectors: options.vectors?.name ?? null,
    },
    inputs: corpus.sources.map((s) => ({ file: s.file, story: s.story ?? null, article: s.id ?? null, bytes: s.size ?? s.bytes.length })),
    counts: {
      stories: rows.length,
      storiesOk: rows.filter((r) => r.status === 'ok').length,
      storiesUnchanged: unchanged,
      articles: articleTotal,
      statements: statementTotal,
      fatal: messages.filter((m) => m.severity === 'fatal').length,
      warnings: messages.filter((m) => m.severity === 'warning').length,
      info: messages.filter((m) => m.severity === 'info').length,
    },
    timingsMs: { total: round(totalMs), ...Object.fromEntries(STAGES.map((s) => [s, round(timings[s])])) },
    messages: messages.map((m) => m.toJSON()),
  }
  await writeFileAtomic(path.join(options.out, 'run.json'), `${JSON.stringify(record, null, 2)}\n`)
  return { rows, messages, articles: articleTotal, statements: statementTotal, unchanged, timings: record.timingsMs }
}

async function readState(file: string): Promise<StoryState | null> {
  try {
    const state = JSON.parse(await readFile(file, 'utf8')) as StoryState
    return typeof state.key === 'string' && typeof state.row === 'object' && typeof state.terms === 'object' ? state : null
  } catch {
    return null
  }
}

/** A story's key: the run's fingerprint, the story and the hash, name and metadata of each of its inputs. */
function storyKey(fingerprint: string, storyId: string, folder: string, input: { sources: readonly RawSource[]; articles: readonly Article[] }): string {
  const parts = [
    ...input.sources.map((s) => [s.file, s.id ?? '', s.size ?? s.bytes.length, sha256(s.bytes), JSON.stringify(s.meta ?? {})].join('\u0000')),
    ...input.articles.map((a) => [a.id, a.hash].join('\u0000')),
  ]
  return sha256([fingerprint, storyId, folder, ...parts].join('\u0001'))
}

function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex')
}

function jobSize(job: StoryJob): number {
  let size = 0
  for (const s of job.sources) size += s.bytes.length
  for (const a of job.articles) size += a.text.length
  return size
}

function addTerms(total: Map<string, Map<string, number>>, terms: TermCounts): void {
  for (const [outlet, counts] of Object.entries(terms)) {
    const sum = total.get(outlet) ?? new Map<string, number>()
    for (const [term, count] of Object.entries(counts)) sum.set(term, (sum.get(term) ?? 0) + count)
    total.set(outlet, sum)
  }
}

/**
 * The worker module: beside this one once built. Run from the TypeScript sources (the tests), it is the built
 * copy in dist/, since a worker thread loads plain JavaScript.
 */
function workerFile(): string {
  const beside = path.join(__dirname, 'worker.js')
  if (existsSync(beside)) return beside
  const built = path.join(__dirname, '..', 'dist', 'pipeline', 'worker.js')
  if (existsSync(built)) return built
  throw new Error(`Expected the worker module at ${beside} or ${built}; run \`make build\``)
}

/** Worker threads to use when `--concurrency` is not given: one per core. */
export function defaultConcurrency(): number {
  return availableParallelism()
}

/** A folder name for a story id: safe on every file system, unique within the run. */
export function folderName(id: string, used: Set<string>): string {
  let base = id.normalize('NFC').replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^[.]+/, '_').slice(0, 120)
  if (base === '' || base === '_') base = 'story'
  let name = base
  for (let i = 2; used.has(name.toLowerCase()) || name === 'index.csv' || name === 'run.json'; i++) name = `${base}-${i}`
  used.add(name.toLowerCase())
  return name
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10
}
