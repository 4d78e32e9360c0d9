// rows: the articles of a JSON Lines or CSV source, a whole file or one record of one (as the pipeline reads a
// story's records from a large file): what jsonl.ts and csv.ts share, the format aside.
import type { MessageLog } from '../../core/messages.js'
import { NO_TEXT_RULES, quoteJson, quoteValue } from '../../core/messages.js'
import type { Article, ArticleMeta, Place, RawSource } from '../../core/types.js'
import { hasLoneSurrogate, toWellFormed } from './decode.js'
import { cleanField, cleanName, type IngestContext, type InputKind, nonEmpty, normalise, OPTIONAL_FIELDS, outletOf, sha256, SOURCE, tooLarge } from './input.js'
import { bufferSource, openRecords, parseRecord, type RecordFormat, type ScannedRecord } from './records.js'

/** The articles of a source of `kind` in `format`: a whole file record by record, or the one record it is (`line` set). */
export function readRows(source: RawSource, kind: InputKind, format: RecordFormat, log: MessageLog, context: IngestContext): Article[] {
  if (source.line === undefined) return ingestFile(source, kind, format, log, context)
  const article = ingestRecord(source, format, log, context)
  return article ? [article] : []
}

/** A whole JSON Lines or CSV file in memory, record by record. */
function ingestFile(source: RawSource, kind: InputKind, format: RecordFormat, log: MessageLog, context: IngestContext): Article[] {
  const file = openRecords(bufferSource(source.bytes), log, { format, file: source.file, maxBytes: context.maxBytes })
  if (file === null) return []
  const records = [...file.records]
  const latin1File = reportLatin1Records(records, source.file, log)
  const articles: Article[] = []
  for (const record of records) {
    const place = { file: source.file, line: record.line }
    if (record.latin1 && !latin1File) log.warn(SOURCE, 'invalid-utf8', LATIN1_LINE, place)
    const article = recordToArticle(record.value, record.text, format, place, log, context)
    if (article) articles.push(article)
  }
  noArticle(articles, source, kind.label, log)
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
function ingestRecord(source: RawSource, format: RecordFormat, log: MessageLog, context: IngestContext): Article | null {
  const place = { file: source.file, line: source.line! }
  const length = source.bytes.length - (source.bytes[source.bytes.length - 1] === 0x0a ? 1 : 0)
  if (tooLarge(length, context.maxBytes, place, log)) return null
  const encoding = source.encoding ?? 'utf-8'
  const parsed = parseRecord(source.bytes, format, encoding, source.header, place.line)
  if (parsed === null) return null
  if ('ruleId' in parsed) {
    log.fatal(SOURCE, parsed.ruleId, parsed.reason, place)
    return null
  }
  if (parsed.latin1) log.warn(SOURCE, 'invalid-utf8', LATIN1_LINE, place)
  return recordToArticle(parsed.value, parsed.text, format, place, log, context)
}

/** A file of many articles that yielded none, with no fatal message to say why, gets one. */
function noArticle(articles: readonly Article[], source: RawSource, format: string, log: MessageLog): void {
  if (articles.length === 0 && !log.messages.some((m) => m.place.file === source.file && (m.severity === 'fatal' || NO_TEXT_RULES.includes(m.ruleId)))) {
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

function recordToArticle(record: unknown, hashed: string, format: RecordFormat, place: { file: string; line: number }, log: MessageLog, context: IngestContext): Article | null {
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
      // No text is an empty article (a warning below), not a malformed record: an empty cell of a CSV `text`
      // column, or `"text": null` where a scraper got nothing. A JSON Lines record without the key is malformed.
      if (name === 'text' && (format === 'csv' || value === null)) continue
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
  let text = normalise((fields.text as string | null | undefined) ?? '')
  if (hasLoneSurrogate(text)) {
    log.warn(SOURCE, 'lone-surrogate', `Unexpected lone surrogates (half a UTF-16 pair) in the text of article ${quoteValue(id)}; replaced by U+FFFD`, { ...place, article: id })
    text = toWellFormed(text)
  }
  // An empty text with a title is an article of a headline alone, which `segment` keeps as such.
  const titled = typeof fields.title === 'string' && fields.title.trim() !== ''
  if (text.trim() === '' && !titled) {
    // A warning (see NO_TEXT_RULES): an empty scrape is routine, and the story goes on without it.
    log.warn(SOURCE, 'empty-article', `Unexpected empty article ${quoteValue(id)}; skipped`, { ...place, article: id })
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
    outlet: outletOf(nonEmpty(meta.outlet), nonEmpty(meta.url), id, context),
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
