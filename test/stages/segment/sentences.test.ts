// Sentence splitting and mending (stages/segment/sentences.ts), and the properties of segmentation: no character lost or duplicated.
import fc from 'fast-check'
import { clean } from '../../../stages/clean/index.js'
import { ingest } from '../../../stages/ingest/index.js'
import { MessageLog } from '../../../core/messages.js'
import { segment } from '../../../stages/segment/index.js'
import { splitSentences, tokenizeParagraph } from '../../../stages/segment/sentences.js'
import { cleanArticle, run, pieces, spanOffenders, documentOffenders, lostCharacters } from './fixture.js'

// ---- Sentence splitting -------------------------------------------------------------------------------

describe('splitSentences', () => {
  it('returns the spans of plain sentences', () => {
    expect(splitSentences('The talks ended. Both sides left!  Why?')).toEqual([
      { begin: 0, end: 16 },
      { begin: 17, end: 33 },
      { begin: 35, end: 39 },
    ])
  })

  it('returns no span for empty or blank text', () => {
    expect([splitSentences(''), splitSentences(' \n\t ')]).toEqual([[], []])
  })

  it.each([
    ['"U.S." inside a sentence', 'The U.S. Navy sent two ships to the gulf. They arrived on Friday.', ['The U.S. Navy sent two ships to the gulf.', 'They arrived on Friday.']],
    ['"U.S." before a capitalised noun', 'They met in the U.S. Capitol on Friday. Then they left.', ['They met in the U.S. Capitol on Friday.', 'Then they left.']],
    ['a month abbreviation', 'The law took effect on Jan. 13 after a long fight. It was repealed in Sept. 2019.', ['The law took effect on Jan. 13 after a long fight.', 'It was repealed in Sept. 2019.']],
    ['"Sens." before names', 'Sens. Amy Walsh and Tom Berg objected to the deal. The vote was delayed.', ['Sens. Amy Walsh and Tom Berg objected to the deal.', 'The vote was delayed.']],
    ['"Mr." and "Dr."', 'Mr. Lee met Dr. Okafor at the clinic. They spoke for an hour.', ['Mr. Lee met Dr. Okafor at the clinic.', 'They spoke for an hour.']],
    ['"St." in a place name', 'The march reached St. Mark Square by noon. Police watched.', ['The march reached St. Mark Square by noon.', 'Police watched.']],
    ['military and academic titles', 'Gen. Ali Hassan and Prof. Ada Lin spoke first. Capt. Joe Ray spoke last.', ['Gen. Ali Hassan and Prof. Ada Lin spoke first.', 'Capt. Joe Ray spoke last.']],
    ['a dateline with a dash', 'MOSCOW — The talks resumed on Monday. Officials said little.', ['MOSCOW — The talks resumed on Monday.', 'Officials said little.']],
    ['a dateline with a state abbreviation', 'FERGUSON, Mo. — Protesters gathered downtown. Police watched.', ['FERGUSON, Mo. — Protesters gathered downtown.', 'Police watched.']],
    ['a question quoted before its speech tag', '"Why would anybody doubt such things?" Ruiz told the newspaper. She left soon after.', ['"Why would anybody doubt such things?" Ruiz told the newspaper.', 'She left soon after.']],
    ['an exclamation quoted before its speech tag', '"Enough is enough!" the mayor shouted. Nobody answered.', ['"Enough is enough!" the mayor shouted.', 'Nobody answered.']],
    ['a comma quote before its speech tag', '“We are ready,” the mayor said. “It will take time.”', ['“We are ready,” the mayor said.', '“It will take time.”']],
    ['a full stop inside quotes, then a new sentence', 'She said it was "over." The crowd left.', ['She said it was "over."', 'The crowd left.']],
    ['a dotted party and state in parentheses', 'Sen. Ada Graham (R-S.C.) said the bill would fail. Others disagreed.', ['Sen. Ada Graham (R-S.C.) said the bill would fail.', 'Others disagreed.']],
    ['a dotted party and state between commas', 'Leader Tom Berg, D-N.Y., said the bill would fail. Others disagreed.', ['Leader Tom Berg, D-N.Y., said the bill would fail.', 'Others disagreed.']],
    ['a party and an abbreviated state in parentheses', 'Rep. Joe Ray (R-Ky.) voted against it. Rep. Ada Lin (D-Calif.) said nothing.', ['Rep. Joe Ray (R-Ky.) voted against it.', 'Rep. Ada Lin (D-Calif.) said nothing.']],
    ['"D.C." ending a sentence', 'He met officials in Washington, D.C. Then he left.', ['He met officials in Washington, D.C.', 'Then he left.']],
    ['a decimal number and a currency', 'The bill came to $5.2 million in 2019. It fell by 1.5 percent.', ['The bill came to $5.2 million in 2019.', 'It fell by 1.5 percent.']],
    ['"No." for a number', 'He ranked No. 2 in the poll. He lives at No. Ten Downing Street.', ['He ranked No. 2 in the poll.', 'He lives at No. Ten Downing Street.']],
    ['an answer "No." inside a quotation', '"No. We will not," he said. Then he left.', ['"No. We will not," he said.', 'Then he left.']],
  ])('keeps %s intact', (_, text, expected) => {
    expect(pieces(text)).toEqual(expected)
  })

  it.each([
    ['before a name', 'Sestak said no. Others disagreed.', ['Sestak said no.', 'Others disagreed.']],
    ['before a quotation', 'She voted no. "We can do better," she said.', ['She voted no.', '"We can do better," she said.']],
    ['across a line break', 'Sestak said no.\nOthers disagreed.', ['Sestak said no.', 'Others disagreed.']],
  ])('ends a sentence after the answer "no." %s', (_, text, expected) => {
    expect(pieces(text)).toEqual(expected)
  })

  it('reads the answer "no." as the word "no" and a full stop', () => {
    const [first] = tokenizeParagraph('Sestak said no. Others disagreed.', 0, 0)
    expect(first!.tokens.map((t) => [t.text, t.normal, t.kind])).toEqual([
      ['Sestak', 'sestak', 'word'],
      ['said', 'said', 'word'],
      ['no', 'no', 'word'],
      ['.', '.', 'punctuation'],
    ])
  })
})

