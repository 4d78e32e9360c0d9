// The package's entry point, `require('corroborate')`: `analyzeArticles` runs every stage over articles held in
// memory and returns the ledger without writing anything, and the stages, the batch runner and the domain types are
// exported as they are, for programs that want one step or the whole run.
import { CorroborateError, MessageLog, quoteValue } from '../core/messages.js'
import type { Document, Ledger, Lexicons, RawSource } from '../core/types.js'
import { DEFAULT_LEXICONS } from '../lang/en/lexicons/index.js'
import { checkLexicon } from '../stages/framing/index.js'
import { DEFAULT_MODEL, type SimilarityModel } from '../stages/similarity/index.js'
import { loadModel, vectorsFor } from '../commands/pairs.js'
import { runStages, WORKBOOK_FILE } from './story.js'
import { toolInfo } from './tool.js'

export { analyze, type AnalyzeOptions, type AnalyzeResult } from '../commands/analyze.js'
export { CorroborateError, Message, MessageLog, NO_TEXT_RULES, type Severity } from '../core/messages.js'
export type * from '../core/types.js'
export { align, type AlignOptions } from '../stages/align/index.js'
export { clean, type CleanOptions } from '../stages/clean/index.js'
export { ingest, type IngestOptions, INPUT_KINDS } from '../stages/ingest/index.js'
export { report, STORY_FILE_NAMES } from '../stages/report/index.js'
export { scoreStory, type ScoreOptions } from '../stages/score/index.js'
export { segment, type SegmentOptions } from '../stages/segment/index.js'
export { DEFAULT_MODEL, type SimilarityModel } from '../stages/similarity/index.js'
export { type AnalyzeSettings, type FailOn, resolveSettings } from './settings.js'
export { loadVectors } from './tables.js'
export { loadModel } from '../commands/pairs.js'

/** One article held in memory: the fields of a JSON Lines record (`id` and `text` required, the rest optional). */
export interface ArticleInput {
  readonly id: string
  readonly text: string | null
  readonly outlet?: string | null
  readonly title?: string | null
  readonly url?: string | null
  readonly published?: string | null
  /** The story; all articles of one call share it (default: `options.storyId`, else `story`). */
  readonly story?: string
}

/** Options of `analyzeArticles`; every one has the default `corroborate analyze` has. */
export interface AnalyzeArticlesOptions {
  /** The story's id (default: the articles' `story`, else `story`). */
  readonly storyId?: string
  /** A similarity model, or the path of one written by `calibrate` (default: the shipped model). */
  readonly model?: SimilarityModel | string
  /** Replacement word lists by name, as in a config file's `lexicons` (default: the shipped ones). */
  readonly lexicons?: Readonly<Record<string, unknown>>
  /** Words of the digest's corroborated part (default: 250). */
  readonly digestWords?: number
  /** Largest article text accepted, in bytes (default: 5 MB). */
  readonly maxBytes?: number
  /** Report files as CSV for Excel (UTF-8 byte order mark, CRLF; default: false). */
  readonly excel?: boolean
  /** Outlet names as the articles spell them to the names the reports use, as a config's `outlets` (default: none). */
  readonly outlets?: Readonly<Record<string, string>>
  /** Make report.html among the files (default: true; `--no-html` is `false`). */
  readonly html?: boolean
  /** Make the story's workbook, report.xlsx, returned as `workbook` (default: false, as `--xlsx`). */
  readonly xlsx?: boolean
  /** Where a line of progress goes, such as building the word tables on first use (default: stderr). */
  readonly progress?: (line: string) => void
}

/** What `analyzeArticles` found: the ledger, every message, and the report files as `analyze` would write them. */
export interface AnalyzeArticlesResult {
  readonly storyId: string
  /** `ok`, or why there is no ledger: `too-few-articles`, `no-text` (every article empty). */
  readonly status: 'ok' | 'too-few-articles' | 'no-text'
  /** The agreement ledger; null when fewer than 2 articles were usable. */
  readonly ledger: Ledger | null
  /** The usable articles, cleaned and segmented. */
  readonly documents: readonly Document[]
  /** Every message, articles skipped included; `String(message)` names the article as `<articles>:N` (1-based). */
  readonly messages: MessageLog['messages']
  /** The story folder's report files by name (`statements.csv`, `report.json`, …); null with no ledger. */
  readonly files: ReadonlyMap<string, string> | null
  /** report.xlsx's bytes with `xlsx`; null without it or with no ledger. */
  readonly workbook: Uint8Array | null
}

/** Every option `analyzeArticles` takes: any other is refused, never ignored. */
const OPTIONS: readonly (keyof AnalyzeArticlesOptions)[] = ['storyId', 'model', 'lexicons', 'digestWords', 'maxBytes', 'excel', 'outlets', 'html', 'xlsx', 'progress']

// Options of `corroborate analyze` that concern files, folders or the run, not one story held in memory.
const COMMAND_ONLY = new Set(['config', 'corpus', 'out', 'stories', 'story', 'concurrency', 'force', 'prune', 'quiet', 'verbose', 'failOn', 'strict', 'logFormat', 'followOutsideLinks', 'noHtml'])

/** The file name messages give the in-memory articles: `<articles>:3` is the third. */
const ARTICLES = '<articles>'

/**
 * Analyse articles held in memory as one story, through the same stages as `corroborate analyze` and with its
 * checks (each article is read as a JSON Lines record is): returns the ledger, the messages and the report files,
 * and writes nothing (but the word tables, built once into their cache on first use). Throws a TypeError with a
 * code for arguments that are not articles or options.
 */
