// One run at a time per output folder: a lock file naming its holder, recovered when that run is gone.
import { hostname } from 'node:os'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { CorroborateError } from '../stages/messages.js'

/** The lock file in an output folder. */
export const LOCK_FILE = '.corroborate.lock'

interface Holder {
  readonly pid: number
  readonly host: string
  readonly started: string
}

/**
 * Take the output folder's lock. Another live run's lock is an error naming that run (code `ERR_LOCKED`); a lock
 * left by a run that is gone (a crash, a kill) is taken over, and `recovered` is that run's holder record.
 */
export async function acquireLock(outDir: string, started: Date): Promise<{ release: () => Promise<void>; recovered: Holder | null }> {
  await mkdir(outDir, { recursive: true })
  const file = path.join(outDir, LOCK_FILE)
  const me: Holder = { pid: process.pid, host: hostname(), started: started.toISOString() }
  let recovered: Holder | null = null
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, `${JSON.stringify(me)}\n`, { flag: 'wx' })
      return {
        recovered,
        release: async () => {
          const holder = await readHolder(file)
          if (holder && holder.pid === me.pid && holder.host === me.host) await rm(file, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = await readHolder(file)
    if (holder && holder.host === me.host && alive(holder.pid)) {
      throw new CorroborateError(
        'ERR_LOCKED',
        `Output folder \`${outDir}\` is in use by another corroborate run (pid ${holder.pid} on ${holder.host}, started ${holder.started}); wait for it to finish, or remove \`${file}\` if that run is gone`,
      )
    }
    // The holder is gone (or on another host and unreadable): the lock is stale.
    recovered = holder ?? { pid: 0, host: 'unknown', started: 'unknown' }
    await rm(file, { force: true })
  }
  throw new CorroborateError('ERR_LOCKED', `Cannot take the lock \`${file}\`: another run keeps taking it`)
}

async function readHolder(file: string): Promise<Holder | null> {
  try {
    const holder = JSON.parse(await readFile(file, 'utf8')) as Holder
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? holder : null
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
