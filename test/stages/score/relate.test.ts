// relate() and the quote comparison on inline sentences (the source comparison: test/lang/en/sources.test.ts).
import { compareQuotes } from '../../../stages/score/quote-compare.js'
import { DISPUTE_ITEMS, relate } from '../../../stages/score/relate.js'
import { sentenceFromText } from '../../../stages/segment/index.js'
import { sentenceFeatures } from '../../../stages/similarity/index.js'
import { relateTexts } from '../../helpers.js'

describe('relate', () => {
  const rel = relateTexts

  it('calls the same quantity with other values a number conflict, with the values as worded', () => {
    expect(rel('The bridge carries about 42,000 vehicles a day.', 'The bridge carries 38,000 vehicles a day.')).toEqual({ relation: 'number_conflict', values: ['42,000', '38,000'] })
  })

  it('reads a range as agreeing with a value inside it, and a change "from 10 to 12" by its new value', () => {
    expect(rel('Between 10 and 12 people were killed in the blast in Alder.', 'Eleven people were killed in the blast in Alder.').relation).not.toBe('number_conflict')
    expect(rel('Ten to 12 people were killed in the blast in Alder.', 'Eleven people were killed in the blast in Alder.').relation).not.toBe('number_conflict')
    expect(rel('Ten to 12 people were killed in the blast in Alder.', 'Fifteen people were killed in the blast in Alder.')).toEqual({ relation: 'number_conflict', values: ['12', 'Fifteen'] })
    expect(rel('The death toll rose from 10 to 12 in the blast in Alder.', 'The blast in Alder killed 11 people.')).toEqual({ relation: 'number_conflict', values: ['12', '11'] })
    expect(rel('The death toll rose from 10 to 12 in the blast in Alder.', 'The death toll rose from 9 to 12 in the blast in Alder.').relation).not.toBe('number_conflict')
  })

  it('compares the dead with the dead and the hurt with the hurt in one sentence: "killed 12 and injured 40" / "killed 12 and injured 38"', () => {
    expect(rel('The quake killed 12 people and injured 40 in Varno.', 'The quake killed 12 and injured 38 in Varno.')).toEqual({ relation: 'number_conflict', values: ['40', '38'] })
    expect(rel('The quake killed 12 people and injured 40 in Varno.', 'The quake killed 12 and injured 40 in Varno.').relation).not.toBe('number_conflict')
  })

  it('reads one sum in other notations as one value: "$1.2 billion" / "a $1.2-billion deal" / "1.2 billion dollars"', () => {
    expect(rel('The city signed a $1.2-billion deal for the new bridge.', 'The city signed a deal worth $1.2 billion for the new bridge.').relation).not.toBe('number_conflict')
    expect(rel('The city will spend 1.2 billion dollars on the new bridge.', 'The city will spend $1.5 billion on the new bridge.')).toEqual({ relation: 'number_conflict', values: ['1.2 billion', '$1.5 billion'] })
  })

  it('calls different weekdays a number conflict, and the same values no conflict', () => {
    expect(rel('The cracks were found on Monday by inspectors.', 'Inspectors found the cracks on Tuesday.').relation).toBe('number_conflict')
    expect(rel('The bridge carries about 42,000 vehicles a day.', 'Some 42,000 vehicles use the bridge each day.').relation).not.toBe('number_conflict')
  })

  it('calls a denial of a stated fact a negation conflict, but not a negation of another word', () => {
    expect(rel('The 2024 report flagged corrosion on the beam.', "The 2024 report didn't flag any corrosion on the beam.")).toEqual({ relation: 'negation_conflict', values: ['flagged', "didn't flag"] })
    expect(rel('The meeting ran past 11 p.m. on Tuesday night.', 'The meeting did not end until after 11 p.m. on Tuesday night.').relation).not.toBe('negation_conflict')
  })

  it('calls the same quotation in other words a quote conflict', () => {
    expect(rel('"Safety comes first, and I will not reopen this bridge until our engineers tell me it is safe," Whitlock said.', '"Safety comes first, and I won\'t reopen that bridge until the engineers say it is safe," Whitlock said.').relation).toBe('quote_conflict')
  })

  it('calls a claim sourced to a named office and to an anonymous official an attribution difference', () => {
    expect(rel('The cracks were found on Monday, the mayor’s office said.', 'The cracks were found on Monday, an official familiar with the inspection said.')).toEqual({
      relation: 'attribution_differs',
      values: ['mayor’s office', 'official familiar with the inspection'],
    })
  })

  it('calls one event before and after it happened an update, not a conflict', () => {
    expect(rel('Trump and Putin will speak by phone on Saturday, the Kremlin said.', 'Trump and Putin spoke by phone on Saturday, the Kremlin said.')).toEqual({ relation: 'update', values: ['will speak', 'spoke'] })
    expect(rel('Trump and Putin spoke by phone on Saturday.', 'Trump and Putin spoke by phone on Saturday for an hour.').relation).not.toBe('update')
    // "would" reports or conditions more often than it schedules.
    expect(rel('She said she would not reopen the bridge.', 'She closed the bridge on Tuesday.').relation).not.toBe('update')
    // "will not resign" denies the act it would put ahead: no update of "resigns".
    expect(rel('Mayor Tom Reyes said on Friday that he will not resign over the ferry contracts.', 'Mayor Tom Reyes resigned on Friday over the ferry contracts.').relation).toBe('negation_conflict')
    expect(rel('Mayor Tom Reyes has no plans to resign over the ferry contracts.', 'Mayor Tom Reyes resigned over the ferry contracts.').relation).not.toBe('update')
  })

  it('looks for a dispute among the first DISPUTE_ITEMS numbers, negations and quotations of a unit', () => {
    const many = Array.from({ length: 3000 }, (_, k) => `${k + 1} tunnels`).join(', ')
    expect(rel(`The state inspected 9100 bridges, then ${many}.`, `The state inspected 9700 bridges, then ${many}.`)).toEqual({ relation: 'number_conflict', values: ['9100', '9700'] })
    const nots = Array.from({ length: 3000 }, () => 'not').join(' ')
    expect(rel(`${nots} the council closed the bridge.`, 'The council closed the bridge on Monday.').relation).not.toBe('negation_conflict')
    expect(DISPUTE_ITEMS).toBeLessThan(3000)
    // Opposite outcomes and months: a few mentions are read, whatever a hostile unit holds. A denied outcome after
    // thousands of others is never reached, and a unit naming one month thousands of times names none.
    const wins = Array.from({ length: 3000 }, () => 'won').join(' ')
    expect(rel(`Ruiz never ${wins} the Dayton mayoral race.`, 'Ruiz lost the Dayton mayoral race.').relation).not.toBe('negation_conflict')
    const marches = Array.from({ length: 3000 }, () => 'March').join(' ')
    expect(rel(`The council will vote on the plan in ${marches}.`, 'The council will vote on the plan in April.').relation).not.toBe('number_conflict')
  })

  it('finds the event put ahead behind a chain of infinitives, a stated readiness or a vote', () => {
    expect(rel('The council is set to vote to close the bridge on Monday.', 'The council closed the bridge on Monday.')).toEqual({ relation: 'update', values: ['to vote to close', 'closed'] })
    expect(rel('The governor said he is prepared to sign the bill.', 'The governor signed the bill on Friday night.')).toEqual({ relation: 'update', values: ['to sign', 'signed'] })
    expect(rel('The council is expected to approve the levy this week.', 'The council voted Wednesday to approve the levy.')).toEqual({ relation: 'update', values: ['to approve', 'voted Wednesday to approve'] })
    // A refusal is no vote: what it refused did not happen.
    expect(rel('The council is expected to approve the levy this week.', 'The council refused to approve the levy.').relation).not.toBe('update')
  })

  it('sees a round or bounded figure that the other value fits as no number conflict', () => {
    expect(rel('The hearing cost more than $1 million, the magazine estimated.', 'The hearing cost $1.1 million, the magazine estimated.').relation).not.toBe('number_conflict')
    expect(rel('The bridge carries about 40,000 vehicles a day.', 'The bridge carries 38,500 vehicles a day.').relation).not.toBe('number_conflict')
    expect(rel('The bridge carries roughly 42,000 vehicles a day.', 'The bridge carries 38,000 vehicles a day.').relation).toBe('number_conflict')
  })

  it('never compares ranks, odds or years as quantities', () => {
    expect(rel('Hoyer kept the No. 2 position in the party leadership.', 'Hoyer kept the No. 3 position in the party leadership.').relation).not.toBe('number_conflict')
    expect(rel('Boehner said there is a one-in-three chance of losing the House.', "Boehner said there is a '1-in-3 chance' of losing the House.").relation).not.toBe('number_conflict')
  })

  it('sees no denial in a condition, a question, an answer, or a denying verb on the other side', () => {
    expect(rel('Make sure we get the best deal possible, and if we do not get it, there should be no deal.', 'Make sure we get the best deal possible for our workers.').relation).not.toBe('negation_conflict')
    expect(rel('Weiner said he did not send the photo to the student.', 'Weiner denies sending the photo to the student.').relation).not.toBe('negation_conflict')
    expect(rel('Sestak said no and went on to win the primary.', 'Sestak went on to win the primary against Specter.').relation).not.toBe('negation_conflict')
    expect(rel('Senate Republicans: no legislation until after the tax cut extension passes.', 'Senate Republicans pledged legislation on the tax cut extension.').relation).not.toBe('negation_conflict')
  })

  it('calls different weekdays a conflict only of one event: the same verb near both days', () => {
    // Two letters, two days: the shared words are nouns, not the event.
    expect(rel('The council sent a letter to the mayor on Tuesday.', 'In a letter to the council on Friday, the mayor’s lawyer objected.').relation).not.toBe('number_conflict')
    expect(rel('Harlan spoke at a rally at the plant on Saturday.', 'Harlan said Sunday that the plant would stay open.').relation).not.toBe('number_conflict')
  })

  it('sees no denial between two people: who denies must be named on the other side when it names people', () => {
    expect(rel('Mr. Harlan said on the radio that he could not confirm whether the council had written to Mrs. Ortega.', "Judge Ortega later confirmed the council had written to her, posting the letter on the radio station's site.").relation).not.toBe('negation_conflict')
    expect(rel('Mr. Harlan said on the radio that he could not confirm the council had written to Mrs. Ortega.', 'Harlan confirmed on the radio that the council had written to Mrs. Ortega.').relation).toBe('negation_conflict')
  })

  it('sees no denial when the clause that states the word and the clause that denies it share fewer than two other words', () => {
    expect(rel('Mr. Harlan did not respond.', "The letters came mostly from the union, but Harlan's deputy did occasionally respond to them.").relation).not.toBe('negation_conflict')
    expect(rel('Harlan urged Ortega to stay out of the race, and to give up his bid for Senate over the remarks.', 'Ortega said he would fight on, but admitted that no senator had asked him to stay in the race.').relation).not.toBe('negation_conflict')
  })

  it('sees no denial of what the other side only asks, or of a thing the other side only does', () => {
    expect(rel('"Our survey showed that at most of the stores there was no pay gap," the lawyer told the court.', '"Is it true," the judge asked, "that the pay gap at the stores was smaller than the national average?"').relation).not.toBe('negation_conflict')
    expect(rel('"So that there is no conflict of interest, I have decided not to be the moderator of the debate.', 'Harlan faced an awkward task: moderating a debate that few candidates would attend.').relation).not.toBe('negation_conflict')
  })

  it('calls two counts or sums one quantity only near the same verb', () => {
    expect(rel('Police counted 300 protesters outside the courthouse.', 'Later 120 protesters marched from courthouse steps to city hall.').relation).not.toBe('number_conflict')
    // The verb may stand farther off in the value's clause: "approved … by a margin of 812 votes".
    expect(rel('Voters in Alder approved the new levy on Saturday by a margin of 812 votes.', 'Alder voters approved the new levy on Saturday by a margin of 900 votes.').relation).toBe('number_conflict')
    expect(rel('The order lets the agency use about $3.6 billion from construction projects for the new levee.', 'The governor requested $5.7 billion for construction of the new levee.').relation).not.toBe('number_conflict')
    expect(rel('The program will cost $1.8 million a year, district staff said.', 'The district estimates the program will cost $2.1 million a year.').relation).toBe('number_conflict')
  })

  it('reads a toll with no counted noun as people: "Gunman kills 5" / "four people were killed"', () => {
    expect(rel('Gunman kills 5 at Alder mall', 'Police said four people were killed when a gunman opened fire at the Alder mall on Saturday.')).toEqual({ relation: 'number_conflict', values: ['5', 'four'] })
    expect(rel('Twelve killed as earthquake hits Varno', 'Fourteen people died after the earthquake hit Varno on Tuesday.').relation).toBe('number_conflict')
    expect(rel('Quake death toll rises to 14 in Varno', 'The earthquake killed 14 people in Varno.').relation).not.toBe('number_conflict')
    // Killed and hurt stay two counts without a noun too.
    expect(rel('Blast in Alder injures 3', 'Two people were killed in the blast in Alder.').relation).not.toBe('number_conflict')
  })

  it('compares the ages of one person named by both, and never the ages of two people', () => {
    expect(rel('Marta Ruiz, 34, was taken to Mercy Hospital.', 'The hospital treated Ruiz, 43, for burns.')).toEqual({ relation: 'number_conflict', values: ['34', '43'] })
    expect(rel('Marta Ruiz, 34, was taken to Mercy Hospital.', 'The 43-year-old Marta Ruiz was taken to Mercy Hospital.').relation).toBe('number_conflict')
    expect(rel('Marta Ruiz, 34, and Tom Diaz, 43, were taken to Mercy Hospital.', 'Marta Ruiz, 34, and Tom Diaz, 42, were taken to Mercy Hospital.')).toEqual({ relation: 'number_conflict', values: ['43', '42'] })
    expect(rel('Marta Ruiz, 34, was taken to Mercy Hospital.', 'Tom Diaz, 43, was taken to Mercy Hospital.').relation).not.toBe('number_conflict')
    expect(rel('Marta Ruiz, 34, and Tom Diaz, 43, were taken to Mercy Hospital.', 'Tom Diaz, 43, and Marta Ruiz, 34, were taken to Mercy Hospital.').relation).not.toBe('number_conflict')
  })

  it('compares the counts of one tally exactly, however it is written', () => {
    expect(rel('The House passed the bill 219-212 on Friday.', 'The House passed the bill 220-211 on Friday.')).toEqual({ relation: 'number_conflict', values: ['219-212', '220-211'] })
    expect(rel('The court upheld the law in a 5-4 ruling on Monday.', 'The court upheld the law in a 6-3 ruling on Monday.').relation).toBe('number_conflict')
    expect(rel('The House passed the bill 219-212 on Friday.', 'The House passed the bill by a vote of 219 to 212 on Friday.').relation).not.toBe('number_conflict')
  })

  it('calls two months named alone for one event a number conflict, but not a day of a month, a name or two events', () => {
    expect(rel('The council will vote on the transit plan in March, the mayor said.', 'The council will vote on the transit plan in April.')).toEqual({ relation: 'number_conflict', values: ['March', 'April'] })
    // Days of months are numbers, compared as such; the same day in two notations agrees.
    expect(rel('The council will vote on the transit plan on March 3.', 'The council will vote on the transit plan on 3 March.').relation).not.toBe('number_conflict')
    // Two events: other verbs.
    expect(rel('The council approved the transit plan in March.', 'The council will vote on the transit plan in April.').relation).not.toBe('number_conflict')
    // A unit that names two months tells a change of date, no single month.
    expect(rel('The vote on the transit plan, set for March, will be held in April.', 'The council will vote on the transit plan in April.').relation).not.toBe('number_conflict')
    expect(rel('April Ryan asked the mayor about the transit plan vote in June.', 'The mayor will hold the transit plan vote in June, he told April Ryan.').relation).not.toBe('number_conflict')
  })

  it('compares a magnitude or a category however it is written', () => {
    expect(rel('A magnitude 6.1 earthquake struck the coast on Monday.', 'A 5.8-magnitude earthquake struck the coast on Monday.')).toEqual({ relation: 'number_conflict', values: ['6.1', '5.8'] })
    expect(rel('A magnitude 6.1 earthquake struck the coast on Monday.', 'A 6.1-magnitude quake struck the coast on Monday.').relation).not.toBe('number_conflict')
    expect(rel('The storm made landfall as a Category 4 hurricane near Tampa.', 'The storm made landfall as a Category 3 hurricane near Tampa.').relation).toBe('number_conflict')
    // One magnitude each: the quake's, whatever words stand near; two on one side are two quakes.
    expect(rel('The earthquake had a magnitude of 6.1, the agency said.', 'A 5.8-magnitude earthquake struck the coast on Monday.')).toEqual({ relation: 'number_conflict', values: ['6.1', '5.8'] })
    expect(rel('A magnitude 5.8 aftershock followed the magnitude 6.1 earthquake.', 'A 5.8-magnitude earthquake struck the coast on Monday.').relation).not.toBe('number_conflict')
  })

  it('reads one toll told in other words as one predicate: killed, died and dead count the same dead; hurt is another count', () => {
    expect(rel('Twelve people were killed when the earthquake struck Varno on Tuesday.', 'Fourteen people died after the earthquake hit Varno on Tuesday.')).toEqual({ relation: 'number_conflict', values: ['Twelve', 'Fourteen'] })
    expect(rel('The storm killed 12 people in the county.', 'The storm left 14 people dead in the county.').relation).toBe('number_conflict')
    expect(rel('Police arrested 30 protesters outside the court.', 'Police detained 45 protesters outside the court.').relation).toBe('number_conflict')
    expect(rel('Three people were hurt in the blast on Monday.', 'Two people died in the blast on Monday.').relation).not.toBe('number_conflict')
  })

  it('sees no denial of what the other side leaves open, of a saying, or of a thing the other side names', () => {
    // "whether … or … seek": an open question states nothing.
    expect(rel('The mayor will tell the council on Monday whether she plans to retire at the end of her current term or will stay on and seek a third term.', 'The mayor is expected to announce that she will not seek a third term.').relation).not.toBe('negation_conflict')
    // "did not say": the saying is denied, not the words after it.
    expect(rel('The senator did not say public transit was a failure.', 'Senator calls for ending public transit subsidies').relation).not.toBe('negation_conflict')
    // A denied verb is stated only by a verb, not by its noun.
    expect(rel('The council defended its criticism of the parking requirement for new towers.', 'Builders of new towers should not be required to add parking, the council said.').relation).not.toBe('negation_conflict')
    expect(rel('The 2024 report flagged corrosion on the beam.', "The 2024 report didn't flag any corrosion on the beam.").relation).toBe('negation_conflict')
  })

  it('calls no dispute and no other source when told not to (two units in one statement only through its other members)', () => {
    const sa = sentenceFromText('The bridge carries about 42,000 vehicles a day.', 'a#0')
    const sb = sentenceFromText('The bridge carries 38,000 vehicles a day.', 'b#0')
    expect(relate(sa, sb, sentenceFeatures(sa), sentenceFeatures(sb), { disputes: false }).relation).toBe('paraphrase')
    const qa = sentenceFromText('"Safety comes first, and I will not reopen this bridge until our engineers tell me it is safe," Whitlock said.', 'a#1')
    const qb = sentenceFromText('"Safety comes first, and I won\'t reopen that bridge until the engineers say it is safe," Whitlock said.', 'b#1')
    expect(relate(qa, qb, sentenceFeatures(qa), sentenceFeatures(qb), { disputes: false }).relation).not.toBe('quote_conflict')
    // Nor another source: by way of a third unit, two sources may be of two claims.
    const ta = sentenceFromText('The cracks were found on Monday, the mayor’s office said.', 'a#2')
    const tb = sentenceFromText('The cracks were found on Monday, an official familiar with the inspection said.', 'b#2')
    expect(relate(ta, tb, sentenceFeatures(ta), sentenceFeatures(tb), { disputes: false }).relation).toBe('paraphrase')
  })

  it('gives the same relation both ways round, values swapped', () => {
    const ab = rel('The bridge carries about 42,000 vehicles a day.', 'The bridge carries 38,000 vehicles a day.')
    const ba = rel('The bridge carries 38,000 vehicles a day.', 'The bridge carries about 42,000 vehicles a day.')
    expect(ba).toEqual({ relation: ab.relation, values: [ab.values![1], ab.values![0]] })
  })
})

