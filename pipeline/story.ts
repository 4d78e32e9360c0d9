// One story through every stage, from its input to its report folder: what a worker thread (or the main thread,
// with `--concurrency 1`) does for each story. Everything it needs comes in as plain data, and everything it
// finds goes back as plain data, so the result is the same on any thread and in any order.
import { createHash } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { align } from '../stages/align/index.js'
import { clean } from '../stages/clean/index.js'
import { ingest, UNNAMED_OUTLETS } from '../stages/ingest/index.js'
import { Message, MessageLog, NO_TEXT_RULES, quoteValue } from '../core/messages.js'
import { type IndexRow, measuresOf, type OutletMeasures, REPORT_PAGE_FILE, report, reportPage, reportWorkbook, SCHEMA_VERSION, SHEET_ROWS, storyReports, type ToolInfo } from '../stages/report/index.js'
import { scoreStory } from '../stages/score/index.js'
import { segment } from '../stages/segment/index.js'
import type { SimilarityModel } from '../stages/similarity/index.js'
import type { Article, Document, Ledger, Lexicons, RawSource } from '../core/types.js'
import type { WordVectors } from '../resources/vectors.js'
import { STATE_FILE } from './folders.js'
import type { AnalyzeSettings } from './settings.js'
import { textChunks, writeFolderAtomic } from './write.js'

export { STATE_FILE } from './folders.js'

/** The workbook of a story folder (with `--xlsx`) and of the output folder. */
export const WORKBOOK_FILE = 'report.xlsx'

/**
 * The report files of a story folder with the option each depends on (null: always), in the order they are made:
 * the story reports table (those `--no-html` leaves out say so), then the workbook. What `--help` lists.
 */
export const STORY_OUTPUT_FILES: readonly { readonly file: string; readonly when: string | null }[] = [
  ...storyReports().map((f) => ({ file: f.file, when: storyReports({ html: false }).includes(f) ? null : 'unless --no-html' })),
  { file: WORKBOOK_FILE, when: 'with --xlsx' },
]

/** The stages whose time run.json reports (`html`: building report.html and index.html, not counted in `report` or `write`). */
export const STAGES = ['read', 'ingest', 'clean', 'segment', 'align', 'score', 'report', 'html', 'write'] as const
export type StageName = (typeof STAGES)[number]

/** The settings a story's stages and its folder depend on, as resolved (see `STORY_SETTINGS`). */
export type StorySettings = Pick<AnalyzeSettings, (typeof STORY_SETTINGS)[number]> & {
  readonly tool: ToolInfo
  /** The model loaded (default: the shipped one). */
  readonly model?: SimilarityModel
}

/** The resolved settings each story needs, passed on as they are (to the worker threads too). */
export const STORY_SETTINGS = ['out', 'maxBytes', 'digestWords', 'excel', 'noHtml', 'xlsx', 'lexicons', 'outlets'] as const

/** One story to analyse: its files (folder corpus) or its decoded articles (JSON Lines or CSV corpus). */
export interface StoryJob {
  readonly storyId: string
  readonly folder: string
  /** The story's key; written into its state file so that an unchanged re-run can skip it. */
  readonly key: string
  readonly sources: readonly RawSource[]
  readonly articles: readonly Article[]
}

/** Term counts per outlet, sorted, as the state file keeps them. */
export type TermCounts = Readonly<Record<string, Readonly<Record<string, number>>>>

/** What analysing a story gave: its index row, messages, term counts and the time spent per stage. */
export interface StoryOutcome {
  readonly row: IndexRow
  readonly messages: readonly Message[]
  readonly terms: TermCounts
  /** Each outlet's framing measures in the story, for the run page's framing across the run. */
  readonly framing: readonly OutletMeasures[]
  readonly timings: Readonly<Partial<Record<StageName, number>>>
  /** True when the run was stopped before the story's reports were written: nothing of it was kept. */
  readonly abandoned?: boolean
  /** True when some of its articles had no outlet field (see `ingest/unnamed-outlets`). */
  readonly unnamedOutlets?: boolean
}

