// Hostile names and texts in the input: nothing they hold runs in a spreadsheet or renders as Markdown or HTML, a
// name that is also a property of every JavaScript object ("constructor", "__proto__") is a name like any other,
// and an outlet is spelled the same in every report file.
import { mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import { main } from '../pipeline/cli.js'
import { escapeMarkdown } from '../stages/score/digest.js'
import { tree } from './helpers.js'

// What a spreadsheet may run as a formula (the README's list), written out again rather than taken from the code.
const FORMULA_START = /^(?:[\t\r]|[\s\p{Cf}\p{Cc}]*[=+\-@＝＋－＠﹦﹢﹣﹫−])/u
const guarded = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text)

// An invented story in three articles: shared sentences (statements), a number conflict, a quote, single-source
// claims, so that every report file and every part of the digest has rows. `lead` starts one shared sentence.
function articles(outlets: readonly string[], ids: readonly string[], lead: string, word = 'widget'): Record<string, string>[] {
  const shared = [
    `${lead} The harbor authority closed the old ferry pier on Monday after divers found cracked pilings.`,
    `"We will not reopen the pier until every piling is replaced," harbor master Ines Varga said of the ${word}.`,
    'Repairs to the pier are expected to take about nine months, the authority said.',
  ]
  const texts = [
    [...shared, 'The pier carried 4,000 passengers a day before it closed, the ferry company said.', 'Local cafes near the pier reported a drop in trade on Tuesday.'],
    [...shared, 'The pier carried 2,500 passengers a day before it closed, the ferry company said.', `Councillor Rafe Dunmore called the closure a ${word} overdue step.`],
    [shared[0]!, shared[2]!, 'Ferry passengers will use a temporary landing at the north quay from Wednesday.'],
  ]
  return texts.map((t, i) => ({ story: 'pier', id: ids[i]!, outlet: outlets[i]!, title: `${outlets[i]} <b>reports</b> [pier](javascript:alert(1))`, text: t.join('\n\n') }))
}

async function analyse(records: readonly Record<string, string>[], extra: string[] = []): Promise<{ code: number; files: Record<string, string> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-hostile-'))
  const corpus = path.join(dir, 'stories.jsonl')
  await writeFile(corpus, records.map((r) => JSON.stringify(r)).join('\n'))
  const out = path.join(dir, 'out')
  const code = await main(['analyze', '--corpus', corpus, '--out', out, '--concurrency', '1', '--quiet', ...extra], { stdout: () => {}, stderr: () => {} })
  const { 'run.json': _run, ...files } = await tree(out)
  return { code, files }
}

/** A number as the tool writes one (a tone of `-25`): a spreadsheet reads it as a number, not as a formula. */
const NUMBER = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/

/** Every CSV cell (headers included) that a spreadsheet would run as a formula, as `file: cell`. */
function formulaCells(files: Record<string, string>): string[] {
  return Object.entries(files)
    .filter(([name]) => name.endsWith('.csv'))
    .flatMap(([name, text]) =>
      (parse(text, { bom: true }) as string[][])
        .flat()
        .filter((cell) => FORMULA_START.test(cell) && !NUMBER.test(cell))
        .map((cell) => `${name}: ${JSON.stringify(cell)}`),
    )
}

/**
 * How each outlet is spelled in every CSV that names outlets (outlet columns, the `outlets` lists, coverage.csv's
 * header): spellings that are not the outlet's one guarded form, as `file: spelling`.
 */
function misspelledOutlets(files: Record<string, string>, outlets: readonly string[]): string[] {
  const allowed = new Set(outlets.map(guarded))
  const found: string[] = []
  for (const [name, text] of Object.entries(files)) {
    if (!name.endsWith('.csv')) continue
    const [header, ...rows] = parse(text, { bom: true }) as string[][]
    if (name.endsWith('coverage.csv')) for (const cell of header!.slice(4, -1)) found.push(`${name}: ${cell}`)
    header!.forEach((column, k) => {
      for (const row of rows) {
        if (column === 'outlet' || column === 'outlet_a' || column === 'outlet_b') found.push(`${name}: ${row[k]}`)
        if (column === 'outlets' && name !== 'index.csv') for (const item of row[k]!.split('; ')) found.push(`${name}: ${item}`)
      }
    })
  }
  return found.filter((f) => !allowed.has(f.slice(f.indexOf(': ') + 2)))
}

/** Markdown from the input that would render: raw HTML, a link or image, a line break. */
function markdownOffenders(markdown: string): string[] {
  const offenders: string[] = []
  if (markdown.includes('<')) offenders.push('raw <')
  if (/(?<!\\)\]\(/.test(markdown)) offenders.push('unescaped ](')
  if (/javascript:[^\n]*(?<!\\)\]/.test(markdown)) offenders.push('javascript link')
  return offenders
}

