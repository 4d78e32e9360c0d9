import { createHash } from 'node:crypto'
import { ingest, type IngestOptions } from '../../../stages/ingest/index.js'
import { MessageLog } from '../../../core/messages.js'
import type { Article, RawSource } from '../../../core/types.js'

// ---- Helpers ----------------------------------------------------------------------------------------

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** An article file of story `flood`, id `courier` unless `extra` says otherwise. */
function textSource(bytes: Uint8Array | string, extra: Partial<RawSource> = {}): RawSource {
  return { kind: 'text', file: 'flood/courier.txt', story: 'flood', id: 'courier', bytes: toBytes(bytes), ...extra }
}

/** A JSONL file: objects are written with JSON.stringify, strings as they are, one per line. */
function jsonlSource(lines: readonly (object | string)[], file = 'batch.jsonl'): RawSource {
  return { kind: 'jsonl', file, bytes: toBytes(lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')) }
}

function toBytes(value: Uint8Array | string): Uint8Array {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value
}

function run(sources: readonly RawSource[], options?: IngestOptions): { articles: Article[]; messages: string[] } {
  const log = new MessageLog()
  const articles = ingest(sources, log, options)
  return { articles, messages: log.messages.map(String) }
}

/** The article a plain text source turns into, with no metadata. */
function expectedText(text: string, bytes: Uint8Array | string, extra: Partial<Article> = {}): Article {
  return {
    story: 'flood',
    id: 'courier',
    outlet: 'courier',
    title: null,
    url: null,
    published: null,
    source: { file: 'flood/courier.txt' },
    text,
    hash: sha256(toBytes(bytes)),
    ...extra,
  }
}

const BODY = 'The river rose two metres overnight.\nResidents of Low Street were moved to the school.'

/** UTF-16 bytes of `text` with a byte order mark. */
function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le')
  if (order === 'le') return le
  const be = Buffer.from(le)
  for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!]
  return be
}

// ---- Article files ----------------------------------------------------------------------------------

