// outlet_pairs.csv: one row per pair of outlets.
import type { Message } from '../../../core/messages.js'
import type { Ledger } from '../../../core/types.js'
import { report, type ReportFiles } from '../../../stages/report/index.js'
import { analyseStory, records, TOOL } from './fixture.js'

let ledger: Ledger
let messages: Message[]
let files: ReportFiles

beforeAll(() => {
  ;({ ledger, messages } = analyseStory())
  files = report(ledger, messages, TOOL)
})

describe('outlet_pairs.csv', () => {
  it('writes one outlet_pairs.csv row per outlet pair', () => {
    const pairs = records(files.get('outlet_pairs.csv')!).map((r) => [r.outlet_a, r.outlet_b, r.shared_statements])
    expect(pairs).toEqual(ledger.outletPairs.map((p) => [p.outletA, p.outletB, String(p.sharedStatements)]))
  })
})
