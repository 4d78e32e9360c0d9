// Named entities (stages/segment/entities.ts): titles stripped, surnames resolved, types.
import type { Sentence } from '../../../core/types.js'
import { sentencesOf } from './fixture.js'

describe('segment: entities', () => {
  const people = (sentences: readonly Sentence[]) => sentences.map((s) => s.entities.map((e) => [e.text, e.name, e.type]))

  it('strips titles and resolves a later surname to the full name', () => {
    const sentences = sentencesOf(['Russian President Vladimir Putin spoke on Friday. Later, Putin thanked the hosts.'])
    expect(people(sentences)).toEqual([[['Vladimir Putin', 'Vladimir Putin', 'person']], [['Putin', 'Vladimir Putin', 'person']]])
  })

  it('strips a country and a two-word title: "UK Prime Minister Theresa May"', () => {
    const sentences = sentencesOf(['UK Prime Minister Theresa May met the workers.'])
    expect(people(sentences)).toEqual([[['Theresa May', 'Theresa May', 'person']]])
  })

  it('strips "Secretary of State" and "Sens."', () => {
    const sentences = sentencesOf(['Secretary of State Rex Tillerson met Sens. Amy Walsh and Tom Berg.'])
    expect(people(sentences)).toEqual([
      [
        ['Rex Tillerson', 'Rex Tillerson', 'person'],
        ['Amy Walsh', 'Amy Walsh', 'person'],
        ['Tom Berg', 'Tom Berg', 'person'],
      ],
    ])
  })

  it('types places and organisations', () => {
    const sentences = sentencesOf(['On Friday, troops from the Pentagon flew from Washington to eastern Poland, NATO said.'])
    expect(people(sentences)).toEqual([
      [
        ['Pentagon', 'Pentagon', 'organisation'],
        ['Washington', 'Washington', 'place'],
        ['Poland', 'Poland', 'place'],
        ['NATO', 'NATO', 'organisation'],
      ],
    ])
  })

  it('does not resolve a surname shared by two people', () => {
    const sentences = sentencesOf(['Ana Ruiz and Pedro Ruiz spoke on Friday. Later, Ruiz left the hall.'])
    expect(people(sentences)[1]).toEqual([['Ruiz', 'Ruiz', 'other']])
  })

  it('does not take the capitalised first word of a quotation for a name', () => {
    const sentences = sentencesOf(['The mayor asked: "Is the bridge safe?"'])
    expect(people(sentences)).toEqual([[]])
  })

  it('gives entity offsets into the body', () => {
    const sentences = sentencesOf(['The talks opened.', 'Russian President Vladimir Putin spoke.'])
    const entity = sentences[1]!.entities[0]!
    expect([entity.begin, entity.end, sentences[1]!.text.slice(entity.begin - sentences[1]!.begin, entity.end - sentences[1]!.begin)]).toEqual([37, 51, 'Vladimir Putin'])
  })
})

// ---- Numbers ------------------------------------------------------------------------------------------
