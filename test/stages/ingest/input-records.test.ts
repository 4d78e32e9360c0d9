// Input record by record: one bad byte, one bad quote or one odd id costs its own record, never the file; ids never
// merge without a word; UTF-16 and UTF-32 are read for what they are.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { decodeText, sniffEncoding } from '../../../stages/ingest/decode.js'
import { ingest } from '../../../stages/ingest/index.js'
import { MessageLog } from '../../../core/messages.js'
import { bufferSource, type ByteSource, openRecords, spanAt } from '../../../stages/ingest/records.js'
import type { Article, RawSource } from '../../../core/types.js'

const BASIL = path.join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'basil', 'basil.jsonl')

function run(sources: readonly RawSource[], maxBytes?: number): { articles: Article[]; messages: string[] } {
  const log = new MessageLog()
  const articles = ingest(sources, log, { maxBytes })
  return { articles, messages: log.messages.map(String) }
}

const csv = (text: string | Uint8Array, file = 'export.csv'): RawSource => ({ kind: 'csv', file, bytes: typeof text === 'string' ? Buffer.from(text) : text })
const jsonl = (bytes: Uint8Array, file = 'batch.jsonl'): RawSource => ({ kind: 'jsonl', file, bytes })

describe('JSON Lines decoded line by line', () => {
  // The first ten BASIL lines (curly quotes and apostrophes in UTF-8) with one Windows-1252 line put in as line 4.
  const lines = readFileSync(BASIL, 'utf8').split('\n').slice(0, 10)
  const latin1 = Buffer.concat([Buffer.from('{"story": "s-latin1", "id": "l1", "text": "Caf'), Buffer.from([0xe9, 0x20, 0x93]), Buffer.from('open'), Buffer.from([0x94]), Buffer.from(' now."}')])
  const bytes = Buffer.concat([Buffer.from(lines.slice(0, 3).join('\n') + '\n'), latin1, Buffer.from('\n' + lines.slice(3).join('\n') + '\n')])

  it('reads one Latin-1 line as Windows-1252, with a warning naming that line, and every other line as UTF-8', () => {
    const { articles, messages } = run([jsonl(bytes)])
    const expected = lines.map((l) => (JSON.parse(l) as { text: string }).text.replace(/\r\n?/g, '\n').replace(/[\u00a0\u2007\u202f\u2000-\u200a]/g, ' ').replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, ''))
    expect({
      messages,
      latin1: articles.find((a) => a.id === 'l1')?.text,
      others: articles.filter((a) => a.id !== 'l1').map((a) => a.text),
      mojibake: articles.filter((a) => /â€|Ã/.test(a.text)).length,
    }).toEqual({
      messages: ['batch.jsonl:4: warning: Expected UTF-8, got invalid byte sequences; this line decoded as Windows-1252 (Latin-1), the others as UTF-8 [ingest/invalid-utf8]'],
      latin1: 'Café “open” now.',
      others: expected,
      mojibake: 0,
    })
    expect(expected.filter((t) => /[“”’]/.test(t)).length).toBeGreaterThan(5)
  })

  it('reads a file whose every non-ASCII line is Windows-1252 as Windows-1252, with one warning for the file', () => {
    const one = Buffer.concat([Buffer.from('{"story": "s", "id": "a", "text": "Caf'), Buffer.from([0xe9]), Buffer.from('."}\n{"story": "s", "id": "b", "text": "Plain."}\n')])
    const two = Buffer.concat([one, Buffer.from('{"story": "s", "id": "c", "text": "'), Buffer.from([0x93]), Buffer.from('Hi'), Buffer.from([0x94]), Buffer.from('"}\n')])
    const { articles, messages } = run([jsonl(two)])
    expect({ texts: articles.map((a) => a.text), messages }).toEqual({
      texts: ['Café.', 'Plain.', '“Hi”'],
      messages: ['batch.jsonl: warning: Expected UTF-8, got invalid byte sequences; decoded as Windows-1252 (Latin-1) [ingest/invalid-utf8]'],
    })
  })

  it('reads a UTF-8 article file with one bad line as UTF-8 but for that line, and says which line', () => {
    const bytes = Buffer.concat([Buffer.from('“Today” was the first line.\nCaf'), Buffer.from([0xe9]), Buffer.from(' on the second.\nThe third’s fine.')])
    const { articles, messages } = run([{ kind: 'text', file: 'flood/courier.txt', story: 'flood', id: 'courier', bytes }])
    expect({ texts: articles.map((a) => a.text), messages }).toEqual({
      texts: ['“Today” was the first line.\nCafé on the second.\nThe third’s fine.'],
      messages: ['flood/courier.txt:2: warning: Expected UTF-8, got invalid byte sequences on line 2; that line decoded as Windows-1252 (Latin-1), the others as UTF-8 [ingest/invalid-utf8]'],
    })
  })
})

