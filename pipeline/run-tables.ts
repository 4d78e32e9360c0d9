// The run-wide tables (OUT/statements.csv, alignments.csv, …): each story's table of that name stacked, read back
// from the story folders, so that an unchanged story (whose folder this run did not touch) is in them as much as one
// analysed now, and a folder of a story no longer in the corpus is not. Streamed: one story's file at a time.
import { createReadStream } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse'
import { type CsvOptions, csvRecords, neutralise } from '../stages/report/index.js'
import { STATE_FILE } from './folders.js'
import { readState } from './state.js'

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

/** A story folder whose tables go into the run-wide ones. */
export interface StoryFolder {
  readonly storyId: string
  /** Its folder under the output folder. */
  readonly folder: string
}

/** Rows of a stacked table written at a time: each batch's text is handed to the writer and dropped. */
const BATCH = 256

/**
 * The run-wide tables of `stories` (in the order given), each as text made piece by piece while it is written: the
 * story file's header with `published` (the story's date, from its state file) after `story_id`, then every story's
 * rows, statement ids made unique across the run (`<story>:s1`). A story whose header differs (a file from another
 * version) has its cells placed by column name; a story without the file adds no rows.
 */
export function stackedTables(out: string, stories: readonly StoryFolder[], options: CsvOptions = {}): Map<string, AsyncIterable<string>> {
  return new Map(RUN_TABLES.map((table) => [table.file, stacked(out, stories, table, options)]))
}

async function* stacked(out: string, stories: readonly StoryFolder[], table: RunTable, options: CsvOptions): AsyncGenerator<string> {
  let header: readonly string[] | null = null
  for (const story of stories) {
    const dir = path.join(out, story.folder)
    const state = await readState(path.join(dir, STATE_FILE))
    if (state === null) continue
    const published = neutralise(state.published ?? null)
    let columns: readonly string[] | null = null
    let place: (record: readonly string[]) => (string | number)[] = () => []
    let batch: (string | number)[][] = []
    try {
      for await (const record of createReadStream(path.join(dir, table.file)).pipe(parse({ bom: true, relax_column_count: true }))) {
        const cells = record as string[]
        if (columns === null) {
          columns = cells
          if (header === null) {
            header = cells
            const out = options.excel ? '\ufeff' : ''
            yield out + csvRecords([[cells[0] ?? 'story_id', 'published', ...cells.slice(1)]], options)
          }
          place = placer(header, columns, table.statementColumns, published)
          continue
        }
        batch.push(place(cells))
        if (batch.length >= BATCH) {
          yield csvRecords(batch, options)
          batch = []
        }
      }
    } catch {
      // A story file gone or unreadable since its state was written: the story adds what was read of it.
    }
    if (batch.length > 0) yield csvRecords(batch, options)
  }
  // No story with the file: the table still has its header, so that a program reading it finds its columns.
  if (header === null) yield (options.excel ? '\ufeff' : '') + csvRecords([['story_id', 'published']], options)
}

/** How a story's record becomes a row of the stacked table: cells placed by column, statement ids qualified. */
function placer(header: readonly string[], columns: readonly string[], statementColumns: readonly string[], published: string | number): (record: readonly string[]) => (string | number)[] {
  const same = header.length === columns.length && header.every((c, i) => c === columns[i])
  const at = same ? header.map((_, i) => i) : header.map((c) => columns.indexOf(c))
  const qualify = new Set(statementColumns.map((c) => header.indexOf(c)).filter((i) => i >= 0))
  const storyAt = header.indexOf('story_id')
  return (record) => {
    const story = storyAt >= 0 ? (record[at[storyAt]!] ?? '') : ''
    const cells = at.map((i, n) => {
      const cell = i >= 0 ? (record[i] ?? '') : ''
      // The story cell is guarded already (the story file's writer did it), and `'=x:s1` starts with the guard.
      return qualify.has(n) && cell !== '' ? `${story}:${cell}` : cell
    })
    return [cells[0] ?? '', published, ...cells.slice(1)]
  }
}
