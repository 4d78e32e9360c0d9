// The run-level files of an output folder (index.csv, terms.csv, index.html, run.json and whatever run-wide file joins them),
// built from the story folders' state files: one module for `analyze` and for `collect`, so that a run made on one
// machine and a run made by many workers through the queue give the same bytes.
import { lstat, rm } from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { type Message, MessageLog, quoteValue } from '../core/messages.js'
import { distinctiveTerms } from '../stages/framing/index.js'
import { HOW_TO_NAME_OUTLETS, UNNAMED_OUTLETS } from '../stages/ingest/index.js'
import { addMeasures, averagedMeasures, corpusTerms, type IndexRow, indexCsv, SCHEMA_VERSION, SHEET_ROWS, sheetOf, type MeasureTotals, runPage, storyIndex, termsCsv, type ToolInfo, workbook } from '../stages/report/index.js'
import { STATE_FILE } from './folders.js'
import { readState } from './state.js'
import { type TermCounts, WORKBOOK_FILE } from './story.js'

import { RUN_TABLES, runSheets, type StoryFolder, stackedTables } from './run-tables.js'
import { type FileContent, writeError, writeFilesAtomic } from './write.js'

/** The run's HTML page in the output folder. */
export const RUN_PAGE_FILE = 'index.html'

/** A file a run writes, and the option it depends on (null: every run writes it). */
export interface OutputFile {
  readonly file: string
  readonly when: string | null
}

/**
 * The run-level files a run writes at the top of its output folder, in the order `runTables` makes them and run.json
 * last: what `--help` lists (folders.ts's RUN_FILES also reserves names the tool never writes as a file).
 */
export const RUN_LEVEL_FILES: readonly OutputFile[] = [
  { file: 'index.csv', when: null },
  { file: 'terms.csv', when: null },
  { file: RUN_PAGE_FILE, when: 'unless --no-html' },
  ...RUN_TABLES.map((table) => ({ file: table.file, when: null })),
  { file: WORKBOOK_FILE, when: 'with --xlsx' },
  { file: 'run.json', when: null },
]

/** One story of a run as the run-level files see it, in the run's story order. */
export interface RunStory {
  readonly storyId: string
  readonly folder: string
  /**
   * Its index row when it has no report folder to read (it failed, or had too few articles); null when its row and
   * terms are to be read from its folder's state file.
   */
  readonly row: IndexRow | null
  /** The key its folder's state must have (null: any); a folder another run rewrote since is not this run's. */
  readonly key: string | null
}

/** What the run-level tables were made of: the rows in story order and what reading the folders found. */
export interface RunTables {
  /** Every run-level file but run.json, by name (the run-wide tables are made as they are written). */
  readonly files: Map<string, FileContent>
  readonly rows: readonly IndexRow[]
  /** A fatal message per story whose state file was missing, unreadable or of another run. */
  readonly messages: readonly Message[]
  /** Milliseconds spent building index.html (0 without it), for run.json's `html` timing. */
  readonly htmlMs: number
}

/**
 * How the run-level tables are written: as the story reports are (`--excel`), with the run's workbook (`--xlsx`), and
 * with index.html (unless `--no-html`).
 */
export interface RunTablesOptions {
  readonly excel: boolean
  /** Write OUT/report.xlsx: index, terms and the run-wide tables (default: `false`). */
  readonly xlsx?: boolean
  /** Write index.html, naming this tool (default: no index.html). */
  readonly html?: ToolInfo
}

/** Distinctive terms per outlet kept in terms.csv. */
const CORPUS_TERMS = 20

/**
 * index.csv, terms.csv and (with `html`) index.html from the stories of a run: each story's row, term counts and
 * outlets' framing measures from its folder's state file
 * (or the row given for a story without a folder). The state files are read one at a time, so memory holds the
 * rows and the summed term counts, not the reports.
 */
