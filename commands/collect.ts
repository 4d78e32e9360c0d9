// `corroborate collect` and `corroborate status`: the run-level files of a queued run, written from the story
// folders' state files by the module `analyze` uses (so the bytes are the same), and a view of the queue.
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Job, Queue } from 'bullmq'
import { CorroborateError, type Message, MessageLog, quoteValue } from '../core/messages.js'
import { LOCK_FILE } from '../pipeline/folders.js'
import { type Io, plural } from '../pipeline/io.js'
import { acquireLock } from '../pipeline/lock.js'
import { closeRedis, connectRedis, type JobOutcome, messageFromJson, openQueue, type QueuedStory, queuedStories, readHeader, type RedisClient, type RunHeader, type StoryJobData } from '../pipeline/queue.js'
import { type RunStory, runRecord, runTables, writeRunFiles } from '../pipeline/run-files.js'
import { type CollectSettings, type Flags, type QueueSettings, resolve } from '../pipeline/settings.js'
import { emptyCounts } from '../pipeline/story.js'
import { toolInfo } from '../pipeline/tool.js'
import { settleStale } from './analyze.js'
import { queueEmitter } from './enqueue.js'

/** How often `collect --wait` asks the queue again (milliseconds). */
const WAIT_CHECK_MS = 500

/** Stories whose jobs are looked up at once. */
const BATCH = 100

/** `corroborate collect`: index.csv, terms.csv and run.json of the queued run; resolves to the exit code. */
export async function collectCommand(flags: Flags, io: Io): Promise<number> {
  const settings = resolve('collect', flags) as unknown as CollectSettings
  const emit = queueEmitter(settings.logFormat, io)
  const started = performance.now()
  const client = await connectRedis(settings.redis, { persistent: false })
  const queue = openQueue(settings.queue, client)
  try {
    const header = await headerOf(client, settings)
    const out = settings.out === null ? header.out : path.resolve(settings.out)
    if (out !== header.out) {
      throw new CorroborateError('ERR_QUEUE_OUT', `Expected \`--out\` to be \`${header.out}\`, the output folder of the run on queue \`${settings.queue}\`, got \`${out}\``)
    }
    let gathered = await gather(client, queue, settings.queue)
    while (gathered.pending > 0 && settings.wait) {
      if (!settings.quiet) emit('progress', { done: gathered.done, total: header.stories }, `corroborate: ${gathered.done} of ${header.stories} stories done; waiting for ${gathered.pending}`)
      await new Promise((resolveWait) => setTimeout(resolveWait, WAIT_CHECK_MS))
      gathered = await gather(client, queue, settings.queue)
    }
    if (gathered.pending > 0) {
      emit(
        'pending',
        { pending: gathered.pending, total: header.stories },
        `corroborate: ${gathered.pending} of ${header.stories} ${plural(header.stories, 'story is', 'stories are')} not done yet (waiting or active); nothing written: run \`collect\` again once \`corroborate status\` shows none, or pass \`--wait\``,
      )
      return 1
    }
    const lock = await acquireLock(out, new Date())
    const messages: Message[] = header.messages.map(messageFromJson)
    if (lock.recovered) messages.push(new MessageLog().warn('write', 'recovered-lock', `Took over the lock left by ${lock.recovered.why}`, { file: LOCK_FILE }))
    try {
      messages.push(...gathered.messages)
      // Story folders of no story of the corpus are listed (or, with `--prune`, moved aside) as analyze does.
      const owned = new Set([...gathered.stories.map((st) => st.folder), ...header.otherFolders])
      const stale = await settleStale({ out, prune: header.options.prune === true }, owned, new Date(), { stories: gathered.stories })
      messages.push(...stale.messages)
      const xlsx = header.options.xlsx === true
      // index.html as analyze writes it: the run's own settings decide, recorded when the corpus was enqueued.
      const html = header.options.noHtml === true ? undefined : header.tool
      const tables = await runTables(out, gathered.stories, { excel: header.excel, xlsx, html })
      messages.push(...tables.messages)
      const files = new Map(tables.files)
      files.set(
        'run.json',
        runRecord({
          tool: header.tool,
          options: header.options,
          inputs: header.inputs,
          rows: tables.rows,
          unchanged: header.unchanged,
          messages,
          timingsMs: { collect: Math.round((performance.now() - started) * 10) / 10 },
        }),
      )
      await writeRunFiles(out, files, { xlsx, html: html !== undefined })
      const ok = tables.rows.filter((r) => r.status === 'ok')
      const fatal = messages.filter((m) => m.severity === 'fatal').length
      const warnings = messages.filter((m) => m.severity === 'warning').length
      const articles = ok.reduce((n, r) => n + r.articles, 0)
      const statements = ok.reduce((n, r) => n + r.statements, 0)
      emit(
        'summary',
        { stories: tables.rows.length, storiesOk: ok.length, unchanged: header.unchanged, articles, statements, fatal, warnings, out },
        `corroborate: ${tables.rows.length} ${plural(tables.rows.length, 'story', 'stories')} (${ok.length} ok), ${articles} ${plural(articles, 'article', 'articles')}, ${statements} ${plural(statements, 'statement', 'statements')}, ${fatal} fatal, ${warnings} ${plural(warnings, 'warning', 'warnings')}; reports in ${out}/`,
      )
      if (fatal > 0) return 1
      return settings.strict && warnings > 0 ? 1 : 0
    } finally {
      await lock.release()
    }
  } finally {
    await queue.close().catch(() => {})
    await closeRedis(client)
  }
}

