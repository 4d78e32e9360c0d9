// alignments.csv: one row per sentence (or headline) in a statement, with where it stands and how it relates.
import { round } from '../../core/numbers.js'
import type { CsvFile } from './report-file.js'

/** alignments.csv: one row per unit in a statement. */
export const alignmentsCsv: CsvFile = {
  file: 'alignments.csv',
  about: 'one row per sentence in a statement',
  columns: [
    { name: 'statement_id', doc: 'the statement' },
    { name: 'article_id', doc: 'the article the sentence comes from' },
    { name: 'outlet', doc: 'the outlet the sentence comes from' },
    { name: 'unit', doc: "`sentence` (a body sentence) or `headline` (the article's headline)" },
    { name: 'sentence_index', doc: "its index among the article's kept sentences (0-based); empty for a headline" },
    { name: 'position', doc: 'where the sentence stands in its article: 0 the first sentence, 1 the last; empty for a headline' },
    { name: 'role', doc: '`representative` (its text stands for the statement), `member`, or `attached` (a unit of another statement that reports this claim too, such as a headline that sums up two)' },
    { name: 'similarity', doc: 'similarity to the representative sentence (1 for the representative)' },
    { name: 'relation', doc: 'relation to the representative: `identical`, `update`, `number_conflict`, `negation_conflict`, `quote_conflict`, `attribution_differs`, `partial` or `paraphrase`' },
    { name: 'begin', doc: "character offset of the sentence's start in the article's cleaned body" },
    { name: 'end', doc: "character offset of the sentence's end in the article's cleaned body" },
    { name: 'text', doc: 'the sentence' },
  ],
  rows: ({ ledger, unitById }) => {
    const sentencesIn = new Map(ledger.documents.map((d) => [d.article.id, d.sentences.length]))
    // Where a sentence stands in its article: 0 the first, 1 the last.
    const positionOf = (id: string) => {
      const s = unitById.get(id)!
      const count = sentencesIn.get(s.article)!
      return count > 1 ? round(s.index / (count - 1)) : 0
    }
    return ledger.statements.flatMap((s) =>
      s.members.map((m) => {
        const sentence = unitById.get(m.sentence)!
        return {
          statement_id: s.id,
          article_id: m.article,
          outlet: m.outlet,
          unit: sentence.unit,
          sentence_index: sentence.unit === 'headline' ? null : m.index,
          position: sentence.unit === 'headline' ? null : positionOf(m.sentence),
          role: m.representative ? 'representative' : m.attached ? 'attached' : 'member',
          similarity: m.similarity,
          relation: m.relation,
          begin: sentence.begin,
          end: sentence.end,
          text: sentence.text,
        }
      }),
    )
  },
}
