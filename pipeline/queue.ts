// The job queue on Redis (BullMQ): the connection, with bounded waits and plain messages when Redis cannot be
// reached; what a job and a queued run hold; and the keys beside BullMQ's own. Used by `enqueue`, `worker`,
// `collect` and `status` (commands/queue-*.ts); a single-machine `analyze` never loads it.
import { Queue } from 'bullmq'
import { createClient } from 'redis'
import { CorroborateError, Message } from '../core/messages.js'
import type { RawSource } from '../core/types.js'
import type { IndexRow, ToolInfo } from '../stages/report/index.js'
import type { SimilarityModel } from '../stages/similarity/index.js'
import type { ArticleRef, CorpusInput } from './corpus.js'
import type { StorySettings } from './story.js'

/** The prefix of every key the queue uses in Redis: BullMQ's (`corroborate:<queue>:…`) and the run's. */
export const QUEUE_PREFIX = 'corroborate'

/** Milliseconds a command waits for Redis to answer at first before it gives up with a message. */
export const CONNECT_TIMEOUT_MS = 5000

/** A connected Redis client (node-redis), as BullMQ takes it. */
export type RedisClient = ReturnType<typeof createClient>

/** How a client behaves once connected: `worker` waits for Redis to come back; the other commands give up. */
export interface ConnectOptions {
  /** Reconnect for as long as it takes after the first connection (a worker outliving a Redis restart). */
  readonly persistent: boolean
  /** Called with each connection problem after the first connection (reconnecting, lost). */
  readonly onProblem?: (text: string) => void
}

/**
 * Connect to the Redis server at `url`, waiting at most `CONNECT_TIMEOUT_MS`: an unreachable or wrong address is a
 * CorroborateError (`ERR_REDIS`) saying so, never a hang.
 */
export async function connectRedis(url: string, options: ConnectOptions): Promise<RedisClient> {
  let connected = false
  const started = Date.now()
  let lastError: unknown = null
  let client: RedisClient
  try {
    client = createClient({
      url,
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        // Before the first connection: retried until the deadline. After it: a worker waits for Redis to come back
        // (a restart, a fail-over), the other commands stop on the first loss.
        reconnectStrategy: (retries: number, cause: Error) => {
          lastError = cause
          if (!connected) return Date.now() - started >= CONNECT_TIMEOUT_MS ? cause : Math.min(100 * (retries + 1), 500)
          if (!options.persistent) return cause
          options.onProblem?.(`corroborate: lost Redis at ${url} (${cause.message}); reconnecting`)
          return Math.min(100 * (retries + 1), 2000)
        },
      },
    })
  } catch (error) {
    throw new CorroborateError('ERR_REDIS', `Expected \`--redis\` to be a Redis URL such as \`redis://host:6379\`, got \`${url}\`: ${(error as Error).message}`)
  }
  client.on('error', (error: Error) => {
    lastError = error
  })
  try {
    await client.connect()
    connected = true
    return client
  } catch (error) {
    await destroyQuietly(client)
    const why = (lastError as Error | null)?.message || (error as Error).message || String(error)
    throw new CorroborateError('ERR_REDIS', `Cannot reach Redis at \`${url}\` within ${CONNECT_TIMEOUT_MS / 1000} s: ${why}; start it, or pass its address with \`--redis URL\``)
  }
}

/** Close a client, whatever state it is in. */
export async function closeRedis(client: RedisClient): Promise<void> {
  await client.close().catch(() => destroyQuietly(client))
}

// A client that never connected throws from `destroy` ("The client is closed"): nothing is left to release then.
async function destroyQuietly(client: RedisClient): Promise<void> {
  try {
    await client.destroy()
  } catch {
    // Already closed.
  }
}

/** The BullMQ queue `name` on a connected client. */
export function openQueue(name: string, client: RedisClient): Queue {
  return new Queue(name, { connection: client, prefix: QUEUE_PREFIX })
}

/** A story's input as a job carries it: the bytes as base64, every other field as it is. */
export type WireSource = Omit<RawSource, 'bytes'> & { readonly base64: string }

/** What one story's job holds. */
export interface StoryJobData {
  /** The tool that enqueued it: a worker of another version refuses it. */
  readonly tool: ToolInfo
  /** The run's fingerprint: which settings, model and vectors the story is analysed with. */
  readonly run: string
  readonly storyId: string
  readonly folder: string
  readonly key: string
  /** JSON Lines and CSV corpora: the story's records themselves. */
  readonly sources?: readonly WireSource[]
  /** Folder corpora: where the story's article files are, on the file system the workers share. */
  readonly files?: readonly ArticleRef[]
  /** The outcome of the last try that failed, kept for `collect` once the tries are used up. */
  readonly failure?: JobOutcome
}

