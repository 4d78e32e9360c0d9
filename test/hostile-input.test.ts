// Hostile or careless input through the whole CLI: devices and FIFOs, links out of the corpus, pages nested without
// end, folders too deep, corroborate's own output inside the corpus, and config files that are not what they say.
import { execFileSync } from 'node:child_process'
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import path from 'node:path'
import { readCorpus } from '../pipeline/corpus.js'
import { main } from '../pipeline/cli.js'
import { checkJson, readBounded } from '../pipeline/read.js'
import { extractHtml } from '../stages/ingest/html.js'
import { ingest } from '../stages/ingest/index.js'
import { MessageLog } from '../core/messages.js'
import { MARKET_STORY, tempFolders, tree } from './helpers.js'

const STORY_A = MARKET_STORY.tribune
const STORY_B = MARKET_STORY.herald

/** A fresh temp folder. */
const temp = tempFolders('hostile')

/** A corpus folder with story `market` (two articles) and whatever `extra` adds; returns its path. */
async function corpus(extra: Record<string, string> = {}): Promise<string> {
  const dir = path.join(await temp(), 'corpus')
  const files = { 'market/tribune.txt': STORY_A.join('\n\n'), 'market/herald.txt': STORY_B.join('\n\n'), ...extra }
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true })
    await writeFile(path.join(dir, name), content)
  }
  return dir
}

async function run(argv: string[]): Promise<{ code: number; stderr: string; messages: string[] }> {
  const err: string[] = []
  const code = await main(['analyze', '--concurrency', '1', '--quiet', ...argv], { stdout: () => {}, stderr: (s) => err.push(s) })
  const stderr = err.join('')
  return { code, stderr, messages: stderr.split('\n').filter((l) => l !== '' && !l.startsWith('corroborate: ')) }
}

async function indexRows(out: string): Promise<string[]> {
  return (await readFile(path.join(out, 'index.csv'), 'utf8')).trim().split('\n').slice(1)
}

const unix = process.platform === 'win32' ? describe.skip : describe

