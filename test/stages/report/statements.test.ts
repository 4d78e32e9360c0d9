// statements.csv: one row per statement.
import type { Message } from '../../../core/messages.js'
import type { Ledger } from '../../../core/types.js'
import { neutralise, report, type ReportFiles } from '../../../stages/report/index.js'
import { analyseStory, records, TOOL } from './fixture.js'

let ledger: Ledger
let messages: Message[]
let files: ReportFiles

beforeAll(() => {
  ;({ ledger, messages } = analyseStory())
  files = report(ledger, messages, TOOL)
})

describe('statements.csv', () => {
  it('writes one statements.csv row per statement', () => {
    expect(records(files.get('statements.csv')!).map((r) => [r.statement_id, r.support, r.independent_support, r.outlets, r.articles, r.members, r.text])).toEqual(
      ledger.statements.map((s) => [
        s.id,
        String(s.support),
        String(s.independentSupport),
        s.outlets.join('; '),
        [...new Set(s.members.map((m) => m.article))].join('; '),
        String(s.members.length),
        neutralise(s.text),
      ]),
    )
  })
})
