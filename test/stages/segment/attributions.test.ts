// Attributions (stages/segment/attributions.ts): who a sentence attributes its claim to.
import { sentencesOf } from './fixture.js'

describe('segment: attribution', () => {
  const attributions = (paragraphs: string[]) => sentencesOf(paragraphs).map((s) => s.attribution)

  it('takes the subject of a trailing speech tag', () => {
    expect(attributions(['The cracks were found on Monday, the mayor’s office said.', 'The cracks were found on Monday, an official familiar with the inspection said.'])).toEqual([
      'mayor’s office',
      'official familiar with the inspection',
    ])
  })

  it('gives the name of a titled person, a name after the verb, and the source of "according to"', () => {
    expect(
      attributions(['State Transportation Secretary Helen Quist said the state would help.', '"We will help," said Mayor Ana Ruiz.', 'The crack is 14 inches long, according to city officials.']),
    ).toEqual(['Helen Quist', 'Ana Ruiz', 'city officials'])
  })

  it('names no source for a pronoun subject, whoever it may stand for, and drops joining words', () => {
    expect(
      attributions(['Mayor Ana Ruiz spoke on Tuesday.', 'The bridge will stay shut, though she cautioned that repairs could be quick.', 'Repairs could take months, and city engineers cautioned against haste.']),
    ).toEqual([null, null, 'city engineers'])
  })

  it('is null without a speech verb, and never takes a word after the verb for the source mid-sentence', () => {
    expect(attributions(['The bridge opened in 1962.', 'Port Alder Transit said Routes 6 and 11 would change.'])).toEqual([null, 'Port Alder Transit'])
  })
})
