// The batch runner behind `corroborate analyze`: read, run the stages per story, write every report atomically.
import { createHash } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { lstat, stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { Piscina } from 'piscina'
import { CorroborateError, type Message, MessageLog, quoteValue } from '../core/messages.js'
import { DEFAULT_LEXICONS, distinctiveTerms, type Lexicons } from '../stages/framing/index.js'
import { type IndexRow, indexCsv, termsCsv, type ToolInfo } from '../stages/report/index.js'
import { DEFAULT_MODEL, type SimilarityModel } from '../stages/similarity/index.js'
import type { RawSource } from '../core/types.js'
import type { WordVectors } from '../resources/vectors.js'
import { type Corpus, readCorpus } from '../pipeline/corpus.js'
import { checkOutput, folderName, LOCK_FILE, sameFolderKey, STATE_FILE } from '../pipeline/folders.js'
import { acquireLock } from '../pipeline/lock.js'
import { readBounded } from '../pipeline/read.js'
import { analyseStory, emptyCounts, reviveMessage, STAGES, type StageName, type StoryJob, type StoryOutcome, type StorySettings, type StoryState, type TermCounts } from '../pipeline/story.js'
import { toolInfo } from '../pipeline/tool.js'
import type { WorkerData } from '../pipeline/worker.js'
import { recoverOutput, writeFilesAtomic } from '../pipeline/write.js'

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
  /** Follow symbolic links in a folder corpus whose target lies outside it (default: `false`). */
  readonly followOutsideLinks?: boolean
  /** Similarity model (default: the shipped one). */
  readonly model?: SimilarityModel
  /** Where the model came from, for run.json (null: the shipped one). */
  readonly modelFile?: string | null
  /** Word vectors, required when the model uses them. Worker threads load the shipped table themselves. */
  readonly vectors?: WordVectors
  /**
   * Stories analysed at once, each on a worker thread; 1 runs them on the calling thread (default: 1). At most the
   * number of cores: a higher value is lowered to it, with a warning.
   */
  readonly concurrency?: number
  /** Called with a line of progress for stderr, as each story is merged (in story order). */
  readonly progress?: (line: string) => void
  /** Called after each story with how many are done of how many: what a progress bar shows. */
  readonly onStory?: (done: number, total: number, storyId: string) => void
  /**
   * Called with each message as soon as it is final: the corpus's first, then each story's as it is merged, in
   * story order; so a run that crashes later has still said everything it found.
   */
  readonly onMessage?: (message: Message) => void
  /**
   * Aborting it (with the signal's name as reason) stops the run: no story starts any more, the stories in flight
   * are finished or abandoned (their old reports kept), the run-level files are not rewritten, and the result says
   * `interrupted`.
   */
  readonly signal?: AbortSignal
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
  /** The abort reason (a signal name) when the run was stopped before its end, else null. */
  readonly interrupted: string | null
  /** Stories the run was to analyse. */
  readonly total: number
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
  const outInfo = await stat(options.out).catch(() => null)
  if (outInfo && !outInfo.isDirectory()) throw new CorroborateError('ERR_OUT_NOT_FOLDER', `Expected \`--out\` to be a folder, got the file \`${options.out}\``)
  // Before anything is written: the output must not overwrite the corpus, nor a folder that is not the tool's.
  await checkOutput(options.corpus, options.out)
  const lock = await acquireLock(options.out, new Date())
  if (lock.recovered) corpusLog.warn('write', 'recovered-lock', `Took over the lock left by ${lock.recovered.why}`, { file: LOCK_FILE })
  try {
    return await run(options, tool, timings, time, started, corpusLog)
  } finally {
    await lock.release()
  }
}

/**
 * The corpus indexed: its stories and where their input is (files, or byte ranges of a JSON Lines or CSV file).
 * Nothing of a story is read until its turn (see `settle`), so memory holds the stories in flight, not the corpus.
 */
async function readInput(options: AnalyzeOptions, corpusLog: MessageLog, time: <T>(stage: StageName, run: () => T | Promise<T>) => Promise<T>): Promise<Corpus> {
  return time('read', () => readCorpus(options.corpus, corpusLog, { maxBytes: options.maxBytes, followOutsideLinks: options.followOutsideLinks }))
}

/** How a story's turn ended: kept as it was, analysed (or abandoned), with notes saying why it was redone. */
type Settled = { readonly unchanged: StoryState } | { readonly outcome: StoryOutcome; readonly notes: readonly Message[] }

