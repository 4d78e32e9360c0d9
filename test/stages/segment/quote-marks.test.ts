// Quotations in single quotation marks, told apart from apostrophes (stages/segment/quote-marks.ts).
import { quotationSpans } from '../../../stages/segment/quote-marks.js'
import { sentencesOf } from './fixture.js'

describe('segment: single quotation marks', () => {
  const quotes = (paragraphs: readonly string[]) => sentencesOf(paragraphs).flatMap((s) => s.quotes.map((q) => [q.text, q.speaker]))
  const spans = (text: string) => quotationSpans(text, 0, text.length).map((s) => text.slice(s.begin, s.end))

  it('finds a British quotation in curly single marks, with its speaker', () => {
    expect(quotes(['‘We will not back down,’ Mr Johnson told MPs on Tuesday.'])).toEqual([['We will not back down,', 'Johnson']])
    expect(quotes(['Mrs May’s spokesman said: ‘The call went well.’'])).toEqual([['The call went well.', 'spokesman']])
  })

  it('finds a quotation in straight single marks, as American headlines write them', () => {
    expect(spans("Mary Cheney: Sister Is 'Dead Wrong' On Gay Marriage")).toEqual(['Dead Wrong'])
    expect(spans("Trump calls Flynn treatment 'unfair,' claims Clinton 'lied many times' with impunity")).toEqual(['unfair,', 'lied many times'])
  })

  it('reads no quotation into apostrophes: contractions, possessives, elisions and decades', () => {
    expect(spans("Trump's aides don't say it's over; the senators' votes are in.")).toEqual([])
    expect(spans("In the '90s, rock 'n' roll was 'em all, 'til the end.")).toEqual([])
    expect(spans('Putin’s spokesman said the leaders’ call is planned.')).toEqual([])
  })

  it('reads a plural possessive inside a quotation as an apostrophe when the quotation closes later', () => {
    expect(spans('‘The workers’ union is strong,’ she said.')).toEqual(['The workers’ union is strong,'])
    expect(spans('He called it ‘fake news’ and said ‘nothing more’.')).toEqual(['fake news', 'nothing more'])
  })

  it('leaves single marks inside a double-quoted quotation to it, and keeps a double-quoted one inside single marks in it', () => {
    expect(spans('“He told me ‘no’ twice,” Smith said.')).toEqual(['He told me ‘no’ twice,'])
    expect(spans('‘He told me “no” twice,’ Smith said.')).toEqual(['He told me “no” twice,'])
  })

  it('closes nothing with a single mark left open', () => {
    expect(spans("He said 'we will see and left.")).toEqual([])
  })
})
