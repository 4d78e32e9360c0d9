// The invented story the report tests share: the real stages run over three made-up outlets' articles.
import { parse } from 'csv-parse/sync'
import { loadVectors } from '../../../pipeline/tables.js'
import { align } from '../../../stages/align/index.js'
import { clean } from '../../../stages/clean/index.js'
import { ingest } from '../../../stages/ingest/index.js'
import { type Message, MessageLog } from '../../../core/messages.js'
import { scoreStory } from '../../../stages/score/index.js'
import { report, type ReportFiles } from '../../../stages/report/index.js'
import { segment } from '../../../stages/segment/index.js'
import type { Ledger, RawSource } from '../../../core/types.js'

/**
 * An invented story told by three invented outlets: one sentence carried word for word by all three, a shared
 * fact in three wordings, a sentence that starts with `@` (a formula character) in two outlets, and boilerplate.
 */
export const STORY = 'ferncliff-lanterns'
/** The quotation all three outlets print word for word. */
export const QUOTE = '"We would rather disappoint people than put anyone at risk on the pier," Mayor Odile Brannock said.'
/** The sentence two outlets print that starts with `@`, a formula character. */
export const HANDLE = '@FerncliffTown posted the cancellation notice shortly after noon, with a photo of the empty pier.'
/** The three articles: id, metadata and text. */
export const ARTICLES = [
  {
    id: 'ferncliff-tribune',
    meta: { outlet: 'Ferncliff Tribune', title: 'Ferncliff calls off lantern festival as storm nears', url: 'https://tribune.example.com/lanterns', published: '2031-10-03' },
    text: `Ferncliff calls off lantern festival as storm nears

FERNCLIFF — The town of Ferncliff cancelled its annual lantern festival on Friday because forecasters expect a severe storm this weekend.

Mayor Odile Brannock said the decision came after a long meeting with the harbor master.

${QUOTE}

ADVERTISEMENT

About 9,000 visitors attended the festival last year, according to the tourism office.

Vendors will receive full refunds of their stall fees within two weeks.

The festival has been held every autumn since 1987.
`,
  },
  {
    id: 'coastal-beacon',
    meta: { outlet: 'Coastal Beacon', title: 'Storm scraps Ferncliff lanterns', url: 'https://beacon.example.org/ferncliff', published: '2031-10-03' },
    text: `The town of Ferncliff cancelled its annual lantern festival on Friday because forecasters expect a severe storm this weekend.

${QUOTE}

${HANDLE}

Last year roughly 9,000 people came to the festival, the tourism office said.

Stallholders will get their fees back in full within a fortnight.

Local hotels reported a wave of cancellations on Friday afternoon.
`,
  },
  {
    id: 'hilltop-gazette',
    meta: { outlet: 'Hilltop Gazette' },
    text: `Ferncliff's lantern festival is off this year after forecasters warned of a severe weekend storm, town officials announced Friday.

${QUOTE}

${HANDLE}

The festival drew about 9,000 visitors last year.

Organisers hope to hold a smaller event in the spring, but no date has been set.
`,
  },
]
/** The tool named in the reports. */
export const TOOL = { name: 'corroborate', version: '0.0.0-test' }
/** What a spreadsheet may run as a formula (the README's list): written out here again rather than taken from the code. */
export const FORMULA_START = /^(?:[\t\r]|[\s\p{Cf}\p{Cc}]*[=+\-@＝＋－＠﹦﹢﹣﹫−])/u

/** Run the real stages over the invented story. */
export function analyseStory(): { ledger: Ledger; messages: Message[] } {
  const log = new MessageLog(STORY)
  const sources: RawSource[] = ARTICLES.map((a) => ({ kind: 'text', file: `${STORY}/${a.id}.txt`, story: STORY, id: a.id, bytes: Buffer.from(a.text), meta: a.meta }))
  const documents = segment(clean(ingest(sources, log), log), log)
  const ledger = scoreStory(STORY, documents, align(documents, log, { vectors: loadVectors() }), log)
  return { ledger, messages: log.messages }
}

/** The invented story analysed, and the report files written from it. */
export function reportedStory(): { ledger: Ledger; messages: Message[]; files: ReportFiles } {
  const { ledger, messages } = analyseStory()
  return { ledger, messages, files: report(ledger, messages, TOOL) }
}

/** Rows of a CSV as records keyed by its header. */
export function records(text: string): Record<string, string>[] {
  return parse(text, { bom: true, columns: true }) as Record<string, string>[]
}

