// wording.csv: what differs in how each outlet words a shared statement.
import type { CsvFile } from './report-file.js'

/** wording.csv: one row per outlet per statement carried by two or more outlets. */
export const wordingCsv: CsvFile = {
  file: 'wording.csv',
  about: 'one row per outlet per statement carried by two or more outlets',
  columns: [
    { name: 'statement_id', doc: 'the statement' },
    { name: 'outlet', doc: 'the outlet' },
    { name: 'article_id', doc: "the article of the outlet's sentence" },
    { name: 'sentence_index', doc: "the index of the outlet's sentence in its article" },
    { name: 'report_verb', doc: 'its first report verb' },
    { name: 'verb_kind', doc: 'whether that verb is `neutral` or `loaded`' },
    { name: 'hedges', doc: 'its hedges' },
    { name: 'hedge_change', doc: '`added` when it hedges and most other outlets do not, `dropped` when most others hedge and it does not' },
    { name: 'loaded_words', doc: 'its intensifiers and loaded words' },
    { name: 'attribution', doc: 'who it attributes the claim to' },
    { name: 'attribution_change', doc: "`dropped` when most others attribute it and it does not, `changed` when its source differs from the others'" },
    { name: 'tone_per_100w', doc: "its sentence's tone per 100 words" },
    { name: 'tone_difference', doc: "its tone minus the mean tone of the other outlets' sentences" },
    { name: 'text', doc: 'the sentence' },
  ],
  rows: ({ ledger, unitById }) =>
    ledger.framing.wording.map((w) => ({
      statement_id: w.statement,
      outlet: w.outlet,
      article_id: w.article,
      sentence_index: unitById.get(w.sentence)!.index,
      report_verb: w.reportVerb,
      verb_kind: w.verbKind,
      hedges: w.hedges,
      hedge_change: w.hedgeChange,
      loaded_words: w.loaded,
      attribution: w.attribution,
      attribution_change: w.attributionChange,
      tone_per_100w: w.tonePer100w,
      tone_difference: w.toneDifference,
      text: unitById.get(w.sentence)!.text,
    })),
}
