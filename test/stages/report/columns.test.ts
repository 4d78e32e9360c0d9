// Every CSV module's declared columns: well formed, the header it writes, the formula guard on every text cell, and
// documented in the README.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import type { Message } from '../../../core/messages.js'
import type { Ledger } from '../../../core/types.js'
import { COLUMNS, type CsvFile, report, STORY_REPORTS } from '../../../stages/report/index.js'
import { storyIndex } from '../../../stages/report/index-csv.js'
import { headerOf, isFamily, reportInput } from '../../../stages/report/report-file.js'
import { corpusTerms } from '../../../stages/report/terms.js'
import { analyseStory, FORMULA_START, TOOL } from './fixture.js'

const STORY_CSVS = STORY_REPORTS.filter((f): f is CsvFile => 'rows' in f)
// Every CSV file the tool writes, the run-wide ones included.
const ALL_CSVS: readonly CsvFile<never>[] = [...STORY_CSVS, storyIndex, corpusTerms]

let ledger: Ledger
let messages: Message[]

beforeAll(() => {
  ;({ ledger, messages } = analyseStory())
})

/** The value with `=` before every text in it, ids and names included (consistently, so lookups still match). */
function hostile<T>(value: T): T {
  if (typeof value === 'string') return `=${value}` as T
  if (Array.isArray(value)) return value.map(hostile) as T
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hostile(v)])) as T
  return value
}

describe('the CSV modules', () => {
  it('declare each column once, with a snake_case name and a meaning', () => {
    const offenders = ALL_CSVS.flatMap((f) => {
      const names = f.columns.map((c) => (isFamily(c) ? c.family : c.name))
      return [
        ...names.filter((n, i) => names.indexOf(n) !== i).map((n) => `${f.file}: ${n} twice`),
        ...f.columns.filter((c) => !isFamily(c) && !/^[a-z][a-z0-9_]*$/.test(c.name)).map((c) => `${f.file}: ${(c as { name: string }).name}`),
        ...f.columns.filter((c) => c.doc.trim() === '').map((c) => `${f.file}: ${isFamily(c) ? c.family : c.name} has no meaning`),
      ]
    })
    expect(offenders).toEqual([])
  })

  it('write a header equal to their declared columns, families expanded from the story', () => {
    const files = report(ledger, messages, TOOL)
    const input = reportInput(ledger, messages, TOOL)
    const written = Object.fromEntries(STORY_CSVS.map((f) => [f.file, (parse(files.get(f.file)!) as string[][])[0]]))
    expect(written).toEqual(Object.fromEntries(STORY_CSVS.map((f) => [f.file, headerOf(f, input)])))
  })

  it('expand to COLUMNS with the shipped lexicons, and coverage.csv to one column per outlet', () => {
    const files = report(ledger, messages, TOOL)
    const outlets = ledger.framing.outlets.map((f) => f.outlet)
    const written = Object.fromEntries(STORY_CSVS.map((f) => [f.file, (parse(files.get(f.file)!) as string[][])[0]]))
    expect(written).toEqual({ ...COLUMNS, 'coverage.csv': ['story_id', 'statement_id', 'support', 'independent_support', ...outlets, 'text'] })
  })

  it('put every text cell through the formula guard, the header included', () => {
    const files = report(hostile(ledger), messages, TOOL)
    const cells = Object.fromEntries(STORY_CSVS.map((f) => [f.file, (parse(files.get(f.file)!, { relax_column_count: true }) as string[][]).flat()]))
    // Numbers the tool computes stay numbers (a tone of -1.2): every text of the input now starts with `=`, so no
    // text cell can pass for one.
    const unguarded = Object.entries(cells).flatMap(([file, all]) => all.filter((c) => FORMULA_START.test(c) && !/^-\d+(\.\d+)?$/.test(c)).map((c) => `${file}: ${c}`))
    // The hostile texts did reach the files: each file with rows has guarded cells.
    const reached = Object.entries(cells).filter(([, all]) => all.some((c) => c.startsWith("'="))).map(([file]) => file)
    const withRows = Object.entries(cells).filter(([file]) => parse(files.get(file)!).length > 1).map(([file]) => file)
    expect({ unguarded, reached }).toEqual({ unguarded: [], reached: withRows })
  })

  it('are each documented in their README section, every column named there', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8')
    const sections = readme.split(/\n(?=### )/)
    const offenders = ALL_CSVS.flatMap((f) => {
      const section = sections.find((s) => s.split('\n')[0]!.includes(`\`${f.file}\``))
      if (section === undefined) return [`${f.file}: no section`]
      return f.columns.filter((c) => !isFamily(c) && !section.includes(`\`${c.name}\``)).map((c) => `${f.file}: ${(c as { name: string }).name}`)
    })
    expect(offenders).toEqual([])
  })
})
