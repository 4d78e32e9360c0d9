// The wink-nlp reading (lang/en/nlp.ts): long runs without white space are read in pieces, offsets unchanged.
import fc from 'fast-check'
import { LONG_RUN, withoutLongRuns } from '../../../lang/en/nlp.js'
import { tokenizeParagraph } from '../../../stages/segment/sentences.js'

/** The longest run of characters other than white space in `text`. */
function longestRun(text: string): number {
  return Math.max(0, ...text.split(/\s/).map((w) => w.length))
}

describe('withoutLongRuns', () => {
  it('leaves text without a long run as it is', () => {
    const text = `A web address: https://example.com/${'a'.repeat(LONG_RUN - 40)} and more words.`
    expect(withoutLongRuns(text)).toBe(text)
  })

  it('reads a character after every LONG_RUN characters of a run as a space, keeping the length', () => {
    const run = '/'.repeat(3 * LONG_RUN)
    const read = withoutLongRuns(`x ${run} y`)
    expect(read.length).toBe(run.length + 4)
    expect(read.slice(2, 2 + LONG_RUN)).toBe('/'.repeat(LONG_RUN))
    expect(read[2 + LONG_RUN]).toBe(' ')
    expect(longestRun(read)).toBe(LONG_RUN)
  })

  it('never cuts a surrogate pair', () => {
    const read = withoutLongRuns('😀'.repeat(LONG_RUN))
    expect(read.length).toBe(2 * LONG_RUN)
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(read)).toBe(false)
  })

  it('changes only characters of long runs, into spaces, and leaves no run longer than LONG_RUN + 1', () => {
    const piece = fc.constantFrom('!', '/', 'a', '-', '.', ' ', '\n', 'ab'.repeat(60), '!'.repeat(200))
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('')
        const read = withoutLongRuns(text)
        expect(read.length).toBe(text.length)
        for (let i = 0; i < text.length; i++) if (read[i] !== text[i]) expect([read[i], /\s/.test(text[i]!)]).toEqual([' ', false])
        expect(longestRun(read)).toBeLessThanOrEqual(LONG_RUN + 1)
        if (longestRun(text) <= LONG_RUN) expect(read).toBe(text)
      }),
    )
  })
})

describe('tokenizeParagraph on a long run', () => {
  it('gives tokens whose offsets index the text, the run read in pieces', () => {
    const text = `She said ${'!'.repeat(40_000)} and left. Then ${'a-'.repeat(20_000)}b came.`
    const tokens = tokenizeParagraph(text, 0, 0).flatMap((s) => s.tokens)
    for (const t of tokens) expect(text.slice(t.begin, t.end)).toBe(t.text)
    // Every "!" but one after each LONG_RUN of the run is a token of its own.
    expect(tokens.filter((t) => t.text === '!').length).toBe(40_000 - Math.floor(40_000 / (LONG_RUN + 1)))
    expect(tokens.map((t) => t.text)).toEqual(expect.arrayContaining(['She', 'said', 'and', 'left', 'Then', 'came']))
  })
})