/** What a story's job gives back: its index row and its messages (as JSON). */
export interface JobOutcome {
  readonly row: IndexRow
  readonly messages: readonly Readonly<Record<string, unknown>>[]
}

/** What a run's stories are analysed with, stored once per fingerprint for the workers. */
export interface RunSettings {
  readonly tool: ToolInfo
  /** The story settings, the model aside (it is `model`). */
  readonly settings: Omit<StorySettings, 'tool' | 'model'>
  /** The model itself, or null for the shipped one. */
  readonly model: SimilarityModel | null
}

/** One story of a queued run, in story order: its job, or why it has none. */
export interface QueuedStory {
  readonly storyId: string
  readonly folder: string
  readonly key: string
  /** Its job's id, or null when it was unchanged when enqueued (its folder is kept) or could not be queued. */
  readonly jobId: string | null
  /** A story that could not be queued (its folder is another story's): its row and messages. */
  readonly outcome?: JobOutcome
}

/** What `enqueue` records of the run for `collect` and `status`, beside the list of its stories. */
export interface RunHeader {
  readonly tool: ToolInfo
  /** The run's fingerprint (see `RunSettings`). */
  readonly run: string
  /** The output folder, absolute: the one the workers share. */
  readonly out: string
  readonly excel: boolean
  /** Every setting as resolved, as run.json records it. */
  readonly options: Readonly<Record<string, unknown>>
  readonly inputs: readonly CorpusInput[]
  /** The corpus's messages (each story's own come with its job). */
  readonly messages: readonly Readonly<Record<string, unknown>>[]
  readonly stories: number
  /** The folders of the corpus's stories that `--story` left out: not stale, though not in the run. */
  readonly otherFolders: readonly string[]
  readonly unchanged: number
  readonly enqueuedAt: string
}

/** The Redis keys of a queue's run: its header, its stories (a list, in story order) and its settings by fingerprint. */
export function runKeys(queue: string): { header: string; stories: string; settings: string } {
  // Beside BullMQ's keys (`corroborate:<queue>:<job id>`), never among them: no job id starts with `run:`.
  const base = `${QUEUE_PREFIX}-run:${queue}`
  return { header: `${base}:header`, stories: `${base}:stories`, settings: `${base}:settings` }
}

/** The run header of a queue, or null when nothing was enqueued on it. */
export async function readHeader(client: RedisClient, queue: string): Promise<RunHeader | null> {
  const text = await client.get(runKeys(queue).header)
  return typeof text === 'string' ? (JSON.parse(text) as RunHeader) : null
}

/** The stories of a queue's run, read in slices of 1,000 so that no single answer grows with the corpus. */
export async function* queuedStories(client: RedisClient, queue: string): AsyncGenerator<QueuedStory> {
  const key = runKeys(queue).stories
  const slice = 1000
  for (let at = 0; ; at += slice) {
    const items = await client.lRange(key, at, at + slice - 1)
    for (const item of items) yield JSON.parse(item) as QueuedStory
    if (items.length < slice) return
  }
}

/** A story's input as a job carries it. */
export function toWire(source: RawSource): WireSource {
  const { bytes, ...rest } = source
  return { ...rest, base64: Buffer.from(bytes).toString('base64') }
}

/** A story's input from a job. */
export function fromWire(source: WireSource): RawSource {
  const { base64, ...rest } = source
  return { ...rest, bytes: new Uint8Array(Buffer.from(base64, 'base64')) }
}

/** A message as a job gives it back (its `toJSON`), made whole. */
export function messageFromJson(m: Readonly<Record<string, unknown>>): Message {
  const place: Record<string, unknown> = {}
  for (const field of ['file', 'line', 'article', 'begin', 'end']) if (m[field] !== null && m[field] !== undefined) place[field] = m[field]
  return new Message(m.severity as Message['severity'], m.reason as string, m.source as string, m.ruleId as string, place as Message['place'], (m.story as string | null) ?? null)
}

/** "the queue holds jobs of corroborate 0.2.0": the message when a run was enqueued by another version. */
export function otherVersion(found: ToolInfo, own: ToolInfo, queue: string): string {
  return `Expected the queue \`${queue}\` to hold jobs of ${own.name} ${own.version}, got jobs of ${found.name} ${found.version}; run this version's \`enqueue\` again (or use another \`--queue\`), or run workers of ${found.version}`
}
