// text: an article file of plain text (`.txt`, `.md`), one article per file; also the reading every article file
// shares (html.ts reads a page through it, extracting the page's text first).
import type { MessageLog } from '../../core/messages.js'
import type { Article, RawSource } from '../../core/types.js'
import { decodeText, sniffEncoding } from './decode.js'
import { cleanField, type IngestContext, type InputKind, nonEmpty, normalise, OPTIONAL_FIELDS, outletOf, sha256, SOURCE, tooLarge } from './input.js'
import { reportEncoding } from './records.js'

/** Plain text: the file's text is the article's. */
export const textInput: InputKind = {
  kind: 'text',
  extensions: ['.txt', '.md'],
  holds: 'article',
  label: 'text',
  read: (source, log, context) => [readArticleFile(source, log, context, null)].filter((a): a is Article => a !== null),
}

/**
 * One article file: its size checked, its bytes decoded, its text extracted by `extract` (a web page's main text;
 * null for plain text), and its id and metadata (from `story.json`) cleaned; null, with a fatal message, when it
 * cannot be used.
 */
export function readArticleFile(source: RawSource, log: MessageLog, context: IngestContext, extract: ((decoded: string) => { readonly title: string | null; readonly text: string } | { readonly skipped: string }) | null): Article | null {
  const place = { file: source.file, article: source.id }
  if (tooLarge(source.size ?? source.bytes.length, context.maxBytes, place, log)) return null
  const decoded = decode(source.bytes, source.file, log)
  if (decoded === null) return null
  // A web page: its main text, the page's navigation, ads and footers left behind; a page too deeply nested or
  // too large to extract in bounded time is skipped.
  const page = extract !== null && decoded.trim() !== '' ? extract(decoded) : null
  if (page && 'skipped' in page) {
    log.fatal(SOURCE, 'complex-page', `${page.skipped}; skipped`, place)
    return null
  }
  const text = page ? page.text : decoded
  const meta = source.meta ?? {}
  // An empty file with a title (in `story.json`, or the page's) is an article of a headline alone, which `segment`
  // keeps as such: a scrape that lost its body still says what its outlet's headline claims.
  const titled = (typeof meta.title === 'string' && nonEmpty(meta.title) !== null) || nonEmpty(page?.title) !== null
  if (text.trim() === '' && !titled) {
    const what = page ? ' (no text in the page)' : text.length > 0 ? ' (whitespace only)' : ''
    // A warning (see NO_TEXT_RULES): an empty scrape is routine, and the story goes on without it.
    log.warn(SOURCE, 'empty-article', `Unexpected empty article${what}; skipped`, place)
    return null
  }
  const rawId = source.id ?? source.file
  const id = cleanField('id', rawId, { file: source.file }, log)
  const field = (name: (typeof OPTIONAL_FIELDS)[number]) => {
    const value = meta[name]
    return typeof value === 'string' ? nonEmpty(cleanField(name, value, { file: source.file, article: id }, log)) : null
  }
  const url = field('url')
  return {
    story: source.story === undefined ? 'story' : cleanField('story', source.story, { file: source.file }, log) || 'story',
    id,
    outlet: outletOf(field('outlet'), url, id, context),
    title: field('title') ?? nonEmpty(page?.title),
    url,
    published: field('published'),
    source: { file: source.file },
    text,
    hash: sha256(source.bytes),
  }
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
