// `corroborate enqueue`: a corpus onto the job queue, one job per story that is new or changed (as an incremental
// `analyze` would redo it), with what `collect` needs later: the run's settings, its inputs and its story list.
import { stat } from 'node:fs/promises'
import path from 'node:path'
import type { Job } from 'bullmq'
import { CorroborateError, type Message, MessageLog, printable, quoteValue } from '../core/messages.js'
import { readConfig } from '../pipeline/config.js'
import { readCorpus, spoolStdin, STDIN, STDIN_NAME, stdinRefusal } from '../pipeline/corpus.js'
import { checkOutput, STATE_FILE } from '../pipeline/folders.js'
import { type Io, plural, usage } from '../pipeline/io.js'
import { closeRedis, connectRedis, openQueue, otherVersion, type QueuedStory, readHeader, type RunHeader, type RunSettings, runKeys, type StoryJobData, toWire } from '../pipeline/queue.js'
import { type EnqueueSettings, type Flags, fingerprint, recordedSettings, resolve } from '../pipeline/settings.js'
import { damaged, readState, storyKey } from '../pipeline/state.js'
import { STORY_SETTINGS } from '../pipeline/story.js'
import { toolInfo } from '../pipeline/tool.js'
import { ensureDir } from '../pipeline/write.js'
import { failedOutcome, selectStories } from './analyze.js'
import { loadModel, vectorsFor } from './pairs.js'

/** How a queue command's events reach stderr: a line of text, or one JSON object per line (`--log-format json`). */
export type QueueEmit = (event: string, fields: Record<string, unknown>, text: string) => void

/** The emitter of a queue command; text from the input is made printable. */
export function queueEmitter(format: 'text' | 'json', io: Io): QueueEmit {
  return (event, fields, text) => io.stderr(format === 'json' ? `${JSON.stringify({ event, ...fields })}\n` : `${printable(text)}\n`)
}

/** Jobs looked up and added per round trip. */
const BATCH = 100

/** The states in which a job is still to run: enqueueing its story again adds nothing. */
const PENDING_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'paused'])

/** `corroborate enqueue`: resolves to the exit code. */
export async function enqueueCommand(flags: Flags, io: Io): Promise<number> {
  const config = flags.config === undefined ? {} : readConfig(flags.config as string)
  const resolved = resolve('enqueue', flags, config) as unknown as EnqueueSettings
  // Absolute, so that the workers (started anywhere) find the output folder and the article files.
  const settings: EnqueueSettings = { ...resolved, corpus: resolved.corpus === STDIN ? STDIN : path.resolve(resolved.corpus), out: path.resolve(resolved.out) }
  if (settings.corpus === STDIN) {
    const refusal = stdinRefusal(io.stdin, 'enqueue')
    if (refusal !== null) return usage(io, refusal)
    // As analyze does: stdin copied to a private temporary file, read as a JSON Lines corpus named `<stdin>`. The
    // jobs carry the records themselves, so the workers never need the copy, which is removed once enqueued
    // (`io.stdin` is a stream here: `stdinRefusal` said so).
    const piped = await spoolStdin(io.stdin!)
    try {
      return await enqueue(settings, { file: piped.file, name: STDIN_NAME }, io)
    } finally {
      piped.remove()
    }
  }
  try {
    await stat(settings.corpus)
  } catch {
    io.stderr(`corroborate: Cannot find corpus \`${resolved.corpus}\` (expected a folder or a .jsonl file)\n`)
    return 2
  }
  return enqueue(settings, { file: settings.corpus }, io)
}