describe('compareQuotes', () => {
  it('tells exact, minor, truncated, changed and different renderings apart', () => {
    const q = 'We are not going to take chances with a structure that carries schoolchildren'
    expect([
      compareQuotes(q, q),
      compareQuotes(q, `${q.toUpperCase()}!`),
      compareQuotes(q, 'going to take chances with a structure'),
      compareQuotes(q, 'We will not take any chances with a bridge that carries our schoolchildren'),
      compareQuotes(q, 'The budget will be balanced by the end of the fiscal year'),
    ]).toEqual(['exact', 'minor', 'truncated', 'changed', 'different'])
  })

  it('counts any changed word as a changed quote, but not spelling, spaces, articles, titles, inserted words or excerpts', () => {
    expect([
      compareQuotes('Your actions are incompatible with your duties as chairman of this committee', 'Your actions are incompatible with your duty as chairman of this committee'),
      compareQuotes('I have not violated any rules and regulations of the agency', 'I have not violated any rules or regulations of the agency'),
      compareQuotes('We intend to examine how it might affect our workforce', 'We intend to examine how it might affect our work force'),
      compareQuotes('We have no choice but to build a powerful wall or a steel barrier', 'We have no choice but to build a powerful wall or steel barrier'),
      compareQuotes('Senator Reid thinks the mosque should be built someplace else', 'Sen. Reid thinks the mosque should be built someplace else'),
      compareQuotes('Then you say these (local) supervisors have too much discretion', 'Then you say these supervisors have too much discretion'),
      compareQuotes('However, we would be remiss … if we did not challenge your misuse of Catholic teaching', 'We would be remiss in our duty to you if we did not challenge your misuse of Catholic teaching'),
      compareQuotes('I look forward to being fully and completely vindicated', 'looks forward to being fully and completely vindicated'),
      compareQuotes('Hillary Clinton lied many times to the F.B.I. and nothing happened', 'Hillary Clinton lied many times to the FBI and nothing happened'),
    ]).toEqual(['changed', 'changed', 'minor', 'minor', 'minor', 'minor', 'truncated', 'truncated', 'minor'])
  })

  it('takes two excerpts of one original, each cut where the other goes on, as truncated, not changed', () => {
    const original = 'The ferry will run every hour from the harbor, and we are going to keep it running one way or the other, we owe that to the island.'
    expect([
      // They overlap: one begins inside the other and goes on past its end ("..": its start cut).
      compareQuotes('keep it running one way or the other, we owe that to the island', '..the harbor, and we are going to keep it running one way or the other'),
      // One cut inside ("…"): its pieces stand in the other word for word, or lie wholly past its end.
      compareQuotes('The ferry will run every hour … keep it running one way or the other', 'The ferry will run every hour from the harbor, and we are going to keep it running one way or the other'),
      // The piece after the cut lies past the other's end altogether.
      compareQuotes('The ferry will run every hour ... we owe that to the island', 'The ferry will run every hour, from the harbor'),
      compareQuotes(original, 'The ferry will run every hour from the harbor … we owe that to the island.'),
    ]).toEqual(['truncated', 'truncated', 'truncated', 'truncated'])
    expect([
      // After a cut, a piece that goes on past the other's end gives the other's last words otherwise ("we owe that to
      // the island" against "and we are going to keep it running").
      compareQuotes('The ferry will run every hour from the harbor … one way or the other, we owe that to the island', 'The ferry will run every hour from the harbor, and we are going to keep it running one way or the other'),
      // Where both have the words, one word other than the other's is a changed quote, cut or not.
      compareQuotes('The ferry will run every hour from the harbor … one way or the other, we owe it to the island', 'The ferry will run every hour from the harbor, and we are going to keep it running one way or another'),
      compareQuotes('..the harbor, and we will keep it running one way or the other', 'we are going to keep it running one way or the other, we owe that to the island'),
      // A piece found in the other only out of order is no excerpt of it.
      compareQuotes('we owe that to the island … The ferry will run every hour from the harbor', original),
      // A piece between two found ones that the other lacks: a word put in, not a cut.
      compareQuotes('The ferry will run every hour … from the new harbor … one way or the other', original),
    ]).toEqual(['changed', 'changed', 'changed', 'changed', 'changed'])
    // Sharing four words is no excerpt of one original.
    expect(compareQuotes('Ferry service every hour ... and more boats', 'ferry service every hour at night')).not.toBe('truncated')
  })

  it('reads a contraction and the words it stands for as the same words, one word of the quotation', () => {
    expect([
      compareQuotes('It’s not enough to keep the ferry running,', 'It is not enough to keep the ferry running.'),
      compareQuotes('We’re gonna keep the ferry running, we won’t stop', 'We are going to keep the ferry running, we will not stop'),
      compareQuotes('They don’t know what they’re doing and it’s been a mess', 'They do not know what they are doing and it has been a mess'),
      // "that's" is "that is", and "that" is left out of any quotation.
      compareQuotes('That’s the plan we aren’t changing', 'That is the plan we are not changing'),
      // An excerpt that leaves out the pronoun of a contraction ("I'll" / "will") is still a run of the other's words.
      compareQuotes('I’ll always keep the ferry running', 'will always keep the ferry running.'),
      compareQuotes('But it is not enough to keep the ferry running.', 'It’s not enough to keep the ferry running,'),
    ]).toEqual(['minor', 'minor', 'minor', 'minor', 'truncated', 'truncated'])
    // Another word beside the contraction still changes the quotation; a possessive is no contraction.
    expect(compareQuotes('And I said, ‘Ferries, they don’t.’', 'And I say, ‘Ferries, they don’t.’')).toBe('changed')
    expect(compareQuotes('The mayor’s ferry will run every hour', 'The mayor is ferry will run every hour')).not.toBe('minor')
    // Written out, "I am" adds no words in common: two remarks that share "I am … of the United States" are two.
    expect(compareQuotes("I'm not running for mayor of the island as a favour to the harbor board of Kent", 'I am now ready to work for the people of the island of Kent')).toBe('different')
  })

  it('tells one utterance reworded with possessives aside', () => {
    expect(
      compareQuotes(
        'I told the mayor that my only concern in joining the race or not was whether it was right for Dayton working families and not any deal,',
        "I am going to decide to join this or not only depending upon what is good for Dayton's working families and not a deal.",
      ),
    ).toBe('changed')
  })

  it('does not make two utterances one by a quotation both quote inside them', () => {
    // The same motto quoted inside two remarks: no more one utterance than any two remarks that share four words.
    expect(compareQuotes('Congress has spent its week on commemorative coins and on reaffirming that ‘Drive Safely’ is the state motto', "You have had a bill reaffirming that 'Drive Safely' is the state motto")).toBe('different')
    // One remark given otherwise, a title quoted inside it in both: still the same quotation, changed.
    expect(compareQuotes("The plan we call 'Main Street Renewal' will open in May and cost less than we feared", "The plan we call 'Main Street Renewal' would open in May and cost less than we feared")).toBe('changed')
  })

  it('never matches a short common quote with a long one', () => {
    expect(compareQuotes('I hope I do.', 'I do not know what will happen, but I hope that we will reach a deal')).toBe('different')
  })
})