const HOSTILE_OUTLETS = ['=HYPERLINK("http://evil.example","Outlet A")', '+Radio-Canada', '@Reuters', '-CBC', '＝Zenkaku', ' =Spaced', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))']

describe('hostile outlet names and texts', () => {
  it('guards every CSV cell, headers included, and spells each outlet one way in every file', async () => {
    const outlets = ['=HYPERLINK("http://evil.example","Outlet A")', '+Radio-Canada', '@Reuters']
    const { code, files } = await analyse(articles(outlets, ['=cmd|calc', '+id', '-id'], '@here'))
    const header = (parse(files['pier/coverage.csv']!, { bom: true }) as string[][])[0]
    expect({ code, header, formulas: formulaCells(files), misspelled: misspelledOutlets(files, outlets) }).toEqual({
      code: 0,
      header: ['story_id', 'statement_id', 'support', 'independent_support', "'+Radio-Canada", `'=HYPERLINK("http://evil.example","Outlet A")`, "'@Reuters", 'text'],
      formulas: [],
      misspelled: [],
    })
  })

  it('keeps numbers the tool writes as numbers: a negative tone is not guarded', async () => {
    const { files } = await analyse(articles(['Courier', 'Herald', 'Wire'], ['courier', 'herald', 'wire'], 'Sadly,', 'terrible'))
    const tones = (parse(files['pier/framing.csv']!, { bom: true, columns: true }) as Record<string, string>[]).map((r) => r.tone_per_100w!)
    expect(tones.filter((t) => !/^-?\d+(?:\.\d+)?$/.test(t))).toEqual([])
    expect(tones.some((t) => t.startsWith('-'))).toBe(true)
  })

  it('escapes outlet names, titles and sentences in digest.md: no HTML, no link, no image from the input', async () => {
    const outlets = ['<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '![pic](http://evil.example/a.png)']
    const { files } = await analyse(articles(outlets, ['a', 'b', 'c'], '<script>alert(1)</script> [click](javascript:alert(2))'))
    const digest = files['pier/digest.md']!
    expect({ offenders: markdownOffenders(digest), hasOutlet: digest.includes('&lt;img src=x onerror=alert(1)&gt;') && digest.includes('\\[x\\](javascript:alert(1))') }).toEqual({ offenders: [], hasOutlet: true })
  })

  it('holds for any outlet names and ids, and sentence starts (fast-check)', async () => {
    const piece = fc.constantFrom(...HOSTILE_OUTLETS, '=', '+', '-', '@', '\t', ' ', '\u200b', '\ufeff', '－', '﹫', '−', '<', '>', '[', ']', '(', ')', '*', '_', '`', '#', '!', '|', '&amp;', 'a', 'B')
    const name = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join('')).filter((n) => n.trim() !== '' && !n.includes(';'))
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(name, { minLength: 3, maxLength: 3, selector: (n) => n.trim() }), name, async (outlets, lead) => {
        const { files } = await analyse(articles(outlets, outlets.map((o, i) => `${o}${i}`), lead))
        const json = JSON.parse(files['pier/report.json']!) as { articles: { outlet: string }[] }
        const written = [...new Set(json.articles.map((a) => a.outlet))]
        expect({ formulas: formulaCells(files), misspelled: misspelledOutlets(files, written), markdown: markdownOffenders(files['pier/digest.md']!) }).toEqual({ formulas: [], misspelled: [], markdown: [] })
      }),
      { numRuns: 20 },
    )
  })
})

// Names that are also properties of every JavaScript object: a lookup in a plain object finds Object's own.
const PROTO_WORDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']

