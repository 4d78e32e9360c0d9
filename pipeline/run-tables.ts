// The run-wide tables (OUT/statements.csv, alignments.csv, …): each story's table of that name stacked, read back
// from the story folders, so that an unchanged story (whose folder this run did not touch) is in them as much as one
// analysed now, and a folder of a story no longer in the corpus is not. Streamed: one story's file at a time.
import { createReadStream } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse'
import { type CsvOptions, csvRecords, neutralise, type Sheet, type SheetCell } from '../stages/report/index.js'

/** One run-wide table: the story file it stacks, and its columns that hold a statement id (made `<story>:<id>`). */
export interface RunTable {
  readonly file: string
  readonly statementColumns: readonly string[]
}

/** The run-wide tables, each the stack of the story files of the same name. */
export const RUN_TABLES: readonly RunTable[] = [
  { file: 'statements.csv', statementColumns: ['statement_id'] },
  { file: 'alignments.csv', statementColumns: ['statement_id'] },
  { file: 'conflicts.csv', statementColumns: ['statement_id'] },
  { file: 'omissions.csv', statementColumns: ['statement_id'] },
  { file: 'framing.csv', statementColumns: ['lead_statement'] },
  { file: 'outlet_pairs.csv', statementColumns: [] },
]

/** A story folder whose tables go into the run-wide ones, with what its state file says of them. */
export interface StoryFolder {
  readonly storyId: string
  /** Its folder under the output folder. */
  readonly folder: string
  /** The story's date (`StoryState.published`). */
  readonly published: string | null
  /** Per CSV file, the columns its workbook held as numbers (`StoryState.numbers`). */
  readonly numbers: Readonly<Record<string, readonly string[]>>
}

/** Rows of a stacked table written at a time: each batch's text is handed to the writer and dropped. */
const BATCH = 256

/** What a stacked table yields: its header once, then each row with the positions of its story's number columns. */
type Stacked = { readonly header: readonly string[] } | { readonly row: readonly string[]; readonly numbers: ReadonlySet<number> }

/**
 * The run-wide tables of `stories` (in the order given), each as text made piece by piece while it is written: the
 * story file's header with `published` (the story's date) after `story_id`, then every story's
 * rows, statement ids made unique across the run (`<story>:s1`). A story whose header differs (a file from another
 * version) has its cells placed by column name; a story without the file adds no rows.
 */
export function stackedTables(out: string, stories: readonly StoryFolder[], options: CsvOptions = {}): Map<string, AsyncIterable<string>> {
  return new Map(RUN_TABLES.map((table) => [table.file, csvText(stacked(out, stories, table), options)]))
}

/**
 * The run-wide tables as sheets of OUT/report.xlsx, named after their files: numbers where the story's workbook had
 * numbers (its state file lists those columns), every other cell text, the CSV's formula guard taken off.
 */
export async function runSheets(out: string, stories: readonly StoryFolder[]): Promise<Sheet[]> {
  const sheets: Sheet[] = []
  for (const table of RUN_TABLES) {
    const iterator = stacked(out, stories, table)
    // The header comes first, before any row.
    const head = await iterator.next()
    const columns = !head.done && 'header' in head.value ? head.value.header : []
    const rows = (async function* (): AsyncGenerator<readonly SheetCell[]> {
      for await (const item of { [Symbol.asyncIterator]: () => iterator }) {
        if ('header' in item) continue
        yield item.row.map((cell, i) => (cell === '' ? null : item.numbers.has(i) && Number.isFinite(Number(cell)) ? Number(cell) : unguard(cell)))
      }
    })()
    sheets.push({ name: table.file.replace(/\.[^.]+$/, ''), columns, rows })
  }
  return sheets
}

// A text cell of a CSV starts with `'` when it could pass for a formula; a workbook's text cell needs no guard. (A text
// that itself starts with `'=` loses its `'` here: the CSV cannot tell it from a guarded one.)
function unguard(cell: string): string {
  return cell.startsWith("'") && /^'[\s\p{Cf}\p{Cc}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212\t\r]/u.test(cell) ? cell.slice(1) : cell
}

async function* csvText(records: AsyncIterable<Stacked>, options: CsvOptions): AsyncGenerator<string> {
  let batch: (readonly string[])[] = []
  for await (const item of records) {
    if ('header' in item) {
      yield (options.excel ? '\ufeff' : '') + csvRecords([item.header], options)
      continue
    }
    batch.push(item.row)
    if (batch.length >= BATCH) {
      yield csvRecords(batch, options)
      batch = []
    }
  }
  if (batch.length > 0) yield csvRecords(batch, options)
}

async function* stacked(out: string, stories: readonly StoryFolder[], table: RunTable): AsyncGenerator<Stacked> {
  let header: readonly string[] | null = null
  for (const story of stories) {
    const dir = path.join(out, story.folder)
    const published = String(neutralise(story.published))
    // From a state file on disk: a list of names or nothing usable.
    const listed = Object.hasOwn(story.numbers, table.file) ? story.numbers[table.file] : null
    const numberColumns = new Set(Array.isArray(listed) ? listed.filter((c): c is string => typeof c === 'string') : [])
    let place: ((record: readonly string[]) => string[]) | null = null
    let numbers: ReadonlySet<number> = new Set()
    try {
      for await (const record of createReadStream(path.join(dir, table.file)).pipe(parse({ bom: true, relax_column_count: true }))) {
        const cells = record as string[]
        if (place === null) {
          if (header === null) {
            header = [cells[0] ?? 'story_id', 'published', ...cells.slice(1)]
            yield { header }
          }
          place = placer(header, cells, table.statementColumns, published)
          numbers = new Set(header.flatMap((c, i) => (numberColumns.has(c) ? [i] : [])))
          continue
        }
        yield { row: place(cells), numbers }
      }
    } catch {
      // A story file gone or unreadable since its state was written: the story adds what was read of it.
    }
  }
  // No story with the file: the table still has its header, so that a program reading it finds its columns.
  if (header === null) yield { header: ['story_id', 'published'] }
}

/**
 * How a story's record becomes a row of the stacked table (whose header has `published` second): cells placed by
 * column name, statement ids qualified by the story.
 */
function placer(header: readonly string[], columns: readonly string[], statementColumns: readonly string[], published: string): (record: readonly string[]) => string[] {
  const at = header.map((c) => columns.indexOf(c))
  const qualify = new Set(statementColumns.map((c) => header.indexOf(c)).filter((i) => i >= 0))
  const storyAt = columns.indexOf('story_id')
  const publishedAt = header.indexOf('published')
  return (record) => {
    const story = storyAt >= 0 ? (record[storyAt] ?? '') : ''
    return at.map((i, n) => {
      if (n === publishedAt) return published
      const cell = i >= 0 ? (record[i] ?? '') : ''
      // The story cell is guarded already (the story file's writer did it), and `'=x:s1` starts with the guard.
      return qualify.has(n) && cell !== '' ? `${story}:${cell}` : cell
    })
  }
}
