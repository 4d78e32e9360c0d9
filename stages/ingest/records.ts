// records: JSON Lines and CSV files split into records, each decoded and parsed on its own, so that one bad byte,
// one bad quote or one oversized line costs only its own record. The file is read through a `ByteSource`, a buffer
// or a file read on demand, so a file of any size is scanned in bounded memory.
import { decodeText, ENCODING_NAMES, sniffEncoding, unitWidth } from './decode.js'
import type { MessageLog } from '../../core/messages.js'
import { quoteValue } from '../../core/messages.js'
import type { CsvHeader, TextEncoding } from '../../core/types.js'

/** Random access to a file's bytes: a buffer in memory, or a file read on demand (pipeline/read.ts). */
export interface ByteSource {
  /** Up to `length` bytes from `offset`, none only at the end of the file; the view is valid until the next call. */
  read(offset: number, length: number): Uint8Array
}

/** Exactly `length` bytes from `offset` (fewer only at the end of the file), in a buffer of their own. */
export function readFully(source: ByteSource, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length)
  let got = 0
  while (got < length) {
    const part = source.read(offset + got, length - got)
    if (part.length === 0) break
    out.set(part, got)
    got += part.length
  }
  return got === length ? out : out.subarray(0, got)
}

/** A ByteSource over bytes in memory. */
export function bufferSource(bytes: Uint8Array): ByteSource {
  return { read: (offset, length) => bytes.subarray(offset, offset + length) }
}

/** The formats of many articles per file. */
export type RecordFormat = 'jsonl' | 'csv'

/** Where a record's bytes are in its file. */
export interface RecordSpan {
  /** Byte offset of its first byte. */
  readonly offset: number
  /** Its bytes, line end included. */
  readonly length: number
  /** Bytes of its line end (0 at the end of a file without one). */
  readonly lineEndBytes: number
  /** Line ends inside it and at its end: how many lines further the next record starts. */
  readonly lineEnds: number
  /** The file ended inside a quoted field (CSV). */
  readonly unclosed: boolean
  /** Offset just after its first line end: where the next record is looked for when this one is bad. */
  readonly firstLineEnd: number
}

/** Bytes scanned at a time. */
const CHUNK = 1 << 20

/**
 * The record starting at `offset`: up to the first line end (JSON Lines, `delimiter` null), or the first line end
 * outside a quoted cell (CSV: a cell that starts with `"` runs to the `"` not doubled). A quote inside an unquoted
 * cell is a character like another, as spreadsheets read `5" screen`. Null at the end of the file. A record still
 * open after `limit` bytes is cut there (and marked `unclosed` when inside quotes).
 */
export function spanAt(source: ByteSource, offset: number, encoding: TextEncoding, delimiter: number | null, limit = Infinity): RecordSpan | null {
  const width = unitWidth(encoding)
  const big = encoding.endsWith('be')
  let pos = offset
  let state = FIELD_START
  let lineEnds = 0
  let firstLineEnd = -1
  for (;;) {
    const chunk = source.read(pos, CHUNK)
    const usable = chunk.length - (chunk.length % width)
    if (usable === 0) {
      if (pos === offset && chunk.length === 0) return null
      const end = pos + chunk.length
      return { offset, length: end - offset, lineEndBytes: 0, lineEnds, unclosed: state === QUOTED, firstLineEnd: firstLineEnd < 0 ? end : firstLineEnd }
    }
    let end = -1
    if (delimiter === null && width === 1) {
      // JSON Lines in UTF-8, the common case: indexOf is native and much faster than a loop.
      end = chunk.indexOf(0x0a)
      if (end >= usable) end = -1
      if (end >= 0) lineEnds++
      if (end >= 0 && firstLineEnd < 0) firstLineEnd = pos + end + 1
    } else {
      for (let p = 0; p < usable; p += width) {
        const u = width === 1 ? chunk[p]! : unitAt(chunk, p, width, big)
        if (u === 0x0a) {
          lineEnds++
          if (firstLineEnd < 0) firstLineEnd = pos + p + width
          if (state !== QUOTED) {
            end = p
            break
          }
          continue
        }
        if (delimiter === null) continue
        if (state === FIELD_START) state = u === 0x22 ? QUOTED : u === delimiter ? FIELD_START : UNQUOTED
        else if (state === UNQUOTED) {
          if (u === delimiter) state = FIELD_START
        } else if (state === QUOTED) {
          if (u === 0x22) state = QUOTE_SEEN
        } else if (u === 0x22) state = QUOTED // `""`: a quote inside the quoted cell
        else if (u === delimiter) state = FIELD_START
        else if (u !== 0x0d) state = UNQUOTED // a stray character after the closing quote: parseCsvFields says so
      }
    }
    if (end >= 0) {
      const after = pos + end + width
      // CR LF: the CR belongs to the line end too.
      const cr = end >= width ? unitAt(chunk, end - width, width, big) === 0x0d : pos + end > offset && unitAt(readFully(source, pos + end - width, width), 0, width, big) === 0x0d
      return { offset, length: after - offset, lineEndBytes: cr ? 2 * width : width, lineEnds, unclosed: false, firstLineEnd }
    }
    pos += usable
    if (pos - offset > limit) return { offset, length: pos - offset, lineEndBytes: 0, lineEnds, unclosed: state === QUOTED, firstLineEnd: firstLineEnd < 0 ? pos : firstLineEnd }
  }
}

