// The batch on the job queue, for real: a redis-server on loopback, `enqueue`, three `worker` processes and
// `collect` give the story folders and run-level files of a single-machine `analyze`, byte for byte (run.json aside).
import { mkdtemp, readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { main } from '../../pipeline/cli.js'
import { tree } from '../helpers.js'
import { BUILT, run, runToEnd, startRedis, stopChildren, type TestRedis, withoutRunJson } from './redis.js'

const ROOT = path.join(__dirname, '..', '..')
const SAMPLE = path.join(ROOT, 'corpus')
const BASIL = path.join(ROOT, '..', 'shared', 'data', 'basil', 'basil.jsonl')
const quiet = { stdout: () => {}, stderr: () => {} }

let redis: TestRedis
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  stopChildren()
  await redis?.stop()
})

/** A single-machine `analyze` of `corpus`: its output tree. */
async function analyzed(corpus: string): Promise<Record<string, string>> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'corroborate-queue-ref-'))
  expect(await main(['analyze', '--corpus', corpus, '--out', out, '--quiet'], quiet)).toBe(0)
  return tree(out)
}

/** `enqueue`, `workers` worker processes until the queue is empty, then `collect`: the output folder. */
async function queued(corpus: string, queue: string, workers: number): Promise<string> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'corroborate-queue-out-'))
  const common = ['--redis', redis.url, '--queue', queue]
  const enqueued = await runToEnd(['enqueue', '--corpus', corpus, '--out', out, ...common, '--quiet'])
  expect(enqueued).toEqual({ code: 0, stderr: expect.stringMatching(/jobs? added/) })
  const started = Array.from({ length: workers }, () => run(['worker', ...common, '--until-empty', '--quiet']))
  expect(await Promise.all(started.map((w) => w.exited))).toEqual(started.map(() => 0))
  const collected = await runToEnd(['collect', ...common])
  expect(collected.code).toBe(0)
  return out
}

;(BUILT ? describe : describe.skip)('a run on the job queue', () => {
  it('gives the sample corpus the reports of a single-machine analyze, byte for byte', async () => {
    const out = await queued(SAMPLE, 'sample', 3)
    expect(withoutRunJson(await tree(out))).toEqual(withoutRunJson(await analyzed(SAMPLE)))
  })

  // All of BASIL (100 stories): about 30 s on two shared cores, the single-machine run included.
  it('gives BASIL the reports of a single-machine analyze, byte for byte', async () => {
    const out = await queued(BASIL, 'basil', 3)
    const got = withoutRunJson(await tree(out))
    const want = withoutRunJson(await analyzed(BASIL))
    expect(Object.keys(got).length).toBe(Object.keys(want).length)
    // Compared by file, so that a failure names the files that differ rather than printing 100 folders.
    expect(Object.keys(want).filter((name) => got[name] !== want[name])).toEqual([])
  }, 240000)

  it('enqueues JSON Lines read from stdin (`--corpus -`), giving the reports of `analyze --corpus -`', async () => {
    // Two BASIL stories, piped in: the jobs carry their records, so the workers need no copy of stdin.
    const lines = (await readFile(BASIL, 'utf8')).split('\n').filter((line) => line.trim() !== '')
    const stories = [...new Set(lines.map((line) => (JSON.parse(line) as { story: string }).story))].slice(0, 2)
    const jsonl = `${lines.filter((line) => stories.includes((JSON.parse(line) as { story: string }).story)).join('\n')}\n`
    const ref = await mkdtemp(path.join(os.tmpdir(), 'corroborate-queue-ref-'))
    expect(await main(['analyze', '--corpus', '-', '--out', ref, '--quiet'], { ...quiet, stdin: Readable.from([jsonl]) })).toBe(0)
    const out = await mkdtemp(path.join(os.tmpdir(), 'corroborate-queue-out-'))
    const common = ['--redis', redis.url, '--queue', 'stdin']
    const err: string[] = []
    const code = await main(['enqueue', '--corpus', '-', '--out', out, ...common, '--quiet'], { stdout: () => {}, stderr: (s) => err.push(s), stdin: Readable.from([jsonl]) })
    expect({ code, stderr: err.join('') }).toEqual({ code: 0, stderr: expect.stringMatching(/2 jobs added/) })
    expect(await run(['worker', ...common, '--until-empty', '--quiet']).exited).toBe(0)
    expect((await runToEnd(['collect', ...common])).code).toBe(0)
    const files = await tree(out)
    expect({ stories: Object.keys(files).filter((name) => name.endsWith('/report.json')).length, inputs: JSON.parse(files['run.json']!).inputs.map((i: { file: string }) => i.file) }).toEqual({ stories: 2, inputs: ['<stdin>'] })
    expect(withoutRunJson(files)).toEqual(withoutRunJson(await tree(ref)))
  })

  it('refuses `enqueue --corpus -` with a terminal on stdin: nothing was piped in', async () => {
    const err: string[] = []
    const terminal = Object.assign(Readable.from([]), { isTTY: true })
    expect(await main(['enqueue', '--corpus', '-', '--redis', redis.url, '--queue', 'tty'], { stdout: () => {}, stderr: (s) => err.push(s), stdin: terminal })).toBe(2)
    expect(err.join('')).toMatch(/^corroborate: Expected JSON Lines on stdin with `--corpus -`, got a terminal; pipe them in: `corroborate enqueue --corpus - < articles.jsonl`/)
  })

  it('records the queue and every count in run.json', async () => {
    const out = await queued(SAMPLE, 'record', 2)
    const record = JSON.parse((await tree(out))['run.json']!)
    expect({ tool: record.tool.name, counts: record.counts, queue: record.options.queue }).toEqual({
      tool: 'corroborate',
      counts: { stories: 2, storiesOk: 2, storiesUnchanged: 0, storiesNotInCorpus: 0, articles: 8, statements: 28, fatal: 0, warnings: 0, info: expect.any(Number) },
      queue: 'record',
    })
  })
})