async function run(
  options: AnalyzeOptions,
  tool: ToolInfo,
  timings: Record<StageName, number>,
  time: <T>(stage: StageName, run: () => T | Promise<T>) => Promise<T>,
  started: number,
  corpusLog: MessageLog,
): Promise<AnalyzeResult> {
  for (const name of await recoverOutput(options.out)) corpusLog.warn('write', 'recovered-report', `Restored the reports of story ${quoteValue(name)} left aside by an interrupted run`, { file: name })

  const corpus = await readInput(options, corpusLog, time)
  const { kind, inputs, stories: byStory } = corpus
  const allIds = [...byStory.keys()].sort()
  let storyIds = allIds
  // Folder names come from each id alone, so they are the same in every run and with `--story`. Two ids whose
  // folders the file system may take for one (a hash collision) cannot both have it: the first in id order does.
  const folders = new Map(allIds.map((id) => [id, folderName(id)]))
  const folderOwner = new Map<string, string>()
  const collided = new Map<string, string>()
  for (const id of allIds) {
    const key = sameFolderKey(folders.get(id)!)
    const first = folderOwner.get(key)
    if (first === undefined) folderOwner.set(key, id)
    else collided.set(id, first)
  }
  if (options.stories && options.stories.length > 0) {
    const wanted = new Set(options.stories)
    for (const id of wanted) if (!byStory.has(id)) corpusLog.fatal('analyze', 'unknown-story', `Expected story ${quoteValue(id)} in the corpus, got none (it has ${byStory.size})`)
    storyIds = storyIds.filter((id) => wanted.has(id))
  }
  // A read problem inside a story folder that `--story` left out is not this run's business: an empty `drafts/`
  // must not fail `--story quarry-fire`. Folder paths start with the story id; JSONL lines cannot be told apart.
  const picked = new Set(storyIds)
  const skipped = allIds.filter((id) => !picked.has(id))
  const aboutSkippedStory = (m: Message): boolean =>
    kind === 'folder' && skipped.some((id) => m.place.file !== undefined && (m.place.file === id || m.place.file.startsWith(`${id}${path.sep}`)))

  // Threads beyond the cores only cost memory (each loads its own word vectors and models): 100,000 asked for
  // 100 threads and 12 GB.
  const cores = Math.max(1, availableParallelism())
  const requested = Math.max(1, Math.floor(options.concurrency ?? 1))
  if (requested > cores) corpusLog.warn('analyze', 'concurrency-capped', `Expected \`--concurrency\` to be at most the number of cores (${cores}), got \`${requested}\`; using ${cores}`)
  const concurrency = Math.min(requested, cores)
  const threads = Math.min(concurrency, storyIds.length)

  const rows: IndexRow[] = []
  const messages: Message[] = []
  const say = (m: Message) => {
    messages.push(m)
    options.onMessage?.(m)
  }
  for (const m of corpusLog.messages) if (!aboutSkippedStory(m)) say(m)
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
  const settings: StorySettings = {
    out: options.out,
    tool,
    model: options.model,
    lexicons: options.lexicons,
    digestWords: options.digestWords,
    excel: options.excel,
    maxBytes: options.maxBytes,
  }
  // Stopping (a signal): no story starts any more, and those in flight are abandoned at their next stage, on the
  // main thread through the signal, on worker threads through a flag on shared memory.
  const stop = new Int32Array(new SharedArrayBuffer(4))
  let halted = false
  const stopping = () => halted || options.signal?.aborted === true
  const onAbort = () => Atomics.store(stop, 0, 1)
  options.signal?.addEventListener('abort', onAbort, { once: true })
  const file = threads > 1 ? workerFile() : null
  let pool: Piscina | null = null
  const analyseJob = async (job: StoryJob): Promise<StoryOutcome> => {
    if (file === null) return analyseStory(job, settings, options.vectors, stopping)
    pool ??= new Piscina({ filename: file, workerData: { settings, vectors: options.vectors !== undefined, stop } satisfies WorkerData, minThreads: threads, maxThreads: threads, idleTimeout: 1000 })
    try {
      const outcome = (await pool.run(job)) as StoryOutcome
      return { ...outcome, messages: outcome.messages.map(reviveMessage) }
    } catch (error) {
      // The thread itself failed (out of memory, a module that would not load): the story fails, not the run.
      return failedOutcome(job.storyId, job.folder, 'analyze', 'story-failed', `Unexpected error in the worker thread analysing the story: ${(error as Error).stack ?? String(error)}`)
    }
  }

  // One story's turn: its input is taken (and released from the corpus), its key checked against its folder's
  // state, and the story analysed unless unchanged. Never rejects: a failure is the story's outcome.
  const settle = async (storyId: string): Promise<Settled> => {
    const folder = folders.get(storyId)!
    try {
      // The story's input, read now: its files, or its records of the JSON Lines or CSV file.
      const sources = await time('read', () => corpus.load(storyId))
      const other = collided.get(storyId)
      if (other !== undefined) {
        return {
          outcome: failedOutcome(storyId, '', 'write', 'folder-collision', `Expected a report folder of its own, got \`${folder}\`, which story ${quoteValue(other)} has (their ids' hashes collide); no report written`),
          notes: [],
        }
      }
      const key = storyKey(fingerprint, storyId, folder, sources)
      const notes: Message[] = []
      if (!options.force) {
        const dir = path.join(options.out, folder)
        const state = await readState(path.join(dir, STATE_FILE))
        if (state && state.key === key) {
          const damage = await damaged(dir, state)
          if (damage === null) return { unchanged: state }
          notes.push(new MessageLog(storyId).info('analyze', 'damaged-report', `Redoing the story although its input is unchanged: ${damage}`, { file: folder }))
        }
      }
      const outcome = await analyseJob({ storyId, folder, key, sources, articles: [] })
      return { outcome, notes }
    } catch (error) {
      return { outcome: failedOutcome(storyId, folder, 'analyze', 'story-failed', `Unexpected error while analysing the story: ${(error as Error).stack ?? String(error)}`), notes: [] }
    }
  }

  let done = 0
  let abandoned = 0
  // Merged in story order, whatever order the threads finish in: the index row, the messages (printed now, not
  // at the end, so that a later crash cannot swallow them), the progress line and the terms.
  const merge = (storyId: string, settled: Settled) => {
    let row: IndexRow
    let line: string
    if ('unchanged' in settled) {
      row = settled.unchanged.row
      unchanged++
      addTerms(corpusTerms, settled.unchanged.terms)
      line = 'unchanged, reports kept'
    } else {
      const { outcome } = settled
      if (outcome.abandoned) {
        abandoned++
        return
      }
      row = outcome.row
      for (const [stage, ms] of Object.entries(outcome.timings)) timings[stage as StageName] += ms
      addTerms(corpusTerms, outcome.terms)
      line = `${row.status}, ${row.articles} articles, ${row.statements} statements`
    }
    rows.push(row)
    if (row.status === 'ok') {
      articleTotal += row.articles
      statementTotal += row.statements
    }
    done++
    options.progress?.(`[${done}/${storyIds.length}] ${storyId}: ${line}`)
    options.onStory?.(done, storyIds.length, storyId)
    if (!('unchanged' in settled)) for (const m of [...settled.notes, ...settled.outcome.messages]) say(m)
  }

  // A bounded window of stories in flight (read, queued or analysed), twice the threads, so that memory grows with
  // the stories in flight and not with the corpus; finished stories wait for the earlier ones to be merged, up to a
  // wider bound, so that one long story does not stall the threads.
  const inFlightMost = Math.max(2, 2 * threads)
  const aheadMost = Math.max(64, 8 * threads)
  const inFlight = new Set<Promise<void>>()
  const finished = new Map<number, Settled>()
  let merged = 0
  let startedCount = 0
  const mergeReady = () => {
    for (let s = finished.get(merged); s !== undefined; s = finished.get(merged)) {
      finished.delete(merged)
      merge(storyIds[merged]!, s)
      merged++
    }
  }
  try {
    for (let n = 0; n < storyIds.length; n++) {
      while (inFlight.size >= inFlightMost || (inFlight.size > 0 && n - merged >= aheadMost)) await Promise.race(inFlight)
      if (stopping()) break
      const turn: Promise<void> = settle(storyIds[n]!)
        .then((settled) => {
          finished.set(n, settled)
          mergeReady()
        })
        .finally(() => inFlight.delete(turn))
      inFlight.add(turn)
      startedCount++
    }
    await Promise.all(inFlight)
  } catch (error) {
    // Merging failed (a callback threw): stop the others and let them settle before the pool goes.
    halted = true
    Atomics.store(stop, 0, 1)
    await Promise.allSettled(inFlight)
    throw error
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
    await (pool as Piscina | null)?.destroy()
    corpus.close()
  }

  const interrupted = options.signal?.aborted === true && (abandoned > 0 || startedCount < storyIds.length) ? String(options.signal!.reason ?? 'aborted') : null
  if (interrupted !== null) {
    // Nothing half-done stays behind; the run-level files keep describing the last complete run.
    await recoverOutput(options.out).catch(() => [])
    return { rows, messages, articles: articleTotal, statements: statementTotal, unchanged, timings: {}, interrupted, total: storyIds.length }
  }

  const runFiles = new Map<string, string>()
  await time('write', () => {
    runFiles.set('index.csv', indexCsv(rows, { excel: options.excel }))
    runFiles.set('terms.csv', termsCsv(distinctiveTerms(corpusTerms, 20), { excel: options.excel }))
  })
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
      concurrency,
    },
    inputs,
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
    timingsMs: { total: roundMs(totalMs), ...Object.fromEntries(STAGES.map((s) => [s, roundMs(timings[s])])) },
    messages: messages.map((m) => m.toJSON()),
  }
  runFiles.set('run.json', `${JSON.stringify(record, null, 2)}\n`)
  // The three together: a full disk leaves all of the previous run's, never a new index beside an old run.json.
  await writeFilesAtomic(options.out, runFiles)
  return { rows, messages, articles: articleTotal, statements: statementTotal, unchanged, timings: record.timingsMs, interrupted: null, total: storyIds.length }
}

