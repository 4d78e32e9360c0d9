import { splitSentences } from '../stages/segment/sentences.js'

describe('jest setup', () => {
  it('runs the TypeScript sources', () => {
    expect(splitSentences('One two three. Four five six.')).toEqual([
      { begin: 0, end: 14 },
      { begin: 15, end: 29 },
    ])
  })
})
