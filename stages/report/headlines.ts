// headlines.csv: each article's headline, whether other outlets back its claim, and its tone.
import { statementsOfUnits } from '../../core/statements.js'
import type { CsvFile } from './report-file.js'

/** headlines.csv: one row per article with a headline. */
export const headlinesCsv: CsvFile = {
  file: 'headlines.csv',
  about: 'one row per article with a headline',
  columns: [
    { name: 'outlet', doc: 'the outlet' },
    { name: 'article_id', doc: 'the article' },
    { name: 'statement_id', doc: 'the statement its headline belongs to (empty when no other outlet reports its claim)' },
    { name: 'also_reports', doc: 'other statements whose claim the headline reports too, `; `-separated' },
    { name: 'support', doc: "that statement's support (1 when none)" },
    { name: 'independent_support', doc: "that statement's independent support (1 when none)" },
    { name: 'corroborated', doc: "1 when at least two independent origins report the headline's claim (that of any of its statements), else 0" },
    { name: 'relation', doc: "its relation to the statement's representative sentence" },
    { name: 'tone_per_100w', doc: 'AFINN-165 tone of the headline per 100 words' },
    { name: 'loaded_words', doc: 'loaded words and intensifiers it uses, `; `-separated' },
    { name: 'headline', doc: 'the headline' },
  ],
  rows: ({ ledger }) => {
    const statementsOf = statementsOfUnits(ledger.statements)
    return ledger.framing.headlines.map((h) => {
      const all = statementsOf.get(h.unit) ?? []
      const found = all[0]
      return {
        outlet: h.outlet,
        article_id: h.article,
        statement_id: found?.id ?? null,
        also_reports: all.slice(1).map((s) => s.id),
        support: found?.support ?? 1,
        independent_support: found?.independentSupport ?? 1,
        corroborated: all.some((s) => s.independentSupport >= 2) ? 1 : 0,
        relation: found?.members.find((m) => m.sentence === h.unit)!.relation ?? null,
        tone_per_100w: h.tonePer100w,
        loaded_words: h.loaded,
        headline: h.text,
      }
    })
  },
}
