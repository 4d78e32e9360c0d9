// The output folder's namespace: run-level file names, story folder names, and where an output folder may be.
import { createHash } from 'node:crypto'
import type { Stats } from 'node:fs'
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { CorroborateError } from '../core/messages.js'

/** The file in each story folder that records what its reports were made from; a folder without it is not the tool's. */
export const STATE_FILE = '.corroborate.json'

/** The lock file in an output folder. */
export const LOCK_FILE = '.corroborate.lock'

/**
 * Every name the tool writes (or will write) at the top of an output folder, besides story folders: one list, so
 * that story folder naming can keep out of it. Temporary names (`.NAME.PID.HEX.tmp`, `.NAME.new.PID.HEX`,
 * `.NAME.old.PID.HEX`) start with a dot, which no story folder does.
 */
export const RUN_FILES: readonly string[] = [
  'index.csv',
  'terms.csv',
  'run.json',
  'index.html',
  'report.xlsx',
  'statements.csv',
  'alignments.csv',
  'conflicts.csv',
  'omissions.csv',
  'framing.csv',
  'outlet_pairs.csv',
  '.pruned',
  LOCK_FILE,
]

const RUN_NAMES = new Set(RUN_FILES.map((name) => name.toLowerCase()))

/** The temporary names the tool writes beside a file or folder while replacing it. */
export const TEMP_NAME = /^\..+\.(\d+\.[0-9a-f]{8}\.tmp|new\.\d+\.[0-9a-f]{8}|old\.\d+\.[0-9a-f]{8})$/

// Hidden entries an output folder may hold before the first run: version control and desktop markers.
const MARKERS = new Set(['.git', '.gitkeep', '.gitignore', '.keep', '.ds_store'])

/** Most UTF-8 bytes of a story folder name: file systems allow 255 (eCryptfs 143), and temporary names add about 25. */
export const FOLDER_BYTES = 120

// Names Windows keeps for devices, with or without an extension.
const DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i
// "terms.csv", "notes.v2", "story.": anything a file system or a person could take for a file name.
const EXTENSION_LIKE = /\.[\p{L}\p{N}]{0,10}$/u
// What the hash suffix looks like: a name that already ends so gets its own, so plain and suffixed names never meet.
const SUFFIX_LIKE = /-[0-9a-f]{8}$/

/**
 * The folder of a story under the output folder, derived from its id alone, so it is the same in every run
 * whatever other stories exist. An id that is already a safe lower-case ASCII name (`a-z`, `0-9`, `.`, `_`, `-`; no
 * leading dot; not a run-level name, no extension-like ending, at most 120 bytes) is its own folder name. Any other
 * id is made safe (other characters become `_`, cut at 120 UTF-8 bytes on a character boundary) and gets `-` and the
 * first 8 hex digits of the SHA-256 of the id, so that `story` and `Story`, or `tide mill` and `tide_mill`, never
 * share a folder, not even on a case-insensitive file system.
 */
export function folderName(id: string): string {
  let base = id.normalize('NFC').replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^[.]+/, '_')
  if (base === '' || base === '_') base = 'story'
  const plain =
    base === id &&
    // Lower-case ASCII only: a file system may fold case and Unicode ("ß" and "ss", "K" and the Kelvin sign).
    /^[a-z0-9._-]+$/.test(base) &&
    !RUN_NAMES.has(base) &&
    !DEVICE.test(base) &&
    !EXTENSION_LIKE.test(base) &&
    !SUFFIX_LIKE.test(base) &&
    Buffer.byteLength(base, 'utf8') <= FOLDER_BYTES
  if (plain) return base
  const suffix = `-${idHash(id)}`
  return `${cutBytes(base, FOLDER_BYTES - suffix.length)}${suffix}`
}

/** Two folder names the file system may take for one: case and Unicode normalisation aside. */
export function sameFolderKey(name: string): string {
  return name.normalize('NFC').toLowerCase()
}

/** The first 8 hex digits of the SHA-256 of the id's UTF-16 code units (so that lone surrogates still differ). */
function idHash(id: string): string {
  return createHash('sha256').update(Buffer.from(id, 'utf16le')).digest('hex').slice(0, 8)
}

/** The longest prefix of `text` of at most `bytes` UTF-8 bytes that ends on a character (code point) boundary. */
export function cutBytes(text: string, bytes: number): string {
  let used = 0
  let end = 0
  // for...of walks code points, so a surrogate pair is never split.
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8')
    if (used + size > bytes) break
    used += size
    end += char.length
  }
  return text.slice(0, end)
}

/** A file system object's identity: the same folder under two spellings, links or letter cases has one. */
interface Identity {
  readonly dev: number
  readonly ino: number
}

function identity(s: Stats): Identity {
  return { dev: s.dev, ino: s.ino }
}

function same(a: Identity, b: Identity): boolean {
  return a.dev === b.dev && a.ino === b.ino
}

