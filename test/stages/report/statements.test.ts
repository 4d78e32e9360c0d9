// statements.csv: one row per statement.
import type { Ledger } from '../../../core/types.js'
import { neutralise, type ReportFiles } from '../../../stages/report/index.js'
import { records, reportedStory } from './fixture.js'

let ledger: Ledger
let files: ReportFiles

beforeAll(() => {
  ;({ ledger, files } = reportedStory())
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
