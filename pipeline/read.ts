// Reading the files a user names (articles, story.json, JSON Lines and CSV corpora, configs, lexicons, models, pair
// files): regular files only, opened so that a FIFO cannot block the run, and never read past the size limit, which
// is counted while reading (a file that grows, or /dev/zero behind a link, would make `stat` a lie or say nothing).
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs'
import fsp from 'node:fs/promises'
import { CorroborateError, quoteValue } from '../core/messages.js'
import type { ByteSource } from '../stages/ingest/records.js'

// O_NONBLOCK: opening a FIFO for reading waits for a writer, for ever; non-blocking, it returns at once and fstat
// tells it apart. It changes nothing for a regular file. O_NOCTTY: a terminal device never becomes ours.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0)

/** What a path that is not a regular file is, in words for messages (`a FIFO (named pipe)`); null for a file. */
export function kindOf(stats: Stats): string | null {
  if (stats.isFile()) return null
  if (stats.isDirectory()) return 'a folder'
  if (stats.isFIFO()) return 'a FIFO (named pipe)'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  if (stats.isSocket()) return 'a socket'
  return 'not a regular file'
}

/** Thrown for a path that is not a regular file (code `ERR_NOT_A_FILE`); `kind` says what it is. */
export class NotAFileError extends CorroborateError {
  readonly kind: string
  constructor(file: string, kind: string) {
    super('ERR_NOT_A_FILE', `Expected a regular file, got ${kind}: ${file}`)
    this.kind = kind
  }
}

/** A file's bytes as `readBounded` read them. */
export interface BoundedBytes {
  /** The bytes; null when the file holds more than the limit (it was then read no further than one byte past it). */
  readonly bytes: Buffer | null
  /** Its size in bytes; when cut, the larger of what fstat says and what was read. */
  readonly size: number
}

/** Read a regular file of at most `maxBytes` bytes; throws NotAFileError for anything else, or the system error. */
export async function readBounded(file: string, maxBytes: number): Promise<BoundedBytes> {
  const { handle, stats } = await openRegular(file)
  try {
    let buffer: Buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1)
    let length = 0
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) break
        buffer = grow(buffer, maxBytes)
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    return length > maxBytes ? { bytes: null, size: Math.max(stats.size, length) } : { bytes: buffer.subarray(0, length), size: length }
  } finally {
    await handle.close()
  }
}

/** The first `bytes` bytes of a regular file (fewer when it is shorter); throws as `readBounded` does. */
export async function readHead(file: string, bytes: number): Promise<Buffer> {
  const { handle } = await openRegular(file)
  try {
    const buffer = Buffer.alloc(bytes)
    let length = 0
    while (length < bytes) {
      const { bytesRead } = await handle.read(buffer, length, bytes - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    return buffer.subarray(0, length)
  } finally {
    await handle.close()
  }
}

/** `readBounded`, synchronously: for configs, lexicons, models and pair files, read before anything runs. */
export function readBoundedSync(file: string, maxBytes: number): BoundedBytes {
  const fd = openRegularSync(file)
  try {
    const stats = fstatSync(fd)
    let buffer: Buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1)
    let length = 0
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) break
        buffer = grow(buffer, maxBytes)
      }
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    return length > maxBytes ? { bytes: null, size: Math.max(stats.size, length) } : { bytes: buffer.subarray(0, length), size: length }
  } finally {
    closeSync(fd)
  }
}

/** Open a regular file for reading (a handle to close, and its stats); throws NotAFileError for anything else. */
export async function openRegular(file: string): Promise<{ handle: fsp.FileHandle; stats: Stats }> {
  let handle: fsp.FileHandle
  try {
    handle = await fsp.open(file, OPEN_FLAGS)
  } catch (error) {
    throw notAFile(file, error)
  }
  try {
    const stats = await handle.stat()
    const kind = kindOf(stats)
    if (kind) throw new NotAFileError(file, kind)
    return { handle, stats }
  } catch (error) {
    await handle.close()
    throw error
  }
}