/** The identities of `dir` (which exists) and of every folder above it, nearest first. */
async function chain(dir: string): Promise<Identity[]> {
  const ids: Identity[] = []
  let current = await realpath(dir)
  for (;;) {
    ids.push(identity(await stat(current)))
    const parent = path.dirname(current)
    if (parent === current) return ids
    current = parent
  }
}

/** The nearest existing folder at or above `p` (`p` itself when it exists). */
async function nearestExisting(p: string): Promise<string> {
  let current = path.resolve(p)
  for (;;) {
    const info = await stat(current).catch(() => null)
    if (info) return info.isDirectory() ? current : path.dirname(current)
    const parent = path.dirname(current)
    if (parent === current) return current
    current = parent
  }
}

/**
 * Check, before anything is written, that a run from `corpus` into `out` cannot overwrite its own input or anything
 * that is not the tool's: `out` must not be, lie inside or hold the corpus folder (compared by file identity, so
 * symbolic links, `..` and letter case do not hide it); a JSON Lines or CSV corpus file may sit directly in `out`
 * under a name the tool never writes, nowhere deeper. An existing `out` must be a folder the tool wrote (a
 * `run.json` of corroborate, or only run-level files, story folders holding their state file and temporary names
 * of the tool) besides version-control markers (`.git`, `.gitkeep`) and the corpus file. Throws a `CorroborateError` (`ERR_OUT_OVERLAPS_CORPUS`, `ERR_OUT_NOT_OURS`).
 */
export async function checkOutput(corpus: string, out: string): Promise<void> {
  const corpusInfo = await stat(corpus)
  const corpusId = identity(corpusInfo)
  const outBase = await nearestExisting(out)
  const outChain = await chain(outBase)
  const outExists = (await stat(out).catch(() => null))?.isDirectory() === true
  const outId = outExists ? outChain[0]! : null
  const overlaps = (why: string) =>
    new CorroborateError('ERR_OUT_OVERLAPS_CORPUS', `Expected \`--out\` outside the corpus, got \`${out}\`, ${why}; nothing was written: choose an output folder outside the corpus`)
  if (corpusInfo.isDirectory()) {
    if (outExists && same(outId!, corpusId)) throw overlaps('which is the corpus folder itself: its story folders would be replaced by report folders')
    if (outChain.some((id) => same(id, corpusId))) throw overlaps(`which lies inside the corpus \`${corpus}\`: reports would be read as articles, or replace them`)
    if (outId && (await chain(corpus)).some((id) => same(id, outId))) throw overlaps(`which holds the corpus \`${corpus}\`: its story folders would be replaced by report folders`)
  } else if (outId) {
    const holders = await chain(path.dirname(await realpath(corpus)))
    const depth = holders.findIndex((id) => same(id, outId))
    if (depth > 0) throw overlaps(`which holds the corpus file \`${corpus}\` inside a folder that a story's reports could replace`)
    if (depth === 0 && RUN_NAMES.has(path.basename(corpus).toLowerCase())) throw overlaps(`where the run writes a file of the corpus file's name \`${path.basename(corpus)}\``)
  }
  if (outExists) await checkOurs(out, corpusInfo.isDirectory() ? null : corpusId)
}

/** Refuse an existing output folder holding things the tool did not write (a mistyped `--out ~`). */
async function checkOurs(out: string, corpusFile: Identity | null): Promise<void> {
  if (await isOurRunJson(path.join(out, 'run.json'))) return
  const foreign: string[] = []
  for (const name of (await readdir(out)).sort()) {
    // A home folder's `.bashrc` and `.cache` say it is not an output folder; `.gitkeep` does not.
    if (name.startsWith('.') && (MARKERS.has(name.toLowerCase()) || RUN_NAMES.has(name.toLowerCase()) || TEMP_NAME.test(name))) continue
    const full = path.join(out, name)
    const info = await lstat(full).catch(() => null)
    if (!info) continue
    if (info.isFile() && (RUN_NAMES.has(name.toLowerCase()) || (corpusFile && same(identity(info), corpusFile)))) continue
    if (info.isDirectory() && (await lstat(path.join(full, STATE_FILE)).catch(() => null))?.isFile()) continue
    foreign.push(name)
  }
  if (foreign.length === 0) return
  const shown = foreign.slice(0, 3).map((n) => `\`${n}\``).join(', ')
  const more = foreign.length > 3 ? ` and ${foreign.length - 3} more` : ''
  throw new CorroborateError(
    'ERR_OUT_NOT_OURS',
    `Expected \`--out\` to be a new or empty folder, or one corroborate wrote, got \`${out}\`, which holds ${shown}${more}; nothing was written: choose another output folder`,
  )
}

/** Whether `file` is a run.json corroborate wrote: its first bytes name the tool (a large file is never read whole). */
async function isOurRunJson(file: string): Promise<boolean> {
  const info = await lstat(file).catch(() => null)
  if (!info?.isFile()) return false
  const handle = await open(file, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(1024), 0, 1024, 0)
    return /"tool":\s*\{\s*"name":\s*"corroborate"/.test(buffer.subarray(0, bytesRead).toString('utf8'))
  } finally {
    await handle.close()
  }
}
