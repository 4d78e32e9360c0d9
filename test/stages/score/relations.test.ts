// Relations that are true: each rule of relate() and of the quote comparison that decides whether two
// units of one statement conflict, on invented sentences that follow the labelling guide (bench/labels/ANNOTATION.md).
import { compareQuotes } from '../../../stages/score/quote-compare.js'
import { relateTexts } from '../../helpers.js'

const rel = relateTexts

describe('quote conflicts', () => {
  it('calls a short quotation with one word more or fewer inside it changed, but not a short common phrase', () => {
    expect([
      compareQuotes('a plan for rebuilding rural schools', 'plan rebuilding rural schools'),
      compareQuotes('plan rebuilding rural schools', 'a plan for rebuilding rural schools'),
      compareQuotes('the council called it a reckless waste of public money', 'reckless waste public money'),
      // One word at an end is an excerpt, not a change.
      compareQuotes('rebuilding rural schools quickly', 'rebuilding rural schools'),
      // Function words alone say nothing of which utterance it is.
      compareQuotes('it is what it is', 'it is just what it is'),
    ]).toEqual(['changed', 'changed', 'changed', 'truncated', 'different'])
    expect(rel('The union called the budget “a plan for rebuilding rural schools.”', 'Union leaders praised what they called “plan rebuilding rural schools.”').relation).toBe('quote_conflict')
  })

  it('calls two renderings of one statement that share a run of five words or more a changed quote', () => {
    expect(
      compareQuotes(
        'There will be no more talks with the union this week, but the lines of supply remain open',
        'We are not holding further meetings with anyone, but lines of supply remain open',
      ),
    ).toBe('changed')
    // A run of function words is no evidence of one utterance.
    expect(compareQuotes('We said it is what it is and we will see', 'Voters know it is what it is, and the rest is noise to them')).toBe('different')
  })
})

describe('quote spellings', () => {
  it('sees two spellings of one word, a doubled letter aside, as a minor difference, but not two words', () => {
    expect([
      compareQuotes('Then my daughter yelled, Poppa, the dam is holding', 'Then my daughter yelled, Papa, the dam is holding'),
      compareQuotes('We counted every single ballot in the county twice', 'We counted every single bullet in the county twice'),
    ]).toEqual(['minor', 'changed'])
  })
})

describe('negation conflicts', () => {
  it('needs the other sentence to state what one denies: not wish, urge or expect it, nor use an idiom', () => {
    expect(rel('The new levy is not paying for any road repairs, the governor said.', 'Drivers want to see the levy paying for road repairs across the county.').relation).not.toBe('negation_conflict')
    expect(rel('The treasurer will not attend the hearing on the levy.', 'The treasurer is expected to attend the hearing on the levy.').relation).not.toBe('negation_conflict')
    expect(rel('The council will back the levy no matter what the treasurer says about it.', 'The treasurer says the levy is a matter for the council.').relation).not.toBe('negation_conflict')
    // Stated plainly, it is denied.
    expect(rel('The new levy is not paying for any road repairs, the governor said.', 'The new levy is paying for road repairs across the county.').relation).toBe('negation_conflict')
  })
})

describe('number conflicts', () => {
  it('needs the same quantity of the same thing: two counts of one noun said of different things are none', () => {
    expect(rel('Three people were hurt when the ferry ran aground near the pier.', 'Two people drowned when the ferry ran aground near the pier.').relation).not.toBe('number_conflict')
    expect(rel('The ferry carries 400 passengers on a weekday, the operator said.', 'The ferry carries 350 passengers on a weekday, the operator said.').relation).toBe('number_conflict')
  })
})