// ---- Properties ---------------------------------------------------------------------------------------

// Pieces that stress splitting and cleaning: abbreviations, quotes, datelines, unicode, line breaks, boilerplate.
const PIECE = fc.constantFrom(
  'U.S.', 'Jan. 13', 'Sens. John', 'Mr.', 'Dr.', 'St.', 'MOSCOW —', 'said', 'Putin', 'the', 'talks', '4,000', '$5.2 million', '45 percent',
  '"', '“', '”', "'", '’', '.', '..', '...', '…', '?', '!', ',', '—', '-', '(', ')', ':', ';', '\n', '\n\n', '\r\n', ' ', '  ', '\t',
  'é', 'Ü', 'ß', '😀', '👍🏽', 'e\u0301', '中文', 'ﬁ', '\u00a0', '\u200b', '\ufeff', '\u2028', 'ADVERTISEMENT', 'Photo:', 'By Jane Doe', 'Related:',
  'قال رئيس البلدية', 'ראש העיר אמר', 'Москва', '\u200f', '\u202e', '* * *', '—', '#', '👍🏽👍🏽',
)
const TEXT = fc.oneof(
  fc.array(PIECE, { maxLength: 40 }).map((pieces) => pieces.join(' ')),
  fc.array(PIECE, { maxLength: 40 }).map((pieces) => pieces.join('')),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
)

describe('segment: properties', () => {
  it('splitSentences never throws, and its spans are in bounds, ordered, trimmed and cover every non-space character', () => {
    fc.assert(
      fc.property(TEXT, (text) => {
        expect(spanOffenders(text)).toEqual([])
      }),
      { numRuns: 1000 },
    )
  })

  it('with `minWords: 0` the sentences of a body cover every non-space character of every paragraph', () => {
    // With the default `minWords`, short sentences ("Ok.") are dropped on purpose, so only `0` keeps them all.
    fc.assert(
      fc.property(fc.array(TEXT.filter((t) => t.trim() !== '' && !t.includes('\n\n')), { minLength: 1, maxLength: 4 }), (raw) => {
        const paragraphs = raw.map((p) => p.trim())
        const { documents } = run([cleanArticle(paragraphs)], { minWords: 0 })
        const body = documents[0]?.article.body ?? ''
        const covered = new Array<boolean>(body.length).fill(false)
        for (const s of documents[0]?.sentences ?? []) for (let i = s.begin; i < s.end; i++) covered[i] = true
        const lost = covered.flatMap((yes, i) => (!yes && /\S/u.test(body[i]!) ? [i] : []))
        expect({ lost, offenders: documents.flatMap(documentOffenders) }).toEqual({ lost: [], offenders: [] })
      }),
      { numRuns: 300 },
    )
  })

  it('ingest, clean and segment never throw on random article bytes, keep every offset valid and lose no character', () => {
    fc.assert(
      fc.property(fc.oneof(TEXT.map((t) => Buffer.from(t)), fc.uint8Array({ maxLength: 200 })), fc.option(fc.string({ maxLength: 40 }), { nil: undefined }), (bytes, title) => {
        const log = new MessageLog()
        const articles = ingest([{ kind: 'text', file: 'summit/courier.txt', story: 'summit', id: 'courier', bytes, meta: { title } }], log)
        const cleaned = clean(articles, log)
        const documents = segment(cleaned, log)
        const removedOffenders = documents.flatMap((d) => d.article.removed.filter((r) => d.article.text.slice(r.begin, r.end) !== r.text).map((r) => `removed ${JSON.stringify(r.text)}`))
        expect({ removedOffenders, offenders: documents.flatMap(documentOffenders), lost: documents.flatMap(lostCharacters) }).toEqual({ removedOffenders: [], offenders: [], lost: [] })
      }),
      { numRuns: 300 },
    )
  })
})
