// One run at a time per output folder: a lock file naming its holder, kept fresh by a heartbeat, and taken over only
// when its holder is provably gone.
import { randomBytes } from 'node:crypto'
import { readFileSync, rmSync } from 'node:fs'
import { link, lstat, open, rm, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import path from 'node:path'
import { CorroborateError, quoteValue } from '../core/messages.js'
import { LOCK_FILE } from './folders.js'
import { ensureDir, writeError } from './write.js'

export { LOCK_FILE } from './folders.js'

/** How often the holder refreshes its lock (the file's modification time): every minute. */
export const HEARTBEAT_MS = 60 * 1000

/** A lock not refreshed for this long is stale when its holder cannot be checked directly: 10 minutes. */
export const STALE_MS = 10 * 60 * 1000

/** What the lock file records about the run that holds it. */
export interface Holder {
  readonly pid: number
  readonly host: string
  /** When the run started (ISO 8601). */
  readonly started: string
  /** The process's start time on its host (Linux: clock ticks since boot, `/proc/PID/stat` field 22), or null. */
  readonly procStart?: string | null
  /** The host's boot id (Linux: `/proc/sys/kernel/random/boot_id`), or null: a pid means nothing across a reboot. */
  readonly boot?: string | null
  /** A random token, so that a run removes or refreshes only its own lock. */
  readonly token?: string
}

/** A lock that was taken over: its holder (null when it was unreadable) and why it was judged stale. */
export interface Recovered {
  readonly holder: Holder | null
  /** Completes "Took over the lock left by …". */
  readonly why: string
}

/** A held lock. */
export interface Lock {
  /** The stale lock this one replaced, or null. */
  readonly recovered: Recovered | null
  /** Refresh the lock's heartbeat now (a timer does it every `HEARTBEAT_MS`). */
  readonly beat: () => Promise<void>
  /** Stop the heartbeat and remove the lock if it is still this run's; never throws. */
  readonly release: () => Promise<void>
}

/**
 * Take the output folder's lock (creating the folder). A lock is live, and the call fails with `ERR_LOCKED` naming
 * its holder, unless it is provably stale: on this host, its process is gone, or the pid now belongs to a process
 * started at another time, or the machine restarted since; on another host (a shared folder), its heartbeat is
 * older than `STALE_MS`; on this host without process start times (not Linux, an older lock), likewise. A malformed
 * lock is stale once `STALE_MS` old and refused before; a lock that is a folder (or anything but a file) is refused.
 * A stale lock is taken over and returned as `recovered`.
 */
export async function acquireLock(outDir: string, started: Date): Promise<Lock> {
  try {
    await ensureDir(outDir)
  } catch (error) {
    throw writeError(error, `create the output folder \`${outDir}\``)
  }
  const file = path.join(outDir, LOCK_FILE)
  const me: Holder = { pid: process.pid, host: hostname(), started: started.toISOString(), procStart: processStart(process.pid), boot: bootId(), token: randomBytes(8).toString('hex') }
  let recovered: Recovered | null = null
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await create(file, `${JSON.stringify(me)}\n`)) return held(file, me.token!, recovered)
    const verdict = await judge(file, me)
    if (verdict.kind === 'missing') continue
    if (verdict.kind === 'refused') throw new CorroborateError('ERR_LOCKED', verdict.message)
    recovered = { holder: verdict.holder, why: verdict.why }
    await rm(file, { force: true }).catch((error: unknown) => {
      throw writeError(error, `write into the output folder \`${path.dirname(file)}\` (removing the stale lock \`${LOCK_FILE}\`)`)
    })
  }
  throw new CorroborateError('ERR_LOCKED', `Cannot take the lock \`${file}\`: another run keeps taking it`)
}

/** Create the lock file with its whole content at once (a temporary file hard-linked into place), or false if it exists. */
async function create(file: string, content: string): Promise<boolean> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(temp, content, { flag: 'wx' })
    try {
      await link(temp, file)
      return true
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // EEXIST: a lock is there. ENOENT: the temporary file was tidied away by the run that holds the lock.
      if (code === 'EEXIST' || code === 'ENOENT') return false
      // File systems without hard links (some network and FAT shares): create exclusively instead.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error
      try {
        await writeFile(file, content, { flag: 'wx' })
        return true
      } catch (fallback) {
        if ((fallback as NodeJS.ErrnoException).code === 'EEXIST') return false
        await rm(file, { force: true }).catch(() => {})
        throw fallback
      }
    }
  } catch (error) {
    throw writeError(error, `write into the output folder \`${path.dirname(file)}\` (taking its lock \`${LOCK_FILE}\`)`)
  } finally {
    await rm(temp, { force: true }).catch(() => {})
  }
}

type Verdict = { kind: 'missing' } | { kind: 'refused'; message: string } | { kind: 'stale'; holder: Holder | null; why: string }

