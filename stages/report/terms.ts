// terms.csv: the words each outlet uses markedly more than the others, per story (OUT/<story>/terms.csv) and over
// the corpus (OUT/terms.csv), both with the same columns.
import type { DistinctiveTerm } from '../../core/types.js'
import type { CsvOptions } from './csv.js'
import { type Column, type CsvFile, writeCsv } from './report-file.js'

/** The columns of both terms.csv files. */
export const TERM_COLUMNS: readonly Column[] = [
  { name: 'outlet', doc: 'the outlet' },
  { name: 'term', doc: 'a word it uses markedly more than the other outlets (words used once are left out)' },
  { name: 'count', doc: 'its uses' },
  { name: 'others', doc: "the other outlets' uses" },
  { name: 'log_odds', doc: "log-odds ratio with an informative Dirichlet prior, the prior being all outlets' pooled counts" },
  { name: 'z', doc: 'z-score; 1.96 or more is significant at the 5% level' },
]

const termRows = (terms: readonly DistinctiveTerm[]) => terms.map((t) => ({ outlet: t.outlet, term: t.term, count: t.count, others: t.others, log_odds: t.logOdds, z: t.z }))

/** OUT/terms.csv: the corpus-wide distinctive words. */
export const corpusTerms: CsvFile<readonly DistinctiveTerm[]> = {
  file: 'terms.csv',
  about: 'one row per outlet and distinctive word over every story of the run',
  columns: TERM_COLUMNS,
  rows: termRows,
}

/** OUT/<story>/terms.csv: the story's distinctive words. */
export const storyTerms: CsvFile = {
  file: 'terms.csv',
  about: 'one row per outlet and distinctive word of the story',
  columns: TERM_COLUMNS,
  rows: ({ ledger }) => termRows(ledger.framing.terms),
}

/** Distinctive terms, per story (terms.csv) or over the corpus (OUT/terms.csv). */
export function termsCsv(terms: readonly DistinctiveTerm[], options: CsvOptions = {}): string {
  return writeCsv(corpusTerms, terms, options)
}