describe('CSV: one bad record costs only that record', () => {
  const HEADER = 'story,id,text'

  it('skips a record holding a NUL byte, naming its line, and reads the rest', () => {
    const bytes = Buffer.concat([Buffer.from(`${HEADER}\nvote,a,First article.\nvote,b,Da`), Buffer.from([0]), Buffer.from('maged.\nvote,c,Third article.\n')])
    const { articles, messages } = run([csv(bytes)])
    expect({ ids: articles.map((a) => a.id), messages }).toEqual({
      ids: ['a', 'c'],
      messages: ['export.csv:3: fatal: Unexpected NUL character in the record; skipped [ingest/binary-file]'],
    })
  })

  it('skips a record with an unclosed quote, giving the line it starts on, and resumes at the next whole record', () => {
    const text = `${HEADER}\nvote,a,"First, quoted.\n\nSecond paragraph."\nvote,b,"never closed\nvote,c,Third article.\nvote,d,"Fourth, quoted."\n`
    const { articles, messages } = run([csv(text)])
    expect({ ids: articles.map((a) => [a.id, a.text]), messages }).toEqual({
      ids: [
        ['a', 'First, quoted.\n\nSecond paragraph.'],
        ['c', 'Third article.'],
        ['d', 'Fourth, quoted.'],
      ],
      messages: ['export.csv:5: fatal: Unexpected `F` after the closing quote of field 3 (a stray `"`?) on line 7, in the record that starts on line 5; skipped [ingest/malformed-csv]'],
    })
  })

  it('skips a record with a stray quote after a closing one and keeps the records after it', () => {
    const text = `${HEADER}\nvote,a,"He said "yes" to it"\nvote,b,Second article.\n`
    const { articles, messages } = run([csv(text)])
    expect({ ids: articles.map((a) => a.id), messages }).toEqual({
      ids: ['b'],
      messages: ['export.csv:2: fatal: Unexpected `y` after the closing quote of field 3 (a stray `"`?), in the record that starts on line 2; skipped [ingest/malformed-csv]'],
    })
  })

  it('keeps a quote inside an unquoted cell as a character, as spreadsheets do', () => {
    const { articles, messages } = run([csv(`${HEADER}\nvote,a,A 5" screen was sold.\nvote,b,Second.\n`)])
    expect({ texts: articles.map((a) => a.text), messages }).toEqual({ texts: ['A 5" screen was sold.', 'Second.'], messages: [] })
  })

  it('reports a quote left open at the end of the file at the line its record starts on', () => {
    const { articles, messages } = run([csv(`${HEADER}\nvote,a,Fine.\nvote,b,"open to the end\nof the file\n`)])
    expect({ ids: articles.map((a) => a.id), messages }).toEqual({
      ids: ['a'],
      messages: ['export.csv:3: fatal: Unexpected unclosed quote in the record that starts on line 3; skipped (lines 3-4 skipped, up to the next whole record) [ingest/malformed-csv]'],
    })
  })

  it('gives the line a multi-line record starts on in its messages', () => {
    const text = `${HEADER}\nvote,a,"One.\n\nTwo."\nvote,,"Three.\n\nFour."\n`
    expect(run([csv(text)]).messages).toEqual(['export.csv:5: fatal: Expected field `id`, got none; skipped [ingest/missing-field]'])
  })

  it.each([
    ['`;`', ';'],
    ['tab', '\t'],
  ])('reads a %s-separated export, told from its header row', (name, d) => {
    const text = [`story${d}id${d}outlet${d}text`, `vote${d}a${d}Courier${d}"The board voted, 5-2; it was late."`, `vote${d}b${d}Times${d}Board members approved.`].join('\r\n')
    const { articles, messages } = run([csv(text)])
    expect({ articles: articles.map((a) => [a.id, a.outlet, a.text]), messages }).toEqual({
      articles: [
        ['a', 'Courier', 'The board voted, 5-2; it was late.'],
        ['b', 'Times', 'Board members approved.'],
      ],
      messages: [`export.csv:1: info: Read as ${name}-separated: the header row's columns are separated so [ingest/csv-delimiter]`],
    })
  })

  it('skips a file whose header names no `story`, `id` and `text` columns, saying so', () => {
    expect(run([csv('title,body\nA,B\n')]).messages).toEqual(['export.csv:1: fatal: Expected a header row naming the columns `story`, `id`, `text`, got `title,body`; file skipped [ingest/malformed-csv]'])
  })
})

