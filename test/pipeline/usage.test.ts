// Friendly usage through `main()`: unknown flags name the closest one, the corpus message lists every accepted form,
// `--corpus -` reads JSON Lines from stdin, and `--help` lists every report file, input kind and option.
import { readdirSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { main } from '../../pipeline/cli.js'
import { SETTINGS } from '../../pipeline/settings.js'
import { INPUT_KINDS } from '../../stages/ingest/index.js'
import { STORY_FILE_NAMES } from '../../stages/report/index.js'
import { MARKET_STORY } from '../helpers.js'

const HINT = 'Run `corroborate --help` for usage.\n'

async function run(argv: string[], stdin?: NodeJS.ReadableStream): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), stdin })
  return { code, stdout: out.join(''), stderr: err.join('') }
}

const temps: string[] = []
afterAll(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true })
})

describe('an unknown or misused flag', () => {
  it.each([
    [['analyze', '--corpos', 'stories'], 'Unexpected option `--corpos`; did you mean `--corpus`?'],
    [['analyze', '--stroy', 'x'], 'Unexpected option `--stroy`; did you mean `--story`?'],
    [['analyze', '--Excel'], 'Unexpected option `--Excel`; did you mean `--excel`?'],
    [['analyze', '--conc', '2'], 'Unexpected option `--conc`; did you mean `--concurrency`?'],
    [['pairs', '--inn', 'p.tsv'], 'Unexpected option `--inn`; did you mean `--in`?'],
    [['analyze', '--frobnicate'], 'Unexpected option `--frobnicate`'],
    [['analyze', '-x'], 'Unexpected option `-x`'],
    [['pairs', '--corpus', 'x'], 'Unexpected option `--corpus` for `pairs` (it is an option of `analyze` and `enqueue`)'],
    [['analyze', '--excel=yes'], 'Unexpected value `yes` for `--excel`, which takes none'],
    [['analyze', '--corpus'], 'Expected a value after `--corpus` (PATH), got none'],
    [['analyze', '--corpus', '--out', 'reports'], 'Expected a value after `--corpus` (PATH), got the option `--out`'],
    [['analyse'], 'Unexpected command `analyse`; did you mean `analyze`?'],
  ])('%j: %s', async (argv, message) => {
    expect(await run(argv)).toEqual({ code: 2, stdout: '', stderr: `corroborate: ${message}\n${HINT}` })
  })
})

describe('the corpus', () => {
  it('not found: the message lists every accepted form, each input kind by its endings', async () => {
    const { code, stderr } = await run(['analyze', '--corpus', path.join(os.tmpdir(), 'no-such-corpus-here')])
    const endings = INPUT_KINDS.flatMap((k) => k.extensions).filter((e) => !stderr.includes(e))
    expect({ code, endings, forms: stderr.split('\n').filter((line) => line.startsWith('  - ')).length, stdin: stderr.includes('`-`: JSONL on stdin') }).toEqual({ code: 2, endings: [], forms: 4, stdin: true })
  })

  it('`-` reads JSON Lines from stdin, naming its lines `<stdin>:N`, and leaves no copy behind', async () => {
    const text = (margin: number) =>
      `Voters in Harrow approved a new library levy on Saturday by a margin of ${margin} votes.\n\nThe levy will raise about 1.4 million dollars a year for longer opening hours and new books.`
    const lines = [
      JSON.stringify({ story: 'levy', id: 'harrow', outlet: 'Harrow Post', text: text(812) }),
      JSON.stringify({ story: 'levy', id: 'north', outlet: 'North Bulletin', text: text(812) }),
      JSON.stringify({ story: 'levy', id: 'blank', text: '' }),
      '{"story": "levy", "id": "cut',
    ]
    const spools = () => readdirSync(os.tmpdir()).filter((name) => name.startsWith('corroborate-stdin-'))
    const before = spools()
    const root = await mkdtemp(path.join(os.tmpdir(), 'corroborate-usage-'))
    temps.push(root)
    const out = path.join(root, 'out')
    // In chunks that split lines, as a pipe delivers them.
    const bytes = Buffer.from(`${lines.join('\n')}\n`)
    const chunks = [bytes.subarray(0, 50), bytes.subarray(50, 333), bytes.subarray(333)]
    const { code, stderr } = await run(['analyze', '--corpus', '-', '--out', out, '--quiet', '--concurrency', '1'], Readable.from(chunks))
    const runJson = JSON.parse(await readFile(path.join(out, 'run.json'), 'utf8')) as { inputs: { file: string }[] }
    expect({
      code,
      messages: stderr.split('\n').filter((line) => line.startsWith('<stdin>')),
      inputs: runJson.inputs.map((i) => i.file),
      reports: readdirSync(path.join(out, 'levy')).includes('statements.csv'),
      spools: spools().filter((name) => !before.includes(name)),
    }).toEqual({
      code: 1,
      messages: [expect.stringMatching(/^<stdin>:4: fatal: Unexpected malformed JSON line \(.+\); skipped \[ingest\/malformed-jsonl\]$/), '<stdin>:3: warning: Unexpected empty article `blank`; skipped [ingest/empty-article]'],
      inputs: ['<stdin>'],
      reports: true,
      spools: [],
    })
  })

  it('`"corpus": "-"` in a config file is stdin too, not a file beside the config', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'corroborate-usage-'))
    temps.push(root)
    const config = path.join(root, 'config.json')
    await writeFile(config, JSON.stringify({ corpus: '-', out: 'out' }))
    const text = 'The council approved the harbour plan on Monday after a long debate about the cost of the new pier.'
    const stdin = Readable.from([`${JSON.stringify({ story: 'pier', id: 'a', text })}\n${JSON.stringify({ story: 'pier', id: 'b', text })}\n`])
    const { code } = await run(['analyze', '--config', config, '--quiet', '--concurrency', '1'], stdin)
    const runJson = JSON.parse(await readFile(path.join(root, 'out', 'run.json'), 'utf8')) as { options: { corpus: string }; inputs: { file: string }[] }
    expect({ code, corpus: runJson.options.corpus, inputs: runJson.inputs.map((i) => i.file) }).toEqual({ code: 0, corpus: '-', inputs: ['<stdin>'] })
  })

  it('`-` with a terminal on stdin is refused: nothing was piped in', async () => {
    const terminal = Object.assign(Readable.from([]), { isTTY: true })
    expect(await run(['analyze', '--corpus', '-'], terminal)).toEqual({
      code: 2,
      stdout: '',
      stderr: `corroborate: Expected JSON Lines on stdin with \`--corpus -\`, got a terminal; pipe them in: \`corroborate analyze --corpus - < articles.jsonl\`\n${HINT}`,
    })
  })
})