/** What the state file holds. */
export interface StoryState {
  readonly key: string
  /** The report layout its files were written in (`SCHEMA_VERSION`); a folder of another layout is redone. */
  readonly schemaVersion?: number
  readonly row: IndexRow
  /** Term counts per outlet, for the corpus-wide distinctive terms. */
  readonly terms: TermCounts
  /** Each outlet's framing measures, for the run page (absent in states written before 0.1.0 had index.html). */
  readonly framing?: readonly OutletMeasures[]
  /** The SHA-256 of each report file of the folder, so that a damaged or deleted one is noticed and redone. */
  readonly files?: Readonly<Record<string, string>>
  /** The story's date: the earliest `published` of its articles (as written), null when none has one. */
  readonly published?: string | null
  /** True when some of its articles had no outlet field, so that a run that keeps the story still says how to name them. */
  readonly unnamedOutlets?: boolean
  /** With `--xlsx`: per CSV file, the columns that hold numbers, so that the run's workbook types them as numbers. */
  readonly numbers?: Readonly<Record<string, readonly string[]>>
}

/** The earliest `published` of the articles that a date can be read from, as written; else the first given; else null. */
export function storyPublished(articles: readonly { readonly published: string | null }[]): string | null {
  const given = articles.flatMap((a) => (a.published === null ? [] : [a.published]))
  const dated = given.map((p) => [Date.parse(p), p] as const).filter(([t]) => Number.isFinite(t))
  // Ties and order: the earliest instant, then the smaller text, so that the value is the same whatever the order.
  dated.sort(([a, p], [b, q]) => a - b || (p < q ? -1 : p > q ? 1 : 0))
  return dated[0]?.[1] ?? [...given].sort()[0] ?? null
}

/** The SHA-256 (hex) of a report file's content, as the state file records it. */
export function contentHash(content: string | Uint8Array): string {
  if (typeof content !== 'string') return createHash('sha256').update(content).digest('hex')
  const hash = createHash('sha256')
  for (const chunk of textChunks(content)) hash.update(chunk, 'utf8')
  return hash.digest('hex')
}

/** Thrown between stages once the run is being stopped: the story is abandoned, its old reports kept. */
class Abandoned extends Error {}

/**
 * Run the stages over one story and write its report folder; bad input and failures become messages. `stopping`
 * is asked before each stage: once it says yes, the story is abandoned (`abandoned: true`) and nothing is written.
 */
export async function analyseStory(job: StoryJob, settings: StorySettings, vectors: WordVectors | undefined, stopping: () => boolean = () => false): Promise<StoryOutcome> {
  const timings: Partial<Record<StageName, number>> = {}
  const time = async <T>(stage: StageName, run: () => T | Promise<T>): Promise<T> => {
    if (stopping()) throw new Abandoned()
    const start = performance.now()
    try {
      return await run()
    } finally {
      timings[stage] = (timings[stage] ?? 0) + performance.now() - start
    }
  }
  const { storyId, folder } = job
  const log = new MessageLog(storyId)
  const unnamed = () => log.messages.some((m) => m.ruleId === UNNAMED_OUTLETS)
  const row = emptyCounts(storyId, folder)
  let status: IndexRow['status'] = 'ok'
  let terms: TermCounts = {}
  let framing: readonly OutletMeasures[] = []
  try {
    // Counted as soon as segmented: a story that fails later still says how many articles it had.
    const segmented = (documents: readonly Document[]) => {
      row.articles = documents.length
      row.outlets = new Set(documents.map((d) => d.article.outlet)).size
    }
    const { ledger, files, numbers, status: reached } = await runStages(storyId, job, log, { ...settings, vectors }, { step: time, segmented })
    if (ledger === null || files === null) status = reached === 'ok' ? 'too-few-articles' : reached
    else {
      terms = sortedTerms(ledger.framing.termCounts)
      framing = ledger.framing.outlets.map(measuresOf)
      row.sentences = ledger.story.sentenceCount
      row.statements = ledger.story.statementCount
      row.corroborated = ledger.story.corroboratedCount
      row.conflicts = ledger.story.conflictCount
      row.quotesChanged = ledger.story.quotesChanged
      const hashes = Object.fromEntries([...files].map(([name, content]) => [name, contentHash(content)]))
      const state: StoryState = { key: job.key, schemaVersion: SCHEMA_VERSION, row: { ...row, status, fatal: countOf(log, 'fatal'), warnings: countOf(log, 'warning') }, terms, framing, files: hashes, published: storyPublished(ledger.articles), unnamedOutlets: unnamed(), ...(numbers ? { numbers } : {}) }
      // The state goes into the folder with the reports, so both are swapped in together or not at all.
      const withState = new Map(files)
      withState.set(STATE_FILE, `${JSON.stringify(state)}\n`)
      await time('write', () => writeFolderAtomic(settings.out, folder, withState))
    }
  } catch (error) {
    if (error instanceof Abandoned) return { row: { ...row, status: 'failed', fatal: 0, warnings: 0 }, messages: [], terms: {}, framing: [], timings, abandoned: true }
    status = 'failed'
    terms = {}
    framing = []
    const code = (error as { code?: string }).code
    // A full disk, a read-only folder, a folder the tool did not make: the user's to fix, said plainly.
    if (code === 'ERR_WRITE') log.fatal('write', 'write-failed', `${(error as Error).message}; the story's previous reports, if any, are kept`)
    else if (code === 'ERR_NOT_OURS') log.fatal('write', 'foreign-folder', (error as Error).message)
    else log.fatal('analyze', 'story-failed', `Unexpected error while analysing the story: ${(error as Error).stack ?? String(error)}`)
  }
  return { row: { ...row, status, fatal: countOf(log, 'fatal'), warnings: countOf(log, 'warning') }, messages: log.messages, terms, framing, timings, unnamedOutlets: unnamed() }
}

