// ingest: decode raw input files (article files, JSON Lines or CSV, whole or one record at a time) into articles,
// one bad input at a time.
import { createHash } from 'node:crypto'
import { decodeText, hasLoneSurrogate, sniffEncoding, toWellFormed } from './decode.js'
import { extractHtml } from './html.js'
import type { MessageLog } from '../../core/messages.js'
import { quoteJson, quoteValue } from '../../core/messages.js'
import { bufferSource, openRecords, parseRecord, type RecordFormat, reportEncoding, type ScannedRecord } from './records.js'
import type { Article, ArticleMeta, Place, RawSource } from '../../core/types.js'

export interface IngestOptions {
  /** Largest article accepted, in bytes (default: 5 MB). */
  readonly maxBytes?: number
}

const SOURCE = 'ingest'
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024
const OPTIONAL_FIELDS = ['outlet', 'title', 'url', 'published'] as const

/** What one call of `ingest` remembers across its sources: the first line of each story, for messages. */
interface Context {
  readonly storyLines: Map<string, number>
}

/**
 * Decode every source into articles; an unusable article is a fatal message naming the file (and line), and the
 * rest go on. A JSON Lines or CSV source is a whole file, or one record of one (`line` set), as the pipeline reads a
 * story's records from a large file.
 */
export function ingest(sources: readonly RawSource[], log: MessageLog, options: IngestOptions = {}): Article[] {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const context: Context = { storyLines: new Map() }
  const articles: Article[] = []
  for (const source of sources) {
    if (source.unreadable) {
      log.fatal('read', source.unreadable.ruleId, source.unreadable.reason, { file: source.file })
      continue
    }
    if (source.kind === 'text') {
      const article = ingestText(source, log, maxBytes)
      if (article) articles.push(article)
    } else if (source.line !== undefined) {
      const article = ingestRecord(source, source.kind, log, maxBytes, context)
      if (article) articles.push(article)
    } else articles.push(...ingestFile(source, source.kind, log, maxBytes, context))
  }
  return dropDuplicateIds(articles, log)
}

function ingestText(source: RawSource, log: MessageLog, maxBytes: number): Article | null {
  const place = { file: source.file, article: source.id }
  if (tooLarge(source.size ?? source.bytes.length, maxBytes, place, log)) return null
  const decoded = decode(source.bytes, source.file, log)
  if (decoded === null) return null
  // A web page: its main text, the page's navigation, ads and footers left behind; a page too deeply nested or
  // too large to extract in bounded time is skipped.
  const page = /\.html?$/i.test(source.file) && decoded.trim() !== '' ? extractHtml(decoded) : null
  if (page && 'skipped' in page) {
    log.fatal(SOURCE, 'complex-page', `${page.skipped}; skipped`, place)
    return null
  }
  const text = page ? page.text : decoded
  if (text.trim() === '') {
    const what = page ? ' (no text in the page)' : text.length > 0 ? ' (whitespace only)' : ''
    log.fatal(SOURCE, 'empty-article', `Unexpected empty article${what}; skipped`, place)
    return null
  }
  const rawId = source.id ?? source.file
  const id = cleanField('id', rawId, { file: source.file }, log)
  const meta = source.meta ?? {}
  const field = (name: (typeof OPTIONAL_FIELDS)[number]) => {
    const value = meta[name]
    return typeof value === 'string' ? nonEmpty(cleanField(name, value, { file: source.file, article: id }, log)) : null
  }
  return {
    story: source.story === undefined ? 'story' : cleanField('story', source.story, { file: source.file }, log) || 'story',
    id,
    outlet: field('outlet') ?? id,
    title: field('title') ?? nonEmpty(page && !('skipped' in page) ? page.title : null),
    url: field('url'),
    published: field('published'),
    source: { file: source.file },
    text,
    hash: sha256(source.bytes),
  }
}

/** A whole JSON Lines or CSV file in memory, record by record. */
function ingestFile(source: RawSource, format: RecordFormat, log: MessageLog, maxBytes: number, context: Context): Article[] {
  const file = openRecords(bufferSource(source.bytes), log, { format, file: source.file, maxBytes })
  if (file === null) return []
  const records = [...file.records]
  const latin1File = reportLatin1Records(records, source.file, log)
  const articles: Article[] = []
  for (const record of records) {
    const place = { file: source.file, line: record.line }
    if (record.latin1 && !latin1File) log.warn(SOURCE, 'invalid-utf8', LATIN1_LINE, place)
    const article = recordToArticle(record.value, record.text, place, log, context)
    if (article) articles.push(article)
  }
  noArticle(articles, source, format === 'jsonl' ? 'JSONL' : 'CSV', log)
  return articles
}

