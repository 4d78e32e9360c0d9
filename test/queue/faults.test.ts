// The job queue under faults, for real (a redis-server on loopback, workers as child processes): a worker SIGKILLed
// mid-story, Redis restarted mid-run, a story that fails every time, the same corpus enqueued twice, Redis
// unreachable, a queue of another tool version. Every wait polls with a bound; nothing sleeps for a set time.
import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Queue } from 'bullmq'
import { createClient } from 'redis'
import { main } from '../../pipeline/cli.js'
import { folderName } from '../../pipeline/folders.js'
import { QUEUE_PREFIX, runKeys } from '../../pipeline/queue.js'
import { tree } from '../helpers.js'
import { BUILT, run, type Run, runToEnd, startRedis, stopChildren, type TestRedis, until, withoutRunJson } from './redis.js'

const BASIL = path.join(__dirname, '..', '..', '..', 'shared', 'data', 'basil', 'basil.jsonl')
/** Stories of BASIL the fault tests run: enough for several per worker, few enough to be quick. */
const STORIES = 12
const quiet = { stdout: () => {}, stderr: () => {} }

let redis: TestRedis
let corpus: string
let expected: Record<string, string>
let storyIds: string[]

beforeAll(async () => {
  redis = await startRedis()
  // The first STORIES stories of BASIL, as a JSON Lines file of their own, and their single-machine reports.
  const lines = (await readFile(BASIL, 'utf8')).split('\n').filter((l) => l.trim() !== '')
  storyIds = [...new Set(lines.map((l) => JSON.parse(l).story as string))].sort().slice(0, STORIES)
  const kept = new Set(storyIds)
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-faults-'))
  corpus = path.join(dir, 'basil-part.jsonl')
  await writeFile(corpus, `${lines.filter((l) => kept.has(JSON.parse(l).story)).join('\n')}\n`)
  const out = path.join(dir, 'reference')
  expect(await main(['analyze', '--corpus', corpus, '--out', out, '--quiet'], quiet)).toBe(0)
  expected = withoutRunJson(await tree(out))
}, 120000)

afterAll(async () => {
  stopChildren()
  await redis?.stop()
})

/** A fresh output folder and the flags that name the queue `name`. */
async function setup(name: string): Promise<{ out: string; common: string[] }> {
  return { out: await mkdtemp(path.join(os.tmpdir(), `corroborate-${name}-`)), common: ['--redis', redis.url, '--queue', name] }
}

/** The counts of a queue, through a client of the test's own. */
async function counts(name: string): Promise<Record<string, number>> {
  const client = createClient({ url: redis.url })
  client.on('error', () => {})
  await client.connect()
  const queue = new Queue(name, { connection: client, prefix: QUEUE_PREFIX })
  try {
    return await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed')
  } finally {
    await queue.close()
    await client.close()
  }
}

/** What a worker said on stderr, as JSON events. */
function events(worker: Run): Record<string, unknown>[] {
  return worker
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}

// Short locks, so that a lost worker's story is taken again within a second or two.
const FAST_STALL = ['--lock-duration', '1500', '--stalled-interval', '500']