unix('devices and FIFOs', () => {
  it('reports a FIFO or a socket named like an article, direct or through a link, and never opens it to wait', async () => {
    const dir = await corpus()
    execFileSync('mkfifo', [path.join(dir, 'market', 'pipe.txt')])
    execFileSync('mkfifo', [path.join(dir, 'market', 'fifo')])
    await symlink('fifo', path.join(dir, 'market', 'linked.txt'))
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'market', 'socket.md'), resolve))
    const out = path.join(dir, '..', 'out')
    try {
      const { code, messages } = await run(['--corpus', dir, '--out', out, '--verbose'])
      expect({ code, messages: messages.filter((m) => m.includes('not-a-file')), rows: await indexRows(out) }).toEqual({
        code: 1,
        messages: [
          `${path.join('market', 'fifo')}: info: Not a regular file but a FIFO (named pipe); ignored [read/not-a-file]`,
          `${path.join('market', 'linked.txt')}: fatal: Expected a regular file, got a FIFO (named pipe); skipped [read/not-a-file]`,
          `${path.join('market', 'pipe.txt')}: fatal: Expected a regular file, got a FIFO (named pipe); skipped [read/not-a-file]`,
          `${path.join('market', 'socket.md')}: fatal: Expected a regular file, got a socket; skipped [read/not-a-file]`,
        ],
        rows: [expect.stringMatching(/^market,ok,2,2,/)],
      })
    } finally {
      server.close()
    }
  })

  it('never reads a link to /dev/zero or /dev/urandom: outside the corpus, and not a file when links out are allowed', async () => {
    const dir = await corpus()
    await symlink('/dev/zero', path.join(dir, 'market', 'zero.txt'))
    await symlink('/dev/urandom', path.join(dir, 'market', 'random.md'))
    const out = path.join(dir, '..', 'out')
    const refused = await run(['--corpus', dir, '--out', out])
    const followed = await run(['--corpus', dir, '--out', out, '--follow-outside-links', '--force'])
    expect({ refused: refused.messages, followed: followed.messages, rows: await indexRows(out) }).toEqual({
      refused: [
        `${path.join('market', 'random.md')}: warning: Unexpected symbolic link to \`/dev/urandom\`, outside the corpus; not followed (\`--follow-outside-links\` follows such links) [read/outside-link]`,
        `${path.join('market', 'zero.txt')}: warning: Unexpected symbolic link to \`/dev/zero\`, outside the corpus; not followed (\`--follow-outside-links\` follows such links) [read/outside-link]`,
      ],
      followed: [
        `${path.join('market', 'random.md')}: fatal: Expected a regular file, got a character device; skipped [read/not-a-file]`,
        `${path.join('market', 'zero.txt')}: fatal: Expected a regular file, got a character device; skipped [read/not-a-file]`,
      ],
      rows: [expect.stringMatching(/^market,ok,2,2,/)],
    })
  })

  it('ends with a message for a FIFO given as the JSON Lines corpus, the config, a lexicon or the model', async () => {
    const dir = await temp()
    for (const name of ['stories.jsonl', 'config.json', 'model.json']) execFileSync('mkfifo', [path.join(dir, name)])
    const corpusDir = await corpus()
    await writeFile(path.join(dir, 'lexicon-config.json'), JSON.stringify({ lexicons: { loaded: '/dev/zero' } }))
    const results = [
      await run(['--corpus', path.join(dir, 'stories.jsonl'), '--out', path.join(dir, 'out1')]),
      await run(['--config', path.join(dir, 'config.json')]),
      await run(['--config', path.join(dir, 'lexicon-config.json'), '--corpus', corpusDir, '--out', path.join(dir, 'out2')]),
      await run(['--model', path.join(dir, 'model.json'), '--corpus', corpusDir, '--out', path.join(dir, 'out3')]),
    ]
    expect(results.map((r) => [r.code, r.stderr.split('\n').find((l) => /regular file|a FIFO/.test(l))])).toEqual([
      [1, 'stories.jsonl: fatal: Expected a folder, a `.jsonl` or a `.csv` file, got a FIFO (named pipe) [read/not-a-file]'],
      [2, `corroborate: Expected the config \`${path.join(dir, 'config.json')}\` to be a regular file, got a FIFO (named pipe)`],
      [2, `corroborate: ${path.join(dir, 'lexicon-config.json')}: Expected the lexicon \`lexicons.loaded\` \`/dev/zero\` to be a regular file, got a character device`],
      [2, `corroborate: Expected the model \`${path.join(dir, 'model.json')}\` to be a regular file, got a FIFO (named pipe)`],
    ])
  })

  it('counts the size limit while reading, not from stat', async () => {
    const dir = await temp()
    await writeFile(path.join(dir, 'big.txt'), 'x'.repeat(5000))
    expect([await readBounded(path.join(dir, 'big.txt'), 4999), await readBounded(path.join(dir, 'big.txt'), 5000)].map((r) => [r.bytes?.length ?? null, r.size])).toEqual([
      [null, 5000],
      [5000, 5000],
    ])
    // /dev/zero says it is empty (size 0) and never ends: it is refused before anything is read.
    await expect(readBounded('/dev/zero', 10)).rejects.toMatchObject({ code: 'ERR_NOT_A_FILE', kind: 'a character device' })
  })
})

