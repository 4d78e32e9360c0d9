// Messages: every problem a stage finds, with a place, a source (the stage) and a rule id.
import type { Place } from './types.js'

/** fatal: the article or story was dropped; warning: bad data, carried on; info: worth knowing. */
export type Severity = 'fatal' | 'warning' | 'info'

/**
 * The rule ids of an article skipped because it holds no text: an empty or whitespace-only file, record or field, a
 * web page without text (`empty-article`), nothing left once boilerplate is removed (`no-body`), no sentence long
 * enough (`no-sentences`). Such a skip is a warning, not fatal: a scraper that fetched a paywall or a page not yet
 * published is routine in a nightly run, while a binary, malformed, oversized or unreadable input (fatal) is not.
 */
export const NO_TEXT_RULES: readonly string[] = ['empty-article', 'no-body', 'no-sentences']

/** A problem found while processing; `String(message)` reads like a compiler error. */
export class Message {
  readonly reason: string
  readonly source: string
  readonly ruleId: string
  readonly severity: Severity
  readonly place: Place
  /** The story the message concerns, when there is one. */
  readonly story: string | null

  constructor(severity: Severity, reason: string, source: string, ruleId: string, place: Place = {}, story: string | null = null) {
    this.severity = severity
    this.reason = reason
    this.source = source
    this.ruleId = ruleId
    this.place = place
    this.story = story
  }

  /** `file:line: severity: reason [source/rule-id]`, place parts left out when unknown; on one printable line. */
  toString(): string {
    return printable(`${formatPlace(this.place, this.story)}: ${this.severity}: ${this.reason} [${this.source}/${this.ruleId}]`)
  }

  /** The plain record written into report.json and run.json. */
  toJSON(): Record<string, unknown> {
    return {
      severity: this.severity,
      source: this.source,
      ruleId: this.ruleId,
      story: this.story,
      file: this.place.file ?? null,
      line: this.place.line ?? null,
      article: this.place.article ?? null,
      begin: this.place.begin ?? null,
      end: this.place.end ?? null,
      reason: this.reason,
      text: String(this),
    }
  }
}

function formatPlace(place: Place, story: string | null): string {
  let where = place.file ?? (place.article !== undefined ? `${story ?? ''}${story ? '/' : ''}${place.article}` : story ?? '<corpus>')
  if (place.line !== undefined) where += `:${place.line}`
  if (place.begin !== undefined) where += `:${place.begin}-${place.end ?? place.begin}`
  return where
}

/** Collects messages; stages add to it instead of throwing. */
export class MessageLog {
  readonly messages: Message[] = []
  /** Story these messages concern; set by the pipeline for each story. */
  readonly story: string | null

  constructor(story: string | null = null) {
    this.story = story
  }

  fatal(source: string, ruleId: string, reason: string, place?: Place): Message {
    return this.push(new Message('fatal', reason, source, ruleId, place, this.story))
  }

  warn(source: string, ruleId: string, reason: string, place?: Place): Message {
    return this.push(new Message('warning', reason, source, ruleId, place, this.story))
  }

  info(source: string, ruleId: string, reason: string, place?: Place): Message {
    return this.push(new Message('info', reason, source, ruleId, place, this.story))
  }

  /** Messages of one severity. */
  bySeverity(severity: Severity): Message[] {
    return this.messages.filter((m) => m.severity === severity)
  }

  private push(message: Message): Message {
    this.messages.push(message)
    return message
  }
}

/**
 * Every failure the user can fix (bad options, input files, configs, models, an output folder that cannot be used),
 * with a stable `code`: the CLI prints its message without a stack and exits 2. Anything else is a crash.
 */
export class CorroborateError extends Error {
  readonly code: string
  constructor(code: string, message: string) {
    super(message)
    this.code = code
    this.name = 'CorroborateError'
  }
}

/** Wrap a value in backticks for a message: `` `value` ``. */
export function quoteValue(value: unknown): string {
  const text = typeof value === 'string' ? value : String(JSON.stringify(value))
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text
  return `\`${short}\``
}

/**
 * Text for a terminal or a log line: control characters (escape sequences that recolour the terminal, rewrite
 * its title or make links, line breaks that fake another message), line separators and the bidirectional controls
 * that reorder what is shown are written as `\u001b` escapes. A story id or outlet name comes from the input, and
 * is printed as such.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/**
 * Wrap a value in backticks as JSON: `` `"100"` `` for a string, `` `100` `` for a number, so that the two are told
 * apart, and white space, control characters and lone surrogates show (escaped) rather than reach the message raw.
 */
export function quoteJson(value: unknown): string {
  const text = String(JSON.stringify(value))
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text
  return `\`${short}\``
}
