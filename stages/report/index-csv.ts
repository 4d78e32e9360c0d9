// index.csv: the run's table of contents, one row per story, written by commands/analyze from each story's row.
import type { CsvOptions } from './csv.js'
import { type Column, type CsvFile, writeCsv } from './report-file.js'

/** One row of `index.csv`. */
export interface IndexRow {
  readonly storyId: string
  readonly status: 'ok' | 'too-few-articles' | 'no-text' | 'failed' | 'not-in-corpus'
  readonly articles: number
  readonly outlets: number
  readonly sentences: number
  readonly statements: number
  readonly corroborated: number
  readonly conflicts: number
  readonly quotesChanged: number
  readonly fatal: number
  readonly warnings: number
  readonly folder: string
}

const columns: readonly Column[] = [
  { name: 'story_id', doc: 'the story' },
  { name: 'status', doc: '`ok`, `too-few-articles` (fewer than two usable articles; no report written), `no-text` (every article was empty; no report written), `failed` (an unexpected error) or `not-in-corpus` (a story folder of an earlier run whose story the corpus no longer has)' },
  { name: 'articles', doc: 'usable articles' },
  { name: 'outlets', doc: 'distinct outlets' },
  { name: 'sentences', doc: 'kept sentences' },
  { name: 'statements', doc: 'statements found' },
  { name: 'corroborated_statements', doc: 'statements with at least two independent origins' },
  { name: 'conflicts', doc: 'conflicting sentence pairs' },
  { name: 'quotes_changed', doc: "quotations whose words changed against their group's reference" },
  { name: 'fatal', doc: 'fatal messages for the story' },
  { name: 'warnings', doc: 'warnings for the story' },
  { name: 'folder', doc: "the story's folder under `OUT/`, from the story id alone" },
]

/** OUT/index.csv: one row per story, sorted by story id in code-point order. */
export const storyIndex: CsvFile<readonly IndexRow[]> = {
  file: 'index.csv',
  about: 'one row per story of the run, sorted by story id',
  columns,
  rows: (rows) =>
    [...rows]
      .sort((a, b) => (a.storyId < b.storyId ? -1 : a.storyId > b.storyId ? 1 : 0))
      .map((r) => ({
        story_id: r.storyId,
        status: r.status,
        articles: r.articles,
        outlets: r.outlets,
        sentences: r.sentences,
        statements: r.statements,
        corroborated_statements: r.corroborated,
        conflicts: r.conflicts,
        quotes_changed: r.quotesChanged,
        fatal: r.fatal,
        warnings: r.warnings,
        folder: r.folder,
      })),
}

/** Columns of `index.csv`, one row per story. */
export const INDEX_COLUMNS: readonly string[] = columns.map((c) => c.name)

/** index.csv: one row per story, sorted by story id. */
export function indexCsv(rows: readonly IndexRow[], options: CsvOptions = {}): string {
  return writeCsv(storyIndex, rows, options)
}
