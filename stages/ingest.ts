// ingest: decode raw input files (article files or JSON Lines) into articles, one bad input at a time.
import { createHash } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import { extractHtml } from './html.js'
import type { MessageLog } from './messages.js'
import { quoteValue } from './messages.js'
import type { Article, ArticleMeta, Place, RawSource } from './types.js'

export interface IngestOptions {
  /** Largest article accepted, in bytes (default: 5 MB). */
  readonly maxBytes?: number
}

const SOURCE = 'ingest'
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024
const OPTIONAL_FIELDS = ['outlet', 'title', 'url', 'published'] as const

/** Decode every source into articles; an unusable article is a fatal message naming the file, and the rest go on. */
export function ingest(sources: readonly RawSource[], log: MessageLog, options: IngestOptions = {}): Article[] {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const articles: Article[] = []
  for (const source of sources) {
    if (source.kind === 'jsonl') articles.push(...ingestJsonl(source, log, maxBytes))
    else if (source.kind === 'csv') articles.push(...ingestCsv(source, log, maxBytes))
    else {
      const article = ingestText(source, log, maxBytes)
      if (article) articles.push(article)
    }
  }
  return dropDuplicateIds(articles, log)
}

function ingestText(source: RawSource, log: MessageLog, maxBytes: number): Article | null {
  const place = { file: source.file, article: source.id }
  if (tooLarge(source.size ?? source.bytes.length, maxBytes, place, log)) return null
  const decoded = decode(source.bytes, source.file, log)
  if (decoded === null) return null
  // A web page: its main text, the page's navigation, ads and footers left behind.
  const page = /\.html?$/i.test(source.file) && decoded.trim() !== '' ? extractHtml(decoded) : null
  const text = page ? page.text : decoded
  if (text.trim() === '') {
    const what = page ? ' (no text in the page)' : text.length > 0 ? ' (whitespace only)' : ''
    log.fatal(SOURCE, 'empty-article', `Unexpected empty article${what}; skipped`, place)
    return null
  }
  const id = source.id ?? source.file
  const meta = source.meta ?? {}
  return {
    story: source.story ?? 'story',
    id,
    outlet: nonEmpty(meta.outlet) ?? id,
    title: nonEmpty(meta.title) ?? nonEmpty(page?.title),
    url: nonEmpty(meta.url),
    published: nonEmpty(meta.published),
    source: { file: source.file },
    text,
    hash: sha256(source.bytes),
  }
}

function ingestJsonl(source: RawSource, log: MessageLog, maxBytes: number): Article[] {
  const text = decode(source.bytes, source.file, log)
  if (text === null) return []
  const articles: Article[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim() === '') continue
    const place = { file: source.file, line: i + 1 }
    if (tooLarge(Buffer.byteLength(line), maxBytes, place, log)) continue
    let record: unknown
    try {
      record = JSON.parse(line)
    } catch (error) {
      log.fatal(SOURCE, 'malformed-jsonl', `Unexpected malformed JSON line (${(error as Error).message}); skipped`, place)
      continue
    }
    const article = recordToArticle(record, line, place, log)
    if (article) articles.push(article)
  }
  noArticle(articles, source, 'JSONL', log)
  return articles
}

/**
 * CSV, as spreadsheets export it: a header row naming the JSON Lines fields (`story`, `id`, `text` required;
 * `outlet`, `title`, `url`, `published` optional; other columns ignored), RFC 4180 quoting, one article per row.
 */
function ingestCsv(source: RawSource, log: MessageLog, maxBytes: number): Article[] {
  const text = decode(source.bytes, source.file, log)
  if (text === null) return []
  let rows: { record: Record<string, string>; info: { lines: number } }[]
  try {
    rows = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, relax_column_count: true, info: true })
  } catch (error) {
    const e = error as Error & { lines?: number }
    log.fatal(SOURCE, 'malformed-csv', `Unexpected malformed CSV (${e.message.replace(/^Invalid Record Length: |\.$/g, '')}); file skipped`, { file: source.file, line: e.lines })
    return []
  }
  const articles: Article[] = []
  for (const { record, info } of rows) {
    const place = { file: source.file, line: info.lines }
    // An empty cell is an absent field, as in a spreadsheet.
    const fields = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== '' && v !== undefined))
    const line = JSON.stringify(fields)
    if (tooLarge(Buffer.byteLength(line), maxBytes, place, log)) continue
    const article = recordToArticle(fields, line, place, log)
    if (article) articles.push(article)
  }
  noArticle(articles, source, 'CSV', log)
  return articles
}

/** True (and a fatal message) when an article of `size` bytes is over the limit. */
function tooLarge(size: number, maxBytes: number, place: Place, log: MessageLog): boolean {
  if (size <= maxBytes) return false
  log.fatal(SOURCE, 'oversized-article', `Expected an article of at most ${maxBytes} bytes, got ${size} bytes; skipped`, place)
  return true
}

/** A file of many articles that yielded none, with no fatal message to say why, gets one. */
function noArticle(articles: readonly Article[], source: RawSource, format: string, log: MessageLog): void {
  if (articles.length === 0 && !log.messages.some((m) => m.place.file === source.file && m.severity === 'fatal')) {
    log.fatal(SOURCE, 'empty-article', `Unexpected ${format} file without any article`, { file: source.file })
  }
}

