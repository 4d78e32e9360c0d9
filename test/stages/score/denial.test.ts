// A denial told in other words than "not" ("denied that", "reports that … are false") against the unit that
// states the claim: a negation conflict under the labelling guide, on invented sentences and through analyze.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { analyseFolder, relateTexts, tempFolders } from '../../helpers.js'

const rel = relateTexts

describe('relate: a denial in other words than "not"', () => {
  it('calls a denial verb against the claim it denies a negation conflict, with the words of each side', () => {
    expect(rel('Councillor Ruiz denied that she had taken money from the ferry operator.', 'Councillor Ruiz took money from the ferry operator.')).toEqual({
      relation: 'negation_conflict',
      values: ['denied that she had taken money from the ferry operator', 'took money from the ferry operator'],
    })
    expect(rel('Harbor Ferries dismissed reports that it will end the night service in March.', 'Harbor Ferries will end the night service in March.').relation).toBe('negation_conflict')
  })

  it('reads "has no plans to launch" and "does not intend to close" as denying the act, not the plan', () => {
    expect(rel('Orbis has no plans to launch a folding phone in March, a spokeswoman said.', 'Orbis will launch a folding phone in March.')).toEqual({ relation: 'negation_conflict', values: ['has no plans to launch', 'launch'] })
    expect(rel('The county does not intend to demolish the Elm Street bridge this winter.', 'The county will demolish the Elm Street bridge this winter.').relation).toBe('negation_conflict')
    // A plan denied of another act is no conflict.
    expect(rel('Orbis has no plans to sell its phone unit, a spokeswoman said.', 'Orbis will launch a folding phone in March.').relation).not.toBe('negation_conflict')
  })

  it('calls a claim said to be false, a hoax or without evidence a negation conflict with the unit that states it', () => {
    expect(rel('Reports that the east pier collapsed on Monday are false, the port authority said.', 'The east pier collapsed on Monday.')).toEqual({
      relation: 'negation_conflict',
      values: ['Reports that the east pier collapsed on Monday are false', 'east pier collapsed on Monday'],
    })
    expect(rel('The port authority said the video of the collapsing pier was a hoax.', 'Video shows the east pier collapsing').relation).toBe('negation_conflict')
    expect(rel('There is no evidence that the new paint caused the rust, the engineers said.', 'The new paint caused the rust on the beams.').relation).toBe('negation_conflict')
    expect(rel('It is not true that the ferry will stop running, the operator said.', 'The ferry will stop running in March.').relation).toBe('negation_conflict')
  })

  it('finds no conflict where both deny, where one only reports an allegation, or where the other states nothing plainly', () => {
    // Both deny: they agree.
    expect(rel('Ruiz Denies Taking Money From Ferry Operator', 'Ruiz said she did not take money from the ferry operator.').relation).not.toBe('negation_conflict')
    // "accused … of" states no fact to deny: the two report one dispute.
    expect(rel('Ruiz was accused of taking money from the ferry operator.', 'Ruiz denied taking money from the ferry operator.').relation).not.toBe('negation_conflict')
    expect(rel('Ruiz allegedly took money from the ferry operator.', 'Ruiz denied taking money from the ferry operator.').relation).not.toBe('negation_conflict')
    // A wish or a question is no statement.
    expect(rel('The union wants the ferry operator to end the night service.', 'The ferry operator rejected claims that it will end the night service.').relation).not.toBe('negation_conflict')
    expect(rel('Will the ferry operator end the night service?', 'The ferry operator rejected claims that it will end the night service.').relation).not.toBe('negation_conflict')
    // "did not deny" denies nothing; "fake accounts" calls no claim false.
    expect(rel('Ruiz did not deny that she had taken money from the ferry operator.', 'Ruiz took money from the ferry operator.').relation).not.toBe('negation_conflict')
    expect(rel('The campaign used fake accounts to spread the story about the ferry.', 'The campaign spread the story about the ferry.').relation).not.toBe('negation_conflict')
    // "rejected the plan" denies no claim.
    expect(rel('The council rejected the plan to end the night ferry service.', 'The operator will end the night ferry service.').relation).not.toBe('negation_conflict')
  })

  it('needs the same people and the claim in the words denied', () => {
    // Another person took the money.
    expect(rel('Councillor Ruiz denied that she had taken money from the ferry operator.', 'Councillor Diaz took money from the ferry operator.').relation).not.toBe('negation_conflict')
    // What is denied is another claim of the same story.
    expect(rel('Ruiz denied the report, and the ferry operator took money from the fund.', 'The ferry operator took money from the fund.').relation).not.toBe('negation_conflict')
  })
})

describe('a denial through analyze', () => {
  const temp = tempFolders('corroborate-denial-')

  it('lists an outlet that calls the other\'s report false as disputing it, headline and sentence alike', async () => {
    const corpus = await temp()
    await mkdir(path.join(corpus, 'pier'))
    await writeFile(
      path.join(corpus, 'pier', 'a.txt'),
      'East Pier Collapses Into Harbor\n\nThe east pier of the Harbor District collapsed into the water on Monday night, the fire department said.\n\nDivers searched the harbor until dawn.\n\nThe pier had been closed to the public since a storm in March.\n',
    )
    await writeFile(
      path.join(corpus, 'pier', 'b.txt'),
      'Port Authority Says Pier Is Standing\n\nReports that the east pier of the Harbor District collapsed on Monday night are false, the port authority said on Tuesday.\n\nA section of railing fell into the water during the storm, a spokeswoman said.\n\nThe pier had been closed to the public since a storm in March.\n',
    )
    const { ledger } = (await analyseFolder(corpus)).get('pier')!
    const disputes = ledger.conflicts.filter((c) => c.relation === 'negation_conflict')
    expect(disputes.map((c) => c.valueB)).toEqual(['Reports that the east pier of the Harbor District collapsed on Monday night are false', 'Reports that the east pier of the Harbor District collapsed on Monday night are false'])
    // The sentence both print word for word is no dispute.
    expect(ledger.conflicts.length).toBe(2)
  })
})
