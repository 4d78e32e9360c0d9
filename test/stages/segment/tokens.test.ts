// Tokens (stages/segment/tokens.ts): normal forms, stems, stopwords, offsets.
import fc from 'fast-check'
import { firstBeginningAfter, firstEndingFrom, isWord, spanCovering } from '../../../stages/segment/tokens.js'
import { sentencesOf } from './fixture.js'

describe('segment: tokens', () => {
  it('lower-cases and stems words, and keeps the digits of numbers', () => {
    const [sentence] = sentencesOf(['Officials were meeting 4,000 soldiers.'])
    expect(sentence!.tokens.map((t) => [t.text, t.normal, t.stem, t.kind])).toEqual([
      ['Officials', 'officials', 'offici', 'word'],
      ['were', 'were', 'were', 'word'],
      ['meeting', 'meeting', 'meet', 'word'],
      ['4,000', '4,000', '4000', 'number'],
      ['soldiers', 'soldiers', 'soldier', 'word'],
      ['.', '.', '.', 'punctuation'],
    ])
  })

  it('reads an initialism with dots as the same word as without them, never a stopword', () => {
    const [dotted, plain] = sentencesOf(['The I.R.S. and the U.S. Treasury told F.B.I. agents.', 'The IRS and the US Treasury told FBI agents.'])
    const words = (s: typeof dotted) => s!.tokens.filter(isWord).map((t) => [t.normal, t.stem, t.stop])
    expect(words(dotted)).toEqual(words(plain))
    expect(dotted!.tokens.find((t) => t.text === 'U.S.')).toMatchObject({ normal: 'us', kind: 'word', stop: false })
    // A single initial is a name's, not an initialism: "John F. Kennedy" keeps its "F.".
    const [name] = sentencesOf(['John F. Kennedy spoke.'])
    expect(name!.tokens.map((t) => t.normal)).toContain('f.')
  })

  it('marks stopwords, but not the acronym "US"', () => {
    const [sentence] = sentencesOf(['They told us the US would pay.'])
    expect(sentence!.tokens.filter(isWord).map((t) => [t.text, t.stop])).toEqual([
      ['They', true],
      ['told', false],
      ['us', true],
      ['the', true],
      ['US', false],
      ['would', true],
      ['pay', false],
    ])
  })

  it('folds curly apostrophes and quotes in `normal`', () => {
    const [sentence] = sentencesOf(['“Don’t go,” Ruiz’s aide said.'])
    expect(sentence!.tokens.map((t) => t.normal)).toEqual(['"', 'do', 'not', 'go', ',', '"', 'ruiz', "'s", 'aide', 'said', '.'])
  })

  it('tokenizes an article the same whatever was read before it', () => {
    const words = (paragraph: string) => sentencesOf([paragraph]).flatMap((s) => s.tokens.map((t) => t.text))
    const first = words('They met Kovalenko’s aides in Vinnytsia’s old town.')
    // wink-nlp learns "Kovalenko’s" whole from a token followed by a comma; it must not change later articles.
    words('The choice was Kovalenko’s, and Vinnytsia’s, not ours.')
    expect(words('They met Kovalenko’s aides in Vinnytsia’s old town.')).toEqual(first)
    expect(first).toContain('Kovalenko')
  })

  it('gives every token its offsets into the body, in later paragraphs too', () => {
    const sentences = sentencesOf(['The talks opened.', 'U.S.-Russia ties, “frozen” since 2014, thawed.'])
    expect(sentences[1]!.tokens.map((t) => [t.text, t.begin, t.end])).toEqual([
      ['U.S.', 19, 23],
      ['-', 23, 24],
      ['Russia', 24, 30],
      ['ties', 31, 35],
      [',', 35, 36],
      ['“', 37, 38],
      ['frozen', 38, 44],
      ['”', 44, 45],
      ['since', 46, 51],
      ['2014', 52, 56],
      [',', 56, 57],
      ['thawed', 58, 64],
      ['.', 64, 65],
    ])
  })
})

// ---- Entities -----------------------------------------------------------------------------------------

describe('segment: finding spans by halving', () => {
  // Spans in text order that do not overlap, as sentences, tokens, entities and quotations are, and offsets to ask.
  const spansAndOffsets = fc
    .tuple(fc.array(fc.tuple(fc.nat(4), fc.nat(5)), { maxLength: 12 }), fc.array(fc.nat(70), { minLength: 1, maxLength: 6 }))
    .map(([gaps, offsets]) => {
      const spans: { begin: number; end: number }[] = []
      let at = 0
      for (const [gap, length] of gaps) {
        spans.push({ begin: at + gap, end: at + gap + length })
        at += gap + length
      }
      return { spans, offsets }
    })

  it('finds what a scan from the start finds', () => {
    fc.assert(
      fc.property(spansAndOffsets, ({ spans, offsets }) => {
        for (const at of offsets) {
          const ending = spans.findIndex((s) => s.end >= at)
          expect(firstEndingFrom(spans, at)).toBe(ending < 0 ? spans.length : ending)
          const beginning = spans.findIndex((s) => s.begin > at)
          expect(firstBeginningAfter(spans, at)).toBe(beginning < 0 ? spans.length : beginning)
          for (const end of [at, at + 1, at + 3]) {
            const covering = spans.filter((s) => s.begin <= at && end <= s.end)
            // Spans of no length at one offset: the last that begins by it is the one found.
            expect(spanCovering(spans, at, end)).toBe(covering[covering.length - 1])
          }
        }
      }),
    )
  })
})