function recordToArticle(record: unknown, line: string, place: { file: string; line: number }, log: MessageLog): Article | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    // `typeof null` is "object": name it, or the message contradicts itself.
    const got = record === null ? 'null' : Array.isArray(record) ? 'array' : typeof record
    log.fatal(SOURCE, 'malformed-jsonl', `Expected a JSON object per line, got ${quoteValue(got)}; skipped`, place)
    return null
  }
  const fields = record as Record<string, unknown>
  for (const name of ['story', 'id', 'text'] as const) {
    const value = fields[name]
    if (value === undefined || value === null) {
      log.fatal(SOURCE, 'missing-field', `Expected field ${quoteValue(name)}, got none; skipped`, place)
      return null
    }
    if (typeof value !== 'string' && !(name !== 'text' && typeof value === 'number')) {
      log.fatal(SOURCE, 'mistyped-field', `Expected field ${quoteValue(name)} to be a string, got ${quoteValue(typeof value)}; skipped`, place)
      return null
    }
  }
  const id = String(fields.id).trim()
  const story = String(fields.story).trim()
  if (id === '' || story === '') {
    log.fatal(SOURCE, 'missing-field', `Expected non-empty ${quoteValue(id === '' ? 'id' : 'story')}, got an empty string; skipped`, place)
    return null
  }
  const text = normalise(fields.text as string)
  if (text.trim() === '') {
    log.fatal(SOURCE, 'empty-article', `Unexpected empty article ${quoteValue(id)}; skipped`, { ...place, article: id })
    return null
  }
  if (text.includes('\u0000')) {
    log.fatal(SOURCE, 'binary-file', `Unexpected NUL character in the text of article ${quoteValue(id)}; skipped`, { ...place, article: id })
    return null
  }
  const meta: Partial<Record<keyof ArticleMeta, string | null>> = {}
  for (const name of OPTIONAL_FIELDS) {
    const value = fields[name]
    if (value === undefined || value === null) continue
    if (typeof value !== 'string') {
      log.warn(SOURCE, 'mistyped-field', `Expected field ${quoteValue(name)} to be a string, got ${quoteValue(typeof value)}; ignored`, { ...place, article: id })
      continue
    }
    meta[name] = value
  }
  return {
    story,
    id,
    outlet: nonEmpty(meta.outlet) ?? id,
    title: nonEmpty(meta.title),
    url: nonEmpty(meta.url),
    published: nonEmpty(meta.published),
    source: place,
    text,
    hash: sha256(Buffer.from(line)),
  }
}

/** Decode bytes as UTF-8 (BOM optional) or UTF-16 with BOM; invalid UTF-8 falls back to Windows-1252 with a warning. */
function decode(bytes: Uint8Array, file: string, log: MessageLog): string | null {
  const place = { file }
  let text: string
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes)
    log.info(SOURCE, 'utf16', 'Decoded as UTF-16 (byte order mark found)', place)
    // NUL bytes are normal in UTF-16, NUL characters are not: a binary file that happens to start with FF FE.
    if (text.includes('\u0000')) {
      log.fatal(SOURCE, 'binary-file', 'Unexpected binary file (NUL characters); skipped', place)
      return null
    }
  } else {
    if (bytes.includes(0)) {
      log.fatal(SOURCE, 'binary-file', 'Unexpected binary file (NUL bytes); skipped', place)
      return null
    }
    // A UTF-8 BOM goes before decoding: the Windows-1252 fallback would turn it into "ï»¿".
    const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body)
    } catch {
      text = decodeWindows1252(body)
      log.warn(SOURCE, 'invalid-utf8', 'Expected UTF-8, got invalid byte sequences; decoded as Windows-1252 (Latin-1)', place)
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  return normalise(text)
}

// Windows-1252 characters of bytes 0x80-0x9F (the five unassigned bytes keep their C1 code points).
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

/** Windows-1252 bytes to text; curly quotes, dashes and € are why a news file fails as UTF-8. */
function decodeWindows1252(bytes: Uint8Array): string {
  // Node since 20.18.3 decodes `windows-1252` as Latin-1 (nodejs/node#60888), so "\x93open\x94" came out as C1
  // control characters instead of “open”: map 0x80-0x9F ourselves (a no-op where Node gets it right).
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!)
}

/** CRLF and lone CR to LF, no-break and other odd spaces to plain spaces, zero-width characters dropped. */
function normalise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f\u2000-\u200a]/g, ' ')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
}

function dropDuplicateIds(articles: readonly Article[], log: MessageLog): Article[] {
  const seen = new Map<string, Article>()
  const kept: Article[] = []
  for (const article of articles) {
    const key = `${article.story}\u0000${article.id}`
    const first = seen.get(key)
    if (first) {
      log.fatal(SOURCE, 'duplicate-id', `Unexpected second article with id ${quoteValue(article.id)} in story ${quoteValue(article.story)} (first in ${describe(first)}); skipped`, article.source)
      continue
    }
    seen.set(key, article)
    kept.push(article)
  }
  return kept
}

function describe(article: Article): string {
  return `${article.source.file ?? '?'}${article.source.line ? `:${article.source.line}` : ''}`
}

function nonEmpty(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null
  const trimmed = value.trim()
  return trimmed === '' ? null : trimmed
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
