// outlet_pairs.csv: one row per pair of outlets.
import type { Ledger } from '../../../core/types.js'
import type { ReportFiles } from '../../../stages/report/index.js'
import { records, reportedStory } from './fixture.js'

let ledger: Ledger
let files: ReportFiles

beforeAll(() => {
  ;({ ledger, files } = reportedStory())
})

describe('outlet_pairs.csv', () => {
  it('writes one outlet_pairs.csv row per outlet pair', () => {
    const pairs = records(files.get('outlet_pairs.csv')!).map((r) => [r.outlet_a, r.outlet_b, r.shared_statements])
    expect(pairs).toEqual(ledger.outletPairs.map((p) => [p.outletA, p.outletB, String(p.sharedStatements)]))
  })
})