describe('links out of the corpus', () => {
  it('follows no link whose target leaves the corpus, unless asked to (flag or config key)', async () => {
    const outside = await temp()
    await writeFile(path.join(outside, 'secret.txt'), 'The vault code is SECRET-7731 and nobody else knows it, the keeper said on Monday.')
    await writeFile(path.join(outside, 'story.json'), JSON.stringify({ articles: { tribune: { outlet: 'LEAKED-OUTLET' } } }))
    const dir = await corpus()
    await symlink(path.join(outside, 'secret.txt'), path.join(dir, 'market', 'passwd.txt'))
    await symlink(path.join(outside, 'story.json'), path.join(dir, 'market', 'story.json'))
    const out = path.join(dir, '..', 'out')
    const refused = await run(['--corpus', dir, '--out', out])
    const reports = JSON.stringify(await tree(out))
    const config = path.join(dir, '..', 'config.json')
    await writeFile(config, JSON.stringify({ corpus: dir, out: path.join(dir, '..', 'out2'), followOutsideLinks: true }))
    const followed = await run(['--config', config])
    const followedReports = JSON.stringify(await tree(path.join(dir, '..', 'out2')))
    expect({
      refused: refused.messages,
      leaked: /SECRET-7731|LEAKED-OUTLET/.test(reports),
      followed: followed.messages,
      read: /SECRET-7731/.test(followedReports) && /LEAKED-OUTLET/.test(followedReports),
    }).toEqual({
      refused: [
        `${path.join('market', 'passwd.txt')}: warning: Unexpected symbolic link to \`${path.join(outside, 'secret.txt')}\`, outside the corpus; not followed (\`--follow-outside-links\` follows such links) [read/outside-link]`,
        `${path.join('market', 'story.json')}: warning: Unexpected symbolic link to \`${path.join(outside, 'story.json')}\`, outside the corpus; not followed (\`--follow-outside-links\` follows such links) [read/outside-link]`,
      ],
      leaked: false,
      followed: [],
      read: true,
    })
  })

  it('follows a link that stays inside the corpus', async () => {
    const dir = await corpus({ 'pier/herald.txt': STORY_B.join('\n\n') })
    await symlink(path.join('..', 'market', 'tribune.txt'), path.join(dir, 'pier', 'tribune.txt'))
    const out = path.join(dir, '..', 'out')
    const { messages } = await run(['--corpus', dir, '--out', out])
    expect({ messages, rows: await indexRows(out) }).toEqual({ messages: [], rows: [expect.stringMatching(/^market,ok,2,2,/), expect.stringMatching(/^pier,ok,2,2,/)] })
  })
})

describe('web pages nested without end', () => {
  const deep = (levels: number) => `<html><head><title>Deep</title></head><body>${'<div>'.repeat(levels)}<p>${STORY_A[0]}</p>${'</div>'.repeat(levels)}</body></html>`

  it.each([5_000, 200_000])('skips a page nested %d levels deep with a message, before building its DOM', (levels) => {
    expect(extractHtml(deep(levels))).toEqual({ skipped: 'Expected a web page nested at most 128 elements deep, got 512 levels or more (extracting its text would take too long)' })
  })

  it('still reads a page nested as deep as real pages are', () => {
    expect(extractHtml(deep(100))).toEqual({ title: 'Deep', text: STORY_A[0] })
  })

  it('skips such pages in a story, and the story and the batch go on', async () => {
    const dir = await corpus({ 'market/deep.html': deep(5_000), 'market/deeper.html': deep(200_000) })
    const out = path.join(dir, '..', 'out')
    const { code, messages } = await run(['--corpus', dir, '--out', out])
    const reason = 'Expected a web page nested at most 128 elements deep, got 512 levels or more (extracting its text would take too long); skipped [ingest/complex-page]'
    expect({ code, messages, rows: await indexRows(out) }).toEqual({
      code: 1,
      messages: [`${path.join('market', 'deep.html')}: fatal: ${reason}`, `${path.join('market', 'deeper.html')}: fatal: ${reason}`],
      rows: [expect.stringMatching(/^market,ok,2,2,/)],
    })
  })

  it('counts the elements of a page too', () => {
    const wide = `<html><body>${'<span>a</span>'.repeat(60_000)}</body></html>`
    const log = new MessageLog()
    ingest([{ kind: 'html', file: 'market/wide.html', story: 'market', id: 'wide', bytes: Buffer.from(wide) }], log)
    expect(log.messages.map(String)).toEqual(['market/wide.html: fatal: Expected a web page of at most 50000 elements, got more (extracting its text would take too long); skipped [ingest/complex-page]'])
  })
})

