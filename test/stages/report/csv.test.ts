// csv: the CSV writer every report goes through, and its formula guard.
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import fc from 'fast-check'
import { csv, neutralise } from '../../../stages/report/index.js'
import { FORMULA_START } from './fixture.js'

describe('neutralise', () => {
  it('prefixes a text cell starting with `=`, `+`, `-`, `@`, tab or carriage return with `\'`', () => {
    expect(['=SUM(A1)', '+1', '-2 votes', '@handle', '\tindent', '\rreturn'].map(neutralise)).toEqual(["'=SUM(A1)", "'+1", "'-2 votes", "'@handle", "'\tindent", "'\rreturn"])
  })

  it('leaves a text cell alone when the formula character is not first', () => {
    expect(['a=b', 'x@y.example.com', '', "'quoted", '1-2', 'a \t=b'].map(neutralise)).toEqual(['a=b', 'x@y.example.com', '', "'quoted", '1-2', 'a \t=b'])
  })

  it('also guards a formula character after white space or invisible characters, and its full-width and small forms', () => {
    const cells = [' =1+1', '\u00a0+1', '\n-1', '\u200b=1', '\ufeff@SUM(A1)', '＝1+1', '＋1', '－1', '＠SUM(A1)', '﹦1', '﹢1', '﹣1', '﹫x', '−1']
    expect(cells.map(neutralise)).toEqual(cells.map((c) => `'${c}`))
  })

  it('joins a list of texts with `; `, guarding each item, so that an outlet reads the same in a list as alone', () => {
    expect(neutralise(['CBC', '+Radio-Canada', '=HYPERLINK("x")'])).toEqual(`CBC; '+Radio-Canada; '=HYPERLINK("x")`)
  })

  it('leaves numbers alone, negative ones included', () => {
    expect([0, -3, 2.5, -0.125].map(neutralise)).toEqual([0, -3, 2.5, -0.125])
  })

  it('writes null and non-finite numbers as empty cells', () => {
    expect([null, Number.NaN, Number.POSITIVE_INFINITY].map(neutralise)).toEqual(['', '', ''])
  })
})

describe('csv', () => {
  it('writes a table of many rows as one csv-stringify call would: the rows go in batches, the text is the same', () => {
    // 600 rows: more than two batches, the last one short; cells that need quoting in every batch.
    const rows = Array.from({ length: 600 }, (_, i) => [i, i % 7 === 0 ? ' spaced ' : `a,${i}`, i % 5 === 0 ? 'line\nbreak' : '=x', null])
    const columns = ['n', 'text', 'other', 'empty']
    const whole = (record: string) =>
      stringify([columns, ...rows.map((r) => r.map(neutralise))], { record_delimiter: record, quote_record_delimiter: true, quoted_match: /^\s|\s$/ })
    expect(csv(columns, rows)).toEqual(whole('\n'))
    expect(csv(columns, rows, { excel: true })).toEqual(`\ufeff${whole('\r\n')}`)
  })

  it('writes a wide table (one column per outlet of a large story) as one csv-stringify call would', () => {
    // 3,000 columns: fewer rows per batch than one, and still the same text.
    const columns = Array.from({ length: 3000 }, (_, k) => `outlet ${k}`)
    const rows = Array.from({ length: 5 }, (_, i) => columns.map((_, k) => ((i + k) % 3 === 0 ? 1 : (i + k) % 3 === 1 ? 0 : ' x')))
    const whole = stringify([columns, ...rows.map((r) => r.map(neutralise))], { record_delimiter: '\n', quote_record_delimiter: true, quoted_match: /^\s|\s$/ })
    expect(csv(columns, rows)).toEqual(whole)
  })

  it('writes only the header when there are no rows', () => {
    expect(csv(['a', 'b'], [])).toEqual('a,b\n')
  })

  it('quotes a cell holding a comma', () => {
    expect(csv(['x', 'y'], [{ x: 'Smith, Jones', y: 'z' }])).toEqual('x,y\n"Smith, Jones",z\n')
  })

  it('quotes a cell holding a double quote and doubles the quote', () => {
    expect(csv(['x'], [{ x: 'he said "no"' }])).toEqual('x\n"he said ""no"""\n')
  })

  it('quotes a cell holding a line feed or CRLF', () => {
    expect(csv(['x', 'y'], [{ x: 'one\ntwo', y: 'three\r\nfour' }])).toEqual('x,y\n"one\ntwo","three\r\nfour"\n')
  })

  it('quotes a cell holding a lone carriage return, which spreadsheets read as a line break', () => {
    expect(csv(['x', 'y'], [{ x: 'one\rtwo', y: 'z' }])).toEqual('x,y\n"one\rtwo",z\n')
  })

  it('quotes a cell holding a lone line feed in Excel mode', () => {
    expect(csv(['x', 'y'], [{ x: 'one\ntwo', y: 'z' }], { excel: true })).toEqual('\ufeffx,y\r\n"one\ntwo",z\r\n')
  })

  it('quotes a cell with leading or trailing spaces so they survive', () => {
    expect(csv(['x', 'y'], [{ x: ' lead', y: 'trail ' }])).toEqual('x,y\n" lead","trail "\n')
  })

  it('writes numbers as they are and null or missing cells as empty', () => {
    expect(csv(['n', 'm', 'missing'], [{ n: -1.5, m: null }])).toEqual('n,m,missing\n-1.5,,\n')
  })

  it('neutralises formula cells', () => {
    expect(csv(['x', 'y'], [{ x: '=HYPERLINK("http://example.com")', y: '-5' }])).toEqual('x,y\n"\'=HYPERLINK(""http://example.com"")",\'-5\n')
  })

  it('starts with a UTF-8 byte order mark and ends lines with CRLF in Excel mode', () => {
    expect(csv(['a', 'b'], [{ a: 'x', b: 1 }], { excel: true })).toEqual('\ufeffa,b\r\nx,1\r\n')
  })

  it('round-trips any strings through csv-parse, neutralising only formula cells, in the header too', () => {
    // Risky characters are drawn often; any other code point (lone surrogates included) now and then.
    const unit = fc.oneof(
      fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', ' ', "'", '\ufeff', '\u200b', '\u00a0', '＝', '－', '﹫', '−', 'a'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    )
    const text = fc.string({ unit, maxLength: 8 })
    // Columns named like any text, "constructor" and "__proto__" among them.
    const column = fc.oneof(text, fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'))
    const table = fc.uniqueArray(column, { minLength: 1, maxLength: 4 }).chain((columns) => fc.tuple(fc.constant(columns), fc.array(fc.array(text, { minLength: columns.length, maxLength: columns.length }), { maxLength: 4 })))
    const safe = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell)
    fc.assert(
      fc.property(table, fc.boolean(), fc.boolean(), ([columns, cells], excel, byName) => {
        const rows = byName ? cells.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]!]))) : cells
        const written = csv(columns, rows, { excel })
        // Any of CRLF, LF and CR ends a record, as in spreadsheets: a line break outside quotes splits the row.
        const [header, ...parsed] = parse(written, { bom: excel, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][]
        expect(header).toEqual(columns.map(safe))
        expect(parsed).toEqual(cells.map((row) => row.map(safe)))
        expect([...header!, ...parsed.flat()].filter((cell) => FORMULA_START.test(cell))).toEqual([])
      }),
      { numRuns: 500 },
    )
  })

  it('writes an empty cell for a column a row lacks, even one named after a property of every object', () => {
    expect(csv(['constructor', 'toString', '__proto__', 'x'], [{ x: 'a' }])).toEqual('constructor,toString,__proto__,x\n,,,a\n')
  })
})