// States of the CSV scan: at the start of a cell, in an unquoted cell, in a quoted one, just after a quote in one.
const FIELD_START = 0
const UNQUOTED = 1
const QUOTED = 2
const QUOTE_SEEN = 3

function unitAt(b: Uint8Array, p: number, width: number, big: boolean): number {
  if (width === 1) return b[p]!
  if (width === 2) return big ? (b[p]! << 8) | b[p + 1]! : b[p]! | (b[p + 1]! << 8)
  return big ? ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0 : ((b[p + 3]! << 24) | (b[p + 2]! << 16) | (b[p + 1]! << 8) | b[p]!) >>> 0
}

/** A record parsed: JSON Lines, the line's JSON value; CSV, its non-empty cells by column. */
export interface ParsedRecord {
  readonly value: unknown
  /** What the article's hash is taken over: the line's text, or the record's cells as JSON. */
  readonly text: string
  /** The record was not valid UTF-8 and was read as Windows-1252. */
  readonly latin1: boolean
  /** It has bytes above 0x7F (whether valid UTF-8 or not). */
  readonly nonAscii: boolean
  /** CSV: how many cells the record has. */
  readonly cells?: number
}

/** Why a record could not be parsed, as a message would say it. */
export interface RecordProblem {
  readonly ruleId: string
  readonly reason: string
}

/**
 * Decode and parse one record's bytes (line end included or not). Null for a blank record, which is skipped
 * without a word, as a blank line.
 */
export function parseRecord(bytes: Uint8Array, format: RecordFormat, encoding: TextEncoding, header: CsvHeader | undefined, line: number): ParsedRecord | RecordProblem | null {
  const decoded = decodeText(bytes, encoding)
  const text = decoded.text.replace(/\r?\n$/, '').replace(/^\ufeff/, '')
  if (text.trim() === '') return null
  const latin1 = decoded.latin1Lines.length > 0
  // Valid UTF-8 is ASCII exactly when it has as many characters as bytes (a byte loop is slow on a large file).
  const nonAscii = encoding !== 'utf-8' || latin1 || decoded.text.length !== bytes.length
  const what = format === 'jsonl' ? 'line' : 'record'
  // NUL is no character of any text; in a quoted CSV cell or a JSON string it is a damaged or binary record.
  if (text.includes('\u0000')) return { ruleId: 'binary-file', reason: `Unexpected NUL character in the ${what}; skipped` }
  if (format === 'jsonl') {
    try {
      return { value: JSON.parse(text), text, latin1, nonAscii }
    } catch (error) {
      return { ruleId: 'malformed-jsonl', reason: `Unexpected malformed JSON line (${(error as Error).message}); skipped` }
    }
  }
  const parsed = parseCsvFields(text, header?.delimiter ?? ',')
  if ('error' in parsed) {
    const at = line + countLines(text, parsed.at)
    return { ruleId: 'malformed-csv', reason: `${parsed.error}${at !== line ? ` on line ${at}` : ''}, in the record that starts on line ${line}; skipped` }
  }
  const columns = header?.columns ?? []
  const value: Record<string, string> = {}
  for (const [i, cell] of parsed.fields.entries()) {
    const column = columns[i]
    // An empty cell is an absent field, as in a spreadsheet; a repeated column name keeps its first cell.
    if (column === undefined || cell === '' || Object.hasOwn(value, column)) continue
    value[column] = cell
  }
  return { value, text: JSON.stringify(value), latin1, nonAscii, cells: parsed.fields.length }
}

function countLines(text: string, end: number): number {
  let n = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++
  return n
}

/**
 * One CSV record's cells (RFC 4180): a cell in double quotes may hold the delimiter, line ends and `""` for a quote;
 * a quote inside an unquoted cell is kept as it is (as spreadsheets read `5" screen`). A quoted cell must end in
 * a quote followed by the delimiter or the record's end.
 */