describe('every file and folder the walk passes over has a message', () => {
  it('names a folder too deep to be read, and hidden files with --verbose', async () => {
    const deepPath = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']
    const dir = await corpus({ [`market/${deepPath.join('/')}/lost.txt`]: STORY_A.join('\n\n'), 'market/.DS_Store': 'x', 'market/notes.docx': 'x' })
    const { messages } = await run(['--corpus', dir, '--out', path.join(dir, '..', 'out'), '--verbose'])
    // The run's one note on naming outlets aside: these articles have no metadata.
    expect(messages.filter((m) => !m.includes('compared-pairs') && !m.includes('unnamed-outlets'))).toEqual([
      `${path.join('market', '.DS_Store')}: info: Hidden file or folder; not read [read/hidden-file]`,
      `${path.join('market', ...deepPath.slice(0, 9))}: warning: Expected articles at most 8 folders below the story folder, got a folder deeper; not read [read/deep-folder]`,
      `${path.join('market', 'notes.docx')}: info: Unexpected file type; ignored (articles end in .txt, .md, .html, .htm) [read/unsupported-file]`,
    ])
  })
})

describe('corroborate output inside the corpus', () => {
  it('never reads a folder corroborate wrote as a story', async () => {
    const dir = await corpus({ 'pier/tribune.txt': STORY_A.join('\n\n'), 'pier/herald.txt': STORY_B.join('\n\n') })
    const out = path.join(dir, '..', 'out')
    expect((await run(['--corpus', dir, '--out', out])).code).toBe(0)
    // The reports put inside the corpus, as `--out corpus/reports` would, and a story folder's copy on its own.
    await cp(out, path.join(dir, 'reports'), { recursive: true })
    await cp(path.join(out, 'pier'), path.join(dir, 'market', 'old-pier-reports'), { recursive: true })
    const again = path.join(dir, '..', 'again')
    const { code, messages } = await run(['--corpus', dir, '--out', again])
    expect({ code, messages, rows: (await indexRows(again)).map((r) => r.split(',').slice(0, 3).join(',')) }).toEqual({
      code: 0,
      messages: [
        `${path.join('market', 'old-pier-reports')}: warning: Unexpected corroborate output folder (it holds \`.corroborate.json\`); not read as articles [read/output-folder]`,
        'reports: warning: Unexpected corroborate output folder (it holds `run.json`); not read as articles [read/output-folder]',
      ],
      rows: ['market,ok,2', 'pier,ok,2'],
    })
  })
})

