// Quotations and their speakers (stages/segment/quotes.ts).
import { sentencesOf } from './fixture.js'

describe('segment: quotes', () => {
  const quotes = (paragraphs: readonly string[]) => sentencesOf(paragraphs).map((s) => s.quotes.map((q) => [q.text, q.speaker]))

  it('finds the speaker after the quote: `"…," Putin said.`', () => {
    expect(quotes(['Russian President Vladimir Putin spoke first.', '“We are ready to meet,” Putin said.'])).toEqual([[], [['We are ready to meet,', 'Vladimir Putin']]])
  })

  it('finds the speaker after an inverted tag: `"…," said Ruiz.`', () => {
    expect(quotes(['"Nothing has changed," said Mayor Ana Ruiz.'])).toEqual([[['Nothing has changed,', 'Ana Ruiz']]])
  })

  it('finds the speaker before the quote: `Lavrov said that "…"`', () => {
    expect(quotes(['Foreign Minister Sergey Lavrov said that "talks must resume soon."'])).toEqual([[['talks must resume soon.', 'Sergey Lavrov']]])
  })

  it('finds the speaker before a colon: `Ruiz said: "…"`', () => {
    expect(quotes(['Mayor Ana Ruiz said: "The bridge is safe."'])).toEqual([[['The bridge is safe.', 'Ana Ruiz']]])
  })

  it('takes the person, not the apposition, as the speaker: `Ruiz, the city’s mayor, said: "…"`', () => {
    expect(quotes(['Ana Ruiz, the city’s mayor, said: "The bridge is safe."'])).toEqual([[['The bridge is safe.', 'Ana Ruiz']]])
    expect(quotes(['"The bridge is safe," Ana Ruiz, the mayor, said.'])).toEqual([[['The bridge is safe,', 'Ana Ruiz']]])
    // Not an apposition: no comma before the verb, or more than a noun phrase between.
    expect(quotes(['Ana Ruiz and the mayor said: "The bridge is safe."'])).toEqual([[['The bridge is safe.', 'the mayor']]])
  })

  it('gives a quote that goes on after a speech tag with a long apposition the same speaker', () => {
    expect(quotes(['"We have no choice," said Mary Kellett, the general secretary of the rail union. "The offer is a cut."'])).toEqual([
      [['We have no choice,', 'Mary Kellett']],
      [['The offer is a cut.', 'Mary Kellett']],
    ])
  })

  it('takes a common-noun speaker: `"…," the mayor said.`', () => {
    expect(quotes(['"We are ready," the mayor said.'])).toEqual([[['We are ready,', 'the mayor']]])
  })

  it('resolves "she said" to the person named in the previous sentence', () => {
    expect(quotes(['UK Prime Minister Theresa May met the workers on Friday.', '“With the union, my advice is to engage,” she said.'])).toEqual([
      [],
      [['With the union, my advice is to engage,', 'Theresa May']],
    ])
  })

  it('gives a quote that goes on after `he said.` the same speaker', () => {
    expect(quotes(['“We will win this fight,” Mayor Ana Ruiz said. “We will not stop until it is done.”'])).toEqual([
      [['We will win this fight,', 'Ana Ruiz']],
      [['We will not stop until it is done.', 'Ana Ruiz']],
    ])
  })

  it('keeps a quote of two sentences that ends in `,"` and a speech tag as one sentence, with its speaker', () => {
    expect(quotes(['"We will win. We always do," Ruiz said.'])).toEqual([[['We will win. We always do,', 'Ruiz']]])
  })

  it('splits a quote of two sentences that ends in `."`, both parts with the speaker named before it', () => {
    expect(quotes(['Ruiz said: "We will win. We always do."'])).toEqual([[['We will win.', 'Ruiz']], [['We always do.', 'Ruiz']]])
  })

  it('leaves the speaker null when the text names none', () => {
    expect(quotes(['The banner read "No more delays" in red letters.'])).toEqual([[['No more delays', null]]])
  })

  it('leaves "she said" null when no person was named before', () => {
    expect(quotes(['"It is over," she said.'])).toEqual([[['It is over,', null]]])
  })

  it('covers the text inside the marks with its offsets', () => {
    const [sentence] = sentencesOf(['He said “we are ready” and left.'])
    expect(sentence!.quotes.map((q) => [q.begin, q.end, sentence!.text.slice(q.begin, q.end)])).toEqual([[9, 21, 'we are ready']])
  })

  it('gives each of thousands of quotations in one paragraph its own speaker', () => {
    // Every lookup is by halving: a paragraph like this one cost seconds per thousand quotations when each scanned
    // the paragraph's sentences and tokens.
    const said = Array.from({ length: 3000 }, (_, k) => (k % 2 === 0 ? `"Point ${k} stands," Mayor Ana Ruiz said.` : `Sen. Tom Berg said that "point ${k} fails."`))
    const found = quotes([said.join(' ')]).flat()
    expect(found).toHaveLength(3000)
    expect(found.filter(([, speaker]) => speaker === 'Ana Ruiz')).toHaveLength(1500)
    expect(found.filter(([, speaker]) => speaker === 'Tom Berg')).toHaveLength(1500)
    expect(found[2999]).toEqual(['point 2999 fails.', 'Tom Berg'])
  })
})