export function parseCsvFields(text: string, delimiter: string): { fields: string[] } | { error: string; at: number } {
  const fields: string[] = []
  let i = 0
  for (;;) {
    if (text[i] === '"') {
      let cell = ''
      let j = i + 1
      for (;;) {
        const q = text.indexOf('"', j)
        if (q === -1) return { error: `Unexpected unclosed quote in field ${fields.length + 1}`, at: i }
        cell += text.slice(j, q)
        if (text[q + 1] === '"') {
          cell += '"'
          j = q + 2
          continue
        }
        j = q + 1
        break
      }
      const next = text[j]
      if (next !== undefined && next !== delimiter && !(next === '\r' && j === text.length - 1)) {
        return { error: `Unexpected ${quoteValue(next)} after the closing quote of field ${fields.length + 1} (a stray \`"\`?)`, at: j }
      }
      fields.push(cell)
      if (next !== delimiter) return { fields }
      i = j + 1
    } else {
      const end = text.indexOf(delimiter, i)
      const cell = end === -1 ? text.slice(i) : text.slice(i, end)
      fields.push(cell.replace(/\r$/, ''))
      if (end === -1) return { fields }
      i = end + 1
    }
  }
}

/** The required columns of a CSV file (and fields of a JSON Lines record). */
export const REQUIRED_FIELDS = ['story', 'id', 'text'] as const

const DELIMITERS = [',', ';', '\t'] as const

/** A JSON Lines or CSV file opened for scanning: its encoding, its header (CSV) and its records. */
export interface RecordFile {
  readonly encoding: TextEncoding
  readonly header: CsvHeader | undefined
  /** Every record with where it is; bad records are reported on the log and left out. */
  readonly records: Iterable<ScannedRecord>
}

/** A record found by `openRecords`, parsed, with its place in the file. */
export interface ScannedRecord extends ParsedRecord {
  readonly line: number
  readonly offset: number
  readonly length: number
}

/** Options of `openRecords`. */
export interface RecordOptions {
  readonly format: RecordFormat
  /** The file's name, for messages. */
  readonly file: string
  /** Largest record in bytes; a longer one is reported and skipped, and never held in memory. */
  readonly maxBytes: number
  /** Rule source of the messages (default: `ingest`). */
  readonly source?: string
}

/**
 * Open a JSON Lines or CSV file for scanning: tell its encoding, read its header row (CSV, with its delimiter:
 * `,`, `;` or tab), then yield its records one by one. A bad record (malformed, oversized, a NUL) is a fatal
 * message giving the line it starts on; after a CSV record whose quotes do not balance, scanning resumes at the
 * next line that starts a whole record with as many cells as the header. Null (and a message) for a file that
 * is not text or has no usable header.
 */