describe('words and names that are properties of every object', () => {
  it('gives a sentence with `constructor`, `__proto__`, `toString`, `hasOwnProperty` or `valueOf` the tone a neutral word gives', async () => {
    const framing = async (word: string) => {
      const { files } = await analyse(articles(['Courier', 'Herald', 'Wire'], ['courier', 'herald', 'wire'], `The ${word} said the ${word} was terrible.`, word))
      return { outlets: parse(files['pier/framing.csv']!, { bom: true, columns: true }), articles: parse(files['pier/framing_articles.csv']!, { bom: true, columns: true }) }
    }
    const tones = async (word: string) => {
      const { outlets, articles: rows } = await framing(word)
      return [...(outlets as Record<string, string>[]), ...(rows as Record<string, string>[])].map((r) => [r.outlet, r.tone_per_100w, r.tone_sd])
    }
    const neutral = await tones('widget')
    expect(neutral.flat().filter((v) => v === '' || v === 'NaN')).toEqual([])
    for (const word of PROTO_WORDS) expect({ word, tones: await tones(word) }).toEqual({ word, tones: neutral })
  })

  it('writes the same reports for outlets, article ids and story ids named like object properties as for plain names', async () => {
    // Plain names that sort as the property names do, so that renaming them back must give the very same files.
    const names: [string, string][] = [
      ['__proto__', 'a-story'],
      ['constructor', 'b-story'],
      ['hasOwnProperty', 'c-outlet'],
      ['toString', 'd-outlet'],
      ['valueOf', 'e-outlet'],
    ]
    const corpus = (n: (k: number) => string) => [
      ...articles([n(2), n(3), n(4)], [n(2), n(3), n(4)], 'Officials said:').map((r) => ({ ...r, story: n(1), title: 'Pier closes' })),
      ...articles([n(2), n(3), n(4)], [2, 3, 4].map((k) => `${n(k)}-2`), 'Officials said:').map((r) => ({ ...r, story: n(0), title: 'Pier closes' })),
    ]
    const withProto = await analyse(corpus((k) => names[k]![0]))
    const withPlain = await analyse(corpus((k) => names[k]![1]))
    // digest.md has the Markdown-escaped names (`\_\_proto\_\_`).
    const rename = (text: string) => names.reduce((t, [from, to]) => t.split(from).join(to).split(escapeMarkdown(from)).join(to), text)
    const renamed = Object.fromEntries(Object.entries(withProto.files).map(([name, text]) => [rename(name), rename(text)]))
    const compared = Object.keys(withPlain.files).filter((name) => !name.endsWith('.corroborate.json'))
    expect({ code: withProto.code, files: Object.keys(renamed).sort() }).toEqual({ code: 0, files: Object.keys(withPlain.files).sort() })
    for (const name of compared) expect({ name, text: renamed[name] }).toEqual({ name, text: withPlain.files[name] })
  })
})

describe('messages on the terminal', () => {
  it('prints story ids, outlets and file names from the input as inert text: no escape sequence, no line break', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-hostile-'))
    const corpus = path.join(dir, 'stories.jsonl')
    // A story of one article: its id is in the message that says so, and in the progress line.
    const story = 'pier\u001b]0;pwned\u0007\u001b[2J\nfake.txt: fatal: forged\u202e'
    await writeFile(corpus, JSON.stringify({ story, id: 'a\u001b[31m', outlet: 'O', text: 'The harbor authority closed the old ferry pier on Monday.' }))
    const err: string[] = []
    const code = await main(['analyze', '--corpus', corpus, '--out', path.join(dir, 'out'), '--concurrency', '1'], { stdout: () => {}, stderr: (t) => err.push(t) })
    const printed = err.join('')
    expect({ code, controls: printed.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g), forged: printed.split('\n').filter((l) => l.startsWith('fake.txt')) }).toEqual({
      code: 1,
      controls: null,
      forged: [],
    })
    expect(printed).toContain('pwned')
  })
})

describe('escapeMarkdown', () => {
  it('turns HTML into entities and escapes link, image, emphasis, code and table syntax', () => {
    expect(
      ['<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '![a](b.png)', 'AT&T', '*bold* _it_ `code` a|b ~x~ \\n'].map(escapeMarkdown),
    ).toEqual(['&lt;img src=x onerror=alert(1)&gt;', '\\[x\\](javascript:alert(1))', '!\\[a\\](b.png)', 'AT&amp;T', '\\*bold\\* \\_it\\_ \\`code\\` a\\|b \\~x\\~ \\\\n'])
  })

  it('escapes a block marker at the start and keeps the text on one line', () => {
    expect(['# Heading', '- item', '+ item', '= x', '12. item', '3) item', 'one\ntwo\r\nthree', '> quote'].map(escapeMarkdown)).toEqual([
      '\\# Heading',
      '\\- item',
      '\\+ item',
      '\\= x',
      '12\\. item',
      '3\\) item',
      'one two three',
      '&gt; quote',
    ])
  })

  it('gives back the text once its escapes are read, line breaks as spaces (fast-check)', () => {
    const unescape = (md: string) => md.replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '&', '[', ']', '(', ')', '!', '*', '_', '`', '|', '~', '\\', '#', '-', '+', '=', '1', '.', ' ', '\n', 'a', ';') }), (text) => {
        const md = escapeMarkdown(text)
        expect({ raw: /[<>\n]/.test(md), link: /(?<!\\)\]\(/.test(md), back: unescape(md) }).toEqual({ raw: false, link: false, back: text.replace(/\r\n|[\r\n]/g, ' ') })
      }),
      { numRuns: 500 },
    )
  })
})
