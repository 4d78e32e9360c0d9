// `corroborate worker`: stories from the job queue, each through the same `analyseStory` as `analyze` (on a thread
// of its own, so that the main thread keeps renewing the job's lock) and written into the shared output folder with
// the same atomic folder swap; a failure is retried up to the job's attempts, then the story is `failed`.
import { type Job, UnrecoverableError, Worker } from 'bullmq'
import { CorroborateError, type Message } from '../core/messages.js'
import { DEFAULT_MODEL } from '../stages/similarity/index.js'
import { loadArticles } from '../pipeline/corpus.js'
import { type Io, plural } from '../pipeline/io.js'
import { closeRedis, connectRedis, fromWire, type JobOutcome, openQueue, otherVersion, QUEUE_PREFIX, readHeader, type RunSettings, runKeys, type StoryJobData } from '../pipeline/queue.js'
import { type Flags, resolve, type WorkerSettings } from '../pipeline/settings.js'
import { storyKey } from '../pipeline/state.js'
import type { StorySettings } from '../pipeline/story.js'
import { toolInfo } from '../pipeline/tool.js'
import { type Analyser, analyser, STOP_SIGNALS } from './analyze.js'
import { queueEmitter } from './enqueue.js'
import { vectorsFor } from './pairs.js'

/** How often `--until-empty` asks the queue whether anything is left (milliseconds). */
const IDLE_CHECK_MS = 250