export async function runTables(out: string, stories: Iterable<RunStory>, options: RunTablesOptions): Promise<RunTables> {
  const rows: IndexRow[] = []
  const messages: Message[] = []
  const terms = new Map<string, Map<string, number>>()
  const reported: StoryFolder[] = []
  let unnamed = 0
  const framing: MeasureTotals = new Map()
  for (const story of stories) {
    if (story.row !== null) {
      rows.push(story.row)
      continue
    }
    const state = await readState(path.join(out, story.folder, STATE_FILE))
    const problem = state === null ? `its state file \`${path.join(story.folder, STATE_FILE)}\` is missing or unreadable` : story.key !== null && state.key !== story.key ? `its folder \`${story.folder}\` holds the reports of another run (its key differs)` : null
    if (problem !== null || state === null) {
      const log = new MessageLog(story.storyId)
      log.fatal('collect', 'missing-report', `Expected the reports of story ${quoteValue(story.storyId)}, got none: ${problem}`, { file: story.folder })
      messages.push(...log.messages)
      rows.push({ storyId: story.storyId, folder: story.folder, status: 'failed', articles: 0, outlets: 0, sentences: 0, statements: 0, corroborated: 0, conflicts: 0, quotesChanged: 0, fatal: 1, warnings: 0 })
      continue
    }
    rows.push(state.row)
    if (state.unnamedOutlets) unnamed++
    if (state.row.status === 'ok') reported.push({ storyId: story.storyId, folder: story.folder, published: typeof state.published === 'string' ? state.published : null, numbers: typeof state.numbers === 'object' && state.numbers !== null ? state.numbers : {} })
    addTerms(terms, state.terms)
    // The state file is on disk and anyone may edit it: measures of another shape are left out (see addMeasures).
    addMeasures(framing, Array.isArray(state.framing) ? state.framing : [])
  }
  if (unnamed > 0) {
    // Once per run, not once per story: each story's report.json has its own note naming its articles.
    const count = `${unnamed} ${unnamed === 1 ? 'story has' : 'stories have'}`
    messages.push(new MessageLog().info('ingest', UNNAMED_OUTLETS, `${count} articles without an outlet field, named after their url's host, else their article id; ${HOW_TO_NAME_OUTLETS}`))
  }
  const files = new Map<string, FileContent>()
  files.set('index.csv', indexCsv(rows, { excel: options.excel }))
  const distinctive = distinctiveTerms(terms, CORPUS_TERMS)
  files.set('terms.csv', termsCsv(distinctive, { excel: options.excel }))
  const pageStart = performance.now()
  if (options.html) files.set(RUN_PAGE_FILE, runPage({ rows, terms: distinctive, framing: averagedMeasures(framing), tool: options.html }))
  const htmlMs = performance.now() - pageStart
  // The run-wide tables stack the story files of the stories with reports, in story id order, read from their folders
  // as the tables are written: never in memory whole.
  reported.sort(byStoryId)
  for (const [file, content] of stackedTables(out, reported, { excel: options.excel })) files.set(file, content)
  if (options.xlsx) {
    // The run's workbook: the stacked tables typed by what each story's workbook held as numbers.
    const book = await workbook([sheetOf(storyIndex, rows), sheetOf(corpusTerms, distinctive), ...(await runSheets(out, reported))])
    for (const [sheet, count] of book.leftOut) {
      messages.push(new MessageLog().warn('write', 'sheet-truncated', `Expected at most ${SHEET_ROWS} rows in sheet ${quoteValue(sheet)} of \`${WORKBOOK_FILE}\`, got ${SHEET_ROWS + count}; the last ${count} left out (the CSV has them all)`, { file: WORKBOOK_FILE }))
    }
    files.set(WORKBOOK_FILE, book.bytes)
  }
  return { files, rows, messages, htmlMs }
}

/** What run.json records besides the rows and messages: the tool, the options, the inputs and the timings. */
export interface RunRecordInput {
  readonly tool: ToolInfo
  /** Every setting as resolved, with what the run added (the word vectors, the concurrency). */
  readonly options: Readonly<Record<string, unknown>>
  readonly inputs: unknown
  readonly rows: readonly IndexRow[]
  /** Stories kept because their input, options and tool had not changed. */
  readonly unchanged: number
  readonly messages: readonly Message[]
  readonly timingsMs: Readonly<Record<string, number>>
}

/** run.json's text: schema version, tool, options, inputs, counts, timings and every message. */
export function runRecord(input: RunRecordInput): string {
  const { rows, messages } = input
  const ok = rows.filter((r) => r.status === 'ok')
  // A folder whose story left the corpus is listed in index.csv, not counted among the run's stories.
  const listed = rows.filter((r) => r.status !== 'not-in-corpus')
  const record = {
    schemaVersion: SCHEMA_VERSION,
    tool: input.tool,
    options: input.options,
    inputs: input.inputs,
    counts: {
      stories: listed.length,
      storiesOk: ok.length,
      storiesUnchanged: input.unchanged,
      storiesNotInCorpus: rows.length - listed.length,
      articles: ok.reduce((n, r) => n + r.articles, 0),
      statements: ok.reduce((n, r) => n + r.statements, 0),
      fatal: messages.filter((m) => m.severity === 'fatal').length,
      warnings: messages.filter((m) => m.severity === 'warning').length,
      info: messages.filter((m) => m.severity === 'info').length,
    },
    timingsMs: input.timingsMs,
    messages: messages.map((m) => m.toJSON()),
  }
  return `${JSON.stringify(record, null, 2)}\n`
}

/**
 * Write the run-level files together: a full disk leaves all of the previous run's, never a new index beside an old
 * run.json.
 */
export async function writeRunFiles(out: string, files: ReadonlyMap<string, FileContent>, options: { readonly xlsx?: boolean; readonly html?: boolean } = {}): Promise<void> {
  await writeFilesAtomic(out, files)
  // A run without `--xlsx` (or with `--no-html`) leaves no workbook (or run page) of an earlier run beside its new
  // tables, where it would pass for this run's (a plain file only: anything else at that name is not the tool's).
  const stale = [...(options.xlsx ? [] : [WORKBOOK_FILE]), ...(options.html ? [] : [RUN_PAGE_FILE])].filter((name) => !files.has(name))
  for (const name of stale) {
    const old = path.join(out, name)
    if ((await lstat(old).catch(() => null))?.isFile()) await rm(old).catch((error: unknown) => Promise.reject(writeError(error, `remove \`${old}\``)))
  }
}

function byStoryId(a: StoryFolder, b: StoryFolder): number {
  return a.storyId < b.storyId ? -1 : a.storyId > b.storyId ? 1 : 0
}

function addTerms(total: Map<string, Map<string, number>>, terms: TermCounts): void {
  for (const [outlet, counts] of Object.entries(terms)) {
    const sum = total.get(outlet) ?? new Map<string, number>()
    for (const [term, count] of Object.entries(counts)) sum.set(term, (sum.get(term) ?? 0) + count)
    total.set(outlet, sum)
  }
}
