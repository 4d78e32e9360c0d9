// report: turn a story's ledger into the contents of its report files (CSV, JSON and Markdown), byte for byte the
// same on reruns. Each report file is one module here that declares its columns (name and meaning) and makes its
// rows or text from the ledger; this file only lists them. A new report file is one module and one line in
// STORY_REPORTS (and its section under "Output" in the README, which a test checks names every column).
import { alignmentsCsv } from './alignments.js'
import { conflictsCsv } from './conflicts.js'
import { coverageCsv } from './coverage.js'
import type { CsvOptions } from './csv.js'
import { digestMd } from './digest-md.js'
import { entityToneCsv } from './entity-tone.js'
import { framingArticlesCsv } from './framing-articles.js'
import { framingCsv } from './framing.js'
import { headlinesCsv } from './headlines.js'
import { omissionsCsv } from './omissions.js'
import { outletPairsCsv } from './outlet-pairs.js'
import { quotesCsv } from './quotes.js'
import { type CsvFile, type ReportFile, reportInput, shippedHeaderOf, type ToolInfo, withStoryId, writeFile } from './report-file.js'
import { reportHtml } from './report-html.js'
import { reportJson } from './report-json.js'
import { statementsCsv } from './statements.js'
import { storyTerms } from './terms.js'
import { wordingCsv } from './wording.js'
import { sheetOf, workbook } from './workbook.js'
import type { Message } from '../../core/messages.js'
import type { Ledger } from '../../core/types.js'

export { type Cell, csv, csvRecords, type CsvOptions, FORMULA_START, neutralise } from './csv.js'
export { type IndexRow, INDEX_COLUMNS, indexCsv } from './index-csv.js'
export type { Column, ColumnFamily, CsvFile, ReportFile, ReportInput, TextFile, ToolInfo } from './report-file.js'
export { SCHEMA_VERSION } from './report-json.js'
export { corpusTerms, termsCsv } from './terms.js'
export { storyIndex } from './index-csv.js'
export { fixZipTimes, type Sheet, type SheetCell, SHEET_ROWS, sheetOf, WORKBOOK_DATE, workbook } from './workbook.js'
export { addMeasures, averagedMeasures, type MeasureTotals, measuresOf, type OutletMeasures } from './html/framing-figures.js'
export { runPage, type RunPageInput } from './html/run-page.js'

/**
 * The files of a story folder, in the order they are made (and listed in `.corroborate.json`); every CSV among them
 * starts with `story_id` (see `withStoryId`).
 */
export const STORY_REPORTS: readonly ReportFile[] = (<readonly ReportFile[]>[
  reportJson,
  statementsCsv,
  alignmentsCsv,
  outletPairsCsv,
  framingCsv,
  framingArticlesCsv,
  entityToneCsv,
  storyTerms,
  wordingCsv,
  headlinesCsv,
  conflictsCsv,
  quotesCsv,
  omissionsCsv,
  coverageCsv,
  digestMd,
  reportHtml,
]).map((f) => ('rows' in f ? withStoryId(f) : f))

/** The names of a story folder's report files, in the order they are made: what `--help` lists. */
export const STORY_FILE_NAMES: readonly string[] = STORY_REPORTS.map((f) => f.file)

/**
 * Columns of each per-story CSV whose header the shipped lexicons fix, in order: the contract documented in the
 * README (coverage.csv, named after the story's outlets, is left out).
 */
export const COLUMNS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  STORY_REPORTS.flatMap((f) => {
    const header = 'rows' in f ? shippedHeaderOf(f) : null
    return header ? [[f.file, header] as const] : []
  }),
)

/** A file name (relative to the story's folder) and its full contents. */
export type ReportFiles = ReadonlyMap<string, string>

/** How a story's files are written: the CSV options, and whether report.html is made. */
export interface ReportOptions extends CsvOptions {
  /** Make report.html (default: `true`; `--no-html` turns it off). */
  readonly html?: boolean
}

/** The report files a story gets with these options, in the order they are made. */
export function storyReports(options: ReportOptions = {}): readonly ReportFile[] {
  return options.html === false ? STORY_REPORTS.filter((f) => f !== reportHtml) : STORY_REPORTS
}

/** The files of one story: report.json, the CSVs, digest.md and report.html. */
export function report(ledger: Ledger, messages: readonly Message[], tool: ToolInfo, options: ReportOptions = {}): ReportFiles {
  const input = reportInput(ledger, messages, tool)
  return new Map(storyReports(options).map((f) => [f.file, writeFile(f, input, options)]))
}

/**
 * report.html of one story alone: the page `report` makes with `html` on, byte for byte; the pipeline builds it as
 * a step of its own so that run.json can say what the pages cost.
 */
export function reportPage(ledger: Ledger, messages: readonly Message[], tool: ToolInfo): string {
  return writeFile(reportHtml, reportInput(ledger, messages, tool))
}

/** The name of a story's page, `report.html`. */
export const REPORT_PAGE_FILE = reportHtml.file

/** A story's workbook (report.xlsx): its bytes, and per CSV file the columns that hold numbers. */
export interface StoryWorkbook {
  readonly bytes: Uint8Array
  /** CSV file name to the columns whose cells are numbers: what the run-wide workbook types as numbers. */
  readonly numbers: Readonly<Record<string, readonly string[]>>
  /** Rows left out of a sheet longer than the format allows, by sheet. */
  readonly leftOut: ReadonlyMap<string, number>
}

/** report.xlsx of one story: one sheet per CSV file of its report, in their order, cells typed (see `workbook`). */
export async function reportWorkbook(ledger: Ledger, messages: readonly Message[], tool: ToolInfo): Promise<StoryWorkbook> {
  const input = reportInput(ledger, messages, tool)
  const files = STORY_REPORTS.filter((f): f is CsvFile => 'rows' in f)
  const sheets = files.map((f) => sheetOf(f, input))
  const numbers = Object.fromEntries(
    files.map((f, n) => {
      const sheet = sheets[n]!
      const rows = sheet.rows as readonly (readonly unknown[])[]
      return [f.file, sheet.columns.filter((_, i) => rows.some((r) => typeof r[i] === 'number'))]
    }),
  )
  const book = await workbook(sheets)
  return { bytes: book.bytes, numbers, leftOut: book.leftOut }
}
