// Writing reports so that a crash never leaves a half-written file or folder, nor replaces what the tool did not write.
import { randomBytes } from 'node:crypto'
import { renameSync } from 'node:fs'
import { lstat, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { CorroborateError } from '../core/messages.js'
import { STATE_FILE } from './folders.js'

/** `ENOSPC (no space left on device)`: an errno error's code and reason, without the path Node puts in its message. */
export function describeErrno(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  if (!e || typeof e.code !== 'string') return String((e as Error | undefined)?.message ?? error)
  const reason = /^[A-Z0-9_]+: ([^,]+)/.exec(e.message)?.[1] ?? e.message
  return `${e.code} (${reason})`
}

/** Whether `error` is a system error (an errno code such as `ENOSPC`, `EACCES`, `EROFS`). */
export function isErrno(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | null)?.code
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)
}

/**
 * A system error while doing `action` ("write \`run.json\`"), as an error with code `ERR_WRITE` and the message
 * "Cannot <action>: <errno> (<reason>)"; any other error is returned as it is.
 */
export function writeError(error: unknown, action: string): Error {
  if (!isErrno(error)) return error as Error
  return Object.assign(new CorroborateError('ERR_WRITE', `Cannot ${action}: ${describeErrno(error)}`), { errno: error.code, cause: error })
}

/**
 * Make the folder `dir` and any missing folder above it. Not `mkdir({ recursive: true })`: Node's retries it for
 * ever where the kernel keeps answering ENOENT (`--out /proc/x`); here each level is tried once.
 */
export async function ensureDir(dir: string): Promise<void> {
  try {
    await mkdir(dir)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST' && (await stat(dir).catch(() => null))?.isDirectory()) return
    const parent = path.dirname(dir)
    if (code !== 'ENOENT' || parent === dir) throw error
    await ensureDir(parent)
    await mkdir(dir)
  }
}

/** `.NAME.PID.HEX.tmp`: beside its file, hidden, and recognisable by `recoverOutput`. */
function tempName(name: string): string {
  return `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
}

/** Remove a temporary file or folder, as far as possible: a failure to clean must not hide the error being reported. */
async function discard(target: string): Promise<void> {
  await rm(target, { recursive: true, force: true }).catch(() => {})
}

/** Characters of a report encoded at a time: see `textChunks`. */
const CHUNK_CHARS = 1 << 20

/**
 * `text` in consecutive pieces of about a million characters, never cut between the two halves of a surrogate pair,
 * so that their UTF-8 encodings joined are the encoding of the whole. A story's report.json passes 90 MB at 1,000
 * articles: encoded whole (to write or hash it), each file would sit in memory a second time, all of them at once.
 */
export function* textChunks(text: string): Generator<string> {
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + CHUNK_CHARS)
    const last = text.charCodeAt(end - 1)
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--
    yield text.slice(at, end)
    at = end
  }
}

/**
 * What a file is written from: text, bytes (a workbook), or text made piece by piece as it is written (a run-wide
 * table stacked from every story's, which never sits in memory whole).
 */
export type FileContent = string | Uint8Array | AsyncIterable<string>

/** Write `content` to a new temporary file `temp`, flushed; removed again if anything fails. */
async function writeTemp(temp: string, content: FileContent): Promise<void> {
  let handle
  try {
    handle = await open(temp, 'wx')
    // Piece by piece (each appended where the last ended): memory stays bounded whatever the file's size.
    if (typeof content === 'string') for (const chunk of textChunks(content)) await handle.writeFile(chunk, 'utf8')
    else if (content instanceof Uint8Array) await handle.writeFile(content)
    else for await (const chunk of content) await handle.writeFile(chunk, 'utf8')
    await handle.sync()
    await handle.close()
  } catch (error) {
    await handle?.close().catch(() => {})
    await discard(temp)
    throw error
  }
}

/**
 * Write `content` to `file` whole or not at all: a temporary file in the same folder, flushed, then renamed. A
 * system error (disk full, read-only) is thrown as `ERR_WRITE` naming `file`, and no temporary file is left.
 */
export async function writeFileAtomic(file: string, content: FileContent): Promise<void> {
  await writeFilesAtomic(path.dirname(file), new Map([[path.basename(file), content]]))
}

/**
 * Write several files of one folder together: every temporary file is written and flushed first, and only then are
 * they renamed into place, so a failure while writing (a full disk) leaves every old file as it was.
 */
export async function writeFilesAtomic(dir: string, files: ReadonlyMap<string, FileContent>): Promise<void> {
  const temps: [string, string][] = []
  let current = dir
  try {
    await ensureDir(dir)
    for (const [name, content] of files) {
      current = path.join(dir, name)
      const temp = path.join(dir, tempName(name))
      await writeTemp(temp, content)
      temps.push([temp, current])
    }
    for (const [temp, target] of temps.splice(0)) {
      current = target
      try {
        await rename(temp, target)
      } catch (error) {
        await discard(temp)
        throw error
      }
    }
  } catch (error) {
    for (const [temp] of temps) await discard(temp)
    throw writeError(error, `write \`${current}\``)
  }
}