describe('the config file', () => {
  async function config(content: string | Buffer): Promise<string> {
    const file = path.join(await temp(), 'config.json')
    await writeFile(file, content)
    return file
  }

  it('reports 100,000 nested arrays by position instead of crashing', async () => {
    const file = await config(`{"stories": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`)
    expect(await run(['--config', file])).toMatchObject({ code: 2, stderr: `corroborate: Expected JSON in the config \`${file}\`, got arrays or objects nested deeper than 64 levels at line 1, column 76\n` })
  })

  it('refuses a config of more than 1 MB without reading it whole', async () => {
    const file = await config(`{"stories": []${' '.repeat(2 * 1024 * 1024)}}`)
    expect(await run(['--config', file])).toMatchObject({ code: 2, stderr: `corroborate: Expected the config \`${file}\` to be at most 1 MB, got 2 MB\n` })
  })

  it('never echoes a lexicon file that is not JSON, only where it breaks', async () => {
    const dir = await temp()
    await writeFile(path.join(dir, 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n')
    const file = path.join(dir, 'config.json')
    await writeFile(file, JSON.stringify({ lexicons: { hedges: 'passwd' } }))
    const { code, stderr } = await run(['--config', file])
    expect({ code, stderr, echoed: stderr.includes('root:') }).toEqual({
      code: 2,
      stderr: `corroborate: ${file}: Expected JSON in the lexicon \`lexicons.hedges\` \`${path.join(dir, 'passwd')}\`, got an unexpected character where a value belongs at line 1, column 1\n`,
      echoed: false,
    })
  })

  it('quotes a string as a string: "100" is not 100', async () => {
    const file = await config(JSON.stringify({ maxBytes: '100' }))
    expect(await run(['--config', file])).toMatchObject({ code: 2, stderr: `corroborate: ${file}: Expected \`maxBytes\` to be a positive integer, got \`"100"\`\n` })
  })

  it('finds the first JSON syntax error by position, and accepts what JSON.parse accepts', () => {
    const valid = ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\"\\u00e9"]} ', '"s"', '0']
    const invalid: [string, number][] = [
      ['{"a": 1,}', 8],
      ['[1 2]', 3],
      ['{"a" 1}', 5],
      ['"open', 0],
      ['[01]', 2],
      ['{} x', 3],
      ['', 0],
    ]
    expect({ valid: valid.map((t) => checkJson(t, 64)), invalid: invalid.map(([t]) => checkJson(t, 64)?.offset) }).toEqual({ valid: valid.map(() => null), invalid: invalid.map(([, at]) => at) })
  })
})