export async function analyzeArticles(articles: readonly ArticleInput[], options: AnalyzeArticlesOptions = {}): Promise<AnalyzeArticlesResult> {
  if (!Array.isArray(articles)) throw invalid('ERR_INVALID_ARG_TYPE', `Expected \`articles\` to be an array of articles, got ${quoteValue(articles === null ? 'null' : typeof articles)}`)
  articles.forEach((a, i) => {
    if (typeof a !== 'object' || a === null || Array.isArray(a)) throw invalid('ERR_INVALID_ARG_TYPE', `Expected article ${i} to be an object, got ${quoteValue(a === null ? 'null' : Array.isArray(a) ? 'array' : typeof a)}`)
  })
  checkOptions(options)
  const storyId = options.storyId ?? storyOf(articles)
  const model = typeof options.model === 'string' ? loadModel(options.model) : (options.model ?? DEFAULT_MODEL)
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`))
  // Each article is the record a JSON Lines file would hold, so it meets every check `analyze` makes of one.
  const sources: RawSource[] = articles.map((article, i) => ({ kind: 'jsonl', file: ARTICLES, line: i + 1, bytes: Buffer.from(JSON.stringify({ ...article, story: storyId })) }))
  const log = new MessageLog(storyId)
  const result = await runStages(storyId, { sources, articles: [] }, log, {
    tool: toolInfo(),
    model,
    vectors: vectorsFor(model, progress),
    lexicons: lexiconsOf(options.lexicons),
    digestWords: options.digestWords,
    excel: options.excel,
    maxBytes: options.maxBytes,
    outlets: outletsOf(options.outlets),
    noHtml: options.html === false,
    xlsx: options.xlsx === true,
  })
  // The workbook is bytes; every other file is text.
  const files = result.files === null ? null : new Map([...result.files].filter(([name]) => name !== WORKBOOK_FILE) as [string, string][])
  const book = result.files?.get(WORKBOOK_FILE)
  return { storyId, status: result.status, ledger: result.ledger, documents: result.documents, messages: log.messages, files, workbook: book instanceof Uint8Array ? book : null }
}

/** Refuse an option `analyzeArticles` does not take (a typo, or one of the command's), rather than ignore it. */
function checkOptions(options: AnalyzeArticlesOptions): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw invalid('ERR_INVALID_ARG_TYPE', `Expected \`options\` to be an object, got ${quoteValue(options === null ? 'null' : Array.isArray(options) ? 'array' : typeof options)}`)
  for (const key of Object.keys(options)) {
    if ((OPTIONS as readonly string[]).includes(key)) continue
    const why = key === 'noHtml' ? '; pass `html: false`' : COMMAND_ONLY.has(key) ? ' (an option of `corroborate analyze`, which reads a corpus and writes a folder)' : ''
    throw invalid('ERR_INVALID_ARG_VALUE', `Unexpected option ${quoteValue(key)} of analyzeArticles${why}; expected one of ${OPTIONS.map((o) => `\`${o}\``).join(', ')}`)
  }
  for (const key of ['excel', 'html', 'xlsx'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'boolean') throw invalid('ERR_INVALID_ARG_TYPE', `Expected \`options.${key}\` to be true or false, got ${quoteValue(typeof options[key])}`)
  }
}

/** The outlet names given, checked as a config file's `outlets` are (a null prototype: an outlet may be `constructor`). */
function outletsOf(given: Readonly<Record<string, unknown>> | undefined): Readonly<Record<string, string>> | undefined {
  if (given === undefined) return undefined
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw invalid('ERR_INVALID_ARG_TYPE', `Expected \`options.outlets\` to be an object of names to names, got ${quoteValue(given === null ? 'null' : Array.isArray(given) ? 'array' : typeof given)}`)
  for (const [from, to] of Object.entries(given)) if (typeof to !== 'string' || to.trim() === '') throw invalid('ERR_INVALID_ARG_VALUE', `Expected \`options.outlets.${from}\` to be a non-empty string, got ${quoteValue(typeof to === 'string' ? to : typeof to)}`)
  return Object.assign(Object.create(null) as Record<string, string>, given)
}

/** The one story the articles name, else `story`; articles of two stories are a caller's error. */
function storyOf(articles: readonly ArticleInput[]): string {
  const stories = [...new Set(articles.map((a) => a.story).filter((s) => s !== undefined && s !== null))]
  if (stories.length > 1) throw invalid('ERR_INVALID_ARG_VALUE', `Expected the articles of one story, got ${stories.length} (${stories.slice(0, 3).map(quoteValue).join(', ')}); call analyzeArticles once per story`)
  return stories.length === 1 ? String(stories[0]) : 'story'
}

/** The shipped lexicons with those given replaced, each checked as a config file's are. */
function lexiconsOf(given: Readonly<Record<string, unknown>> | undefined): Lexicons {
  if (given === undefined) return DEFAULT_LEXICONS
  const replaced: Record<string, unknown> = { ...DEFAULT_LEXICONS }
  try {
    for (const [name, words] of Object.entries(given)) replaced[name] = checkLexicon(name, words, 'options.lexicons')
  } catch (error) {
    throw invalid('ERR_INVALID_ARG_VALUE', error instanceof CorroborateError ? error.message : String(error))
  }
  return replaced as unknown as Lexicons
}

function invalid(code: string, message: string): TypeError {
  return Object.assign(new TypeError(message), { code })
}