export function openRecords(source: ByteSource, log: MessageLog, options: RecordOptions): RecordFile | null {
  const src = options.source ?? 'ingest'
  const { file, maxBytes, format } = options
  const sample = readFully(source, 0, 1 << 16)
  const sniffed = sniffEncoding(sample, sample.length < 1 << 16)
  let encoding: TextEncoding
  if (sniffed.encoding === null) {
    // A few stray NUL bytes in a text file cost their records; a file full of control bytes is not text.
    if (sniffed.controlShare > 0.02) {
      log.fatal(src, 'binary-file', 'Unexpected binary file (NUL bytes); skipped', { file })
      return null
    }
    encoding = 'utf-8'
  } else encoding = sniffed.encoding
  reportEncoding(sniffed, log, src, file)
  let offset: number = sniffed.bom
  let line = 1
  let header: CsvHeader | undefined
  if (format === 'csv') {
    // The header is the first record that is not blank.
    for (;;) {
      const span = spanAt(source, offset, encoding, 0x2c)
      if (span === null) {
        log.fatal(src, 'empty-article', 'Unexpected CSV file without any article', { file })
        return null
      }
      const headerLine = line
      offset = span.offset + span.length
      line += span.lineEnds
      if (span.length > 1 << 16 || span.unclosed) {
        log.fatal(src, 'malformed-csv', `Expected a header row naming the columns (${REQUIRED_FIELDS.join(', ')}), got ${span.unclosed ? 'an unclosed quote' : 'a row of more than 64 KB'}; file skipped`, { file, line: headerLine })
        return null
      }
      const text = decodeText(readFully(source, span.offset, span.length), encoding).text.replace(/^\ufeff/, '').replace(/\r?\n$/, '')
      if (text.trim() === '') continue
      const found = readHeader(text)
      if (found === null) {
        log.fatal(src, 'malformed-csv', `Expected a header row naming the columns ${REQUIRED_FIELDS.map((f) => `\`${f}\``).join(', ')}, got ${quoteValue(text)}; file skipped`, { file, line: headerLine })
        return null
      }
      header = found
      if (found.delimiter !== ',') {
        log.info(src, 'csv-delimiter', `Read as ${found.delimiter === '\t' ? 'tab' : '`;`'}-separated: the header row's columns are separated so`, { file, line: headerLine })
      }
      break
    }
  }
  const delimiter = header ? header.delimiter.charCodeAt(0) : null
  const records = function* (): Generator<ScannedRecord> {
    // A bad CSV record and the lines skipped after it, reported once the scan is back on a whole record.
    let bad: { line: number; last: number; problem: RecordProblem } | null = null
    const flush = () => {
      if (!bad) return
      const skipped = bad.last > bad.line ? ` (lines ${bad.line}-${bad.last} skipped, up to the next whole record)` : ''
      log.fatal(src, bad.problem.ruleId, `${bad.problem.reason}${skipped}`, { file, line: bad.line })
      bad = null
    }
    for (;;) {
      // While resynchronising, a candidate record longer than the limit is not one: the scan of each stays bounded.
      const span = spanAt(source, offset, encoding, delimiter, bad ? maxBytes + 1 : Infinity)
      if (span === null) break
      const start = line
      const contentBytes = span.length - span.lineEndBytes
      let result: ParsedRecord | RecordProblem | null
      if (span.unclosed) result = { ruleId: 'malformed-csv', reason: `Unexpected unclosed quote in the record that starts on line ${start}; skipped` }
      else if (contentBytes > maxBytes) {
        result = bad ? RESYNCING : { ruleId: 'oversized-article', reason: `Expected an article of at most ${maxBytes} bytes, got ${contentBytes} bytes; skipped` }
      } else result = parseRecord(readFully(source, span.offset, span.length), format, encoding, header, start)
      // While resynchronising, only a record with as many cells as the header counts as the next whole record.
      if (bad && result !== null && !('ruleId' in result) && result.cells !== header!.columns.length) result = RESYNCING
      if (result !== null && 'ruleId' in result && result.ruleId === 'malformed-csv') {
        // Quotes that do not balance may have swallowed the lines after the record: look again from its second line.
        if (bad) bad.last = start
        else bad = { line: start, last: start, problem: result }
        offset = span.firstLineEnd
        line = start + 1
        continue
      }
      offset = span.offset + span.length
      line += span.lineEnds
      if (result === null) continue
      flush()
      if ('ruleId' in result) log.fatal(src, result.ruleId, result.reason, { file, line: start })
      else yield { ...result, line: start, offset: span.offset, length: span.length }
    }
    flush()
  }
  return { encoding, header, records: { [Symbol.iterator]: records } }
}

/** A line passed over while looking for the next whole CSV record. */
const RESYNCING: RecordProblem = { ruleId: 'malformed-csv', reason: '' }

/** The header row's columns with the delimiter that names the required ones (`,` unless `;` or tab does). */
function readHeader(text: string): CsvHeader | null {
  let best: CsvHeader | null = null
  let bestFound = 0
  for (const delimiter of DELIMITERS) {
    const parsed = parseCsvFields(text, delimiter)
    if ('error' in parsed) continue
    const columns = parsed.fields.map((h) => h.trim().toLowerCase())
    const found = REQUIRED_FIELDS.filter((f) => columns.includes(f)).length
    if (found > bestFound) {
      best = { columns, delimiter }
      bestFound = found
    }
  }
  return bestFound === REQUIRED_FIELDS.length ? best : null
}

/** The info or warning saying how a file was decoded when it was not plain UTF-8. */
export function reportEncoding(sniffed: ReturnType<typeof sniffEncoding>, log: MessageLog, source: string, file: string): void {
  if (sniffed.encoding === null || sniffed.encoding === 'utf-8') return
  const name = ENCODING_NAMES[sniffed.encoding]
  if (sniffed.by === 'bom') {
    const family = sniffed.encoding.startsWith('utf-16') ? 'UTF-16' : name
    log.info(source, sniffed.encoding.startsWith('utf-16') ? 'utf16' : 'utf32', `Decoded as ${family} (byte order mark found)`, { file })
  } else {
    log.warn(source, sniffed.encoding.startsWith('utf-16') ? 'utf16' : 'utf32', `Expected UTF-8, got NUL bytes in the pattern of ${name} without a byte order mark; decoded as ${name}`, { file })
  }
}
