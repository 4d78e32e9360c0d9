// omissions.csv: the statements most other outlets (or origins) carry that an outlet leaves out.
import type { CsvFile } from './report-file.js'

/** omissions.csv: one row per statement an outlet leaves out. */
export const omissionsCsv: CsvFile = {
  file: 'omissions.csv',
  about: 'one row per statement an outlet leaves out',
  columns: [
    { name: 'outlet', doc: 'the outlet that leaves it out' },
    { name: 'statement_id', doc: 'the statement' },
    { name: 'support', doc: "the statement's support" },
    { name: 'independent_support', doc: "the statement's independent support" },
    { name: 'text', doc: "the statement's text" },
  ],
  rows: ({ ledger }) =>
    ledger.omissions.map((o) => ({ outlet: o.outlet, statement_id: o.statement, support: o.support, independent_support: o.independentSupport, text: o.text })),
}
