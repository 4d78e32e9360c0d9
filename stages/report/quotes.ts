// quotes.csv: every direct quotation, grouped with its renderings in other articles, and how faithful each is.
import type { CsvFile } from './report-file.js'

/** quotes.csv: one row per direct quotation (two words or more). */
export const quotesCsv: CsvFile = {
  file: 'quotes.csv',
  about: 'one row per direct quotation (two words or more)',
  columns: [
    { name: 'quote_group', doc: '`q1`, `q2`, …: renderings of one quotation across articles' },
    { name: 'speaker', doc: 'who the text says spoke it' },
    { name: 'outlet', doc: 'the outlet' },
    { name: 'article_id', doc: 'the article' },
    { name: 'sentence_index', doc: 'the index of its sentence in the article' },
    { name: 'fidelity', doc: "against the group's reference rendering: `exact`, `minor`, `truncated` or `changed`" },
    { name: 'speaker_agrees', doc: "1 when the speaker is the group's most named speaker, 0 when it is another name, empty when unknown" },
    { name: 'text', doc: 'the words inside the marks' },
  ],
  rows: ({ ledger, unitById }) =>
    ledger.quotes.map((q) => ({
      quote_group: q.group,
      speaker: q.speaker,
      outlet: q.outlet,
      article_id: q.article,
      sentence_index: unitById.get(q.sentence)!.index,
      fidelity: q.fidelity,
      speaker_agrees: q.speakerAgrees === null ? null : q.speakerAgrees ? 1 : 0,
      text: q.text,
    })),
}