/** What `runStages` needs besides the story's input: the run's settings and the word vectors. */
export interface StagesOptions {
  readonly tool: ToolInfo
  readonly model?: SimilarityModel
  readonly vectors?: WordVectors
  readonly lexicons?: Lexicons
  readonly digestWords?: number
  readonly excel?: boolean
  /** Make no report.html (default: `false`). */
  readonly noHtml?: boolean
  readonly maxBytes?: number
  /** Outlet names as given to the names the reports use (the config's `outlets`). */
  readonly outlets?: Readonly<Record<string, string>>
  /** Write report.xlsx too (default: `false`). */
  readonly xlsx?: boolean
}

/** What the stages made of a story: its documents, and its ledger and report files (null when too few articles). */
export interface StagesResult {
  readonly documents: readonly Document[]
  readonly ledger: Ledger | null
  readonly files: ReadonlyMap<string, string | Uint8Array> | null
  /** `ok`, or why there is no ledger: `too-few-articles`, `no-text` (every article empty). */
  readonly status: 'ok' | 'too-few-articles' | 'no-text'
  /** With `xlsx`: per CSV file, the columns that hold numbers (see `StoryState.numbers`). */
  readonly numbers?: Readonly<Record<string, readonly string[]>>
}

/** How `runStages` lets its caller watch: `step` runs each stage (`analyseStory` times it and stops between stages). */
export interface StageHooks {
  readonly step?: <T>(stage: StageName, run: () => T) => Promise<T>
  /** Called with the documents once segmented. */
  readonly segmented?: (documents: readonly Document[]) => void
}

/**
 * The stages of one story in order, ingest → clean → segment → align → score → report: the one sequence the story
 * runner, the worker threads and the tests share. A story with fewer than 2 usable articles gets a message and no
 * ledger (see `shortOfArticles`); one with a single outlet a warning. Pure apart from the hooks; writes nothing.
 */
