// report: the files of a story, assembled from one module per report file.
import { parse } from 'csv-parse/sync'
import type { Message } from '../../../core/messages.js'
import type { Ledger } from '../../../core/types.js'
import { COLUMNS, report, type ReportFiles, STORY_FILE_NAMES } from '../../../stages/report/index.js'
import { REPORT_FILES } from '../../helpers.js'
import { analyseStory, reportedStory, TOOL } from './fixture.js'

let ledger: Ledger
let messages: Message[]
let files: ReportFiles

beforeAll(() => {
  ;({ ledger, messages, files } = reportedStory())
})

describe('report', () => {
  it('writes report.json, the thirteen CSVs, digest.md and report.html, nothing else', () => {
    expect([...files.keys()].sort()).toEqual(REPORT_FILES)
  })

  it('names its files in STORY_FILE_NAMES (what --help lists), in the order it makes them', () => {
    expect([...files.keys()]).toEqual(STORY_FILE_NAMES)
  })

  it('starts each CSV with the columns of COLUMNS', () => {
    const headers = Object.fromEntries(Object.keys(COLUMNS).map((name) => [name, (parse(files.get(name)!) as string[][])[0]]))
    expect(headers).toEqual(Object.fromEntries(Object.entries(COLUMNS).map(([name, columns]) => [name, [...columns]])))
  })

  it('starts the CSVs with a UTF-8 byte order mark and ends their lines with CRLF when asked for Excel', () => {
    const excel = report(ledger, messages, TOOL, { excel: true })
    const expected = new Map([...files].map(([name, text]) => [name, name.endsWith('.csv') ? `\ufeff${text.replace(/\n/g, '\r\n')}` : text]))
    expect(excel).toEqual(expected)
  })

  it('gives byte-identical files when the same story is analysed again', () => {
    const again = analyseStory()
    expect(report(again.ledger, again.messages, TOOL)).toEqual(files)
  })
})
