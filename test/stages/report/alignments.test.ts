// alignments.csv: one row per sentence in a statement.
import type { Ledger } from '../../../core/types.js'
import { neutralise, type ReportFiles } from '../../../stages/report/index.js'
import { unitsOf } from '../../../stages/segment/index.js'
import { HANDLE, records, reportedStory } from './fixture.js'

let ledger: Ledger
let files: ReportFiles

beforeAll(() => {
  ;({ ledger, files } = reportedStory())
})

describe('alignments.csv', () => {
  it('writes one alignments.csv row per statement member, with its sentence offsets and text', () => {
    const sentence = new Map(ledger.documents.flatMap((d) => unitsOf(d).map((s) => [s.id, s] as const)))
    expect(records(files.get('alignments.csv')!).map((r) => [r.statement_id, r.article_id, r.outlet, r.unit, r.sentence_index, r.role, r.begin, r.end, r.text])).toEqual(
      ledger.statements.flatMap((s) =>
        s.members.map((m) => {
          const { begin, end, text, unit } = sentence.get(m.sentence)!
          return [s.id, m.article, m.outlet, unit, unit === 'headline' ? '' : String(m.index), m.representative ? 'representative' : 'member', String(begin), String(end), neutralise(text)]
        }),
      ),
    )
  })

  it('neutralises a sentence that starts with `@` in the CSVs but keeps it as written in report.json', () => {
    const inCsv = records(files.get('alignments.csv')!)
      .filter((r) => r.text?.includes('FerncliffTown'))
      .map((r) => r.text)
    const json = JSON.parse(files.get('report.json')!) as { sentences: { text: string }[] }
    const inJson = json.sentences.filter((s) => s.text.includes('FerncliffTown')).map((s) => s.text)
    expect({ inCsv, inJson }).toEqual({ inCsv: [`'${HANDLE}`, `'${HANDLE}`], inJson: [HANDLE, HANDLE] })
  })
})