export async function runStages(
  storyId: string,
  input: Pick<StoryJob, 'sources' | 'articles'>,
  log: MessageLog,
  options: StagesOptions,
  hooks: StageHooks = {},
): Promise<StagesResult> {
  const step = hooks.step ?? (async (_stage, run) => run())
  const articles = input.sources.length > 0 ? await step('ingest', () => ingest(input.sources, log, { maxBytes: options.maxBytes, outlets: options.outlets, noteUnnamedOutlets: true })) : input.articles
  const cleaned = await step('clean', () => clean(articles, log))
  const documents = await step('segment', () => segment(cleaned, log))
  hooks.segmented?.(documents)
  const outlets = new Set(documents.map((d) => d.article.outlet)).size
  if (documents.length < 2) return { documents, ledger: null, files: null, status: shortOfArticles(documents.length, log) }
  if (outlets < 2) log.warn('analyze', 'one-outlet', `Expected articles from at least 2 outlets, got 1 (${quoteValue(documents[0]!.article.outlet)}): no statement can be corroborated`)
  const alignment = await step('align', () => align(documents, log, { model: options.model, vectors: options.vectors }))
  const ledger = await step('score', () => scoreStory(storyId, documents, alignment, log, { digestWords: options.digestWords, lexicons: options.lexicons }))
  const files: Map<string, string | Uint8Array> = new Map(await step('report', () => report(ledger, log.messages, options.tool, { excel: options.excel, html: false })))
  // The page is timed on its own (run.json's `html`), so that the bench can say what the pages cost; it is the last
  // of the story's files, so the order stays that of STORY_REPORTS.
  if (options.noHtml !== true) files.set(REPORT_PAGE_FILE, await step('html', () => reportPage(ledger, log.messages, options.tool)))
  if (!options.xlsx) return { documents, ledger, files, status: 'ok' }
  const book = await step('report', () => reportWorkbook(ledger, log.messages, options.tool))
  for (const [sheet, count] of book.leftOut) log.warn('report', 'sheet-truncated', `Expected at most ${SHEET_ROWS} rows in sheet ${quoteValue(sheet)} of \`${WORKBOOK_FILE}\`, got ${SHEET_ROWS + count}; the last ${count} left out (the CSV has them all)`, { file: WORKBOOK_FILE })
  files.set(WORKBOOK_FILE, book.bytes)
  return { documents, ledger, files, status: 'ok', numbers: book.numbers }
}

/**
 * The status of a story left with fewer than 2 usable articles, and its message, whose severity follows the cause:
 * `no-text` (a warning) when every article was skipped for holding no text (see NO_TEXT_RULES), as when a nightly
 * scrape got nothing yet; `too-few-articles` as a warning when only such empty articles made it short, else fatal
 * (an article dropped as unusable, or a story of one article).
 */
function shortOfArticles(usable: number, log: MessageLog): 'too-few-articles' | 'no-text' {
  const empty = log.messages.filter((m) => m.severity === 'warning' && NO_TEXT_RULES.includes(m.ruleId)).length
  // An article in another language is skipped as an empty one is, and a story of them is short, not broken.
  const foreign = log.messages.filter((m) => m.severity === 'warning' && m.ruleId === 'other-language').length
  const dropped = log.messages.some((m) => m.severity === 'fatal')
  if (usable === 0 && empty > 0 && foreign === 0 && !dropped) {
    log.warn('analyze', 'no-text', `Expected text in at least 2 articles of the story, got none (${empty} empty ${empty === 1 ? 'article' : 'articles'} skipped); no report written`)
    return 'no-text'
  }
  const skipped = [
    ...(empty > 0 ? [`${empty} empty ${empty === 1 ? 'article' : 'articles'}`] : []),
    ...(foreign > 0 ? [`${foreign} ${foreign === 1 ? 'article' : 'articles'} not in English`] : []),
  ]
  const reason = `Expected at least 2 usable articles in the story, got ${usable}${skipped.length > 0 ? ` (${skipped.join(' and ')} skipped)` : ''}; no report written`
  if (!dropped && usable + empty + foreign >= 2) log.warn('analyze', 'too-few-articles', reason)
  else log.fatal('analyze', 'too-few-articles', reason)
  return 'too-few-articles'
}

/** A story's index row before anything is counted. */
export function emptyCounts(storyId: string, folder: string) {
  return { storyId, folder, articles: 0, outlets: 0, sentences: 0, statements: 0, corroborated: 0, conflicts: 0, quotesChanged: 0 }
}

/** A Message after a trip through a worker thread's structured clone is a plain object; this makes it whole again. */
export function reviveMessage(m: Message | Pick<Message, 'severity' | 'reason' | 'source' | 'ruleId' | 'place' | 'story'>): Message {
  return m instanceof Message ? m : new Message(m.severity, m.reason, m.source, m.ruleId, m.place, m.story)
}

function sortedTerms(counts: ReadonlyMap<string, ReadonlyMap<string, number>>): TermCounts {
  const byName = <T>([a]: [string, T], [b]: [string, T]) => (a < b ? -1 : a > b ? 1 : 0)
  return Object.fromEntries([...counts].sort(byName).map(([outlet, c]) => [outlet, Object.fromEntries([...c].sort(byName))]))
}

function countOf(log: MessageLog, severity: 'fatal' | 'warning'): number {
  return log.messages.filter((m) => m.severity === severity).length
}