;(BUILT ? describe : describe.skip)('the job queue under faults', () => {
  it('finishes with identical reports when a worker is SIGKILLed mid-story', async () => {
    const { out, common } = await setup('kill')
    expect((await runToEnd(['enqueue', '--corpus', corpus, '--out', out, ...common, '--quiet'])).code).toBe(0)
    const victim = run(['worker', ...common, '--log-format', 'json', ...FAST_STALL])
    // Killed once it holds a story it has not finished: its job must be taken again by another worker.
    let story = ''
    await until('the first worker to start a story', () => {
      const started = events(victim).filter((e) => e.event === 'started')
      const finished = new Set(events(victim).filter((e) => e.event === 'progress').map((e) => e.story))
      const open = started.find((e) => !finished.has(e.story))
      story = (open?.story as string | undefined) ?? ''
      return open !== undefined
    })
    victim.child.kill('SIGKILL')
    await victim.exited
    const others = [1, 2, 3].map(() => run(['worker', ...common, '--until-empty', '--log-format', 'json', ...FAST_STALL]))
    expect(await Promise.all(others.map((w) => w.exited))).toEqual([0, 0, 0])
    expect(others.flatMap((w) => events(w).filter((e) => e.event === 'progress').map((e) => e.story))).toContain(story)
    expect((await runToEnd(['collect', ...common])).code).toBe(0)
    expect(withoutRunJson(await tree(out))).toEqual(expected)
  }, 180000)

  it('finishes with identical reports when Redis restarts mid-run, the workers reconnecting', async () => {
    const { out, common } = await setup('restart')
    expect((await runToEnd(['enqueue', '--corpus', corpus, '--out', out, ...common, '--quiet'])).code).toBe(0)
    const workers = [1, 2].map(() => run(['worker', ...common, '--until-empty', '--log-format', 'json', ...FAST_STALL]))
    await until('two stories done', async () => (await counts('restart')).completed! >= 2)
    const before = await counts('restart')
    await redis.restart()
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0])
    // The restart came with stories left, and the same workers (never restarted) did them.
    expect(before.waiting! + before.active!).toBeGreaterThan(0)
    expect((await counts('restart')).completed).toBe(STORIES)
    expect((await runToEnd(['collect', ...common])).code).toBe(0)
    expect(withoutRunJson(await tree(out))).toEqual(expected)
  }, 180000)

  it('marks a story that fails every time `failed` after its tries, and completes the rest', async () => {
    const { out, common } = await setup('failing')
    expect((await runToEnd(['enqueue', '--corpus', corpus, '--out', out, ...common, '--attempts', '2', '--retry-delay', '50', '--quiet'])).code).toBe(0)
    // A folder the tool did not write where one story's reports go: writing them fails on every try.
    const failing = storyIds[3]!
    await mkdir(path.join(out, folderName(failing)))
    await writeFile(path.join(out, folderName(failing), 'notes.txt'), 'mine')
    const workers = [1, 2].map(() => run(['worker', ...common, '--until-empty', '--log-format', 'json']))
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0])
    const tries = workers.flatMap((w) => events(w).filter((e) => e.event === 'failed' && e.story === failing).map((e) => `${e.attempt}/${e.attempts} ${e.final}`))
    expect(tries.sort()).toEqual(['1/2 false', '2/2 true'])
    expect(await counts('failing')).toEqual({ waiting: 0, active: 0, delayed: 0, completed: STORIES - 1, failed: 1 })
    const collected = await runToEnd(['collect', ...common])
    expect(collected.code).toBe(1)
    const files = await tree(out)
    const row = files['index.csv']!.split('\n').find((l) => l.startsWith(failing))!
    expect(row).toContain(',failed,')
    expect(JSON.parse(files['run.json']!).messages.filter((m: { ruleId: string }) => m.ruleId === 'foreign-folder').map((m: { story: string }) => m.story)).toEqual([failing])
    // Every other story's reports as analyze writes them.
    const others = Object.keys(expected).filter((name) => name.includes('/') && !name.startsWith(`${folderName(failing)}/`))
    expect(others.filter((name) => files[name] !== expected[name])).toEqual([])
  }, 180000)

  it('does no work twice when the same corpus is enqueued twice', async () => {
    const { out, common } = await setup('twice')
    const enqueue = ['enqueue', '--corpus', corpus, '--out', out, ...common]
    expect((await runToEnd(enqueue)).stderr).toContain(`${STORIES} jobs added, 0 already queued, 0 unchanged`)
    expect((await runToEnd(enqueue)).stderr).toContain(`0 jobs added, ${STORIES} already queued, 0 unchanged`)
    expect((await counts('twice')).waiting).toBe(STORIES)
    const workers = [1, 2, 3].map(() => run(['worker', ...common, '--until-empty', '--log-format', 'json']))
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0, 0])
    const analysed = workers.flatMap((w) => events(w).filter((e) => e.event === 'started').map((e) => e.story as string))
    expect(analysed.sort()).toEqual(storyIds)
    const written = await stat(path.join(out, folderName(storyIds[0]!), 'report.json'))
    // Once done, enqueueing again adds nothing, and a worker finds nothing to do.
    expect((await runToEnd(enqueue)).stderr).toContain(`0 jobs added, 0 already queued, ${STORIES} unchanged`)
    const idle = await runToEnd(['worker', ...common, '--until-empty'])
    expect(idle.stderr).toContain('worker done: 0 stories')
    expect((await stat(path.join(out, folderName(storyIds[0]!), 'report.json'))).mtimeMs).toBe(written.mtimeMs)
    expect((await runToEnd(['collect', ...common])).code).toBe(0)
    expect(withoutRunJson(await tree(out))).toEqual(expected)
  }, 180000)

  it('says so, within a bounded time, when Redis cannot be reached', async () => {
    const closed = `redis://127.0.0.1:${redis.port + 1}`
    const out = await mkdtemp(path.join(os.tmpdir(), 'corroborate-unreachable-'))
    for (const args of [['enqueue', '--corpus', corpus, '--out', out], ['worker'], ['collect'], ['status']]) {
      const { code, stderr } = await runToEnd([...args, '--redis', closed])
      expect({ args: args[0], code, stderr }).toEqual({ args: args[0], code: 2, stderr: expect.stringContaining(`corroborate: Cannot reach Redis at \`${closed}\` within 5 s:`) })
    }
  }, 60000)

  it('refuses a queue holding jobs of another tool version', async () => {
    const { out, common } = await setup('version')
    expect((await runToEnd(['enqueue', '--corpus', corpus, '--out', out, ...common, '--quiet'])).code).toBe(0)
    // As another version's enqueue would have left it.
    const client = createClient({ url: redis.url })
    await client.connect()
    const key = runKeys('version').header
    const header = JSON.parse((await client.get(key))!)
    await client.set(key, JSON.stringify({ ...header, tool: { name: 'corroborate', version: '0.0.1' } }))
    await client.close()
    const message = 'Expected the queue `version` to hold jobs of corroborate 0.1.0, got jobs of corroborate 0.0.1'
    for (const args of [['enqueue', '--corpus', corpus, '--out', out, ...common], ['worker', ...common, '--until-empty']]) {
      const result = await runToEnd(args)
      expect({ code: result.code, says: result.stderr.includes(message) }).toEqual({ code: 2, says: true })
    }
  }, 60000)
})
