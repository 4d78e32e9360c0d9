// A real redis-server for the job-queue tests: on a free loopback port, its data in a temporary folder, stopped in
// afterAll; and the CLI's commands as child processes of bin/corroborate.js, watched without sleeping.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createClient } from 'redis'
import { loopbackPort } from '../../bench/queue.js'

export const BIN = path.join(__dirname, '..', '..', 'bin', 'corroborate.js')

/** Whether the built code the bin runs is there (`make test` builds first). */
export const BUILT = existsSync(path.join(__dirname, '..', '..', 'dist', 'pipeline', 'cli.js'))

/** A running redis-server of the tests. */
export interface TestRedis {
  readonly port: number
  readonly url: string
  readonly dir: string
  /** Stop it, saving its data into its folder, and start it again on the same port with that data. */
  restart(): Promise<void>
  stop(): Promise<void>
}

/** The path of redis-server, or an error saying how to get it: the queue tests must not pass without one. */
function redisServer(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim()
  } catch {
    throw new Error('Expected `redis-server` on PATH for the job-queue tests, got none: install it (`apt-get install redis-server`; `.ci/run` does)')
  }
}

/** Poll `check` until it resolves to true, at most `timeoutMs`; throws `what` when it never does. */
export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await Promise.resolve().then(check).catch(() => false)) return
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Start a redis-server on a free loopback port, no snapshots of its own, its folder a temporary one. */
export async function startRedis(): Promise<TestRedis> {
  const binary = redisServer()
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-redis-'))
  const port = await loopbackPort()
  const url = `redis://127.0.0.1:${port}`
  let child: ChildProcess | null = null
  const launch = async () => {
    child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' })
    await until(`redis-server on port ${port}`, () => ping(url), 10000)
  }
  await launch()
  return {
    port,
    url,
    dir,
    async restart() {
      // SHUTDOWN SAVE writes the data into `dir` however `--save` is set, and the new server loads it.
      const exited = new Promise((resolve) => child!.once('exit', resolve))
      const client = createClient({ url, socket: { reconnectStrategy: false } })
      // The server closes the connection as it goes: expected, not an error of the test.
      client.on('error', () => {})
      await client.connect()
      await client.sendCommand(['SHUTDOWN', 'SAVE']).catch(() => {})
      await exited
      await Promise.resolve()
        .then(() => client.destroy())
        .catch(() => {})
      await launch()
    },
    async stop() {
      const running = child as ChildProcess | null
      if (running && running.exitCode === null) {
        const exited = new Promise((resolve) => running.once('exit', resolve))
        running.kill('SIGKILL')
        await exited
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}

async function ping(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 1000 } })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.ping()
    return true
  } catch {
    return false
  } finally {
    await Promise.resolve(client.destroy()).catch(() => {})
  }
}

/** A command of the CLI as a child process: its exit code, its stderr so far, and a way to wait for a line. */
export interface Run {
  readonly child: ChildProcess
  readonly exited: Promise<number | null>
  stderr(): string
}

/** The children still running, so that a failed test leaves no worker behind (see `stopChildren`). */
const children = new Set<ChildProcess>()

/** SIGKILL every child process `run` started that is still running. */
export function stopChildren(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  children.clear()
}

/** `node bin/corroborate.js ARGS` as a child process. */
export function run(args: readonly string[]): Run {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  child.once('exit', () => children.delete(child))
  let err = ''
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
  child.stdout!.on('data', () => {})
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, exited, stderr: () => err }
}

/** Run a command to its end; resolves to its exit code and stderr. */
export async function runToEnd(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const r = run(args)
  const code = await r.exited
  return { code, stderr: r.stderr() }
}

/** A tree of files without run.json: what a queued run and `analyze` must give byte for byte. */
export function withoutRunJson(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([name]) => name !== 'run.json'))
}