/** Open a regular file for reading (a file descriptor to close); throws NotAFileError for anything else. */
export function openRegularSync(file: string): number {
  let fd: number
  try {
    fd = openSync(file, OPEN_FLAGS)
  } catch (error) {
    throw notAFile(file, error)
  }
  const kind = kindOf(fstatSync(fd))
  if (kind) {
    closeSync(fd)
    throw new NotAFileError(file, kind)
  }
  return fd
}

/** A bigger buffer holding the bytes read so far: a file that grew beyond its stat size. */
function grow(buffer: Buffer, maxBytes: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.min(Math.max(buffer.length * 2, 1 << 16), maxBytes + 1))
  buffer.copy(bigger)
  return bigger
}

/** A socket cannot be opened (ENXIO): say what it is rather than the errno. */
function notAFile(file: string, error: unknown): unknown {
  if ((error as NodeJS.ErrnoException).code !== 'ENXIO') return error
  try {
    const kind = kindOf(statSync(file))
    return kind ? new NotAFileError(file, kind) : error
  } catch {
    return error
  }
}

/** A file's bytes read on demand through a window of 1 MB: what the record scanner of a large corpus file reads. */
export class FileSource implements ByteSource {
  private readonly fd: number
  private window: Buffer = Buffer.alloc(0)
  private start = 0
  private length = 0

  constructor(fd: number) {
    this.fd = fd
  }

  read(offset: number, length: number): Uint8Array {
    // What the window holds from `offset` on, even if less than asked: the scanner reads on from where it ends.
    if (offset >= this.start && offset < this.start + this.length) return this.window.subarray(offset - this.start, Math.min(offset - this.start + length, this.length))
    const size = Math.max(Math.min(length, 1 << 24), 1 << 20)
    if (this.window.length < size) this.window = Buffer.allocUnsafe(size)
    let got = 0
    while (got < size) {
      const n = readSync(this.fd, this.window, got, size - got, offset + got)
      if (n === 0) break
      got += n
    }
    this.start = offset
    this.length = got
    return this.window.subarray(0, Math.min(length, got))
  }
}

/** How a message says a size: `1 MB`, `74.2 MB`, `512 bytes`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`
}

/** Options of `readUserFile`. */
export interface UserFileOptions {
  /** What the file is, for messages: `config`, `lexicon \`loaded\``, `model`. */
  readonly what: string
  readonly maxBytes: number
  /** The error code thrown (default: `ERR_INVALID_CONFIG`). */
  readonly code?: string
}

/**
 * A file named on the command line or in a config, read whole: a regular file of at most `maxBytes` bytes, or a
 * CorroborateError whose message names it and what was wrong, never its contents.
 */
