// ingest: decode raw input files (article files, JSON Lines or CSV, whole or one record at a time) into articles,
// one bad input at a time. Each input kind is one file here (text, html, jsonl, csv), chosen by `INPUT_KINDS`.
import type { MessageLog } from '../../core/messages.js'
import { quoteValue } from '../../core/messages.js'
import type { Article, InputKindName, RawSource } from '../../core/types.js'
import { csvInput } from './csv.js'
import { htmlInput } from './html.js'
import type { IngestContext, InputKind } from './input.js'
import { SOURCE } from './input.js'
import { jsonlInput } from './jsonl.js'
import { textInput } from './text.js'

export type { InputKind } from './input.js'

export interface IngestOptions {
  /** Largest article accepted, in bytes (default: 5 MB). */
  readonly maxBytes?: number
  /** Outlet names as given to the names the reports use, `{"NYT": "New York Times"}` (default: none). */
  readonly outlets?: Readonly<Record<string, string>>
  /**
   * Add one info message (`ingest/unnamed-outlets`) when articles have no outlet field, naming them and saying how
   * to name outlets (default: `false`).
   */
  readonly noteUnnamedOutlets?: boolean
}

/** Rule id of the info message that articles were read without an outlet field. */
export const UNNAMED_OUTLETS = 'unnamed-outlets'

/** How a user names outlets, as messages say it. */
export const HOW_TO_NAME_OUTLETS = 'name outlets with `outlet` in story.json or in the JSON Lines or CSV records, or map names with the config\'s `outlets`'


/** Largest article accepted unless told otherwise: 5 MB (the one default of `--max-bytes`). */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024

/** The input kinds, in the order messages list their endings: a new kind is a file here and a row of this table. */
export const INPUT_KINDS: readonly InputKind[] = [textInput, htmlInput, jsonlInput, csvInput]

const BY_KIND = new Map<InputKindName, InputKind>(INPUT_KINDS.map((k) => [k.kind, k]))

/** The input kind a file's name ends in (case aside), or null. */
export function inputKindOf(name: string): InputKind | null {
  const lower = name.toLowerCase()
  return INPUT_KINDS.find((k) => k.extensions.some((e) => lower.endsWith(e))) ?? null
}

/** File endings read as articles in a story folder: those of the kinds that hold one article per file. */
export const ARTICLE_EXTENSIONS: readonly string[] = INPUT_KINDS.filter((k) => k.holds === 'article').flatMap((k) => k.extensions)

/**
 * Decode every source into articles; an unusable article is a fatal message naming the file (and line), and the
 * rest go on. A JSON Lines or CSV source is a whole file, or one record of one (`line` set), as the pipeline reads a
 * story's records from a large file.
 */
export function ingest(sources: readonly RawSource[], log: MessageLog, options: IngestOptions = {}): Article[] {
  const context: IngestContext = { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES, storyLines: new Map(), outlets: options.outlets ?? {}, unnamed: [] }
  const articles: Article[] = []
  for (const source of sources) {
    if (source.unreadable) {
      log.fatal('read', source.unreadable.ruleId, source.unreadable.reason, { file: source.file })
      continue
    }
    const kind = BY_KIND.get(source.kind)
    // A programmer's error, not bad input: the pipeline builds every source with a kind of the table.
    if (!kind) throw Object.assign(new TypeError(`Expected a source kind of ${INPUT_KINDS.map((k) => k.kind).join(', ')}, got ${quoteValue(String(source.kind))}`), { code: 'ERR_INVALID_ARG_VALUE' })
    articles.push(...kind.read(source, log, context))
  }
  const kept = dropDuplicateIds(articles, log)
  if (options.noteUnnamedOutlets && context.unnamed.length > 0) {
    const unnamed = [...new Set(context.unnamed)].sort()
    const shown = unnamed.slice(0, 3).map(quoteValue).join(', ') + (unnamed.length > 3 ? ` and ${unnamed.length - 3} more` : '')
    log.info(SOURCE, UNNAMED_OUTLETS, `Expected an outlet for every article, got none for ${shown}: named after the url's host, else the article id; ${HOW_TO_NAME_OUTLETS}`)
  }
  return kept
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
