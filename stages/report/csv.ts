// csv: the one CSV writer every report file goes through, and the formula guard it puts every cell through.
import { stringify } from 'csv-stringify/sync'

/** CSV writing options. */
export interface CsvOptions {
  /** Start each CSV with a UTF-8 byte order mark and end lines with CRLF, as Excel prefers (default: `false`). */
  readonly excel?: boolean
}

/** A CSV cell: text, a number, empty, or a list of texts (written `; `-separated). */
export type Cell = string | number | null | readonly string[]

/** A CSV row by column name. */
export type Row = Record<string, Cell>

/**
 * RFC 4180 CSV with a header row. Every cell goes through `neutralise`, the header's included: a column may be
 * named after an outlet (coverage.csv), and an outlet named `=HYPERLINK(…)` must not become a live link.
 */
export function csv(columns: readonly string[], rows: readonly (Row | readonly Cell[])[], options: CsvOptions = {}): string {
  // Cells by name only when the row has them as its own: a column may be called "constructor" or "__proto__".
  const cellOf = (row: Row, column: string): Cell => (Object.hasOwn(row, column) ? row[column]! : null)
  const safe = (row: Row | readonly Cell[]) => (Array.isArray(row) ? (row as readonly Cell[]).map(neutralise) : columns.map((c) => neutralise(cellOf(row as Row, c))))
  const settings = stringifySettings(options)
  // A batch of rows at a time: each record ends with the delimiter, so the batches' texts joined are the text of all
  // rows at once, and a batch's cells and csv-stringify's work on them die young instead of piling up in the old
  // generation until the whole table is written (coverage.csv of 1,000 outlets holds millions of cells).
  // A batch holds about CSV_BATCH_CELLS cells, however wide the table: 256 rows of coverage.csv's 1,000 outlet
  // columns made hundreds of megabytes of short-lived strings live long enough to reach the old generation.
  const batchRows = Math.max(1, Math.floor(CSV_BATCH_CELLS / Math.max(1, columns.length)))
  const parts: string[] = []
  for (let at = 0; at === 0 || at < rows.length; at += batchRows) {
    const batch = rows.slice(at, at + batchRows).map(safe)
    if (at === 0) batch.unshift(columns.map((c) => String(neutralise(c))))
    parts.push(stringify(batch, settings))
  }
  const text = parts.join('')
  return options.excel ? `\ufeff${text}` : text
}

/**
 * Rows whose cells are safe already (read back from a file `csv` wrote), as CSV records quoted as `csv` quotes
 * them: no header, no byte order mark, and no second guard (a tone of `-1.2` read back as text stays `-1.2`).
 */
export function csvRecords(rows: readonly (readonly (string | number)[])[], options: CsvOptions = {}): string {
  return stringify(rows as (string | number)[][], stringifySettings(options))
}

function stringifySettings(options: CsvOptions) {
  return {
    record_delimiter: options.excel ? '\r\n' : '\n',
    // Given a record delimiter, csv-stringify quotes only cells holding that delimiter, so "a\rb" went out bare
    // and a spreadsheet broke the row at the CR: quote any cell with a CR or LF (RFC 4180).
    quote_record_delimiter: true,
    // Spreadsheets trim unquoted cells: quoting keeps leading and trailing spaces.
    quoted_match: /^\s|\s$/,
  }
}

/** Cells written at a time (see `csv`). */
const CSV_BATCH_CELLS = 4096

/**
 * What spreadsheets may take for the start of a formula: `=`, `+`, `-`, `@`, their full-width forms (＝ ＋ － ＠, which
 * East Asian input turns into formulas), small forms (﹦ ﹢ ﹣ ﹫) and the minus sign (−), also after white space or
 * invisible characters (an import that trims spaces, a zero-width space or a byte order mark left in a name); and a
 * tab or carriage return at the very start.
 */
export const FORMULA_START = /^(?:[\t\r]|[\s\p{Cf}\p{Cc}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212])/u

/**
 * Make a cell safe for a spreadsheet (OWASP CSV injection): text that `FORMULA_START` matches gets a leading `'`;
 * a list of texts (outlets, article ids, words) is joined with `; ` after each item is made safe, so that an outlet
 * reads the same in every file and every column; numbers are left as they are (a tone of -1.2 stays a number), and
 * null or a non-finite number is an empty cell.
 */
export function neutralise(cell: Cell): string | number {
  if (cell === null) return ''
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : ''
  if (typeof cell !== 'string') return cell.map((item) => neutralise(item)).join('; ')
  return FORMULA_START.test(cell) ? `'${cell}` : cell
}
