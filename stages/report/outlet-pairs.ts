// outlet_pairs.csv: one row per pair of outlets, how much of the story they share and agree on.
import type { CsvFile } from './report-file.js'

/** outlet_pairs.csv: one row per pair of outlets. */
export const outletPairsCsv: CsvFile = {
  file: 'outlet_pairs.csv',
  about: 'one row per pair of outlets',
  columns: [
    { name: 'outlet_a', doc: 'the first outlet, in alphabetical order' },
    { name: 'outlet_b', doc: 'the second outlet, in alphabetical order' },
    { name: 'shared_statements', doc: 'statements both carry' },
    { name: 'statements_a', doc: 'statements `outlet_a` carries' },
    { name: 'statements_b', doc: 'statements `outlet_b` carries' },
    { name: 'agreement', doc: 'Jaccard over statements: shared / carried by either (0 when neither carries any)' },
    { name: 'mean_similarity', doc: 'mean similarity of their aligned sentence pairs in shared statements' },
    { name: 'agreements', doc: 'shared statements where their sentences do not conflict' },
    { name: 'conflicts', doc: 'conflicting sentence pairs between them' },
  ],
  rows: ({ ledger }) =>
    ledger.outletPairs.map((p) => ({
      outlet_a: p.outletA,
      outlet_b: p.outletB,
      shared_statements: p.sharedStatements,
      statements_a: p.statementsA,
      statements_b: p.statementsB,
      agreement: p.agreement,
      mean_similarity: p.meanSimilarity,
      agreements: p.agreements,
      conflicts: p.conflicts,
    })),
}