describe('ids never merge without a word', () => {
  const line = (o: object) => JSON.stringify(o)

  it('trims white space around story ids with a warning that names the line the story started on', () => {
    const text = [line({ story: 'tidemill', id: 'a', text: 'One.' }), line({ story: 'tidemill ', id: 'b', text: 'Two.' }), line({ story: ' tidemill', id: 'c', text: 'Three.' })].join('\n')
    const { articles, messages } = run([jsonl(Buffer.from(text))])
    expect({ stories: articles.map((a) => a.story), messages }).toEqual({
      stories: ['tidemill', 'tidemill', 'tidemill'],
      messages: [
        'batch.jsonl:2: warning: Unexpected white space around the story id `"tidemill "`; read as `"tidemill"`, the story of line 1 [ingest/padded-id]',
        'batch.jsonl:3: warning: Unexpected white space around the story id `" tidemill"`; read as `"tidemill"`, the story of line 1 [ingest/padded-id]',
      ],
    })
  })

  it('reads the number 42 as the id "42" with a warning, so that a clash with "42" is reported, not merged', () => {
    const text = [line({ story: 's', id: '42', text: 'One.' }), line({ story: 's', id: 42, text: 'Two.' })].join('\n')
    expect(run([jsonl(Buffer.from(text))]).messages).toEqual([
      'batch.jsonl:2: warning: Expected field `id` to be a string, got the number `42`; read as `"42"` [ingest/mistyped-field]',
      'batch.jsonl:2: fatal: Unexpected second article with id `42` in story `s` (first in batch.jsonl:1); skipped [ingest/duplicate-id]',
    ])
  })

  it('spells lone surrogates as U+FFFD and leaves out NUL and other control characters in ids and outlets, with a warning', () => {
    // JSON escapes let any UTF-16 code unit through: half a surrogate pair, NUL.
    const text = '{"story": "tide\\u0000mill", "id": "a\\ud800", "outlet": "Radio\\u0007 \\udc00Sud", "text": "Half \\ud83d of a pair."}'
    const { articles, messages } = run([jsonl(Buffer.from(text))])
    expect({ article: articles.map((a) => [a.story, a.id, a.outlet, a.text]), messages }).toEqual({
      article: [['tidemill', 'a\ufffd', 'Radio \ufffdSud', 'Half \ufffd of a pair.']],
      messages: [
        'batch.jsonl:1: warning: Unexpected control characters or lone surrogates in `story` `"tide\\u0000mill"`; read as `"tidemill"` [ingest/control-character]',
        'batch.jsonl:1: warning: Unexpected control characters or lone surrogates in `id` `"a\\ud800"`; read as `"a�"` [ingest/control-character]',
        'batch.jsonl:1: warning: Unexpected lone surrogates (half a UTF-16 pair) in the text of article `a�`; replaced by U+FFFD [ingest/lone-surrogate]',
        'batch.jsonl:1: warning: Unexpected control characters or lone surrogates in `outlet` `"Radio\\u0007 \\udc00Sud"`; read as `"Radio �Sud"` [ingest/control-character]',
      ],
    })
  })
})