describe('ingest: article files', () => {
  it('decodes plain UTF-8 into an article whose outlet defaults to its id', () => {
    expect(run([textSource(BODY)])).toEqual({ articles: [expectedText(BODY, BODY)], messages: [] })
  })

  it('drops a UTF-8 byte order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BODY)])
    expect(run([textSource(bytes)])).toEqual({ articles: [expectedText(BODY, bytes)], messages: [] })
  })

  it('turns CRLF and lone CR line ends into LF', () => {
    const bytes = 'First line.\r\nSecond line.\rThird line.\r\n\r\nNext paragraph.\r'
    expect(run([textSource(bytes)]).articles.map((a) => a.text)).toEqual(['First line.\nSecond line.\nThird line.\n\nNext paragraph.\n'])
  })

  it('turns no-break and other odd spaces into plain spaces and drops zero-width characters and soft hyphens', () => {
    const bytes = 'Ten\u00a0km of road\u202fwere closed.\u200b Crews\u2009worked\u2060 all night for the gov\u00adernor.'
    expect(run([textSource(bytes)]).articles.map((a) => a.text)).toEqual(['Ten km of road were closed. Crews worked all night for the governor.'])
  })

  it('decodes UTF-16 LE with a byte order mark, with an info message', () => {
    const bytes = utf16('Crews reached Añasco “late” on Sunday.\r\nRoads stayed shut.', 'le')
    expect(run([textSource(bytes)])).toEqual({
      articles: [expectedText('Crews reached Añasco “late” on Sunday.\nRoads stayed shut.', bytes)],
      messages: ['flood/courier.txt: info: Decoded as UTF-16 (byte order mark found) [ingest/utf16]'],
    })
  })

  it('decodes UTF-16 BE with a byte order mark, with an info message', () => {
    const bytes = utf16('Crews reached Añasco “late” on Sunday.', 'be')
    expect(run([textSource(bytes)])).toEqual({
      articles: [expectedText('Crews reached Añasco “late” on Sunday.', bytes)],
      messages: ['flood/courier.txt: info: Decoded as UTF-16 (byte order mark found) [ingest/utf16]'],
    })
  })

  it('decodes invalid UTF-8 as Windows-1252 with a warning', () => {
    // "Café “open” – now, €5." as Windows-1252 bytes: 0xe9 é, 0x93/0x94 curly quotes, 0x96 en dash, 0x80 euro.
    const bytes = Buffer.from([...Buffer.from('Caf'), 0xe9, 0x20, 0x93, ...Buffer.from('open'), 0x94, 0x20, 0x96, ...Buffer.from(' now, '), 0x80, ...Buffer.from('5.')])
    expect(run([textSource(bytes)])).toEqual({
      articles: [expectedText('Café “open” – now, €5.', bytes)],
      messages: ['flood/courier.txt: warning: Expected UTF-8, got invalid byte sequences; decoded as Windows-1252 (Latin-1) [ingest/invalid-utf8]'],
    })
  })

  it('drops a UTF-8 byte order mark before falling back to Windows-1252', () => {
    // A UTF-8 file with a BOM and one stray Windows-1252 byte must not start with "ï»¿".
    const bytes = Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('Caf'), 0xe9, ...Buffer.from(' reopened.')])
    expect(run([textSource(bytes)])).toEqual({
      articles: [expectedText('Café reopened.', bytes)],
      messages: ['flood/courier.txt: warning: Expected UTF-8, got invalid byte sequences; decoded as Windows-1252 (Latin-1) [ingest/invalid-utf8]'],
    })
  })

  it('rejects a file with NUL bytes as binary; the other articles survive', () => {
    const binary = textSource(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]), { file: 'flood/photo.txt', id: 'photo' })
    expect(run([binary, textSource(BODY)])).toEqual({
      articles: [expectedText(BODY, BODY)],
      messages: ['flood/photo.txt: fatal: Unexpected binary file (NUL bytes); skipped [ingest/binary-file]'],
    })
  })

  it('decodes UTF-16 without a byte order mark, told by its NUL bytes, with a warning saying so', () => {
    const bytes = Buffer.from('Crews reached the town.', 'utf16le')
    expect(run([textSource(bytes)])).toEqual({
      articles: [expectedText('Crews reached the town.', bytes)],
      messages: ['flood/courier.txt: warning: Expected UTF-8, got NUL bytes in the pattern of UTF-16 LE without a byte order mark; decoded as UTF-16 LE [ingest/utf16]'],
    })
  })

  it('rejects a file with a UTF-16 byte order mark that decodes to NUL characters as binary', () => {
    // FF FE followed by zero bytes: a binary file that merely starts like UTF-16.
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00, 0x42, 0x00])
    expect(run([textSource(bytes), textSource(BODY, { file: 'flood/herald.txt', id: 'herald' })])).toEqual({
      articles: [expectedText(BODY, BODY, { id: 'herald', outlet: 'herald', source: { file: 'flood/herald.txt' } })],
      messages: [
        'flood/courier.txt: info: Decoded as UTF-16 (byte order mark found) [ingest/utf16]',
        'flood/courier.txt: fatal: Unexpected binary file (NUL characters); skipped [ingest/binary-file]',
      ],
    })
  })

  it('skips an empty file with a warning', () => {
    expect(run([textSource('')])).toEqual({ articles: [], messages: ['flood/courier.txt: warning: Unexpected empty article; skipped [ingest/empty-article]'] })
  })

  it('skips a whitespace-only file with a warning, saying so', () => {
    expect(run([textSource(' \r\n\t\n\u00a0 ')])).toEqual({
      articles: [],
      messages: ['flood/courier.txt: warning: Unexpected empty article (whitespace only); skipped [ingest/empty-article]'],
    })
  })

  it('skips a file holding only a byte order mark and zero-width characters as empty', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\u200b\u200d')])
    expect(run([textSource(bytes)])).toEqual({ articles: [], messages: ['flood/courier.txt: warning: Unexpected empty article; skipped [ingest/empty-article]'] })
  })

  it('rejects an article larger than `maxBytes`; the other articles survive', () => {
    const big = textSource('x'.repeat(101), { file: 'flood/big.txt', id: 'big' })
    expect(run([big, textSource(BODY)], { maxBytes: 100 })).toEqual({
      articles: [expectedText(BODY, BODY)],
      messages: ['flood/big.txt: fatal: Expected an article of at most 100 bytes, got 101 bytes; skipped [ingest/oversized-article]'],
    })
  })

  it('accepts an article of exactly `maxBytes`', () => {
    const text = 'é'.repeat(50) // 100 bytes in UTF-8
    expect(run([textSource(text)], { maxBytes: 100 })).toEqual({ articles: [expectedText(text, text)], messages: [] })
  })

  it('rejects an article whose size on disk is over the default 5 MB, without its bytes', () => {
    const unread = textSource(new Uint8Array(0), { size: 5 * 1024 * 1024 + 1 })
    expect(run([unread])).toEqual({
      articles: [],
      messages: ['flood/courier.txt: fatal: Expected an article of at most 5242880 bytes, got 5242881 bytes; skipped [ingest/oversized-article]'],
    })
  })

  it('takes outlet, title, url and published from story.json metadata, trimmed', () => {
    const meta = { outlet: ' Valley Courier ', title: 'River rises', url: 'https://courier.example/flood', published: '2024-03-02' }
    expect(run([textSource(BODY, { meta })])).toEqual({
      articles: [expectedText(BODY, BODY, { outlet: 'Valley Courier', title: 'River rises', url: 'https://courier.example/flood', published: '2024-03-02' })],
      messages: [],
    })
  })

  it('falls back to the article id for a blank outlet, and to null for blank metadata', () => {
    const meta = { outlet: '  ', title: '', url: ' ', published: '' }
    expect(run([textSource(BODY, { meta })])).toEqual({ articles: [expectedText(BODY, BODY)], messages: [] })
  })

  it('uses the file as the id and `story` as the story when the source names neither', () => {
    const source: RawSource = { kind: 'text', file: 'loose.txt', bytes: toBytes(BODY) }
    expect(run([source]).articles).toEqual([{ ...expectedText(BODY, BODY), story: 'story', id: 'loose.txt', outlet: 'loose.txt', source: { file: 'loose.txt' } }])
  })

  it('rejects a second article with the same id in one story, naming the first', () => {
    const second = textSource('Another text.', { file: 'flood/courier.md' })
    expect(run([textSource(BODY), second])).toEqual({
      articles: [expectedText(BODY, BODY)],
      messages: ['flood/courier.md: fatal: Unexpected second article with id `courier` in story `flood` (first in flood/courier.txt); skipped [ingest/duplicate-id]'],
    })
  })

  it('keeps articles with the same id in different stories', () => {
    const other = textSource(BODY, { file: 'fire/courier.txt', story: 'fire' })
    expect(run([textSource(BODY), other]).articles.map((a) => `${a.story}/${a.id}`)).toEqual(['flood/courier', 'fire/courier'])
  })
})