/** A story that failed before or outside its stages: one fatal message, no report. */
function failedOutcome(storyId: string, folder: string, source: string, ruleId: string, reason: string): StoryOutcome {
  const log = new MessageLog(storyId)
  log.fatal(source, ruleId, reason)
  return { row: { ...emptyCounts(storyId, folder), status: 'failed', fatal: 1, warnings: 0 }, messages: log.messages, terms: {}, timings: {} }
}

/**
 * Why a story folder whose key is unchanged cannot be kept as it is: a report file its state names is missing, is
 * not a plain file, or differs from what was written; null when every one is whole.
 */
async function damaged(dir: string, state: StoryState): Promise<string | null> {
  if (!state.files || typeof state.files !== 'object') return `its state file \`${STATE_FILE}\` does not list its reports' hashes (written by an older version)`
  for (const [name, hash] of Object.entries(state.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name === '' || name.includes('/') || name.includes('\\') || name.startsWith('.')) return `its state file \`${STATE_FILE}\` names an unexpected file ${quoteValue(name)}`
    const file = path.join(dir, name)
    const info = await lstat(file).catch(() => null)
    if (!info) return `its report \`${name}\` is missing`
    // Not followed: a link (to /dev/zero, say) in a report folder is damage, not a report.
    if (!info.isFile()) return `its report \`${name}\` is not a plain file`
    if ((await hashFile(file)) !== hash) return `its report \`${name}\` differs from what was written (damaged or edited)`
  }
  return null
}

