// `corroborate analyze`: the batch runner (read, run the stages per story, write every report atomically) and the
// command around it (settings, progress, signals, the summary and the exit code). Some 530 lines: the runner and its
// command share their types and are read together; the story state and the stages live in pipeline/.
import { existsSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { Presets, SingleBar } from 'cli-progress'
import { Piscina } from 'piscina'
import { CorroborateError, type Message, MessageLog, printable, quoteValue } from '../core/messages.js'
import { UNNAMED_OUTLETS } from '../stages/ingest/index.js'
import type { IndexRow, ToolInfo } from '../stages/report/index.js'
import { DEFAULT_MODEL, type SimilarityModel } from '../stages/similarity/index.js'
import type { WordVectors } from '../resources/vectors.js'
import { readConfig } from '../pipeline/config.js'
import { type Corpus, CORPUS_FORMS, readCorpus, spoolStdin, STDIN, STDIN_NAME, stdinRefusal } from '../pipeline/corpus.js'
import { checkOutput, folderName, LOCK_FILE, sameFolderKey, STATE_FILE } from '../pipeline/folders.js'
import { type Io, plural, usage } from '../pipeline/io.js'
import { acquireLock } from '../pipeline/lock.js'
import { damaged, readState, storyKey } from '../pipeline/state.js'
import { type AnalyzeSettings, type Flags, fingerprint, recordedSettings, resolveSettings } from '../pipeline/settings.js'
import { type RunStory, runRecord, runTables, writeRunFiles } from '../pipeline/run-files.js'
import { analyseStory, emptyCounts, reviveMessage, STAGES, STORY_SETTINGS, type StageName, type StoryJob, type StoryOutcome, type StorySettings, type StoryState } from '../pipeline/story.js'
import { pruneFolder, staleFolders } from '../pipeline/stale.js'
import { toolInfo } from '../pipeline/tool.js'
import type { WorkerData } from '../pipeline/worker.js'
import { recoverOutput } from '../pipeline/write.js'
import { loadModel, vectorsFor } from './pairs.js'

/** The signals that stop a run cleanly, and the exit code of each (128 + its number, as a shell reports it). */
export const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const

/** Options of one analysis run: its resolved settings, and what the caller loaded or listens with. */
export interface AnalyzeOptions {
  /** Every setting of the run, resolved (see `resolveSettings`); recorded whole in run.json. */
  readonly settings: AnalyzeSettings
  /** Similarity model (default: the shipped one). */
  readonly model?: SimilarityModel
  /** Word vectors, required when the model uses them. Worker threads load the shipped table themselves. */
  readonly vectors?: WordVectors
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
  /** Where `--corpus -` reads its JSON Lines from (default: the process's stdin). */
  readonly stdin?: NodeJS.ReadableStream
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

/** `corroborate analyze`: settings from the flags and the config file, the run, its summary; resolves to the exit code. */
export async function analyzeCommand(flags: Flags, io: Io): Promise<number> {
  // A config file sets defaults; flags on the command line win.
  const config = flags.config === undefined ? {} : readConfig(flags.config as string)
  const settings = resolveSettings(flags, config)
  const { corpus, out } = settings
  if (corpus === STDIN) {
    const refusal = stdinRefusal(io.stdin, 'analyze')
    if (refusal !== null) return usage(io, refusal)
  } else if (!(await stat(corpus).then(() => true, () => false))) {
    const forms = CORPUS_FORMS.map((f) => `  - ${f}`).join('\n')
    io.stderr(`corroborate: Cannot find corpus \`${corpus}\`; \`--corpus\` takes one of:\n${forms}\nRun \`corroborate --help\` for usage.\n`)
    return 2
  }
  const outInfo = await stat(out).catch(() => null)
  if (outInfo && !outInfo.isDirectory()) {
    io.stderr(`corroborate: Expected \`--out\` to be a folder, got the file \`${out}\`\n`)
    return 2
  }
  const model = loadModel(settings.model ?? undefined)
  const listeners = listen(settings, io)
  // SIGINT, SIGTERM, SIGHUP: stop cleanly (no new story, the lock released, temporary folders removed); a second
  // one stops at once (the lock is still removed on exit).
  const controller = new AbortController()
  const onSignal = (signal: keyof typeof STOP_SIGNALS) => {
    if (controller.signal.aborted) process.exit(STOP_SIGNALS[signal])
    controller.abort(signal)
  }
  const handlers = Object.keys(STOP_SIGNALS).map((signal) => [signal, () => onSignal(signal as keyof typeof STOP_SIGNALS)] as const)
  for (const [signal, handler] of handlers) process.on(signal, handler)
  let result
  try {
    result = await analyze({ settings, model, vectors: vectorsFor(model, (line) => io.stderr(`${line}\n`)), ...listeners.callbacks, signal: controller.signal, stdin: io.stdin })
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler)
    listeners.close()
  }
  return summarise(result, settings, listeners.emit)
}

/** How a run's events reach stderr: a line or a JSON object each. */
type Emit = (event: string, fields: Record<string, unknown>, text: string) => void

/** The run's listeners for stderr: progress (a bar on a terminal, else lines), messages as they come. */
function listen(settings: AnalyzeSettings, io: Io): { callbacks: Pick<AnalyzeOptions, 'progress' | 'onStory' | 'onMessage'>; emit: Emit; close: () => void } {
  const format = settings.logFormat
  // JSON log lines (one object per line on stderr) for log collectors; text for people.
  // Text from the input (story ids, outlets) reaches the terminal: printable() keeps its escape sequences inert.
  const emit: Emit = (event, fields, text) => io.stderr(format === 'json' ? `${JSON.stringify({ event, ...fields })}\n` : `${printable(text)}\n`)
  // On a terminal a progress bar; in a log (not a terminal, `--log-format json`), one line per story.
  const bar =
    io.terminal && !settings.quiet && format === 'text'
      ? new SingleBar({ stream: io.terminal, format: 'corroborate {bar} {value}/{total} stories  {story}', hideCursor: true, clearOnComplete: true }, Presets.shades_classic)
      : null
  const progress = settings.quiet || bar ? undefined : (line: string) => emit('progress', { line }, line)
  let barShown = false
  const onStory = bar
    ? (done: number, total: number, story: string) => {
        if (done === 1) bar.start(total, 0, { story: printable(story) })
        barShown = done < total
        bar.update(done, { story: printable(story) })
        if (done === total) bar.stop()
      }
    : undefined
  // Messages as they come, story by story: a run that crashes or is stopped later has still printed them.
  const onMessage = (m: Message) => {
    if (m.severity === 'info' && !settings.verbose) return
    // Over a progress bar: clear its line first, and the bar redraws below the message.
    if (barShown) io.terminal?.write('\r\x1b[2K')
    emit('message', m.toJSON(), String(m))
  }
  return { callbacks: { progress, onStory, onMessage }, emit, close: () => (barShown ? bar?.stop() : undefined) }
}

/** The closing lines of a run (interrupted, summary) and its exit code. */
function summarise(result: AnalyzeResult, settings: AnalyzeSettings, emit: Emit): number {
  const { out } = settings
  if (result.interrupted !== null) {
    const done = result.rows.length
    emit(
      'interrupted',
      { signal: result.interrupted, done, total: result.total },
      `corroborate: stopped by ${result.interrupted} after ${done} of ${result.total} ${plural(result.total, 'story', 'stories')}; the others keep their previous reports, and index.csv, terms.csv and run.json are left as the last complete run wrote them`,
    )
  }
  const fatal = result.messages.filter((m) => m.severity === 'fatal').length
  const warnings = result.messages.filter((m) => m.severity === 'warning').length
  const ok = result.rows.filter((r) => r.status === 'ok').length
  emit(
    'summary',
    { stories: result.rows.length, storiesOk: ok, unchanged: result.unchanged, articles: result.articles, statements: result.statements, fatal, warnings, out },
    `corroborate: ${result.rows.length} ${plural(result.rows.length, 'story', 'stories')} (${ok} ok), ${result.articles} ${plural(result.articles, 'article', 'articles')}, ` +
      `${result.statements} ${plural(result.statements, 'statement', 'statements')}${result.unchanged > 0 ? ` (${result.unchanged} ${plural(result.unchanged, 'story', 'stories')} unchanged)` : ''}, ${fatal} fatal, ${warnings} ${plural(warnings, 'warning', 'warnings')}; reports in ${out}/`,
  )
  if (result.interrupted !== null) return STOP_SIGNALS[result.interrupted as keyof typeof STOP_SIGNALS] ?? 130
  return exitCode(settings, fatal, warnings, result.rows.some((r) => r.status === 'failed'))
}

/**
 * The exit code of a whole run: 1 when its messages reach `--fail-on` (`fatal` by default; `warning`, as `--strict`
 * asks, also on warnings), or when a story failed (an unexpected error or a write that failed: never the input's
 * doing, so `--fail-on never` does not hide it); else 0.
 */
function exitCode(settings: Pick<AnalyzeSettings, 'failOn' | 'strict'>, fatal: number, warnings: number, storyFailed: boolean): number {
  if (storyFailed) return 1
  const failOn = settings.strict ? 'warning' : settings.failOn
  if (failOn === 'never') return 0
  if (fatal > 0) return 1
  return failOn === 'warning' && warnings > 0 ? 1 : 0
}

/** Time spent per stage, summed, and a way to time one more step. */
interface Clock {
  readonly timings: Record<StageName, number>
  readonly started: number
  time<T>(stage: StageName, run: () => T | Promise<T>): Promise<T>
}

/** Run the whole pipeline over a corpus; bad input becomes messages, and one story's failure never stops the others. */
export async function analyze(options: AnalyzeOptions): Promise<AnalyzeResult> {
  const { settings } = options
  const tool = toolInfo()
  const timings: Record<StageName, number> = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<StageName, number>
  const clock: Clock = {
    timings,
    started: performance.now(),
    async time(stage, run) {
      const start = performance.now()
      try {
        return await run()
      } finally {
        timings[stage] += performance.now() - start
      }
    },
  }
  const corpusLog = new MessageLog()
  const outInfo = await stat(settings.out).catch(() => null)
  if (outInfo && !outInfo.isDirectory()) throw new CorroborateError('ERR_OUT_NOT_FOLDER', `Expected \`--out\` to be a folder, got the file \`${settings.out}\``)
  // `--corpus -`: stdin copied to a temporary file first, then read as a JSON Lines corpus named `<stdin>`.
  const piped = settings.corpus === STDIN ? await clock.time('read', () => spoolStdin(options.stdin ?? process.stdin)) : null
  const input: CorpusInput = piped === null ? { file: settings.corpus } : { file: piped.file, name: STDIN_NAME }
  try {
    // Before anything is written: the output must not overwrite the corpus, nor a folder that is not the tool's.
    await checkOutput(input.file, settings.out)
    // The run's one reading of the clock for its files: the lock's start time and the date of `--prune`'s folder.
    const now = new Date()
    const lock = await acquireLock(settings.out, now)
    if (lock.recovered) corpusLog.warn('write', 'recovered-lock', `Took over the lock left by ${lock.recovered.why}`, { file: LOCK_FILE })
    try {
      return await run(options, input, tool, clock, corpusLog, now)
    } finally {
      await lock.release()
    }
  } finally {
    piped?.remove()
  }
}

/** Where the corpus is read from: its path, and the name messages give it when not its own (`<stdin>`). */
interface CorpusInput {
  readonly file: string
  readonly name?: string
}

/** How a story's turn ended: kept as it was, analysed (or abandoned), with notes saying why it was redone. */
type Settled = { readonly unchanged: StoryState } | { readonly outcome: StoryOutcome; readonly notes: readonly Message[]; readonly key: string | null }

/** The stories a run analyses, in id order, their folders, and which messages of the corpus concern the others. */
export interface Selection {
  readonly storyIds: readonly string[]
  readonly folders: ReadonlyMap<string, string>
  /** Story id to the id of the story that has its folder already (their hashes collide). */
  readonly collided: ReadonlyMap<string, string>
  readonly aboutSkippedStory: (m: Message) => boolean
}

/** The stories of a corpus a run takes (`--story`, or all), in id order, with their folders and collisions. */
export function selectStories(corpus: Corpus, wanted: readonly string[], corpusLog: MessageLog): Selection {
  const { kind, stories: byStory } = corpus
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
  if (wanted.length > 0) {
    const set = new Set(wanted)
    for (const id of set) if (!byStory.has(id)) corpusLog.fatal('analyze', 'unknown-story', `Expected story ${quoteValue(id)} in the corpus, got none (it has ${byStory.size})`)
    storyIds = storyIds.filter((id) => set.has(id))
  }
  // A read problem inside a story folder that `--story` left out is not this run's business: an empty `drafts/`
  // must not fail `--story quarry-fire`. Folder paths start with the story id; JSONL lines cannot be told apart.
  const picked = new Set(storyIds)
  const skipped = allIds.filter((id) => !picked.has(id))
  const aboutSkippedStory = (m: Message): boolean =>
    kind === 'folder' && skipped.some((id) => m.place.file !== undefined && (m.place.file === id || m.place.file.startsWith(`${id}${path.sep}`)))
  return { storyIds, folders, collided, aboutSkippedStory }
}

/** The concurrency used: the one asked for, at most the number of cores (with a warning when lowered). */
function cappedConcurrency(asked: number, corpusLog: MessageLog): number {
  // Threads beyond the cores only cost memory (each loads its own word vectors and models): 100,000 asked for
  // 100 threads and 12 GB.
  const cores = Math.max(1, availableParallelism())
  const requested = Math.max(1, Math.floor(asked))
  if (requested > cores) corpusLog.warn('analyze', 'concurrency-capped', `Expected \`--concurrency\` to be at most the number of cores (${cores}), got \`${requested}\`; using ${cores}`)
  return Math.min(requested, cores)
}

/** What the merged stories add up to, in story order. */
interface Totals {
  readonly rows: IndexRow[]
  readonly messages: Message[]
  articles: number
  statements: number
  unchanged: number
  abandoned: number
  done: number
  /** The stories merged, for the run-level files (which read each story's row and terms from its folder's state). */
  readonly stories: RunStory[]
}

/** Runs a story's stages on this thread or on a pool of worker threads; `destroy` ends the pool. */
export interface Analyser {
  analyse(job: StoryJob): Promise<StoryOutcome>
  destroy(): Promise<void>
}

/**
 * Stories analysed on this thread (`threads` 1) or on a pool of `threads` worker threads; `pooled` asks for the pool
 * even for one thread, so that the main thread stays free (the queue's worker renews its job locks there).
 */
export function analyser(settings: StorySettings, vectors: WordVectors | undefined, threads: number, stop: Int32Array, stopping: () => boolean, pooled = false): Analyser {
  const file = threads > 1 || pooled ? workerFile() : null
  let pool: Piscina | null = null
  return {
    async analyse(job) {
      if (file === null) return analyseStory(job, settings, vectors, stopping)
      pool ??= new Piscina({ filename: file, workerData: { settings, vectors: vectors !== undefined, stop } satisfies WorkerData, minThreads: threads, maxThreads: threads, idleTimeout: 1000 })
      try {
        const outcome = (await pool.run(job)) as StoryOutcome
        return { ...outcome, messages: outcome.messages.map(reviveMessage) }
      } catch (error) {
        // The thread itself failed (out of memory, a module that would not load): the story fails, not the run.
        return failedOutcome(job.storyId, job.folder, 'analyze', 'story-failed', `Unexpected error in the worker thread analysing the story: ${(error as Error).stack ?? String(error)}`)
      }
    },
    async destroy() {
      await (pool as Piscina | null)?.destroy()
    },
  }
}

async function run(options: AnalyzeOptions, input: CorpusInput, tool: ToolInfo, clock: Clock, corpusLog: MessageLog, now: Date): Promise<AnalyzeResult> {
  const { settings } = options
  for (const name of await recoverOutput(settings.out)) corpusLog.warn('write', 'recovered-report', `Restored the reports of story ${quoteValue(name)} left aside by an interrupted run`, { file: name })

  // The corpus indexed: its stories and where their input is (files, or byte ranges of a JSON Lines or CSV file).
  // Nothing of a story is read until its turn (see `settle`), so memory holds the stories in flight, not the corpus.
  const corpus = await clock.time('read', () => readCorpus(input.file, corpusLog, { maxBytes: settings.maxBytes, followOutsideLinks: settings.followOutsideLinks, name: input.name }))
  const selection = selectStories(corpus, settings.stories, corpusLog)
  const { storyIds, folders, collided } = selection
  const concurrency = cappedConcurrency(settings.concurrency, corpusLog)
  const threads = Math.min(concurrency, storyIds.length)

  const totals: Totals = { rows: [], messages: [], articles: 0, statements: 0, unchanged: 0, abandoned: 0, done: 0, stories: [] }
  const say = (m: Message) => {
    totals.messages.push(m)
    options.onMessage?.(m)
  }
  for (const m of corpusLog.messages) if (!selection.aboutSkippedStory(m)) say(m)
  // What, besides its articles, decides a story's reports (every setting the table marks `affectsReports`): a story
  // whose key is unchanged is not redone.
  const runKey = fingerprint(settings, { tool, model: options.model ?? DEFAULT_MODEL, vectors: options.vectors?.name ?? null })
  const storySettings: StorySettings = { ...Object.fromEntries(STORY_SETTINGS.map((key) => [key, settings[key]])), tool, model: options.model } as StorySettings
  // Stopping (a signal): no story starts any more, and those in flight are abandoned at their next stage, on the
  // main thread through the signal, on worker threads through a flag on shared memory.
  const stop = new Int32Array(new SharedArrayBuffer(4))
  let halted = false
  const stopping = () => halted || options.signal?.aborted === true
  const onAbort = () => Atomics.store(stop, 0, 1)
  options.signal?.addEventListener('abort', onAbort, { once: true })
  const stories = analyser(storySettings, options.vectors, threads, stop, stopping)

  // One story's turn: its input is taken (and released from the corpus), its key checked against its folder's
  // state, and the story analysed unless unchanged. Never rejects: a failure is the story's outcome.
  const settle = async (storyId: string): Promise<Settled> => {
    const folder = folders.get(storyId)!
    try {
      // The story's input, read now: its files, or its records of the JSON Lines or CSV file.
      const sources = await clock.time('read', () => corpus.load(storyId))
      const other = collided.get(storyId)
      if (other !== undefined) {
        return {
          outcome: failedOutcome(storyId, '', 'write', 'folder-collision', `Expected a report folder of its own, got \`${folder}\`, which story ${quoteValue(other)} has (their ids' hashes collide); no report written`),
          notes: [],
          key: null,
        }
      }
      const key = storyKey(runKey, storyId, folder, sources)
      const notes: Message[] = []
      if (!settings.force) {
        const dir = path.join(settings.out, folder)
        const state = await readState(path.join(dir, STATE_FILE))
        if (state && state.key === key) {
          const damage = await damaged(dir, state)
          if (damage === null) return { unchanged: state }
          notes.push(new MessageLog(storyId).info('analyze', 'damaged-report', `Redoing the story although its input is unchanged: ${damage}`, { file: folder }))
        }
      }
      const outcome = await stories.analyse({ storyId, folder, key, sources, articles: [] })
      return { outcome, notes, key }
    } catch (error) {
      return { outcome: failedOutcome(storyId, folder, 'analyze', 'story-failed', `Unexpected error while analysing the story: ${(error as Error).stack ?? String(error)}`), notes: [], key: null }
    }
  }

  // Merged in story order, whatever order the threads finish in: the index row, the messages (printed now, not
  // at the end, so that a later crash cannot swallow them), the progress line and the terms.
  const merge = (storyId: string, settled: Settled) => {
    let row: IndexRow
    let line: string
    if ('unchanged' in settled) {
      row = settled.unchanged.row
      totals.unchanged++
      totals.stories.push({ storyId, folder: row.folder, row: null, key: settled.unchanged.key })
      line = 'unchanged, reports kept'
    } else {
      const { outcome } = settled
      if (outcome.abandoned) {
        totals.abandoned++
        return
      }
      row = outcome.row
      for (const [stage, ms] of Object.entries(outcome.timings)) clock.timings[stage as StageName] += ms
      // A story analysed whole has its folder and state; one that failed or had too few articles only its row.
      totals.stories.push({ storyId, folder: row.folder, row: row.status === 'ok' ? null : row, key: settled.key })
      line = `${row.status}, ${row.articles} ${plural(row.articles, 'article', 'articles')}, ${row.statements} ${plural(row.statements, 'statement', 'statements')}`
    }
    totals.rows.push(row)
    if (row.status === 'ok') {
      totals.articles += row.articles
      totals.statements += row.statements
    }
    totals.done++
    options.progress?.(`[${totals.done}/${storyIds.length}] ${storyId}: ${line}`)
    options.onStory?.(totals.done, storyIds.length, storyId)
    // Each story's report.json keeps its note on unnamed outlets; the run says it once, with the run-level files.
    if (!('unchanged' in settled)) for (const m of [...settled.notes, ...settled.outcome.messages]) if (m.ruleId !== UNNAMED_OUTLETS) say(m)
  }

  // Merging failed (a callback threw): the others are stopped and let settle before the pool goes.
  const halt = () => {
    halted = true
    Atomics.store(stop, 0, 1)
  }
  let startedCount: number
  try {
    startedCount = await inWindow(storyIds, threads, settle, merge, stopping, halt)
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
    await stories.destroy()
    corpus.close()
  }

  const result = { rows: totals.rows, messages: totals.messages, articles: totals.articles, statements: totals.statements, unchanged: totals.unchanged, total: storyIds.length }
  const interrupted = options.signal?.aborted === true && (totals.abandoned > 0 || startedCount < storyIds.length) ? String(options.signal!.reason ?? 'aborted') : null
  if (interrupted !== null) {
    // Nothing half-done stays behind; the run-level files keep describing the last complete run.
    await recoverOutput(settings.out).catch(() => [])
    return { ...result, timings: {}, interrupted }
  }
  for (const m of (await clock.time('write', () => settleStale(settings, new Set(folders.values()), now, totals))).messages) say(m)
  const timingsMs = await writeRun(settings, tool, concurrency, options.vectors, corpus, totals, clock, say)
  return { ...result, timings: timingsMs, interrupted: null }
}

/**
 * Settle every story through a bounded window of stories in flight (read, queued or analysed), twice the threads,
 * so that memory grows with the stories in flight and not with the corpus; finished stories wait for the earlier
 * ones to be merged, up to a wider bound, so that one long story does not stall the threads. Resolves to how many
 * stories were started (fewer than all once `stopping` says yes); when a merge throws, `halt` is called, the stories
 * in flight are let settle and the error is thrown.
 */
async function inWindow(
  storyIds: readonly string[],
  threads: number,
  settle: (storyId: string) => Promise<Settled>,
  merge: (storyId: string, settled: Settled) => void,
  stopping: () => boolean,
  halt: () => void,
): Promise<number> {
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
    halt()
    await Promise.allSettled(inFlight)
    throw error
  }
  return startedCount
}

