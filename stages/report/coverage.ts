// coverage.csv: the wide table, one column per outlet, 1 when it carries the statement.
import type { CsvFile } from './report-file.js'

/** coverage.csv: one row per statement, one column per outlet. */
export const coverageCsv: CsvFile = {
  file: 'coverage.csv',
  about: 'one row per statement, one column per outlet',
  columns: [
    { name: 'statement_id', doc: 'the statement' },
    { name: 'support', doc: 'how many distinct outlets carry it' },
    { name: 'independent_support', doc: 'independent origins behind it' },
    { family: '<outlet>', doc: 'one column named after each outlet: 1 when it carries the statement, else 0', names: ({ ledger }) => ledger.framing.outlets.map((f) => f.outlet), shipped: null },
    { name: 'text', doc: 'the representative sentence' },
  ],
  rows: ({ ledger }) => {
    const outlets = ledger.framing.outlets.map((f) => f.outlet)
    return ledger.statements.map((s) => {
      // Cells by position, not by name: an outlet may be called "text" or "support".
      const carried = new Set(s.outlets)
      return [s.id, s.support, s.independentSupport, ...outlets.map((o) => (carried.has(o) ? 1 : 0)), s.text]
    })
  },
}