/** The SHA-256 of a file, read in chunks. */
async function hashFile(file: string): Promise<string | null> {
  const hash = createHash('sha256')
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  } catch {
    return null
  }
  return hash.digest('hex')
}

async function readState(file: string): Promise<StoryState | null> {
  try {
    // A plain file of a sane size: a link to a device or a huge file is no state of ours. Read through the bounded
    // reader, so that a file swapped for a FIFO in between cannot hang the run either.
    const info = await lstat(file)
    if (!info.isFile()) return null
    const read = await readBounded(file, 256 * 1024 * 1024)
    if (read.bytes === null) return null
    const state = JSON.parse(read.bytes.toString('utf8')) as StoryState
    return typeof state.key === 'string' && typeof state.row === 'object' && typeof state.terms === 'object' ? state : null
  } catch {
    return null
  }
}

/** A story's key: the run's fingerprint, the story and the hash, name and metadata of each of its inputs. */
function storyKey(fingerprint: string, storyId: string, folder: string, sources: readonly RawSource[]): string {
  const parts = sources.map((s) => [s.file, s.id ?? '', s.size ?? s.bytes.length, sha256(s.bytes), JSON.stringify(s.meta ?? {}), ...(s.unreadable ? [s.unreadable.reason] : [])].join('\u0000'))
  return sha256([fingerprint, storyId, folder, ...parts].join('\u0001'))
}

function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex')
}

function addTerms(total: Map<string, Map<string, number>>, terms: TermCounts): void {
  for (const [outlet, counts] of Object.entries(terms)) {
    const sum = total.get(outlet) ?? new Map<string, number>()
    for (const [term, count] of Object.entries(counts)) sum.set(term, (sum.get(term) ?? 0) + count)
    total.set(outlet, sum)
  }
}

/**
 * The worker module: in pipeline/ beside this folder once built. Run from the TypeScript sources (the tests), it is the built
 * copy in dist/, since a worker thread loads plain JavaScript.
 */
function workerFile(): string {
  const beside = path.join(__dirname, '..', 'pipeline', 'worker.js')
  if (existsSync(beside)) return beside
  const built = path.join(__dirname, '..', 'dist', 'pipeline', 'worker.js')
  if (existsSync(built)) return built
  throw new Error(`Expected the worker module at ${beside} or ${built}; run \`make build\``)
}

/** Worker threads to use when `--concurrency` is not given: one per core. */
export function defaultConcurrency(): number {
  return availableParallelism()
}

// Timings in run.json carry one decimal of a millisecond: finer is noise (reports keep four decimals, core/numbers.ts).
function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10
}