/** Enqueue the corpus read from `input` (its path, and the name messages give it when not its own). */
async function enqueue(settings: EnqueueSettings, input: { readonly file: string; readonly name?: string }, io: Io): Promise<number> {
  const emit = queueEmitter(settings.logFormat, io)
  const tool = toolInfo()
  const model = loadModel(settings.model ?? undefined)
  const vectors = vectorsFor(model, (line) => io.stderr(`${line}\n`))
  // As analyze does before anything is written: the output must not overwrite the corpus, nor a folder not the tool's.
  await checkOutput(input.file, settings.out)
  await ensureDir(settings.out)

  const client = await connectRedis(settings.redis, { persistent: false })
  const queue = openQueue(settings.queue, client)
  try {
    await refuseOtherRun(client, queue, settings, tool)
    const corpusLog = new MessageLog()
    const corpus = await readCorpus(input.file, corpusLog, { maxBytes: settings.maxBytes, followOutsideLinks: settings.followOutsideLinks, name: input.name })
    const selection = selectStories(corpus, settings.stories, corpusLog)
    const messages = corpusLog.messages.filter((m) => !selection.aboutSkippedStory(m))
    for (const m of messages) if (m.severity !== 'info' || settings.verbose) emit('message', m.toJSON(), String(m))
    const run = fingerprint(settings, { tool, model, vectors: vectors?.name ?? null })
    const keys = runKeys(settings.queue)
    // The settings first: a worker may take the first job before the last is added.
    const runSettings: RunSettings = {
      tool,
      settings: Object.fromEntries(STORY_SETTINGS.map((key) => [key, settings[key]])) as RunSettings['settings'],
      model: settings.model === null ? null : model,
    }
    await client.hSet(keys.settings, { [run]: JSON.stringify(runSettings) })

    const counts = { added: 0, queued: 0, unchanged: 0, failed: 0 }
    // The story list is written beside the old one and swapped in at the end: `collect` never sees half a list.
    const listKey = `${keys.stories}:new`
    await client.del([listKey])
    let batch: { story: QueuedStory; data: StoryJobData }[] = []
    const flush = async () => {
      const stories = batch
      batch = []
      const existing = await Promise.all(stories.map((s) => queue.getJob(s.story.jobId!)))
      const states = await Promise.all(existing.map((job) => (job ? job.getState() : Promise.resolve('missing'))))
      const fresh: { story: QueuedStory; data: StoryJobData }[] = []
      for (let i = 0; i < stories.length; i++) {
        const job = existing[i] as Job | undefined
        if (job && PENDING_STATES.has(states[i]!)) {
          counts.queued++
          continue
        }
        // Done or failed before, and to be redone now (its folder lost or damaged, or a failure to try again).
        if (job) await job.remove()
        fresh.push(stories[i]!)
      }
      if (fresh.length > 0) {
        await queue.addBulk(
          fresh.map(({ story, data }) => ({
            name: 'story',
            data,
            opts: { jobId: story.jobId!, attempts: settings.attempts, backoff: { type: 'fixed', delay: settings.retryDelay }, removeOnComplete: false, removeOnFail: false },
          })),
        )
      }
      counts.added += fresh.length
    }
    const list: string[] = []
    const pushList = async (force = false) => {
      if (list.length >= BATCH || (force && list.length > 0)) await client.rPush(listKey, list.splice(0))
    }
    for (const storyId of selection.storyIds) {
      const folder = selection.folders.get(storyId)!
      const sources = await corpus.load(storyId)
      const key = storyKey(run, storyId, folder, sources)
      const other = selection.collided.get(storyId)
      let story: QueuedStory
      if (other !== undefined) {
        const outcome = failedOutcome(storyId, '', 'write', 'folder-collision', `Expected a report folder of its own, got \`${folder}\`, which story ${quoteValue(other)} has (their ids' hashes collide); no report written`)
        story = { storyId, folder, key, jobId: null, outcome: { row: outcome.row, messages: outcome.messages.map((m) => m.toJSON()) } }
        counts.failed++
      } else if (!settings.force && (await unchangedFolder(path.join(settings.out, folder), key))) {
        story = { storyId, folder, key, jobId: null }
        counts.unchanged++
      } else {
        // A job per story and key: the same story with the same input is one job however often it is enqueued.
        story = { storyId, folder, key, jobId: `${folder}.${key}` }
        const data: StoryJobData =
          corpus.kind === 'folder'
            ? { tool, run, storyId, folder, key, files: corpus.refs(storyId) }
            : { tool, run, storyId, folder, key, sources: sources.map(toWire) }
        batch.push({ story, data })
        if (batch.length >= BATCH) await flush()
      }
      list.push(JSON.stringify(story))
      await pushList()
    }
    await flush()
    await pushList(true)
    corpus.close()
    const header: RunHeader = {
      tool,
      run,
      out: settings.out,
      excel: settings.excel,
      options: { ...recordedSettings(settings), vectors: vectors?.name ?? null, redis: settings.redis, queue: settings.queue },
      inputs: corpus.inputs,
      messages: messages.map((m) => m.toJSON()),
      stories: selection.storyIds.length,
      otherFolders: [...selection.folders].filter(([id]) => !selection.storyIds.includes(id)).map(([, folder]) => folder),
      unchanged: counts.unchanged,
      enqueuedAt: new Date().toISOString(),
    }
    if (list.length === 0 && selection.storyIds.length === 0) await client.del([keys.stories])
    else await client.rename(listKey, keys.stories)
    await client.set(keys.header, JSON.stringify(header))
    const n = selection.storyIds.length
    emit(
      'summary',
      { stories: n, added: counts.added, alreadyQueued: counts.queued, unchanged: counts.unchanged, failed: counts.failed, queue: settings.queue, out: settings.out },
      `corroborate: ${n} ${plural(n, 'story', 'stories')} on queue \`${settings.queue}\`: ${counts.added} ${plural(counts.added, 'job', 'jobs')} added, ${counts.queued} already queued, ${counts.unchanged} unchanged` +
        `${counts.failed > 0 ? `, ${counts.failed} failed` : ''}; reports will be in ${settings.out}/ (run \`corroborate worker\`, then \`corroborate collect\`)`,
    )
    return messages.some((m: Message) => m.severity === 'fatal') || counts.failed > 0 ? 1 : 0
  } finally {
    await queue.close().catch(() => {})
    await closeRedis(client)
  }
}

/** Whether a story's folder already holds whole reports made with `key`: such a story needs no job. */
async function unchangedFolder(dir: string, key: string): Promise<boolean> {
  const state = await readState(path.join(dir, STATE_FILE))
  return state !== null && state.key === key && (await damaged(dir, state)) === null
}

/**
 * A queue serves one output folder and one tool version at a time: jobs still to run of another version, or a run
 * into another output folder, are refused with a message rather than mixed in.
 */
async function refuseOtherRun(client: Awaited<ReturnType<typeof connectRedis>>, queue: ReturnType<typeof openQueue>, settings: EnqueueSettings, tool: RunHeader['tool']): Promise<void> {
  const header = await readHeader(client, settings.queue)
  if (header === null) return
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')
  const pending = Object.values(counts).reduce((a, b) => a + b, 0)
  if ((header.tool.name !== tool.name || header.tool.version !== tool.version) && pending > 0) throw new CorroborateError('ERR_QUEUE_VERSION', otherVersion(header.tool, tool, settings.queue))
  if (header.out !== settings.out) {
    throw new CorroborateError(
      'ERR_QUEUE_OUT',
      `Expected \`--out\` to be \`${header.out}\`, the output folder of the run on queue \`${settings.queue}\`, got \`${settings.out}\`; a queue serves one output folder: pass another \`--queue\``,
    )
  }
}