/**
 * Write the run-level files (index.csv, terms.csv, the run-wide tables, report.xlsx with `--xlsx`, index.html
 * unless `--no-html`, run.json)
 * together, from the story folders as `collect` does; returns the run's timings as run.json records them.
 */
async function writeRun(settings: AnalyzeSettings, tool: ToolInfo, concurrency: number, vectors: WordVectors | undefined, corpus: Corpus, totals: Totals, clock: Clock, say: (m: Message) => void): Promise<Record<string, number>> {
  const tables = await clock.time('write', () => runTables(settings.out, totals.stories, { excel: settings.excel, xlsx: settings.xlsx, html: settings.noHtml ? undefined : tool }))
  // Printed as well as recorded: a missing report, and the one note on how to name outlets.
  for (const m of tables.messages) say(m)
  // index.html was built inside the write step: its time moves to `html`, so that the timings stay disjoint.
  clock.timings.write -= tables.htmlMs
  clock.timings.html += tables.htmlMs
  const totalMs = performance.now() - clock.started
  const timingsMs = { total: roundMs(totalMs), ...Object.fromEntries(STAGES.map((s) => [s, roundMs(clock.timings[s])])) }
  const files = new Map(tables.files)
  files.set(
    'run.json',
    runRecord({
      tool,
      // Every setting as resolved, with the word vectors in use and the concurrency the run used (at most the cores).
      options: { ...recordedSettings(settings), vectors: vectors?.name ?? null, concurrency },
      inputs: corpus.inputs,
      rows: tables.rows,
      unchanged: totals.unchanged,
      messages: totals.messages,
      timingsMs,
    }),
  )
  await writeRunFiles(settings.out, files, { xlsx: settings.xlsx, html: !settings.noHtml })
  return timingsMs
}

