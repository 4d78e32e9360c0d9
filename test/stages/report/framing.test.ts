// framing.csv and framing_articles.csv: how each outlet, and each article, tells the story.
import type { Message } from '../../../core/messages.js'
import type { FramingRow, Ledger } from '../../../core/types.js'
import { COLUMNS, report, type ReportFiles } from '../../../stages/report/index.js'
import { analyseStory, records, TOOL } from './fixture.js'

let ledger: Ledger
let messages: Message[]
let files: ReportFiles

beforeAll(() => {
  ;({ ledger, messages } = analyseStory())
  files = report(ledger, messages, TOOL)
})

/** The ledger with its outlets' and articles' frames replaced: what a replaced frames lexicon gives. */
function withFrames(outletFrames: Record<string, number>, articleFrames: Record<string, number>): Ledger {
  const swap = (rows: readonly FramingRow[], frames: Record<string, number>) => rows.map((r) => ({ ...r, frames }))
  return { ...ledger, framing: { ...ledger.framing, outlets: swap(ledger.framing.outlets, outletFrames), articles: swap(ledger.framing.articles, articleFrames) } }
}

const header = (text: string) => text.slice(0, text.indexOf('\n')).split(',')

describe('framing.csv', () => {
  it('writes one framing.csv row per outlet', () => {
    const framing = records(files.get('framing.csv')!).map((r) => [r.outlet, r.words, r.sentences])
    expect(framing).toEqual(ledger.framing.outlets.map((f) => [f.outlet, String(f.words), String(f.sentences)]))
  })

  it('documents one frame column per frame the framing stage measures with the shipped lexicons, in its order', () => {
    expect(COLUMNS['framing.csv']!.filter((c) => c.startsWith('frame_'))).toEqual(Object.keys(ledger.framing.outlets[0]!.frames).map((f) => `frame_${f}`))
  })

  it('names the frame columns after the frames of the story, so a replaced lexicon brings its own', () => {
    const files = report(withFrames({ tide: 0.5, other: 0.25 }, { tide: 1, other: 0 }), messages, TOOL)
    expect(header(files.get('framing.csv')!).slice(-3)).toEqual(['shared_position', 'frame_tide', 'frame_other'])
  })
})

describe('framing_articles.csv', () => {
  it('has the columns of framing.csv after an `article_id` column, and one row per article', () => {
    const rows = records(files.get('framing_articles.csv')!)
    expect({ header: header(files.get('framing_articles.csv')!), rows: rows.map((r) => [r.article_id, r.outlet, r.words]) }).toEqual({
      header: ['story_id', 'article_id', ...header(files.get('framing.csv')!).slice(1)],
      rows: ledger.framing.articles.map((f) => [f.article, f.outlet, String(f.words)]),
    })
  })

  it("names its frame columns after the outlets' frames, writing 0 for a frame an article's row lacks, even one named `constructor`", () => {
    const files = report(withFrames({ tide: 0.5, constructor: 0.25 }, { tide: 1 }), messages, TOOL)
    expect(records(files.get('framing_articles.csv')!).map((r) => [r.frame_tide, r.frame_constructor])).toEqual(ledger.framing.articles.map(() => ['1', '0']))
  })
})
