// The claims of a sentence (stages/align/shapes.ts): the sentence and its main clauses.
import { CLAIM_PARTS, claimParts } from '../../../stages/align/shapes.js'
import { sentenceFromText } from '../../../stages/segment/index.js'

describe('claimParts', () => {
  it('gives the sentence and each main clause, numbers and number words left out', () => {
    const s = sentenceFromText('The bridge carries 38,000 vehicles a day, and every one of those drivers was scrambling.')
    expect(claimParts(s).map((p) => p.text)).toEqual(['The bridge carries vehicles a day , and every of those drivers was scrambling .', 'The bridge carries vehicles a day ,', 'and every of those drivers was scrambling .'])
  })

  it('takes at most CLAIM_PARTS clauses of one sentence', () => {
    const clauses = Array.from({ length: 3 * CLAIM_PARTS }, (_, k) => `crew ${k} closed the old bridge`).join('; ')
    expect(claimParts(sentenceFromText(`${clauses}.`)).length).toBe(1 + CLAIM_PARTS)
  })
})
