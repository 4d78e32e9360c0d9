// quotes: each quotation's renderings across outlets grouped, and how faithfully each renders the group's reference.
import { groupQuotes } from '../../../stages/score/quotes.js'
import { documentsOf } from './documents.js'

const PIER = 'We will rebuild the pier before the summer season, whatever it costs the town'
// As printed before its speaker: `"…," the mayor said.`
const SAID = `${PIER},`

/** groupQuotes over a made-up story, each instance as `[group, article, text, fidelity, speaker, speakerAgrees]`. */
function grouped(...articles: [id: string, outlet: string, text: string][]) {
  return groupQuotes(documentsOf('pier', articles.map(([id, outlet, text]) => ({ id, outlet, text })))).map((q) => [q.group, q.article, q.text, q.fidelity, q.speaker, q.speakerAgrees])
}

describe('groupQuotes', () => {
  it('groups one quotation printed word for word by two outlets, each rendering exact', () => {
    expect(grouped(['a', 'Tribune', `"${SAID}" Mayor Odile Brannock said.`], ['b', 'Beacon', `"${SAID}" Mayor Odile Brannock told reporters.`])).toEqual([
      ['q1', 'a', SAID, 'exact', 'Odile Brannock', true],
      ['q1', 'b', SAID, 'exact', 'Odile Brannock', true],
    ])
  })

  it('leaves out a quotation of one word', () => {
    expect(grouped(['a', 'Tribune', '"Unacceptable," Mayor Odile Brannock said of the damage.'], ['b', 'Beacon', '"Unacceptable," Mayor Odile Brannock said on Monday.'])).toEqual([])
  })

  it('keeps a quotation no other article prints in a group of its own', () => {
    expect(grouped(['a', 'Tribune', `"${SAID}" Mayor Odile Brannock said.`], ['b', 'Beacon', '"The ferry will run twice a day until then," harbor master Tomas Ruiz said.'])).toEqual([
      ['q1', 'a', SAID, 'exact', 'Odile Brannock', true],
      ['q2', 'b', 'The ferry will run twice a day until then,', 'exact', 'Tomas Ruiz', true],
    ])
  })

  it('groups an excerpt that leaves out the pronoun of a contraction with the whole quotation', () => {
    expect(grouped(['a', 'Tribune', 'Brannock said the pier "will be rebuilt."'], ['b', 'Beacon', '"When the storms pass, it\'ll be rebuilt," Mayor Odile Brannock said.']).map(([group, , , fidelity]) => [group, fidelity])).toEqual([
      ['q1', 'truncated'],
      ['q1', 'exact'],
    ])
  })

  it('does not group two renderings within one article: a quote repeated in its own article is still one outlet', () => {
    expect(grouped(['a', 'Tribune', `"${SAID}" Mayor Odile Brannock said.\n\nLater she repeated it: "${PIER}."`]).map(([group]) => group)).toEqual(['q1', 'q2'])
  })

  it('takes the rendering most outlets share as the reference: case and punctuation are minor, a run of its words truncated, other words changed', () => {
    const variants = grouped(
      ['a', 'Tribune', `"${SAID}" Mayor Odile Brannock said.`],
      ['b', 'Beacon', `"${SAID}" Mayor Odile Brannock said on Monday.`],
      ['c', 'Gazette', '"We will rebuild the pier before the summer season — whatever it costs the town," Mayor Odile Brannock said.'],
      ['d', 'Herald', 'Mayor Odile Brannock said the town would act, adding: "We will rebuild the pier before the summer season."'],
      ['e', 'Courier', '"We will rebuild the old pier before the summer season, whatever it costs the town," Mayor Odile Brannock said.'],
    )
    expect(variants.map(([group, article, , fidelity]) => [group, article, fidelity])).toEqual([
      ['q1', 'a', 'exact'],
      ['q1', 'b', 'exact'],
      ['q1', 'c', 'minor'],
      ['q1', 'd', 'truncated'],
      ['q1', 'e', 'changed'],
    ])
  })

  it('takes the longest rendering as the reference when no two outlets share one', () => {
    const variants = grouped(
      ['a', 'Tribune', 'Mayor Odile Brannock said: "We will rebuild the pier before the summer season."'],
      ['b', 'Beacon', `"${SAID}" Mayor Odile Brannock said.`],
    )
    expect(variants.map(([, article, , fidelity]) => [article, fidelity])).toEqual([
      ['a', 'truncated'],
      ['b', 'exact'],
    ])
  })

  it("says whether each speaker is the group's most named one: the same name agrees, another name does not, a role or no speaker is unknown", () => {
    const speakers = grouped(
      ['a', 'Tribune', `"${SAID}" Mayor Odile Brannock said.`],
      ['b', 'Beacon', `"${SAID}" Mayor Odile Brannock told reporters.`],
      ['c', 'Gazette', `"${SAID}" Deputy Mayor Ines Colton said.`],
      ['d', 'Herald', `"${SAID}" the mayor said.`],
      ['e', 'Courier', `A notice on the town hall door read: "${PIER}."`],
    )
    expect(speakers.map(([, article, , , speaker, agrees]) => [article, speaker, agrees])).toEqual([
      ['a', 'Odile Brannock', true],
      ['b', 'Odile Brannock', true],
      ['c', 'Ines Colton', false],
      ['d', 'the mayor', null],
      ['e', null, null],
    ])
  })

  it('numbers the groups in order of first appearance', () => {
    const groups = grouped(
      ['a', 'Tribune', '"The ferry will run twice a day until then," harbor master Tomas Ruiz said.\n\n' + `"${SAID}" Mayor Odile Brannock said.`],
      ['b', 'Beacon', `"${SAID}" Mayor Odile Brannock said.\n\n"The ferry will run twice a day until then," harbor master Tomas Ruiz said.`],
    )
    expect(groups.map(([group, article, text]) => [group, article, (text as string).slice(0, 9)])).toEqual([
      ['q1', 'a', 'The ferry'],
      ['q1', 'b', 'The ferry'],
      ['q2', 'a', 'We will r'],
      ['q2', 'b', 'We will r'],
    ])
  })
})
