// entity_tone.csv: each outlet's tone toward the story's main entities.
import type { CsvFile } from './report-file.js'

/** entity_tone.csv: one row per outlet and main entity. */
export const entityToneCsv: CsvFile = {
  file: 'entity_tone.csv',
  about: 'one row per outlet and main entity',
  columns: [
    { name: 'outlet', doc: 'the outlet' },
    { name: 'entity', doc: 'one of the story\'s five main entities (people, organisations and places named in the most sentences)' },
    { name: 'sentences', doc: 'its sentences naming the entity' },
    { name: 'tone_per_100w', doc: 'AFINN-165 tone per 100 words over those sentences' },
  ],
  rows: ({ ledger }) => ledger.framing.entityTone.map((e) => ({ outlet: e.outlet, entity: e.entity, sentences: e.sentences, tone_per_100w: e.tonePer100w })),
}
