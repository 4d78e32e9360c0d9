// Opposite outcomes of one matter ("was found alive" / "died", "acquitted" / "convicted", "passed" / "failed"): a
// negation conflict under the labelling guide, on invented sentences.
import { relateTexts } from '../../helpers.js'

const rel = relateTexts

describe('relate: opposite outcomes of one matter', () => {
  it('calls one outcome against its opposite a negation conflict, with the words of each side', () => {
    expect(rel('The missing hiker was found alive near Elk Ridge on Sunday.', 'The missing hiker was found dead near Elk Ridge on Sunday.')).toEqual({
      relation: 'negation_conflict',
      values: ['alive', 'dead'],
    })
    expect(rel('A jury in Dayton acquitted Marta Ruiz of the fraud charges.', 'Marta Ruiz was convicted of the fraud charges by a jury in Dayton.')).toEqual({
      relation: 'negation_conflict',
      values: ['acquitted', 'was convicted'],
    })
    expect(rel('The state senate passed the transit funding bill on Thursday.', 'The transit funding bill failed in the state senate on Thursday.').relation).toBe('negation_conflict')
    expect(rel('The transit funding bill passed by a vote of 30 to 20 in the state senate.', 'The transit funding bill failed in the state senate.').relation).toBe('negation_conflict')
    expect(rel('The appeals court upheld the ban on ferry night service.', 'The appeals court overturned the ban on ferry night service.').relation).toBe('negation_conflict')
    expect(rel('Harbor Ferries shares rose 4 percent on Tuesday.', 'Harbor Ferries shares fell 4 percent on Tuesday.').relation).toBe('negation_conflict')
  })

  it('finds no conflict where the outcome is negated, wished, put ahead, asked or quoted', () => {
    // "not convicted" and "acquitted" agree.
    expect(rel('Marta Ruiz was not convicted of the fraud charges.', 'A jury acquitted Marta Ruiz of the fraud charges.').relation).not.toBe('negation_conflict')
    expect(rel('Ruiz could win the mayoral race in Dayton, polls show.', 'Ruiz lost the mayoral race in Dayton.').relation).not.toBe('negation_conflict')
    expect(rel('Ruiz will win the mayoral race in Dayton, her aides say.', 'Ruiz lost the mayoral race in Dayton.').relation).not.toBe('negation_conflict')
    expect(rel('Did the transit funding bill pass the state senate?', 'The transit funding bill failed in the state senate.').relation).not.toBe('negation_conflict')
    expect(rel('"The transit bill passed the senate," Ruiz said.', 'The transit bill failed in the senate.').relation).not.toBe('negation_conflict')
    // An allegation states nothing.
    expect(rel('The gunman allegedly killed the guard at the Elk Ridge bank.', 'The guard at the Elk Ridge bank survived.').relation).not.toBe('negation_conflict')
  })

  it('needs the same matter and the same participants, and one side in each unit', () => {
    // Two votes of two chambers.
    expect(rel('The Senate passed the transit funding bill on Thursday.', 'The House rejected the transit funding bill on Thursday.').relation).not.toBe('negation_conflict')
    // One contest told of two people.
    expect(rel('Marta Ruiz won the mayoral primary in Dayton.', 'Tom Diaz lost the mayoral primary in Dayton.').relation).not.toBe('negation_conflict')
    // A unit that holds both sides: two counts, not one outcome.
    expect(rel('Two passengers died and three survived the ferry fire.', 'Five passengers survived the ferry fire.').relation).not.toBe('negation_conflict')
    // Sharing only the outcome's topic.
    expect(rel('Ruiz won the award.', 'Ruiz lost the election.').relation).not.toBe('negation_conflict')
    // "passed away" is no vote.
    expect(rel('The senator who wrote the transit bill passed away on Friday.', 'The transit bill failed, the senator said on Friday.').relation).not.toBe('negation_conflict')
  })

  it('reads a state reported on two days as it may change: alive then dead an update, a rise then a fall no call', () => {
    const alive = 'The missing hiker was found alive near Elk Ridge on Sunday.'
    const died = 'The missing hiker died near Elk Ridge on Sunday.'
    expect(rel(alive, died).relation).toBe('negation_conflict')
    expect(rel(alive, died, { daysApart: 1 })).toEqual({ relation: 'update', values: ['alive', 'died'] })
    expect(rel(died, alive, { daysApart: -1 })).toEqual({ relation: 'update', values: ['died', 'alive'] })
    // Reported dead, then alive: no call either way.
    expect(rel(died, alive, { daysApart: 1 }).relation).not.toMatch(/update|negation_conflict/)
    expect(rel('Harbor Ferries shares rose 4 percent on Tuesday.', 'Harbor Ferries shares fell 4 percent on Tuesday.', { daysApart: 1 }).relation).not.toMatch(/update|negation_conflict/)
    // A verdict does not change from one day to the next.
    expect(rel('A jury in Dayton acquitted Marta Ruiz of the fraud charges.', 'Marta Ruiz was convicted of the fraud charges by a jury in Dayton.', { daysApart: 2 }).relation).toBe('negation_conflict')
  })
})
