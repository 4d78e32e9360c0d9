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

  it('finds the name after a title of several words, before an apposition, and up to the apposition after "according to"', () => {
    expect(
      attributions([
        '"The bridge is sound," said former Harbor and Transit Commissioner Lena Okafor.',
        '"The bridge is sound," said Secretary of State Helen Quist.',
        'Marcus Bell, president of the transit workers’ union, said the detours would add 20 minutes.',
        'The detours add 20 minutes, according to Marcus Bell, president of the transit workers’ union.',
        'The repairs will cost $2 million, according to an estimate from Dunmore & Kline.',
      ]),
    ).toEqual(['Lena Okafor', 'Helen Quist', 'Marcus Bell', 'Marcus Bell', 'estimate from Dunmore & Kline'])
    // A name followed by a possessive is not the speaker: "said Mayor Ana Ruiz's plan …" names the plan.
    expect(attributions(['Port Alder, the council said, will follow Mayor Ana Ruiz’s plan.', 'Helen Quist, the state transportation secretary, said Mayor Ana Ruiz’s plan was sound.'])).toEqual(['council', 'Helen Quist'])
  })

  it('keeps a source whole and leaves out only the words that belong to its verb', () => {
    expect(attributions(['A handful of well-placed city engineers have also said the cables are worn.', 'Two long-time residents of Eastbank repeatedly said the ferry was late.'])).toEqual([
      'handful of well-placed city engineers',
      'Two long-time residents of Eastbank',
    ])
  })

  it('takes a verb that shares its subject, or an infinitive, through the verb before it', () => {
    expect(
      attributions([
        'Chief engineer Paul Dunn noted that the cables were worn and warned that repairs could take months.',
        'Mayor Ana Ruiz said the bridge would reopen in May, adding that the state would pay.',
        'Aides to Mayor Ana Ruiz declined to say when the bridge would reopen.',
        'The council went on to say that the ferry would run twice a day.',
      ]),
    ).toEqual(['Paul Dunn', 'Ana Ruiz', 'Aides to Mayor Ana Ruiz', 'council'])
  })

  it('names no source for a passive verb, a clause of time or cause, or a clause opening with a pronoun', () => {
    expect(
      attributions([
        'Police officers were posted at Calder Street to turn drivers around.',
        'The ferry fares rose again before the council announced the closure.',
        'When a reporter suggested the closure was an overreaction, the mayor pushed back.',
        'The bridge closed after the discovery that he posted photographs of the cracks.',
      ]),
    ).toEqual([null, null, null, null])
    // A clause of contrast states a claim of its own, with its own source.
    expect(attributions(['The council wants a new bridge, while city engineers said repairs would do.'])).toEqual(['city engineers'])
  })

  it('is null without a speech verb, and never takes a word after the verb for the source mid-sentence', () => {
    expect(attributions(['The bridge opened in 1962.', 'Port Alder Transit said Routes 6 and 11 would change.'])).toEqual([null, 'Port Alder Transit'])
  })
})
