// Affiliation tags (stages/segment/affiliations.ts): "Sen. Richard Blumenthal (D-Conn.)" names the senator, not
// Connecticut, in quote speakers and attributions.
import { sentencesOf } from './fixture.js'

describe('segment: party-and-state tags', () => {
  const one = (text: string) => sentencesOf([text])[0]!

  it('are read past by quote speakers, in brackets, set off by commas, with abbreviations, postal codes and two-word states', () => {
    const speakers = [
      '"We will vote for it," Sen. Lena Okafor (D-Conn.) said on Tuesday.',
      '"We will vote for it," Sen. Lena Okafor, R-Texas, said.',
      '"We will vote for it," said Sen. Lena Okafor, D-W.Va.',
      '"We will vote for it," Rep. Lena Okafor (R-TX) said.',
      '"We will vote for it," Rep. Lena Okafor, R-New York, said.',
      '"We will vote for it," Sen. Lena Okafor (I-Vt.) said.',
    ].map((text) => one(text).quotes[0]!.speaker)
    expect(speakers).toEqual(Array(6).fill('Lena Okafor'))
  })

  it('are read past by attributions, "according to" too', () => {
    expect(
      [
        'Sen. Lena Okafor (D-N.Y.) said the bill was dead.',
        'Sen. Lena Okafor, D-Ill., said the bill was dead.',
        'The bill is dead, according to Sen. Lena Okafor, D-Ill., the No. 2 Democrat in the chamber.',
        'The bill will fail in the Senate, where Majority Leader Lena Okafor, R-Ky., has said it is dead.',
      ].map((text) => one(text).attribution),
    ).toEqual(['Lena Okafor', 'Lena Okafor', 'Lena Okafor', 'Lena Okafor'])
  })

  it('need a party letter, a hyphen and a state written together after a name', () => {
    // "D-Day", a letter and a state apart, a state after a lowercase word: no tag, the words stay as they were.
    expect(one('The D-Day landings were recalled in Ohio.').entities.map((e) => e.name)).toEqual(['D-Day', 'Ohio'])
    expect(one('The vote went R - Texas, by one seat.').entities.map((e) => e.name)).toContain('Texas')
    expect(one('A road sign read I-Iowa near the border, officials said.').entities.map((e) => e.name)).toContain('Iowa')
  })

  it('leave a source whose subject is a clause with its own verb unnamed, and read the verb before: "Ginsburg said when asked"', () => {
    expect(one('"We will see," Lena Okafor, a member of the committee — where any inquiry must begin — said.').attribution).toBeNull()
    expect(one('"We will see," Okafor said when asked about the vote.').attribution).toBe('Okafor')
  })
})