const LATIN1_LINE = 'Expected UTF-8, got invalid byte sequences; this line decoded as Windows-1252 (Latin-1), the others as UTF-8'

/**
 * A file none of whose non-ASCII records is valid UTF-8 is in Windows-1252: one warning for the file (true), not one
 * per line. A file with some valid and some invalid records is UTF-8 with damaged lines, each reported.
 */
export function reportLatin1Records(records: readonly Pick<ScannedRecord, 'latin1' | 'nonAscii'>[], file: string, log: MessageLog): boolean {
  const latin1 = records.filter((r) => r.latin1).length
  if (latin1 === 0 || latin1 < records.filter((r) => r.nonAscii).length) return false
  log.warn(SOURCE, 'invalid-utf8', 'Expected UTF-8, got invalid byte sequences; decoded as Windows-1252 (Latin-1)', { file })
  return true
}

/** One record of a JSON Lines or CSV file, as the pipeline reads a story's records on demand. */
function ingestRecord(source: RawSource, format: RecordFormat, log: MessageLog, maxBytes: number, context: Context): Article | null {
  const place = { file: source.file, line: source.line! }
  const length = source.bytes.length - (source.bytes[source.bytes.length - 1] === 0x0a ? 1 : 0)
  if (tooLarge(length, maxBytes, place, log)) return null
  const encoding = source.encoding ?? 'utf-8'
  const parsed = parseRecord(source.bytes, format, encoding, source.header, place.line)
  if (parsed === null) return null
  if ('ruleId' in parsed) {
    log.fatal(SOURCE, parsed.ruleId, parsed.reason, place)
    return null
  }
  if (parsed.latin1) log.warn(SOURCE, 'invalid-utf8', LATIN1_LINE, place)
  return recordToArticle(parsed.value, parsed.text, place, log, context)
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

/**
 * The story of a JSON Lines or CSV record, exactly as `ingest` reads it (a number as its digits, control characters
 * and surrounding white space left out); null when ingest rejects the record for its story.
 */
export function recordStory(record: unknown): string | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return null
  const value = (record as Record<string, unknown>).story
  if (typeof value !== 'string' && typeof value !== 'number') return null
  const story = cleanName(String(value)).trim()
  return story === '' ? null : story
}

function recordToArticle(record: unknown, hashed: string, place: { file: string; line: number }, log: MessageLog, context: Context): Article | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    // `typeof null` is "object": name it, or the message contradicts itself.
    const got = record === null ? 'null' : Array.isArray(record) ? 'array' : typeof record
    log.fatal(SOURCE, 'malformed-jsonl', `Expected a JSON object per line, got ${quoteValue(got)}; skipped`, place)
    return null
  }
  const fields = record as Record<string, unknown>
  for (const name of ['story', 'id', 'text'] as const) {
    const value = Object.hasOwn(fields, name) ? fields[name] : undefined
    if (value === undefined || value === null) {
      log.fatal(SOURCE, 'missing-field', `Expected field ${quoteValue(name)}, got none; skipped`, place)
      return null
    }
    if (typeof value !== 'string' && !(name !== 'text' && typeof value === 'number')) {
      log.fatal(SOURCE, 'mistyped-field', `Expected field ${quoteValue(name)} to be a string, got ${quoteValue(typeof value)}; skipped`, place)
      return null
    }
  }
  const story = readId('story', fields.story as string | number, place, log)
  const id = readId('id', fields.id as string | number, place, log)
  if (id === null || story === null) return null
  // Ids are compared exactly once trimmed: a story spelled with white space around it joins the one spelled without,
  // and the warning says which line that story started on.
  if (!context.storyLines.has(story)) context.storyLines.set(story, place.line)
  let text = normalise(fields.text as string)
  if (hasLoneSurrogate(text)) {
    log.warn(SOURCE, 'lone-surrogate', `Unexpected lone surrogates (half a UTF-16 pair) in the text of article ${quoteValue(id)}; replaced by U+FFFD`, { ...place, article: id })
    text = toWellFormed(text)
  }
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
    const value = Object.hasOwn(fields, name) ? fields[name] : undefined
    if (value === undefined || value === null) continue
    if (typeof value !== 'string') {
      log.warn(SOURCE, 'mistyped-field', `Expected field ${quoteValue(name)} to be a string, got ${quoteValue(typeof value)}; ignored`, { ...place, article: id })
      continue
    }
    meta[name] = cleanField(name, value, { ...place, article: id }, log)
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
    hash: sha256(Buffer.from(hashed)),
  }

  function readId(name: 'story' | 'id', value: string | number, at: Place, messages: MessageLog): string | null {
    let raw: string
    if (typeof value === 'number') {
      // 42 and "42" would be one story without a word: the number is read as its digits, and said so.
      raw = String(value)
      messages.warn(SOURCE, 'mistyped-field', `Expected field ${quoteValue(name)} to be a string, got the number ${quoteJson(value)}; read as ${quoteJson(raw)}`, at)
    } else raw = value
    const cleaned = cleanField(name, raw, at, messages)
    const trimmed = cleaned.trim()
    if (trimmed === '') {
      messages.fatal(SOURCE, 'missing-field', `Expected non-empty ${quoteValue(name)}, got an empty string; skipped`, at)
      return null
    }
    if (trimmed !== cleaned) {
      const first = name === 'story' ? context.storyLines.get(trimmed) : undefined
      const joined = first !== undefined ? `, the story of line ${first}` : ''
      messages.warn(SOURCE, 'padded-id', `Unexpected white space around the ${name === 'story' ? 'story' : 'article'} id ${quoteJson(cleaned)}; read as ${quoteJson(trimmed)}${joined}`, at)
    }
    return trimmed
  }
}

