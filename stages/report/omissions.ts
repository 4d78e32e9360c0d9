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
    { name: 'published_earlier', doc: "1 when every article of the outlet came out on an earlier day than the statement's first report (by `published`): later news it could not have carried then, rather than a choice to leave it out; else 0" },
  ],
  rows: ({ ledger }) =>
    ledger.omissions.map((o) => ({ outlet: o.outlet, statement_id: o.statement, support: o.support, independent_support: o.independentSupport, text: o.text, published_earlier: o.publishedEarlier ? 1 : 0 })),
}