describe('UTF-16 and UTF-32 told from their NUL bytes', () => {
  const TEXT = 'Crews reached Añasco “late” on Sunday.\nRoads stayed shut.'
  const swap = (b: Buffer, width: number) => {
    const out = Buffer.from(b)
    for (let i = 0; i + width <= out.length; i += width) out.subarray(i, i + width).reverse()
    return out
  }
  const utf32le = (text: string) => {
    const cps = [...text].map((c) => c.codePointAt(0)!)
    const b = Buffer.alloc(cps.length * 4)
    cps.forEach((cp, i) => b.writeUInt32LE(cp, i * 4))
    return b
  }
  const article = (bytes: Uint8Array) => run([{ kind: 'text', file: 'flood/courier.txt', story: 'flood', id: 'courier', bytes }])

  it.each([
    ['UTF-16 BE', swap(Buffer.from(TEXT, 'utf16le'), 2), 'utf16'],
    ['UTF-32 LE', utf32le(TEXT), 'utf32'],
    ['UTF-32 BE', swap(utf32le(TEXT), 4), 'utf32'],
  ])('decodes %s without a byte order mark, with a warning naming the encoding', (name, bytes, rule) => {
    expect(article(bytes)).toMatchObject({
      articles: [{ text: TEXT }],
      messages: [`flood/courier.txt: warning: Expected UTF-8, got NUL bytes in the pattern of ${name} without a byte order mark; decoded as ${name} [ingest/${rule}]`],
    })
  })

  it.each([
    ['UTF-32 LE', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32le(TEXT)])],
    ['UTF-32 BE', Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), swap(utf32le(TEXT), 4)])],
  ])('decodes %s with a byte order mark', (name, bytes) => {
    expect(article(bytes)).toMatchObject({ articles: [{ text: TEXT }], messages: [`flood/courier.txt: info: Decoded as ${name} (byte order mark found) [ingest/utf32]`] })
  })

  it('decodes a UTF-16 LE JSON Lines file without a byte order mark, line by line', () => {
    const text = `${JSON.stringify({ story: 's', id: 'a', text: 'Añasco “flooded”.' })}\n${JSON.stringify({ story: 's', id: 'b', text: 'Second.' })}\n`
    const { articles, messages } = run([jsonl(Buffer.from(text, 'utf16le'))])
    expect({ texts: articles.map((a) => [a.id, a.source.line, a.text]), messages }).toEqual({
      texts: [
        ['a', 1, 'Añasco “flooded”.'],
        ['b', 2, 'Second.'],
      ],
      messages: ['batch.jsonl: warning: Expected UTF-8, got NUL bytes in the pattern of UTF-16 LE without a byte order mark; decoded as UTF-16 LE [ingest/utf16]'],
    })
  })

  it('still calls bytes with NUL in no text pattern binary', () => {
    expect(sniffEncoding(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), true).encoding).toBeNull()
  })
})

describe('the record scanner', () => {
  /** A source that hands out at most `n` bytes per read: every record crosses reads. */
  const trickle = (bytes: Uint8Array, n: number): ByteSource => ({ read: (offset, length) => bytes.subarray(offset, offset + Math.min(length, n)) })

  it('finds the same records whatever the reads cut, with their offsets, lines and CRLF ends', () => {
    const text = 'story,id,text\r\nvote,a,"One,\r\n""two"""\r\n\r\nvote,b,Three.'
    const bytes = Buffer.from(text)
    const scan = (source: ByteSource) => {
      const log = new MessageLog()
      const file = openRecords(source, log, { format: 'csv', file: 'x.csv', maxBytes: 1000 })!
      return { records: [...file.records].map((r) => [r.line, r.offset, r.length, r.value]), messages: log.messages.map(String) }
    }
    const expected = {
      records: [
        [2, 15, 24, { story: 'vote', id: 'a', text: 'One,\r\n"two"' }],
        [5, 41, 13, { story: 'vote', id: 'b', text: 'Three.' }],
      ],
      messages: [],
    }
    expect(scan(bufferSource(bytes))).toEqual(expected)
    for (const n of [1, 2, 3, 7]) expect(scan(trickle(bytes, n))).toEqual(expected)
  })

  it('measures an oversized line without keeping it, and reports it at its line', () => {
    const big = `{"story": "s", "id": "big", "text": "${'x'.repeat(3000)}"}`
    const text = `{"story": "s", "id": "a", "text": "A."}\n${big}\n{"story": "s", "id": "b", "text": "B."}\n`
    const log = new MessageLog()
    const file = openRecords(trickle(Buffer.from(text), 100), log, { format: 'jsonl', file: 'x.jsonl', maxBytes: 1000 })!
    expect({ lines: [...file.records].map((r) => r.line), messages: log.messages.map(String) }).toEqual({
      lines: [1, 3],
      messages: [`x.jsonl:2: fatal: Expected an article of at most 1000 bytes, got ${big.length} bytes; skipped [ingest/oversized-article]`],
    })
  })

  it('spans a UTF-16 record by code units, never splitting one', () => {
    const bytes = Buffer.from('a\nb\u0a0a\n', 'utf16le')
    expect([spanAt(bufferSource(bytes), 0, 'utf-16le', null), spanAt(bufferSource(bytes), 4, 'utf-16le', null)].map((s) => s && [s.offset, s.length])).toEqual([
      [0, 4],
      [4, 6],
    ])
    expect(decodeText(bytes.subarray(4, 10), 'utf-16le').text).toBe('b\u0a0a\n')
  })
})
