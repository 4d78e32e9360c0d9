// report-file: what one report file's module declares (its name, its columns with their meaning, how its rows or
// text come from the story) and the few helpers that turn such a declaration into the file's contents.
import { unitsOf } from '../segment/index.js'
import { type Cell, csv, type CsvOptions, type Row } from './csv.js'
import type { Message } from '../../core/messages.js'
import type { Ledger, Sentence } from '../../core/types.js'

/** Name and version written into every report. */
export interface ToolInfo {
  readonly name: string
  readonly version: string
}

/** What a story's report files are made from: its ledger, its messages, the tool, and lookups built once for all files. */
export interface ReportInput {
  readonly ledger: Ledger
  readonly messages: readonly Message[]
  readonly tool: ToolInfo
  /** Every unit of the story (body sentences and headlines) by id. */
  readonly unitById: ReadonlyMap<string, Sentence>
}

/** The input of a story's report files, its lookups built once. */
export function reportInput(ledger: Ledger, messages: readonly Message[], tool: ToolInfo): ReportInput {
  return { ledger, messages, tool, unitById: new Map(ledger.documents.flatMap((d) => unitsOf(d).map((s) => [s.id, s] as const))) }
}

/** One column of a CSV file: its name and what it holds (the README's "meaning"). */
export interface Column {
  readonly name: string
  readonly doc: string
}

/** Columns named after the data, in one place of the header: one per frame of the frames lexicon, one per outlet. */
export interface ColumnFamily<In> {
  /** How its columns are named, e.g. `frame_<name>`. */
  readonly family: string
  readonly doc: string
  /** The columns' names for this input. */
  readonly names: (input: In) => readonly string[]
  /** The names the shipped resources give (the shipped frames lexicon), or null when only the input knows them (outlets). */
  readonly shipped: readonly string[] | null
}

/** A CSV report file: its columns, in order, and its rows. */
export interface CsvFile<In = ReportInput> {
  /** File name, relative to the story's folder (or to OUT/ for a run-wide file). */
  readonly file: string
  /** What one row stands for, e.g. `one row per statement`. */
  readonly about: string
  readonly columns: readonly (Column | ColumnFamily<In>)[]
  /** Rows by column name, or cells by position (when a family's names may clash with other columns). */
  readonly rows: (input: In) => readonly (Row | readonly Cell[])[]
}

/** A report file that is not a table: report.json, digest.md. */
export interface TextFile {
  readonly file: string
  /** What the file holds. */
  readonly about: string
  readonly text: (input: ReportInput) => string
}

/**
 * The first column of every per-story CSV: the story's id, so that the same table of every story of a run stacks
 * into one (and the run-wide tables under OUT/ are those stacks).
 */
export const STORY_ID: Column = { name: 'story_id', doc: 'the story' }

/** A story's CSV file with `story_id` as its first column, the story's id in every row. */
export function withStoryId(file: CsvFile): CsvFile {
  return {
    ...file,
    columns: [STORY_ID, ...file.columns],
    rows: (input) => {
      const id = input.ledger.story.id
      // Rows by position stay by position (a family's names may clash with `story_id`, an outlet called so).
      return file.rows(input).map((row) => (Array.isArray(row) ? [id, ...(row as readonly Cell[])] : { ...(row as Row), story_id: id }))
    },
  }
}

/** One file of a story's report. */
export type ReportFile = CsvFile | TextFile

/** Whether a column entry is a family of columns rather than one column. */
export function isFamily<In>(column: Column | ColumnFamily<In>): column is ColumnFamily<In> {
  return 'family' in column
}

/** The header row of a CSV file for this input: its columns, each family expanded to its names. */
export function headerOf<In>(file: CsvFile<In>, input: In): string[] {
  return file.columns.flatMap((c) => (isFamily(c) ? c.names(input) : [c.name]))
}

/** The header row the shipped resources give, or null when a family's names depend on the input alone (coverage.csv). */
export function shippedHeaderOf<In>(file: CsvFile<In>): string[] | null {
  const header: string[] = []
  for (const c of file.columns) {
    if (!isFamily(c)) header.push(c.name)
    else if (c.shipped === null) return null
    else header.push(...c.shipped)
  }
  return header
}

/** The contents of a CSV file for this input. */
export function writeCsv<In>(file: CsvFile<In>, input: In, options: CsvOptions = {}): string {
  return csv(headerOf(file, input), file.rows(input), options)
}

/** The contents of a story's report file. */
export function writeFile(file: ReportFile, input: ReportInput, options: CsvOptions = {}): string {
  return 'rows' in file ? writeCsv(file, input, options) : file.text(input)
}
