// `make bench`, the job queue: BASIL through `enqueue`, 1 and 2 `worker` processes and `collect` on a redis-server
// of its own (loopback, a temporary folder), against `analyze --concurrency 1` on the same machine: the queue's
// overhead per story. `node dist/bench/queue.js` runs this part alone.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

const root = path.join(__dirname, '..', '..')
const bin = path.join(root, 'bin', 'corroborate.js')
const env = { ...process.env, DOTENV_CONFIG_QUIET: 'true' }

/** Milliseconds of a child process run to its end; throws when it fails. */
function timed(args: readonly string[]): number {
  const start = process.hrtime.bigint()
  execFileSync(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'ignore', 'ignore'] })
  return Number(process.hrtime.bigint() - start) / 1e6
}

/** A free loopback port, found by binding port 0 (the queue tests' redis-server takes one too). */
export async function loopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** `enqueue`, `workers` worker processes at once until the queue is empty, then `collect`: the wall time. */
async function timeQueue(corpus: string, url: string, queue: string, workers: number): Promise<number> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'corroborate-bench-queue-'))
  const common = ['--redis', url, '--queue', queue]
  const start = process.hrtime.bigint()
  timed(['enqueue', '--corpus', corpus, '--out', out, ...common, '--quiet'])
  const exits = Array.from({ length: workers }, () => {
    const child = spawn(process.execPath, [bin, 'worker', ...common, '--until-empty', '--quiet'], { env, stdio: 'ignore' })
    return new Promise<number | null>((resolve) => child.once('exit', resolve))
  })
  const codes = await Promise.all(exits)
  if (codes.some((c) => c !== 0)) throw new Error(`Expected every worker to exit 0, got ${codes.join(', ')}`)
  timed(['collect', ...common])
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  rmSync(out, { recursive: true, force: true })
  return ms
}

/**
 * BASIL through the queue with 1 and 2 workers against `analyze --concurrency 1`, each figure `add`ed; nothing when
 * redis-server is missing (said on `log`).
 */
export async function queueFigures(basil: string, add: (figure: string, value: string, note?: string) => void, log: (line: string) => void): Promise<void> {
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) {
    log('bench: no redis-server on PATH: the job-queue figures are left out')
    return
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-bench-redis-'))
  const port = await loopbackPort()
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' })
  const url = `redis://127.0.0.1:${port}`
  try {
    // Ready once it answers: `status` waits for it (a bounded connect).
    timed(['status', '--redis', url])
    const stories = 100
    const analyzeOut = mkdtempSync(path.join(os.tmpdir(), 'corroborate-bench-analyze-'))
    const alone = timed(['analyze', '--corpus', basil, '--out', path.join(analyzeOut, 'out'), '--quiet', '--concurrency', '1'])
    rmSync(analyzeOut, { recursive: true, force: true })
    log(`bench: BASIL analyze --concurrency 1: ${Math.round(alone)} ms`)
    const one = await timeQueue(basil, url, 'bench-1', 1)
    log(`bench: BASIL through the queue, 1 worker: ${Math.round(one)} ms`)
    const two = await timeQueue(basil, url, 'bench-2', 2)
    log(`bench: BASIL through the queue, 2 workers: ${Math.round(two)} ms`)
    add('BASIL batch, analyze --concurrency 1 (queue baseline)', `${Math.round(alone)} ms`, 'one process, same machine')
    add('BASIL batch through the queue, 1 worker', `${Math.round(one)} ms`, `enqueue + worker + collect; overhead ${Math.round((one - alone) / stories)} ms per story over analyze`)
    add('BASIL batch through the queue, 2 workers', `${Math.round(two)} ms`, `×${(one / two).toFixed(2)} of 1 worker, on ${os.availableParallelism()} cores`)
  } finally {
    server.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
}

if (require.main === module) {
  const basil = path.join(root, '..', 'shared', 'data', 'basil', 'basil.jsonl')
  if (!existsSync(basil)) throw new Error(`Expected BASIL at ${basil}`)
  void queueFigures(basil, (figure, value, note) => process.stdout.write(`${figure}: ${value}${note ? ` (${note})` : ''}\n`), (line) => process.stderr.write(`${line}\n`))
}