/** What the queue says of a run's stories: each one for the run-level files, its messages, how many are not done. */
interface Gathered {
  readonly stories: RunStory[]
  readonly messages: Message[]
  readonly pending: number
  readonly done: number
}

async function gather(client: RedisClient, queue: Queue, name: string): Promise<Gathered> {
  const stories: RunStory[] = []
  const messages: Message[] = []
  let pending = 0
  let done = 0
  let batch: QueuedStory[] = []
  const flush = async () => {
    const jobs = await Promise.all(batch.map((s) => (s.jobId === null ? Promise.resolve(undefined) : queue.getJob(s.jobId))))
    const states = await Promise.all(jobs.map((job) => (job ? job.getState() : Promise.resolve('missing'))))
    batch.forEach((story, i) => {
      const job = jobs[i] as Job<StoryJobData, JobOutcome> | undefined
      const state = states[i]!
      if (story.jobId === null) {
        // Unchanged when enqueued (its folder is read), or never queued (its row and messages were recorded).
        stories.push({ storyId: story.storyId, folder: story.folder, row: story.outcome?.row ?? null, key: story.key })
        for (const m of story.outcome?.messages ?? []) messages.push(messageFromJson(m))
        done++
        return
      }
      if (state === 'completed' && job) {
        const outcome = job.returnvalue
        stories.push({ storyId: story.storyId, folder: story.folder, row: outcome.row.status === 'ok' ? null : outcome.row, key: story.key })
        for (const m of outcome.messages) messages.push(messageFromJson(m))
        done++
      } else if (state === 'failed' && job) {
        const failure = job.data.failure
        if (failure) {
          stories.push({ storyId: story.storyId, folder: story.folder, row: failure.row, key: story.key })
          for (const m of failure.messages) messages.push(messageFromJson(m))
        } else {
          const log = new MessageLog(story.storyId)
          log.fatal('queue', 'story-failed', `Unexpected failure of the story's job after ${job.attemptsMade} ${plural(job.attemptsMade, 'try', 'tries')}: ${job.failedReason}`)
          stories.push({ storyId: story.storyId, folder: story.folder, row: { ...emptyCounts(story.storyId, story.folder), status: 'failed', fatal: 1, warnings: 0 }, key: story.key })
          messages.push(...log.messages)
        }
        done++
      } else if (state === 'missing') {
        const log = new MessageLog(story.storyId)
        log.fatal('queue', 'missing-job', `Expected the job of story ${quoteValue(story.storyId)} on queue \`${name}\`, got none (removed from Redis, or Redis lost its data); run \`enqueue\` again`)
        stories.push({ storyId: story.storyId, folder: story.folder, row: { ...emptyCounts(story.storyId, story.folder), status: 'failed', fatal: 1, warnings: 0 }, key: story.key })
        messages.push(...log.messages)
        done++
      } else pending++
    })
    batch = []
  }
  for await (const story of queuedStories(client, name)) {
    batch.push(story)
    if (batch.length >= BATCH) await flush()
  }
  await flush()
  return { stories, messages, pending, done }
}

/** The run header of a queue, or a CorroborateError when nothing was enqueued on it. */
async function headerOf(client: RedisClient, settings: QueueSettings): Promise<RunHeader> {
  const header = await readHeader(client, settings.queue)
  if (header === null) throw new CorroborateError('ERR_QUEUE_EMPTY', `Expected a run enqueued on queue \`${settings.queue}\` at ${settings.redis}, got none; run \`corroborate enqueue\` first`)
  return header
}

/** `corroborate status`: the queue's counts (waiting, active, done, failed) and its run, on stdout. */
export async function statusCommand(flags: Flags, io: Io): Promise<number> {
  const settings = resolve('status', flags) as unknown as QueueSettings & { logFormat: 'text' | 'json' }
  const client = await connectRedis(settings.redis, { persistent: false })
  const queue = openQueue(settings.queue, client)
  try {
    const header = await readHeader(client, settings.queue)
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed')
    const own = toolInfo()
    const status = {
      queue: settings.queue,
      redis: settings.redis,
      run: header === null ? null : { tool: header.tool, out: header.out, stories: header.stories, unchanged: header.unchanged, enqueuedAt: header.enqueuedAt },
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      delayed: counts.delayed ?? 0,
      active: counts.active ?? 0,
      done: counts.completed ?? 0,
      failed: counts.failed ?? 0,
    }
    if (settings.logFormat === 'json') io.stdout(`${JSON.stringify(status)}\n`)
    else {
      const lines = [
        `queue ${settings.queue} at ${settings.redis}`,
        header === null ? 'run: none enqueued' : `run: ${header.stories} stories (${header.unchanged} unchanged) into ${header.out}, enqueued ${header.enqueuedAt} by ${header.tool.name} ${header.tool.version}`,
        `waiting ${status.waiting}, delayed ${status.delayed} (to be tried again), active ${status.active}, done ${status.done}, failed ${status.failed}`,
      ]
      if (header !== null && header.tool.version !== own.version) lines.push(`note: this is ${own.name} ${own.version}; the queue holds jobs of ${header.tool.version}`)
      io.stdout(`${lines.join('\n')}\n`)
    }
    return 0
  } finally {
    await queue.close().catch(() => {})
    await closeRedis(client)
  }
}
