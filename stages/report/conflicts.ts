// conflicts.csv: the pairs of sentences of one statement that dispute each other, or credit another source.
import { isConflict } from '../score/relate.js'
import type { CsvFile } from './report-file.js'

/** conflicts.csv: one row per conflicting pair of sentences. */
export const conflictsCsv: CsvFile = {
  file: 'conflicts.csv',
  about: 'one row per conflicting pair of sentences',
  columns: [
    { name: 'statement_id', doc: 'the statement' },
    { name: 'relation', doc: '`number_conflict`, `negation_conflict`, `quote_conflict` or `attribution_differs`' },
    { name: 'kind', doc: '`dispute` for a number, negation or quote conflict; `sourcing` for `attribution_differs`' },
    { name: 'outlet_a', doc: 'the first outlet' },
    { name: 'outlet_b', doc: 'the second outlet' },
    { name: 'value_a', doc: 'what differs, as `outlet_a` words it: the number, the denied or stated words, the quotation, the source' },
    { name: 'value_b', doc: 'what differs, as `outlet_b` words it' },
    { name: 'article_a', doc: "the first sentence's article" },
    { name: 'sentence_a', doc: "the first sentence's index in its article" },
    { name: 'article_b', doc: "the second sentence's article" },
    { name: 'sentence_b', doc: "the second sentence's index in its article" },
    { name: 'text_a', doc: 'the first sentence' },
    { name: 'text_b', doc: 'the second sentence' },
  ],
  rows: ({ ledger, unitById }) =>
    ledger.conflicts.map((c) => ({
      statement_id: c.statement,
      relation: c.relation,
      kind: isConflict(c.relation) ? 'dispute' : 'sourcing',
      outlet_a: c.outletA,
      outlet_b: c.outletB,
      value_a: c.valueA,
      value_b: c.valueB,
      article_a: unitById.get(c.a)!.article,
      sentence_a: unitById.get(c.a)!.index,
      article_b: unitById.get(c.b)!.article,
      sentence_b: unitById.get(c.b)!.index,
      text_a: c.textA,
      text_b: c.textB,
    })),
}