/** `corroborate worker`: runs stories until stopped (or, with `--until-empty`, until none is left); the exit code. */
export async function workerCommand(flags: Flags, io: Io): Promise<number> {
  const settings = resolve('worker', flags) as unknown as WorkerSettings
  const emit = queueEmitter(settings.logFormat, io)
  const tool = toolInfo()
  const client = await connectRedis(settings.redis, { persistent: true, onProblem: (text) => emit('redis', { text }, text) })
  const queue = openQueue(settings.queue, client)
  const header = await readHeader(client, settings.queue)
  if (header !== null && (header.tool.name !== tool.name || header.tool.version !== tool.version)) {
    await queue.close().catch(() => {})
    await closeRedis(client)
    throw new CorroborateError('ERR_QUEUE_VERSION', otherVersion(header.tool, tool, settings.queue))
  }

  // One pool of threads per run fingerprint (its settings and model), made when its first story comes.
  const stop = new Int32Array(new SharedArrayBuffer(4))
  const analysers = new Map<string, Promise<Analyser>>()
  const analyserFor = (run: string): Promise<Analyser> => {
    let found = analysers.get(run)
    if (!found) {
      found = (async () => {
        const text = await client.hGet(runKeys(settings.queue).settings, run)
        if (typeof text !== 'string') throw new UnrecoverableError(`Expected the settings of the job's run on queue \`${settings.queue}\`, got none; run \`enqueue\` again`)
        const stored = JSON.parse(text) as RunSettings
        const model = stored.model ?? DEFAULT_MODEL
        const storySettings: StorySettings = { ...stored.settings, tool, model }
        return analyser(storySettings, vectorsFor(model, (line) => io.stderr(`${line}\n`)), settings.concurrency, stop, () => Atomics.load(stop, 0) !== 0, true)
      })()
      analysers.set(run, found)
    }
    return found
  }

  const processor = async (job: Job<StoryJobData, JobOutcome>): Promise<JobOutcome> => {
    const data = job.data
    if (data.tool.name !== tool.name || data.tool.version !== tool.version) throw new UnrecoverableError(otherVersion(data.tool, tool, settings.queue))
    const stories = await analyserFor(data.run)
    const stored = JSON.parse((await client.hGet(runKeys(settings.queue).settings, data.run)) ?? '{}') as RunSettings
    const sources = data.sources !== undefined ? data.sources.map(fromWire) : await loadArticles(data.storyId, data.files ?? [], stored.settings.maxBytes)
    // The story's key from what this worker read: a file changed since `enqueue` would give reports of other input.
    if (storyKey(data.run, data.storyId, data.folder, sources) !== data.key) {
      throw new UnrecoverableError(`Expected the input of story \`${data.storyId}\` as it was enqueued, got other bytes (its files changed since); run \`enqueue\` again`)
    }
    const outcome = await stories.analyse({ storyId: data.storyId, folder: data.folder, key: data.key, sources, articles: [] })
    // Stopped (a signal) before its reports were written: nothing kept; the job goes back to another worker.
    if (outcome.abandoned) throw new CorroborateError('ERR_STOPPED', 'Unexpected stop of the worker while analysing the story; it is tried again')
    const result: JobOutcome = { row: outcome.row, messages: outcome.messages.map((m: Message) => m.toJSON()) }
    if (outcome.row.status === 'failed') {
      // Kept on the job, for `collect` to report once the tries are used up.
      await job.updateData({ ...data, failure: result })
      throw new CorroborateError('ERR_STORY_FAILED', outcome.messages.filter((m) => m.severity === 'fatal').map(String).join('; ') || 'Unexpected failure of the story')
    }
    return result
  }

  const worker = new Worker<StoryJobData, JobOutcome>(settings.queue, processor, {
    connection: client,
    prefix: QUEUE_PREFIX,
    concurrency: settings.concurrency,
    lockDuration: settings.lockDuration,
    stalledInterval: settings.stalledInterval,
    // A story whose worker was lost is taken again as often as it may be tried.
    maxStalledCount: 3,
    autorun: false,
  })
  const done = { ok: 0, failed: 0, retried: 0 }
  worker.on('active', (job) => {
    if (!settings.quiet) emit('started', { story: job.data.storyId, job: job.id, pid: process.pid }, `corroborate: ${job.data.storyId}: started`)
  })
  worker.on('completed', (job) => {
    const row = job.returnvalue.row
    done.ok++
    for (const m of job.returnvalue.messages) if (m.severity !== 'info') emit('message', m, String(m.text))
    if (!settings.quiet) emit('progress', { story: row.storyId, status: row.status, articles: row.articles, statements: row.statements }, `corroborate: ${row.storyId}: ${row.status}, ${row.articles} ${plural(row.articles, 'article', 'articles')}, ${row.statements} ${plural(row.statements, 'statement', 'statements')}`)
    // The story's input is no longer needed in Redis once its reports are written.
    if (job.data.sources !== undefined) void job.updateData({ ...job.data, sources: [] }).catch(() => {})
  })
  worker.on('failed', (job, error) => {
    if (!job) return
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError || error.name === 'UnrecoverableError'
    if (final) done.failed++
    else done.retried++
    const text = `corroborate: ${job.data.storyId}: ${final ? 'failed' : 'will be tried again'} (try ${job.attemptsMade} of ${job.opts.attempts ?? 1}): ${error.message}`
    emit('failed', { story: job.data.storyId, attempt: job.attemptsMade, attempts: job.opts.attempts ?? 1, final, reason: error.message }, text)
  })
  // Connection problems are said (once per kind in a row) and waited out; the worker carries on once Redis is back.
  let lastProblem = ''
  worker.on('error', (error) => {
    if (error.message === lastProblem) return
    lastProblem = error.message
    emit('redis', { text: error.message }, `corroborate: queue: ${error.message}`)
  })
  worker.on('ready', () => {
    lastProblem = ''
  })

  let signalled: keyof typeof STOP_SIGNALS | null = null
  const finished = new Promise<void>((resolveFinished) => {
    const onSignal = (signal: keyof typeof STOP_SIGNALS) => {
      if (signalled !== null) process.exit(STOP_SIGNALS[signal])
      signalled = signal
      resolveFinished()
    }
    for (const signal of Object.keys(STOP_SIGNALS) as (keyof typeof STOP_SIGNALS)[]) process.once(signal, () => onSignal(signal))
    if (settings.untilEmpty) {
      // Nothing waiting, delayed or active anywhere (a lost worker's story stays active until it is taken again).
      const check = setInterval(() => {
        void queue
          .getJobCounts('waiting', 'active', 'delayed', 'prioritized')
          .then((counts) => {
            if (Object.values(counts).reduce((a, b) => a + b, 0) === 0) {
              clearInterval(check)
              resolveFinished()
            }
          })
          .catch(() => {})
      }, IDLE_CHECK_MS)
    }
  })
  void worker.run().catch((error: Error) => emit('redis', { text: error.message }, `corroborate: queue: ${error.message}`))
  if (!settings.quiet) emit('start', { queue: settings.queue, redis: settings.redis, concurrency: settings.concurrency }, `corroborate: worker on queue \`${settings.queue}\` at ${settings.redis}, ${settings.concurrency} at once`)
  await finished
  // No new story; those in flight are finished (or, on a signal, abandoned at their next stage and taken again).
  if (signalled !== null) Atomics.store(stop, 0, 1)
  await worker.close()
  for (const pending of analysers.values()) await (await pending.catch(() => null))?.destroy()
  await queue.close().catch(() => {})
  await closeRedis(client)
  const n = done.ok + done.failed
  emit('summary', { stories: n, ok: done.ok, failed: done.failed, retried: done.retried }, `corroborate: worker done: ${n} ${plural(n, 'story', 'stories')} (${done.ok} done, ${done.failed} failed, ${done.retried} to be tried again)`)
  return signalled !== null ? STOP_SIGNALS[signalled] : 0
}