describe('a large JSON Lines corpus is indexed, then read story by story', () => {
  const line = (story: string, id: string, text: string, extra: object = {}) => JSON.stringify({ story, id, text, ...extra })

  it('keeps each story\'s byte ranges and reads only that story\'s lines when asked', async () => {
    const lines = [
      line('market', 'tribune', STORY_A.join('\n\n')),
      line('pier', 'tribune', STORY_A.join('\n\n')),
      '{"story": "pier", "id": "cut',
      line('market', 'herald', STORY_B.join('\n\n'), { outlet: 'Herald' }),
      line('pier', 'herald', STORY_B.join('\n\n')),
    ]
    const file = path.join(await temp(), 'stories.jsonl')
    await writeFile(file, `${lines.join('\n')}\n`)
    const log = new MessageLog()
    const corpus = await readCorpus(file, log)
    try {
      const market = await corpus.load('market')
      const storyLog = new MessageLog('market')
      expect({
        stories: [...corpus.stories].map(([id, s]) => [id, s.bytes]),
        indexMessages: log.messages.map(String),
        market: market.map((s) => [s.kind, s.line, Buffer.from(s.bytes).toString('utf8')]),
        articles: ingest(market, storyLog).map((a) => [a.id, a.outlet, a.source]),
        storyMessages: storyLog.messages.map(String),
        inputs: corpus.inputs,
      }).toEqual({
        stories: [
          ['market', Buffer.byteLength(lines[0]!) + Buffer.byteLength(lines[3]!) + 2],
          ['pier', Buffer.byteLength(lines[1]!) + Buffer.byteLength(lines[4]!) + 2],
        ],
        indexMessages: [expect.stringMatching(/^stories\.jsonl:3: fatal: Unexpected malformed JSON line \(.+\); skipped \[ingest\/malformed-jsonl\]$/)],
        market: [
          ['jsonl', 1, `${lines[0]}\n`],
          ['jsonl', 4, `${lines[3]}\n`],
        ],
        articles: [
          ['tribune', 'tribune', { file: 'stories.jsonl', line: 1 }],
          ['herald', 'Herald', { file: 'stories.jsonl', line: 4 }],
        ],
        storyMessages: [],
        inputs: [{ file: 'stories.jsonl', story: null, article: null, bytes: Buffer.byteLength(`${lines.join('\n')}\n`) }],
      })
    } finally {
      corpus.close()
    }
  })

  it('analyses such a file with --story, reporting the story\'s own line problems in it', async () => {
    const lines = [
      line('market', 'tribune', STORY_A.join('\n\n'), { outlet: 12 }),
      line('pier', 'tribune', STORY_A.join('\n\n'), { outlet: 13 }),
      line('market', 'herald', STORY_B.join('\n\n')),
      line('pier', 'herald', STORY_B.join('\n\n')),
    ]
    const file = path.join(await temp(), 'stories.jsonl')
    await writeFile(file, `${lines.join('\n')}\n`)
    const out = path.join(file, '..', 'out')
    const { code, messages } = await run(['--corpus', file, '--out', out, '--story', 'pier'])
    expect({ code, messages, rows: await indexRows(out) }).toEqual({
      code: 0,
      messages: ['stories.jsonl:2: warning: Expected field `outlet` to be a string, got `number`; ignored [ingest/mistyped-field]'],
      rows: [expect.stringMatching(/^pier,ok,2,2,.*,0,1,pier$/)],
    })
  })

  it('spells an outlet with a lone surrogate or a NUL one way in every report', async () => {
    const lines = [line('market', 'tribune', STORY_A.join('\n\n'), { outlet: 'Radio\u0000 \ud800Sud' }), line('market', 'herald', STORY_B.join('\n\n'), { outlet: 'Herald' })]
    const file = path.join(await temp(), 'stories.jsonl')
    await writeFile(file, `${lines.join('\n')}\n`)
    const out = path.join(file, '..', 'out')
    await run(['--corpus', file, '--out', out])
    const report = JSON.parse(await readFile(path.join(out, 'market', 'report.json'), 'utf8')) as { articles: { outlet: string }[] }
    const csvs = Object.entries(await tree(path.join(out, 'market'))).filter(([name]) => name.endsWith('.csv'))
    const naming = csvs.filter(([, text]) => text.includes('Radio'))
    expect({
      json: report.articles.map((a) => a.outlet).sort(),
      naming: naming.length >= 4,
      otherwise: naming.filter(([, text]) => !text.includes('Radio \ufffdSud') || /Radio\u0000|\ud800/.test(text)).map(([name]) => name),
    }).toEqual({ json: ['Herald', 'Radio \ufffdSud'], naming: true, otherwise: [] })
  })
})

describe('other files read from user paths', () => {
  unix('a FIFO where a story state file should be', () => {
    it('is never opened to wait: the run ends, the story not taken as unchanged', async () => {
      const dir = await corpus()
      const out = path.join(dir, '..', 'out')
      expect((await run(['--corpus', dir, '--out', out])).code).toBe(0)
      await rm(path.join(out, 'market', '.corroborate.json'))
      execFileSync('mkfifo', [path.join(out, 'market', '.corroborate.json')])
      const { stderr } = await run(['--corpus', dir, '--out', out])
      expect({ ended: stderr.includes('corroborate: 1 story'), unchanged: stderr.includes('unchanged') }).toEqual({ ended: true, unchanged: false })
    })
  })

  it('reads a pairs file exported as UTF-16 ("Unicode text"), saying so', async () => {
    const file = path.join(await temp(), 'pairs.tsv')
    await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`text_a\ttext_b\n${STORY_A[0]}\t${STORY_B[0]}\n`, 'utf16le')]))
    const out: string[] = []
    const err: string[] = []
    const code = await main(['pairs', '--in', file], { stdout: (s) => out.push(s), stderr: (s) => err.push(s) })
    expect({ code, header: out.join('').split('\n')[0], stderr: err.join('') }).toEqual({
      code: 0,
      header: 'text_a\ttext_b\tsimilarity\taligned',
      stderr: 'pairs.tsv: info: Decoded as UTF-16 (byte order mark found) [pairs/utf16]\n',
    })
  })
})
