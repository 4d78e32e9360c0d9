// framing_articles.csv: framing.csv's measures for each article, after an `article_id` column.
import { FRAME_COLUMNS, FRAMING_MEASURES, frameNamesOf, framingRow } from './framing.js'
import type { CsvFile } from './report-file.js'

/** framing_articles.csv: one row per article. */
export const framingArticlesCsv: CsvFile = {
  file: 'framing_articles.csv',
  about: 'one row per article',
  columns: [{ name: 'article_id', doc: 'the article' }, ...FRAMING_MEASURES, FRAME_COLUMNS],
  rows: ({ ledger }) => {
    // The outlets' frames name the columns of the articles' rows too.
    const frameNames = frameNamesOf(ledger)
    return ledger.framing.articles.map((f) => framingRow(f, frameNames))
  },
}