/**
 * Find the story folders of the output folder that no story of the corpus owns (`owned`: every corpus story's
 * folder, whether `--story` picked it or not), list them in index.csv as `not-in-corpus` (a story of the run-level
 * files with its row given, so none of its tables is read), and with `--prune` move each to OUT/.pruned/<YYYY-MM-DD>/
 * (the run's date, UTC). Returns the messages saying so.
 */
export async function settleStale(settings: Pick<AnalyzeSettings, 'out' | 'prune'>, owned: ReadonlySet<string>, now: Date, totals: Pick<Totals, 'stories'>): Promise<MessageLog> {
  const log = new MessageLog()
  const date = now.toISOString().slice(0, 10)
  const list = (row: IndexRow) => totals.stories.push({ storyId: row.storyId, folder: row.folder, row, key: null })
  for (const { folder, row } of await staleFolders(settings.out, owned)) {
    if (!settings.prune) {
      log.info('analyze', 'not-in-corpus', `Story folder \`${folder}\` holds story ${quoteValue(row.storyId)}, which the corpus no longer has; listed as \`not-in-corpus\` and left out of the run-wide tables (\`--prune\` moves it aside)`, { file: folder })
      list(row)
      continue
    }
    try {
      const moved = await pruneFolder(settings.out, folder, date)
      log.info('analyze', 'pruned', `Moved story folder \`${folder}\` of story ${quoteValue(row.storyId)}, which the corpus no longer has, to \`${moved}\``, { file: folder })
      list({ ...row, folder: moved })
    } catch (error) {
      log.warn('write', 'prune-failed', `${(error as Error).message}; listed as \`not-in-corpus\``, { file: folder })
      list(row)
    }
  }
  return log
}

/** A story that failed before or outside its stages: one fatal message, no report. */
export function failedOutcome(storyId: string, folder: string, source: string, ruleId: string, reason: string): StoryOutcome {
  const log = new MessageLog(storyId)
  log.fatal(source, ruleId, reason)
  return { row: { ...emptyCounts(storyId, folder), status: 'failed', fatal: 1, warnings: 0 }, messages: log.messages, terms: {}, framing: [], timings: {} }
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
  throw new CorroborateError('ERR_NO_WORKER', `Expected the worker module at ${beside} or ${built}; run \`make build\``)
}

// Timings in run.json carry one decimal of a millisecond: finer is noise (reports keep four decimals, core/numbers.ts).
function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10
}