/** A name with lone surrogates as U+FFFD, tabs and line ends as spaces and other control characters left out. */
export function cleanName(value: string): string {
  return toWellFormed(value)
    .replace(/[\t\n\v\f\r]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
}

/**
 * An id, story or metadata field as every report spells it: lone surrogates (which JSON escapes allow) become U+FFFD
 * and control characters (NUL among them) go, with a warning, so that no report holds them raw or spells them two ways.
 */
function cleanField(name: string, value: string, place: Place, log: MessageLog): string {
  const cleaned = cleanName(value)
  if (cleaned !== value) log.warn(SOURCE, 'control-character', `Unexpected control characters or lone surrogates in ${quoteValue(name)} ${quoteJson(value)}; read as ${quoteJson(cleaned)}`, place)
  return cleaned
}

/**
 * Decode an article file: UTF-8 (BOM optional), UTF-16 or UTF-32 (with a BOM, or told by the pattern of its NUL
 * bytes); a UTF-8 line that is not valid is read as Windows-1252 with a warning, the other lines staying UTF-8.
 */
function decode(bytes: Uint8Array, file: string, log: MessageLog): string | null {
  const place = { file }
  const sniffed = sniffEncoding(bytes, true)
  if (sniffed.encoding === null) {
    log.fatal(SOURCE, 'binary-file', 'Unexpected binary file (NUL bytes); skipped', place)
    return null
  }
  reportEncoding(sniffed, log, SOURCE, file)
  const decoded = decodeText(bytes.subarray(sniffed.bom), sniffed.encoding)
  // NUL bytes are normal in UTF-16, NUL characters are not: a binary file that happens to start with FF FE.
  if (decoded.text.includes('\u0000')) {
    log.fatal(SOURCE, 'binary-file', 'Unexpected binary file (NUL characters); skipped', place)
    return null
  }
  const lines = decoded.latin1Lines
  if (lines.length > 0 && decoded.allLatin1) log.warn(SOURCE, 'invalid-utf8', 'Expected UTF-8, got invalid byte sequences; decoded as Windows-1252 (Latin-1)', place)
  else if (lines.length > 0) {
    const shown = lines.length > 5 ? `${lines.slice(0, 5).join(', ')} and ${lines.length - 5} more` : lines.join(', ')
    log.warn(SOURCE, 'invalid-utf8', `Expected UTF-8, got invalid byte sequences on line${lines.length > 1 ? 's' : ''} ${shown}; ${lines.length > 1 ? 'those lines' : 'that line'} decoded as Windows-1252 (Latin-1), the others as UTF-8`, { file, line: lines[0]! })
  }
  return normalise(decoded.text)
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