async function judge(file: string, me: Holder): Promise<Verdict> {
  const info = await lstat(file).catch(() => null)
  if (!info) return { kind: 'missing' }
  const remove = `remove it if no corroborate run is using this output folder`
  if (!info.isFile()) {
    const kind = info.isDirectory() ? 'a folder' : info.isSymbolicLink() ? 'a symbolic link' : 'a special file'
    return { kind: 'refused', message: `Expected the lock \`${file}\` to be a file, got ${kind}; ${remove}` }
  }
  const text = await readStart(file)
  const age = Date.now() - info.mtimeMs
  const minutes = `${Math.floor(age / 60000)} minutes`
  const holder = parseHolder(text)
  if (!holder) {
    if (age >= STALE_MS) return { kind: 'stale', holder: null, why: `a malformed lock not refreshed for ${minutes}` }
    return {
      kind: 'refused',
      message:
        `Unexpected lock \`${file}\`: expected a JSON record with a positive integer \`pid\` and a \`host\`, got ${quoteValue(text.trim())}; ` +
        `it is taken over once not refreshed for ${STALE_MS / 60000} minutes, or ${remove}`,
    }
  }
  const who = `pid ${holder.pid} on ${holder.host}, started ${holder.started}`
  if (holder.host !== me.host) {
    if (age >= STALE_MS) return { kind: 'stale', holder, why: `a run on another host that has not refreshed it for ${minutes} (${who})` }
    return {
      kind: 'refused',
      message:
        `Output folder \`${path.dirname(file)}\` is in use by a corroborate run on another host (${who}; refreshed ${Math.max(0, Math.round(age / 1000))} s ago); ` +
        `wait for it to finish: a lock from another host is taken over once not refreshed for ${STALE_MS / 60000} minutes`,
    }
  }
  const live: Verdict = {
    kind: 'refused',
    message: `Output folder \`${path.dirname(file)}\` is in use by another corroborate run (${who}); wait for it to finish, or remove \`${file}\` if that run is gone`,
  }
  if (holder.boot && me.boot && holder.boot !== me.boot) return { kind: 'stale', holder, why: `a run from before the machine restarted (${who})` }
  if (!alive(holder.pid)) return { kind: 'stale', holder, why: `a run that is gone (${who})` }
  const actual = processStart(holder.pid)
  if (holder.procStart && actual) return holder.procStart === actual ? live : { kind: 'stale', holder, why: `a run that is gone, its pid now used by another process (${who})` }
  // No start time to compare (not Linux, or a lock from an older version): the heartbeat decides.
  if (age >= STALE_MS) return { kind: 'stale', holder, why: `a run whose pid is in use but that has not refreshed it for ${minutes} (${who})` }
  return live
}

/** The lock file's first 4 KB: a lock is small, and a huge file must not be read whole. */
async function readStart(file: string): Promise<string> {
  try {
    const handle = await open(file, 'r')
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0)
      return buffer.subarray(0, bytesRead).toString('utf8')
    } finally {
      await handle.close()
    }
  } catch {
    return ''
  }
}

function parseHolder(text: string): Holder | null {
  try {
    const h = JSON.parse(text) as Partial<Holder> | null
    if (!h || !Number.isSafeInteger(h.pid) || h.pid! <= 0 || typeof h.host !== 'string' || h.host === '') return null
    return {
      pid: h.pid!,
      host: h.host,
      started: typeof h.started === 'string' ? h.started : 'unknown',
      procStart: typeof h.procStart === 'string' ? h.procStart : null,
      boot: typeof h.boot === 'string' ? h.boot : null,
      token: typeof h.token === 'string' ? h.token : undefined,
    }
  } catch {
    return null
  }
}

function held(file: string, token: string, recovered: Recovered | null): Lock {
  const ours = (): boolean => {
    try {
      return parseHolder(readFileSync(file, 'utf8'))?.token === token
    } catch {
      return false
    }
  }
  const beat = async (): Promise<void> => {
    if (!ours()) return
    const now = new Date()
    await utimes(file, now, now).catch(() => {})
  }
  // A run that ends by `process.exit` (a second Ctrl-C) still removes its lock.
  const onExit = () => {
    if (ours()) rmSync(file, { force: true })
  }
  process.on('exit', onExit)
  const timer = setInterval(() => void beat(), HEARTBEAT_MS)
  // The heartbeat never keeps the process alive on its own.
  timer.unref()
  return {
    recovered,
    beat,
    release: async () => {
      clearInterval(timer)
      process.off('exit', onExit)
      try {
        if (ours()) await rm(file, { force: true })
      } catch {
        // Left behind, it is stale (its process is gone) and the next run takes it over.
      }
    },
  }
}

/** A process's start time on this host (Linux), or null when it cannot be read. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // "pid (comm) state ppid …": the command may hold spaces and parentheses, so fields are counted after the last ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // Field 22 (starttime); fields[0] is field 3 (state).
    const start = fields[19]
    return start && /^\d+$/.test(start) ? start : null
  } catch {
    return null
  }
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null
  } catch {
    return null
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