export function readUserFile(file: string, options: UserFileOptions): Buffer {
  const code = options.code ?? 'ERR_INVALID_CONFIG'
  let read: BoundedBytes
  try {
    read = readBoundedSync(file, options.maxBytes)
  } catch (error) {
    if (error instanceof NotAFileError) throw new CorroborateError(code, `Expected the ${options.what} ${quoteValue(file)} to be a regular file, got ${error.kind}`)
    const e = error as NodeJS.ErrnoException
    throw new CorroborateError(code, `Cannot read the ${options.what} ${quoteValue(file)}: ${e.code ?? e.message}${e.code ? ` (${e.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')})` : ''}`)
  }
  if (read.bytes === null) throw new CorroborateError(code, `Expected the ${options.what} ${quoteValue(file)} to be at most ${formatSize(options.maxBytes)}, got ${read.size > options.maxBytes + 1 ? formatSize(read.size) : 'more'}`)
  return read.bytes
}

/** Options of `readJsonFile`. */
export interface JsonFileOptions extends UserFileOptions {
  /** Deepest nesting of arrays and objects accepted (default: 64). */
  readonly maxDepth?: number
}

/**
 * A JSON file named by the user, parsed: bounded in size and nesting (100,000 nested arrays would overflow the stack
 * of whatever walks them), and a syntax error given by line and column only, so that a wrong path such as
 * /etc/passwd never has its first line echoed in the message.
 */
export function readJsonFile(file: string, options: JsonFileOptions): unknown {
  const code = options.code ?? 'ERR_INVALID_CONFIG'
  const text = readUserFile(file, options).toString('utf8').replace(/^\ufeff/, '')
  const problem = checkJson(text, options.maxDepth ?? 64)
  if (problem) {
    const { line, column } = lineAndColumn(text, problem.offset)
    throw new CorroborateError(code, `Expected JSON in the ${options.what} ${quoteValue(file)}, got ${problem.reason} at line ${line}, column ${column}`)
  }
  return JSON.parse(text)
}

/** Line and column (1-based, in characters) of an offset into `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let start = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    start = i + 1
  }
  return { line, column: offset - start + 1 }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

/**
 * The first syntax error of a JSON text, or nesting deeper than `maxDepth`: where (a character offset) and what, in
 * words that quote none of the text. Null when JSON.parse will accept it. Iterative, so depth costs no stack.
 */
export function checkJson(text: string, maxDepth: number): { offset: number; reason: string } | null {
  const n = text.length
  const stack: ('{' | '[')[] = []
  let i = 0
  let state: 'value' | 'key' | 'after' = 'value'
  const space = () => {
    for (let c = text.charCodeAt(i); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; c = text.charCodeAt(++i));
  }
  const string = (): string | null => {
    // At the opening quote; on success, past the closing one.
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i)
      if (c === 0x22) {
        i++
        return null
      }
      if (c < 0x20) return 'a control character inside a string'
      if (c === 0x5c) {
        const e = text[i + 1]
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return 'a bad `\\u` escape'
          i += 5
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++
        else return 'a bad escape inside a string'
      }
    }
    return 'an unterminated string'
  }
  for (;;) {
    space()
    if (state === 'after') {
      if (stack.length === 0) return i < n ? { offset: i, reason: 'more text after the value' } : null
      const top = stack[stack.length - 1]!
      const c = text[i]
      if (c === ',') {
        i++
        state = top === '{' ? 'key' : 'value'
      } else if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
        i++
        stack.pop()
      } else return { offset: i, reason: i >= n ? 'the end of the text inside an unclosed bracket' : `an unexpected character where \`,\` or \`${top === '{' ? '}' : ']'}\` belongs` }
      continue
    }
    if (i >= n) return { offset: i, reason: 'the end of the text where a value belongs' }
    if (state === 'key') {
      if (text[i] !== '"') return { offset: i, reason: 'an unexpected character where a property name in double quotes belongs' }
      const at = i
      const bad = string()
      if (bad) return { offset: at, reason: bad }
      space()
      if (text[i] !== ':') return { offset: i, reason: 'an unexpected character where `:` belongs' }
      i++
      state = 'value'
      continue
    }
    const c = text[i]!
    if (c === '{' || c === '[') {
      if (stack.length >= maxDepth) return { offset: i, reason: `arrays or objects nested deeper than ${maxDepth} levels` }
      stack.push(c)
      i++
      space()
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++
        stack.pop()
        state = 'after'
      } else state = c === '{' ? 'key' : 'value'
      continue
    }
    if (c === '"') {
      const at = i
      const bad = string()
      if (bad) return { offset: at, reason: bad }
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i
      if (!NUMBER.test(text)) return { offset: i, reason: 'a malformed number' }
      i = NUMBER.lastIndex
    } else {
      const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i))
      if (!word) return { offset: i, reason: 'an unexpected character where a value belongs' }
      i += word.length
    }
    state = 'after'
  }
}
