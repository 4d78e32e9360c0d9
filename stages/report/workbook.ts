// report.xlsx: the tables as a spreadsheet workbook (one sheet per table), with typed cells, so that no spreadsheet
// reads an id `001` as the number 1, a story id `2026-01-13` as a date or the term `false` as a boolean. Written by
// exceljs, then made byte for byte the same on every run (the zip's entry times fixed).
import type { Workbook } from 'exceljs'
import { type Cell, type Row } from './csv.js'
import { type CsvFile, headerOf, type ReportInput } from './report-file.js'

/** A cell of a sheet: text (always a text cell, whatever it looks like), a number, or empty. */
export type SheetCell = string | number | null

/** One sheet: its name, its header row and its rows, cells by position. */
export interface Sheet {
  readonly name: string
  readonly columns: readonly string[]
  readonly rows: Iterable<readonly SheetCell[]> | AsyncIterable<readonly SheetCell[]>
}

/** The date written into the workbook's properties and every zip entry: the zip format's first day, 1980-01-01. */
export const WORKBOOK_DATE = new Date(Date.UTC(1980, 0, 1))

/** Rows a sheet holds at most besides its header (the format's limit is 1,048,576 rows). */
export const SHEET_ROWS = 1_048_575

/** Widest column, in characters: longer text wraps. */
const WIDEST = 60

/** A CSV file's rows as a sheet's cells: lists joined with `; ` as in the CSV, texts exactly as written (no guard needed). */
export function sheetOf<In>(file: CsvFile<In>, input: In): Sheet {
  const columns = headerOf(file, input)
  const cellOf = (row: Row, column: string): Cell => (Object.hasOwn(row, column) ? row[column]! : null)
  const typed = (cell: Cell): SheetCell => (cell === null ? null : typeof cell === 'number' ? (Number.isFinite(cell) ? cell : null) : typeof cell === 'string' ? cell : cell.join('; '))
  const rows = file.rows(input).map((row) => (Array.isArray(row) ? (row as readonly Cell[]).map(typed) : columns.map((c) => typed(cellOf(row as Row, c)))))
  return { name: file.file.replace(/\.[^.]+$/, ''), columns, rows }
}

/** A story's workbook: one sheet per CSV file of its report, in their order. */
export function storySheets(files: readonly CsvFile[], input: ReportInput): Sheet[] {
  return files.map((f) => sheetOf(f, input))
}

/**
 * The workbook of `sheets` as xlsx bytes: every text a text cell (never a formula: `=1+1` is the text `=1+1`), every
 * number a number, the header row frozen and filtered, columns as wide as their text (up to 60 characters, longer
 * text wrapped). Byte for byte the same for the same sheets. Returns also how many rows were left out of sheets
 * longer than the format allows.
 */
export async function workbook(sheets: readonly Sheet[]): Promise<{ readonly bytes: Uint8Array; readonly leftOut: ReadonlyMap<string, number> }> {
  // exceljs is loaded by the first workbook: a run without `--xlsx` never pays its load time. (Two statements:
  // `new (require(...) as T).Workbook()` is emitted by tsc 7 without its parentheses, which calls the class.)
  const exceljs = require('exceljs') as typeof import('exceljs')
  const book: Workbook = new exceljs.Workbook()
  book.creator = 'corroborate'
  book.created = WORKBOOK_DATE
  book.modified = WORKBOOK_DATE
  const leftOut = new Map<string, number>()
  const names = new Set<string>()
  for (const sheet of sheets) {
    const name = sheetName(sheet.name, names)
    const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
    const widths = sheet.columns.map((c) => c.length)
    ws.addRow([...sheet.columns])
    let count = 0
    let dropped = 0
    for await (const row of sheet.rows) {
      if (count >= SHEET_ROWS) {
        dropped++
        continue
      }
      count++
      // Each cell typed as itself: exceljs writes a JavaScript string as a string cell, never as a number or a formula.
      ws.addRow(row.map((c) => (c === null ? null : c)))
      row.forEach((c, i) => {
        if (c !== null && i < widths.length) widths[i] = Math.max(widths[i]!, String(c).length)
      })
    }
    if (dropped > 0) leftOut.set(name, dropped)
    ws.getRow(1).font = { bold: true }
    if (sheet.columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } }
    widths.forEach((w, i) => {
      const column = ws.getColumn(i + 1)
      column.width = Math.min(WIDEST, Math.max(6, w + 2))
      if (w > WIDEST) column.alignment = { wrapText: true, vertical: 'top' }
    })
  }
  const bytes = new Uint8Array(await book.xlsx.writeBuffer())
  return { bytes: fixZipTimes(bytes), leftOut }
}

/** A sheet name Excel accepts (at most 31 characters, none of `[]:*?/\`), unique in the workbook. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'sheet'
  let name = base
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)}_${n}`
  taken.add(name.toLowerCase())
  return name
}

/**
 * The zip's entry times set to 1980-01-01 00:00 (the DOS epoch), in each local header and central directory entry:
 * exceljs's zip (JSZip) stamps every entry with the current time, so two runs gave different bytes. The times are
 * outside the data the checksums cover, so the zip stays valid.
 */
export function fixZipTimes(zip: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(zip)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The end of central directory record: its signature, searched from the end (a comment may follow it).
  let end = -1
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at
      break
    }
  }
  if (end < 0) throw Object.assign(new TypeError('Expected a zip archive, got no end of central directory record'), { code: 'ERR_INVALID_ARG_VALUE' })
  const entries = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  const DOS_TIME = 0
  const DOS_DATE = (0 << 9) | (1 << 5) | 1
  for (let n = 0; n < entries; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw Object.assign(new TypeError('Expected a central directory entry in the zip archive'), { code: 'ERR_INVALID_ARG_VALUE' })
    view.setUint16(at + 12, DOS_TIME, true)
    view.setUint16(at + 14, DOS_DATE, true)
    const local = view.getUint32(at + 42, true)
    if (view.getUint32(local, true) === 0x04034b50) {
      view.setUint16(local + 10, DOS_TIME, true)
      view.setUint16(local + 12, DOS_DATE, true)
    }
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return bytes
}
