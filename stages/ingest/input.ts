// What every input kind shares: the shape of a kind, what one `ingest` call remembers, and the checks and field
// cleaning every kind applies, so that an id or a title reads the same whatever file it came from.
import { createHash } from 'node:crypto'
import type { MessageLog } from '../../core/messages.js'
import { quoteJson, quoteValue } from '../../core/messages.js'
import type { Article, InputKindName, Place, RawSource } from '../../core/types.js'
import { toWellFormed } from './decode.js'

/** Rule source of ingest's messages. */
export const SOURCE = 'ingest'

/** The metadata fields besides `story`, `id` and `text`. */
export const OPTIONAL_FIELDS = ['outlet', 'title', 'url', 'published'] as const

/** What one call of `ingest` gives every source and remembers across them. */
export interface IngestContext {
  /** Largest article accepted, in bytes. */
  readonly maxBytes: number
  /** The first line of each story of a JSON Lines or CSV input, for messages. */
  readonly storyLines: Map<string, number>
  /** Outlet names as given to the names the reports use (the config's `outlets`). */
  readonly outlets: Readonly<Record<string, string>>
  /** Ids of the articles read without an outlet field, named after their url's host or their id. */
  readonly unnamed: string[]
}

/**
 * An article's outlet: its `outlet` field, else its url's host (`www.` left out), else its id; then renamed by the
 * `outlets` map (`{"NYT": "New York Times"}`), so that every figure of one outlet is counted under one name.
 */
export function outletOf(given: string | null, url: string | null, id: string, context: IngestContext): string {
  if (given === null) context.unnamed.push(id)
  const outlet = given ?? hostOf(url) ?? id
  return Object.hasOwn(context.outlets, outlet) ? context.outlets[outlet]! : outlet
}

/** The host of a url (`www.` left out, lower case), or null when it has none or is not a url. */
export function hostOf(url: string | null): string | null {
  if (url === null) return null
  try {
    const host = new URL(url).hostname.toLowerCase().replace(/^www\./, '')
    return host === '' ? null : host
  } catch {
    return null
  }
}

/**
 * An input kind: its name (`RawSource.kind`), the file endings it is chosen by (lower case, with the dot), whether
 * a file of it is one article (a story folder's files) or many (a corpus file of records), its name in messages,
 * and how a source of it becomes articles (an unusable one is a message on `log`, never a throw).
 */
export interface InputKind {
  readonly kind: InputKindName
  readonly extensions: readonly string[]
  readonly holds: 'article' | 'records'
  readonly label: string
  readonly read: (source: RawSource, log: MessageLog, context: IngestContext) => Article[]
}

/** True (and a fatal message) when an article of `size` bytes is over the limit. */
export function tooLarge(size: number, maxBytes: number, place: Place, log: MessageLog): boolean {
  if (size <= maxBytes) return false
  log.fatal(SOURCE, 'oversized-article', `Expected an article of at most ${maxBytes} bytes, got ${size} bytes; skipped`, place)
  return true
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
export function cleanField(name: string, value: string, place: Place, log: MessageLog): string {
  const cleaned = cleanName(value)
  if (cleaned !== value) log.warn(SOURCE, 'control-character', `Unexpected control characters or lone surrogates in ${quoteValue(name)} ${quoteJson(value)}; read as ${quoteJson(cleaned)}`, place)
  return cleaned
}

/**
 * CRLF and lone CR to LF, no-break and other odd spaces to plain spaces, zero-width characters and soft hyphens
 * dropped (a page that hyphenates its words for display writes "gov\u00adernor", which is "governor").
 */
export function normalise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f\u2000-\u200a]/g, ' ')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
}

/** A trimmed value, or null when there is none or it is blank. */
export function nonEmpty(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null
  const trimmed = value.trim()
  return trimmed === '' ? null : trimmed
}

/** SHA-256 of the bytes, in hex (an article's `hash`). */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