describe('--help', () => {
  it('lists every report file, every input kind by its endings, and every flag of every command', async () => {
    const { stdout } = await run(['--help'])
    expect({
      files: STORY_FILE_NAMES.filter((name) => !stdout.includes(name)),
      endings: INPUT_KINDS.flatMap((k) => k.extensions).filter((e) => !stdout.includes(e)),
      flags: Object.values(SETTINGS)
        .flat()
        .filter((s) => s.flag !== null && !stdout.includes(`--${s.flag} `))
        .map((s) => s.flag),
      failOn: stdout.includes('--fail-on WHEN'),
    }).toEqual({ files: [], endings: [], flags: [], failOn: true })
  })

  it('lists every file a real run writes (with --xlsx), per story and run-level, each optional one with its condition', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'corroborate-help-files-'))
    temps.push(root)
    await mkdir(path.join(root, 'corpus', 'market'), { recursive: true })
    await writeFile(path.join(root, 'corpus', 'market', 'tribune.txt'), MARKET_STORY.tribune.join('\n\n'))
    await writeFile(path.join(root, 'corpus', 'market', 'herald.txt'), MARKET_STORY.herald.join('\n\n'))
    const out = path.join(root, 'out')
    expect((await run(['analyze', '--corpus', path.join(root, 'corpus'), '--out', out, '--xlsx', '--quiet'])).code).toBe(0)
    // Hidden names (the state file, the lock, temporary names) are the tool's bookkeeping, not reports.
    const written = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort()
    const { stdout } = await run(['--help'])
    const listed = (heading: string): Record<string, string | null> => {
      const line = stdout.split('\n').find((l) => l.startsWith(heading))
      const items = line === undefined ? [] : line.slice(heading.length).replace(/\.$/, '').split(', ')
      return Object.fromEntries(items.map((item) => /^(\S+)(?: \((.+)\))?$/.exec(item)!).map((m) => [m[1]!, m[2] ?? null]))
    }
    const story = listed('Reports, per story in OUT/<story>/: ')
    const run_ = listed('Run-level, in OUT/: ')
    expect({
      story: Object.keys(story).sort(),
      run: Object.keys(run_).sort(),
      conditions: [story['report.html'], story['report.xlsx'], run_['index.html'], run_['report.xlsx'], run_['run.json']],
    }).toEqual({
      story: written(path.join(out, 'market')),
      run: written(out),
      conditions: ['unless --no-html', 'with --xlsx', 'unless --no-html', 'with --xlsx', null],
    })
  })
})