/**
 * Replace the folder `outDir/name` by one holding exactly `files`: the new folder is written beside it under a
 * temporary name, then swapped in by renames, so readers see the old reports or the new ones, never a mix. An
 * existing `outDir/name` is replaced only when it is a folder the tool wrote (it holds the state file); anything
 * else is left as it is and the call fails with `ERR_NOT_OURS`.
 */
export async function writeFolderAtomic(outDir: string, name: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  const target = path.join(outDir, name)
  const existing = await lstat(target).catch(() => null)
  if (existing && !(existing.isDirectory() && (await lstat(path.join(target, STATE_FILE)).catch(() => null))?.isFile())) {
    const kind = existing.isDirectory() ? 'a folder without it' : existing.isSymbolicLink() ? 'a symbolic link' : 'a file'
    throw new CorroborateError('ERR_NOT_OURS', `Expected \`${target}\` to be a report folder corroborate wrote (with \`${STATE_FILE}\`), got ${kind}; left as it is and no report written`)
  }
  const suffix = `${process.pid}.${randomBytes(4).toString('hex')}`
  const temp = path.join(outDir, `.${name}.new.${suffix}`)
  const old = path.join(outDir, `.${name}.old.${suffix}`)
  let movedAside = false
  try {
    await mkdir(temp)
    // All at once, so that the file system can commit their flushes together; every write is awaited before the
    // temporary folder is removed on failure, so none recreates it afterwards.
    const results = await Promise.allSettled([...files].map(([file, content]) => writeFileAtomic(path.join(temp, file), content)))
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    if (failed) throw failed.reason
    // The two renames back to back, with no turn of the event loop between them: the story's name is without a
    // folder only for the time of one system call, not for as long as the thread pool takes to answer twice (a
    // run killed in that gap left the name empty until the next run restored it).
    if (existing) {
      renameSync(target, old)
      movedAside = true
    }
    renameSync(temp, target)
    movedAside = false
  } catch (error) {
    // Put the old reports back where they were: the story keeps its previous reports whole.
    if (movedAside) await rename(old, target).catch(() => {})
    await discard(temp)
    // A file that could not be written is named by its folder: the temporary one means nothing to the user.
    const cause = (error as { code?: string; cause?: unknown }).code === 'ERR_WRITE' ? (error as { cause: unknown }).cause : error
    throw writeError(cause, `write the reports into \`${target}\``)
  }
  // The old reports are gone from view; a failure to delete them is tidied by the next run (`recoverOutput`).
  if (existing) await discardAside(old)
}

/**
 * Remove a story folder moved aside, its state file last: a run killed while removing it leaves a folder that still
 * holds the state file (so the next run knows it for its own and finishes the job) or an empty one.
 */
async function discardAside(folder: string): Promise<void> {
  const entries = await readdir(folder).catch(() => [] as string[])
  await Promise.all(entries.filter((e) => e !== STATE_FILE).map((e) => discard(path.join(folder, e))))
  await discard(folder)
}

const OLD = /^\.(.+)\.old\.\d+\.[0-9a-f]{8}$/
const NEW = /^\..+\.new\.\d+\.[0-9a-f]{8}$/
const TMP = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/

/**
 * Finish what a killed run left: a story folder moved aside (`.name.old.*`, holding the state file) with no folder
 * in its place is moved back; unfinished temporary folders and files are removed. Returns the restored names. Each
 * leftover is tidied as far as possible: one that cannot be removed (an immutable folder) is left for a later run
 * and stops nothing.
 */
export async function recoverOutput(outDir: string): Promise<string[]> {
  const recovered: string[] = []
  let names: string[]
  try {
    names = await readdir(outDir)
  } catch {
    return recovered
  }
  for (const name of names.sort()) {
    const full = path.join(outDir, name)
    const old = OLD.exec(name)
    if (old) {
      const target = path.join(outDir, old[1]!)
      const ours = (await lstat(path.join(full, STATE_FILE)).catch(() => null))?.isFile() === true
      // Empty: the last step of removing one was cut short (the state file goes last, see `discardAside`).
      const empty = !ours && (await readdir(full).catch(() => null))?.length === 0
      if (!ours && !empty) continue
      if (empty || (await lstat(target).catch(() => null))) await discard(full)
      else if (await rename(full, target).then(() => true, () => false)) recovered.push(old[1]!)
    } else if (NEW.test(name) || TMP.test(name)) await discard(full)
  }
  return recovered
}