// ---- JSON Lines -------------------------------------------------------------------------------------

const GOOD = { story: 'flood', id: 'a1', outlet: 'Valley Courier', title: 'River rises', url: 'https://courier.example/a1', published: '2024-03-02', text: 'The river rose.' }
const OTHER = { story: 'flood', id: 'a2', text: 'Schools closed.' }

describe('ingest: JSON Lines', () => {
  it('reads one article per line, with its line as source and hash', () => {
    const line = JSON.stringify(GOOD)
    expect(run([jsonlSource([GOOD, OTHER])])).toEqual({
      articles: [
        { ...GOOD, source: { file: 'batch.jsonl', line: 1 }, hash: sha256(line) },
        { ...OTHER, outlet: 'a2', title: null, url: null, published: null, source: { file: 'batch.jsonl', line: 2 }, hash: sha256(JSON.stringify(OTHER)) },
      ],
      messages: [],
    })
  })

  it('skips blank lines and keeps counting them', () => {
    const { articles, messages } = run([jsonlSource(['', '   ', GOOD, '\t', OTHER, ''])])
    expect({ lines: articles.map((a) => a.source.line), messages }).toEqual({ lines: [3, 5], messages: [] })
  })

  it('reads CRLF line ends and normalises CR/LF escapes inside the text', () => {
    const source: RawSource = { kind: 'jsonl', file: 'batch.jsonl', bytes: toBytes(`${JSON.stringify({ ...OTHER, text: 'One.\r\nTwo.\rThree.' })}\r\n${JSON.stringify(GOOD)}\r\n`) }
    const { articles, messages } = run([source])
    expect({ texts: articles.map((a) => a.text), messages }).toEqual({ texts: ['One.\nTwo.\nThree.', 'The river rose.'], messages: [] })
  })

  it('decodes a UTF-16 JSONL file', () => {
    const source: RawSource = { kind: 'jsonl', file: 'batch.jsonl', bytes: utf16(`${JSON.stringify({ ...OTHER, text: 'Añasco “flooded”.' })}\n`, 'le') }
    const { articles, messages } = run([source])
    expect({ texts: articles.map((a) => a.text), messages }).toEqual({
      texts: ['Añasco “flooded”.'],
      messages: ['batch.jsonl: info: Decoded as UTF-16 (byte order mark found) [ingest/utf16]'],
    })
  })

  it('reports a malformed line with its line number; the other articles survive', () => {
    const { articles, messages } = run([jsonlSource([GOOD, '{"story": "flood", "id": "a3", "text": "cut off', OTHER])])
    expect({ ids: articles.map((a) => a.id), messages }).toEqual({
      ids: ['a1', 'a2'],
      messages: [expect.stringMatching(/^batch\.jsonl:2: fatal: Unexpected malformed JSON line \(.+\); skipped \[ingest\/malformed-jsonl\]$/)],
    })
  })

  it.each([
    ['story', { id: 'a3', text: 'Text.' }],
    ['id', { story: 'flood', text: 'Text.' }],
    ['text', { story: 'flood', id: 'a3' }],
  ])('rejects a line without `%s`; the other articles survive', (field, record) => {
    const { articles, messages } = run([jsonlSource([GOOD, record, OTHER])])
    expect({ ids: articles.map((a) => a.id), messages }).toEqual({
      ids: ['a1', 'a2'],
      messages: [`batch.jsonl:2: fatal: Expected field \`${field}\`, got none; skipped [ingest/missing-field]`],
    })
  })

  it.each([
    ['text', 'number', { story: 'flood', id: 'a3', text: 42 }],
    ['story', 'boolean', { story: true, id: 'a3', text: 'Text.' }],
    ['id', 'object', { story: 'flood', id: ['a3'], text: 'Text.' }],
  ])('rejects a line whose `%s` is a %s; the other articles survive', (field, type, record) => {
    const { articles, messages } = run([jsonlSource([GOOD, record, OTHER])])
    expect({ ids: articles.map((a) => a.id), messages }).toEqual({
      ids: ['a1', 'a2'],
      messages: [`batch.jsonl:2: fatal: Expected field \`${field}\` to be a string, got \`${type}\`; skipped [ingest/mistyped-field]`],
    })
  })

  it.each([
    ['array', '["flood", "a3", "Text."]'],
    ['string', '"flood a3"'],
    ['number', '17'],
    ['null', 'null'],
  ])('rejects a line holding a JSON %s instead of an object', (type, line) => {
    const { articles, messages } = run([jsonlSource([GOOD, line, OTHER])])
    expect({ ids: articles.map((a) => a.id), messages }).toEqual({
      ids: ['a1', 'a2'],
      messages: [`batch.jsonl:2: fatal: Expected a JSON object per line, got \`${type}\`; skipped [ingest/malformed-jsonl]`],
    })
  })

  it('reads a numeric id and story as their digits, with a warning naming the line', () => {
    const { articles, messages } = run([jsonlSource([{ story: 2024, id: 7, text: 'The river rose.' }])])
    expect({ articles: articles.map((a) => [a.story, a.id, a.outlet]), messages }).toEqual({
      articles: [['2024', '7', '7']],
      messages: [
        'batch.jsonl:1: warning: Expected field `story` to be a string, got the number `2024`; read as `"2024"` [ingest/mistyped-field]',
        'batch.jsonl:1: warning: Expected field `id` to be a string, got the number `7`; read as `"7"` [ingest/mistyped-field]',
      ],
    })
  })

  it('trims the id and story with a warning, and rejects one that is blank', () => {
    const { articles, messages } = run([jsonlSource([{ story: ' flood ', id: ' a1 ', text: 'T.' }, { story: 'flood', id: '  ', text: 'T.' }, { story: '', id: 'a3', text: 'T.' }])])
    expect({ ids: articles.map((a) => `${a.story}/${a.id}`), messages }).toEqual({
      ids: ['flood/a1'],
      messages: [
        'batch.jsonl:1: warning: Unexpected white space around the story id `" flood "`; read as `"flood"` [ingest/padded-id]',
        'batch.jsonl:1: warning: Unexpected white space around the article id `" a1 "`; read as `"a1"` [ingest/padded-id]',
        'batch.jsonl:2: fatal: Expected non-empty `id`, got an empty string; skipped [ingest/missing-field]',
        'batch.jsonl:3: fatal: Expected non-empty `story`, got an empty string; skipped [ingest/missing-field]',
      ],
    })
  })

  it('warns about a mistyped optional field and ignores it', () => {
    const { articles, messages } = run([jsonlSource([{ ...GOOD, outlet: 12, published: { year: 2024 } }])])
    expect({ meta: articles.map((a) => [a.outlet, a.title, a.published]), messages }).toEqual({
      // No outlet field to use: the url's host names it.
      meta: [['courier.example', 'River rises', null]],
      messages: [
        'batch.jsonl:1: warning: Expected field `outlet` to be a string, got `number`; ignored [ingest/mistyped-field]',
        'batch.jsonl:1: warning: Expected field `published` to be a string, got `object`; ignored [ingest/mistyped-field]',
      ],
    })
  })

  it('treats null optional fields as absent, without a message', () => {
    const { articles, messages } = run([jsonlSource([{ ...OTHER, outlet: null, title: null, url: null, published: null }])])
    expect({ meta: articles.map((a) => [a.outlet, a.title, a.url, a.published]), messages }).toEqual({ meta: [['a2', null, null, null]], messages: [] })
  })

  it('skips an article whose text is `null` as empty, with a warning', () => {
    const { articles, messages } = run([jsonlSource([GOOD, { story: 'flood', id: 'a3', text: null }])])
    expect({ ids: articles.map((a) => a.id), messages }).toEqual({ ids: ['a1'], messages: ['batch.jsonl:2: warning: Unexpected empty article `a3`; skipped [ingest/empty-article]'] })
  })

  it('skips an article whose text is whitespace only, with a warning', () => {
    const { articles, messages } = run([jsonlSource([GOOD, { story: 'flood', id: 'a3', text: ' \n\u200b ' }])])
    expect({ ids: articles.map((a) => a.id), messages }).toEqual({
      ids: ['a1'],
      messages: ['batch.jsonl:2: warning: Unexpected empty article `a3`; skipped [ingest/empty-article]'],
    })
  })

  it('rejects an article whose text holds a NUL character', () => {
    const { articles, messages } = run([jsonlSource([{ story: 'flood', id: 'a3', text: 'PNG\u0000\u0000data' }, GOOD])])
    expect({ ids: articles.map((a) => a.id), messages }).toEqual({
      ids: ['a1'],
      messages: ['batch.jsonl:1: fatal: Unexpected NUL character in the text of article `a3`; skipped [ingest/binary-file]'],
    })
  })

  it('rejects a line longer than `maxBytes`; the other articles survive', () => {
    const long = { story: 'flood', id: 'a3', text: 'word '.repeat(40) }
    const bytes = Buffer.byteLength(JSON.stringify(long))
    const { articles, messages } = run([jsonlSource([GOOD, long, OTHER])], { maxBytes: 200 })
    expect({ ids: articles.map((a) => a.id), messages }).toEqual({
      ids: ['a1', 'a2'],
      messages: [`batch.jsonl:2: fatal: Expected an article of at most 200 bytes, got ${bytes} bytes; skipped [ingest/oversized-article]`],
    })
  })

  it('rejects the second article with an id already used in its story, naming the first line', () => {
    const { articles, messages } = run([jsonlSource([GOOD, OTHER, { ...GOOD, text: 'A different text.' }])])
    expect({ articles: articles.map((a) => [a.id, a.text]), messages }).toEqual({
      articles: [
        ['a1', 'The river rose.'],
        ['a2', 'Schools closed.'],
      ],
      messages: ['batch.jsonl:3: fatal: Unexpected second article with id `a1` in story `flood` (first in batch.jsonl:1); skipped [ingest/duplicate-id]'],
    })
  })

  it('keeps the same id in different stories', () => {
    const { articles, messages } = run([jsonlSource([GOOD, { ...GOOD, story: 'fire' }])])
    expect({ ids: articles.map((a) => `${a.story}/${a.id}`), messages }).toEqual({ ids: ['flood/a1', 'fire/a1'], messages: [] })
  })

  it('rejects a JSONL file without any line', () => {
    expect(run([jsonlSource(['', ' '])])).toEqual({ articles: [], messages: ['batch.jsonl: fatal: Unexpected JSONL file without any article [ingest/empty-article]'] })
  })

  it('adds no file-level message when every line was already rejected', () => {
    expect(run([jsonlSource(['{oops'])]).messages).toEqual([expect.stringMatching(/^batch\.jsonl:1: fatal: Unexpected malformed JSON line/)])
  })

  it('rejects a JSONL file with NUL bytes as binary', () => {
    const source: RawSource = { kind: 'jsonl', file: 'batch.jsonl', bytes: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00]) }
    expect(run([source])).toEqual({ articles: [], messages: ['batch.jsonl: fatal: Unexpected binary file (NUL bytes); skipped [ingest/binary-file]'] })
  })

  it('reads article files and JSONL files in one call, in order', () => {
    const { articles, messages } = run([textSource(BODY), jsonlSource([GOOD])])
    expect({ ids: articles.map((a) => `${a.story}/${a.id}`), messages }).toEqual({ ids: ['flood/courier', 'flood/a1'], messages: [] })
  })

  it('never mutates its input', () => {
    const sources = [textSource(BODY), jsonlSource([GOOD, OTHER])]
    const before = sources.map((s) => ({ ...s, bytes: Buffer.from(s.bytes).toString('hex') }))
    run(sources)
    expect(sources.map((s) => ({ ...s, bytes: Buffer.from(s.bytes).toString('hex') }))).toEqual(before)
  })
})
