// The CLI through `main(argv, io)`: exit codes, the files written, and what goes to stdout and stderr.
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { main } from '../../pipeline/cli.js'
import { CORPUS_FORMS } from '../../pipeline/corpus.js'
import { LEXICON_NAMES } from '../../stages/framing/index.js'
import { COLUMNS, INDEX_COLUMNS } from '../../stages/report/index.js'
import { REPORT_FILES, RUN_LEVEL_FILES, STORY_FILES, tree } from '../helpers.js'

// Two invented stories, each told by invented outlets.
const QUARRY_FIRE = {
  'quarry-fire/story.json': JSON.stringify({
    articles: {
      'dunmore-echo': { outlet: 'Dunmore Echo', title: 'Fire at Pellow quarry', url: 'https://echo.example.com/quarry-fire', published: '2031-05-12' },
      'valley-wire': { outlet: 'Valley Wire', title: 'Quarry blaze forces evacuation', published: '2031-05-12' },
      'county-voice': { outlet: 'County Voice' },
    },
  }),
  'quarry-fire/dunmore-echo.txt': `Fire at Pellow quarry

A fire broke out in a storage shed at the Pellow quarry on Tuesday morning, and forty workers were evacuated.

Fire chief Amara Keel said three crews fought the blaze for nearly four hours.

"Nobody was hurt, and that is what matters most today," Keel said.

The quarry will stay closed until inspectors have checked the explosives store.
`,
  'quarry-fire/valley-wire.txt': `Forty workers were evacuated on Tuesday morning after a fire broke out in a storage shed at the Pellow quarry.

"Nobody was hurt, and that is what matters most today," Keel said.

Three fire crews needed almost four hours to put out the blaze, fire chief Amara Keel said.

Neighbours reported a column of black smoke visible from the motorway.
`,
  'quarry-fire/county-voice.txt': `A fire broke out in a storage shed at the Pellow quarry on Tuesday morning, and forty workers were evacuated.

The owners of the quarry said the cause of the fire was not yet known.

The quarry will stay closed until inspectors have checked the explosives store.
`,
}

const LIBRARY_LEVY = {
  'library-levy/harrow-post.txt': `Voters in Harrow approved a new library levy on Saturday by a margin of 812 votes.

The levy will raise about 1.4 million dollars a year for longer opening hours and new books.

Librarian Tomas Rilke said the branch on Mill Lane would open on Sundays from next spring.
`,
  'library-levy/north-bulletin.txt': `Harrow voters approved a new library levy on Saturday by a margin of 812 votes.

The money, about 1.4 million dollars a year, will pay for longer opening hours and new books.

Opponents had argued that the town could not afford another tax this year.
`,
}

/** Write `files` (paths relative to the corpus) into a fresh temp folder `name`; returns the corpus path. */
async function makeCorpus(files: Record<string, string | Uint8Array>, name = 'corpus'): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'corroborate-cli-'))
  temps.push(root)
  const corpus = path.join(root, name)
  await mkdir(corpus)
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(corpus, name)), { recursive: true })
    await writeFile(path.join(corpus, name), content)
  }
  return corpus
}

/** A fresh output folder path (not created). */
async function outDir(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'corroborate-out-'))
  temps.push(root)
  return path.join(root, 'out')
}

/** Run the CLI, capturing what it prints. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) })
  return { code, stdout: out.join(''), stderr: err.join('') }
}


const temps: string[] = []
afterAll(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true })
})


const VERSION = (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version
const HINT = 'Run `corroborate --help` for usage.\n'

/** index.csv as records keyed by its header. */
async function index(out: string): Promise<Record<string, string>[]> {
  return parse(await readFile(path.join(out, 'index.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[]
}

/** The files a run should write: index.csv, run.json and the report files of each story folder, sorted. */
function expectedFiles(folders: string[]): string[] {
  return [...RUN_LEVEL_FILES, ...folders.flatMap((f) => STORY_FILES.map((name) => `${f}/${name}`))].sort()
}

describe('main: usage', () => {
  it('prints the help on stdout and exits 0 for `--help` and `-h`', async () => {
    const results = await Promise.all([run(['--help']), run(['-h'])])
    expect(results.map((r) => ({ code: r.code, firstLine: r.stdout.split('\n')[0], stderr: r.stderr }))).toEqual([
      { code: 0, firstLine: 'Usage: corroborate <command> [options]', stderr: '' },
      { code: 0, firstLine: 'Usage: corroborate <command> [options]', stderr: '' },
    ])
  })

  it('documents every option of analyze in the help', async () => {
    const { stdout } = await run(['--help'])
    const missing = ['--corpus', '--out', '--story', '--max-bytes', '--excel', '--strict', '--quiet', '--verbose', '--help', '--version'].filter((o) => !stdout.includes(`${o} `))
    expect(missing).toEqual([])
  })

  it('lists every file a story folder holds in the help', async () => {
    const { stdout } = await run(['--help'])
    expect(REPORT_FILES.filter((f) => !stdout.replace(/\n/g, '').includes(f))).toEqual([])
  })

  it('prints the package version on stdout and exits 0 for `--version` and `-v`', async () => {
    expect(await Promise.all([run(['--version']), run(['-v'])])).toEqual([
      { code: 0, stdout: `${VERSION}\n`, stderr: '' },
      { code: 0, stdout: `${VERSION}\n`, stderr: '' },
    ])
  })

  it('exits 2 on an unknown option, naming it on stderr', async () => {
    const { code, stdout, stderr } = await run(['analyze', '--frobnicate'])
    expect({ code, stdout, named: stderr.startsWith('corroborate: Unexpected option `--frobnicate`'), hint: stderr.endsWith(HINT) }).toEqual({ code: 2, stdout: '', named: true, hint: true })
  })

  it('exits 2 on an unknown command', async () => {
    expect(await run(['summarise'])).toEqual({ code: 2, stdout: '', stderr: `corroborate: Unexpected command \`summarise\`; expected \`analyze\`, \`pairs\` or \`calibrate\`\n${HINT}` })
  })

  it('exits 2 when no command is given, with the help on stderr', async () => {
    const { code, stdout, stderr } = await run([])
    const help = (await run(['--help'])).stdout
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: `corroborate: Expected a command, got none\n\n${help}` })
  })

  it('exits 2 on an extra argument', async () => {
    expect(await run(['analyze', 'corpus'])).toEqual({ code: 2, stdout: '', stderr: `corroborate: Unexpected argument \`corpus\`\n${HINT}` })
  })

  it('exits 2 when `--max-bytes` is not a positive integer', async () => {
    const results = await Promise.all(['abc', '0', '1.5', '-5'].map((v) => run(['analyze', `--max-bytes=${v}`])))
    expect(results).toEqual(
      ['abc', '0', '1.5', '-5'].map((v) => ({ code: 2, stdout: '', stderr: `corroborate: Expected \`--max-bytes\` to be a positive integer, got \`${v}\`\n${HINT}` })),
    )
  })

  it('exits 2 when the corpus does not exist, writing nothing', async () => {
    const out = await outDir()
    const corpus = path.join(os.tmpdir(), 'corroborate-no-such-corpus')
    const result = await run(['analyze', '--corpus', corpus, '--out', out])
    expect({ ...result, written: existsSync(out) }).toEqual({
      code: 2,
      stdout: '',
      stderr: `corroborate: Cannot find corpus \`${corpus}\`; \`--corpus\` takes one of:\n${CORPUS_FORMS.map((f) => `  - ${f}\n`).join('')}${HINT}`,
      written: false,
    })
  })
})

describe('main: analyze', () => {
  it('exits 0 on two good stories and prints nothing on stdout', async () => {
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY })
    const { code, stdout } = await run(['analyze', '--corpus', corpus, '--out', await outDir()])
    expect({ code, stdout }).toEqual({ code: 0, stdout: '' })
  })

  it('writes index.csv, run.json and the report files of each story', async () => {
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY })
    const out = await outDir()
    await run(['analyze', '--corpus', corpus, '--out', out])
    expect(Object.keys(await tree(out)).sort()).toEqual(expectedFiles(['library-levy', 'quarry-fire']))
  })

  it('writes the CSV columns of the contract', async () => {
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY })
    const out = await outDir()
    await run(['analyze', '--corpus', corpus, '--out', out])
    const files = await tree(out)
    const headers = Object.fromEntries(['index.csv', ...Object.keys(COLUMNS).map((f) => `quarry-fire/${f}`)].map((f) => [f, (parse(files[f]!, { bom: true }) as string[][])[0]]))
    expect(headers).toEqual({ 'index.csv': [...INDEX_COLUMNS], ...Object.fromEntries(Object.entries(COLUMNS).map(([f, columns]) => [`quarry-fire/${f}`, [...columns]])) })
  })

  it('lists each story in index.csv with its counts and status', async () => {
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY })
    const out = await outDir()
    await run(['analyze', '--corpus', corpus, '--out', out])
    expect((await index(out)).map((r) => [r.story_id, r.status, r.articles, r.outlets, r.fatal, r.warnings, r.folder])).toEqual([
      ['library-levy', 'ok', '2', '2', '0', '0', 'library-levy'],
      ['quarry-fire', 'ok', '3', '3', '0', '0', 'quarry-fire'],
    ])
  })

  it('prints progress and the summary on stderr', async () => {
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY })
    const out = await outDir()
    // One thread: stories finish in story order (on several, in the order they finish, largest started first).
    const { stderr } = await run(['analyze', '--concurrency', '1', '--corpus', corpus, '--out', out])
    const [levy, fire] = await index(out)
    const total = Number(levy!.statements) + Number(fire!.statements)
    expect(stderr).toEqual(
      `[1/2] library-levy: ok, 2 articles, ${levy!.statements} statements\n` +
        `[2/2] quarry-fire: ok, 3 articles, ${fire!.statements} statements\n` +
        `corroborate: 2 stories (2 ok), 5 articles, ${total} statements, 0 fatal, 0 warnings; reports in ${out}/\n`,
    )
  })

  it('prints only the summary with `--quiet`', async () => {
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY })
    const out = await outDir()
    const { stderr } = await run(['analyze', '--quiet', '--corpus', corpus, '--out', out])
    const total = (await index(out)).reduce((sum, r) => sum + Number(r.statements), 0)
    expect(stderr).toEqual(`corroborate: 2 stories (2 ok), 5 articles, ${total} statements, 0 fatal, 0 warnings; reports in ${out}/\n`)
  })

  it('finds statements that several outlets carry', async () => {
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY })
    const out = await outDir()
    await run(['analyze', '--corpus', corpus, '--out', out])
    const report = JSON.parse(await readFile(path.join(out, 'quarry-fire', 'report.json'), 'utf8')) as { statements: { text: string; support: number }[] }
    const quote = report.statements.find((s) => s.text === '"Nobody was hurt, and that is what matters most today," Keel said.')
    expect(quote?.support).toEqual(2)
  })

  it('gives byte-identical reports and index.csv on a rerun', async () => {
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY })
    const out = await outDir()
    await run(['analyze', '--corpus', corpus, '--out', out])
    const { 'run.json': _first, ...first } = await tree(out)
    await run(['analyze', '--corpus', corpus, '--out', out])
    const { 'run.json': _second, ...second } = await tree(out)
    expect(second).toEqual(first)
  })

  it('records the same run.json on a rerun apart from the timings', async () => {
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY })
    const out = await outDir()
    const runJson = async () => {
      await run(['analyze', '--force', '--corpus', corpus, '--out', out])
      const { timingsMs, ...rest } = JSON.parse(await readFile(path.join(out, 'run.json'), 'utf8')) as Record<string, unknown>
      return { stages: Object.keys(timingsMs as object), rest }
    }
    const first = await runJson()
    expect(await runJson()).toEqual(first)
  })

  it('records the tool, options, inputs and counts in run.json', async () => {
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY })
    const out = await outDir()
    await run(['analyze', '--corpus', corpus, '--out', out])
    const runJson = JSON.parse(await readFile(path.join(out, 'run.json'), 'utf8')) as Record<string, unknown>
    const inputs = (runJson.inputs as { file: string }[]).map((i) => i.file)
    expect({ tool: runJson.tool, options: runJson.options, inputs, counts: runJson.counts, stages: Object.keys(runJson.timingsMs as object) }).toEqual({
      tool: { name: 'corroborate', version: VERSION },
      // Every setting of the table, resolved (run.json records them whole).
      options: {
        config: null,
        corpus,
        out,
        stories: [],
        model: 'default',
        maxBytes: 5 * 1024 * 1024,
        digestWords: 250,
        concurrency: os.availableParallelism(),
        excel: false,
        noHtml: false,
        force: false,
        prune: false,
        outlets: {},
        xlsx: false,
        followOutsideLinks: false,
        failOn: 'fatal',
        strict: false,
        quiet: false,
        verbose: false,
        logFormat: 'text',
        lexicons: Object.fromEntries(LEXICON_NAMES.map((name) => [name, 'default'])),
        vectors: 'glove-wink-sg-100d-top150k',
      },
      inputs: ['library-levy/harrow-post.txt', 'library-levy/north-bulletin.txt', 'quarry-fire/county-voice.txt', 'quarry-fire/dunmore-echo.txt', 'quarry-fire/valley-wire.txt'],
      counts: { stories: 2, storiesOk: 2, storiesUnchanged: 0, storiesNotInCorpus: 0, articles: 5, statements: (runJson.counts as { statements: number }).statements, fatal: 0, warnings: 0, info: (runJson.counts as { info: number }).info },
      stages: ['total', 'read', 'ingest', 'clean', 'segment', 'align', 'score', 'report', 'html', 'write'],
    })
  })
})

describe('main: bad input', () => {
  const BAD = {
    ...QUARRY_FIRE,
    ...LIBRARY_LEVY,
    'library-levy/empty.txt': '',
    'library-levy/scan.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    'lone-report/town-crier.txt': 'Only one outlet wrote about the harvest parade on Sunday afternoon.\n',
  }

  it('exits 1 and names each bad file and the short story on stderr', async () => {
    const out = await outDir()
    const { code, stdout, stderr } = await run(['analyze', '--quiet', '--corpus', await makeCorpus(BAD), '--out', out])
    expect({ code, stdout, messages: stderr.split('\n').filter((line) => line !== '' && !line.startsWith('corroborate: ')) }).toEqual({
      code: 1,
      stdout: '',
      messages: [
        'library-levy/empty.txt: warning: Unexpected empty article; skipped [ingest/empty-article]',
        'library-levy/scan.txt: fatal: Unexpected binary file (NUL bytes); skipped [ingest/binary-file]',
        'lone-report: fatal: Expected at least 2 usable articles in the story, got 1; no report written [analyze/too-few-articles]',
      ],
    })
  })

  it('still writes the complete reports of the stories that have enough good articles', async () => {
    const out = await outDir()
    await run(['analyze', '--corpus', await makeCorpus(BAD), '--out', out])
    const report = JSON.parse(await readFile(path.join(out, 'library-levy', 'report.json'), 'utf8')) as { articles: { id: string }[]; messages: { severity: string; text: string }[] }
    const messages = report.messages.filter((m) => m.severity !== 'info').map((m) => m.text)
    expect({ files: Object.keys(await tree(out)).sort(), articles: report.articles.map((a) => a.id), messages }).toEqual({
      files: expectedFiles(['library-levy', 'quarry-fire']),
      articles: ['harrow-post', 'north-bulletin'],
      messages: [
        'library-levy/empty.txt: warning: Unexpected empty article; skipped [ingest/empty-article]',
        'library-levy/scan.txt: fatal: Unexpected binary file (NUL bytes); skipped [ingest/binary-file]',
      ],
    })
  })

  it('marks the story with one article `too-few-articles` in index.csv', async () => {
    const out = await outDir()
    await run(['analyze', '--corpus', await makeCorpus(BAD), '--out', out])
    expect((await index(out)).map((r) => [r.story_id, r.status, r.articles, r.fatal])).toEqual([
      ['library-levy', 'ok', '2', '1'],
      ['lone-report', 'too-few-articles', '1', '1'],
      ['quarry-fire', 'ok', '3', '0'],
    ])
  })

  it('skips an article over `--max-bytes`, naming the file', async () => {
    // 20 × 48 bytes and a line feed: 961 bytes, over the limit; the other articles are under 400 bytes.
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY, 'library-levy/long-read.txt': `${'The levy debate ran for hours in the town hall. '.repeat(20)}\n` })
    const { code, stderr } = await run(['analyze', '--quiet', '--max-bytes', '900', '--corpus', corpus, '--out', await outDir()])
    expect({ code, messages: stderr.split('\n').filter((line) => line !== '' && !line.startsWith('corroborate: ')) }).toEqual({
      code: 1,
      messages: ['library-levy/long-read.txt: fatal: Expected an article of at most 900 bytes, got 961 bytes; skipped [ingest/oversized-article]'],
    })
  })

  it('keeps the previous reports of a story that now fails', async () => {
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY })
    const out = await outDir()
    await run(['analyze', '--corpus', corpus, '--out', out])
    const before = await tree(path.join(out, 'library-levy'))
    // An emptied article leaves the story short of articles: a warning (exit 0), and no new report.
    await writeFile(path.join(corpus, 'library-levy', 'north-bulletin.txt'), '')
    const { code } = await run(['analyze', '--corpus', corpus, '--out', out])
    const status = (await index(out)).map((r) => [r.story_id, r.status])
    expect({ code, status, after: await tree(path.join(out, 'library-levy')) }).toEqual({
      code: 0,
      status: [
        ['library-levy', 'too-few-articles'],
        ['quarry-fire', 'ok'],
      ],
      after: before,
    })
  })

  it('exits 2 with a clear message when `--out` is a file', async () => {
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY })
    const out = await outDir()
    await writeFile(out, 'a file where the output folder should be\n')
    const { code, stdout, stderr } = await run(['analyze', '--quiet', '--corpus', corpus, '--out', out])
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: `corroborate: Expected \`--out\` to be a folder, got the file \`${out}\`\n` })
  })

  it('exits 2 with a clear message, no stack, when the output folder cannot be made', async () => {
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY })
    const file = await outDir()
    await writeFile(file, 'a file where a folder should be\n')
    const { code, stdout, stderr } = await run(['analyze', '--quiet', '--corpus', corpus, '--out', path.join(file, 'reports')])
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: `corroborate: Cannot create the output folder \`${path.join(file, 'reports')}\`: ENOTDIR (not a directory)\n` })
  })
})

describe('main: options', () => {
  it('analyses only the story given with `--story`', async () => {
    const out = await outDir()
    const { code } = await run(['analyze', '--story', 'quarry-fire', '--corpus', await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY }), '--out', out])
    expect({ code, files: Object.keys(await tree(out)).sort(), stories: (await index(out)).map((r) => r.story_id) }).toEqual({
      code: 0,
      files: expectedFiles(['quarry-fire']),
      stories: ['quarry-fire'],
    })
  })

  it('exits 1 with a message for a `--story` the corpus does not have', async () => {
    const out = await outDir()
    const { code, stderr } = await run(['analyze', '--quiet', '--story', 'tide-mill', '--corpus', await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY }), '--out', out])
    expect({ code, messages: stderr.split('\n').filter((line) => line !== '' && !line.startsWith('corroborate: ')), files: Object.keys(await tree(out)).sort() }).toEqual({
      code: 1,
      messages: ['<corpus>: fatal: Expected story `tide-mill` in the corpus, got none (it has 2) [analyze/unknown-story]'],
      files: RUN_LEVEL_FILES,
    })
  })

  it('leaves out the read problems of stories `--story` did not pick', async () => {
    // An empty story folder (fatal) and malformed metadata (a warning) in stories that are not analysed.
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY, 'library-levy/story.json': '{"articles": ', 'drafts/notes.html': '<p>draft</p>\n' })
    const out = await outDir()
    const { code, stderr } = await run(['analyze', '--strict', '--quiet', '--story', 'quarry-fire', '--corpus', corpus, '--out', out])
    expect({ code, messages: stderr.split('\n').filter((line) => line !== '' && !line.startsWith('corroborate: ')) }).toEqual({ code: 0, messages: [] })
  })

  it('still reports the read problems of the story `--story` picked', async () => {
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY, 'library-levy/story.json': '{"articles": ', 'drafts/notes.html': '<p>draft</p>\n' })
    const { code, stderr } = await run(['analyze', '--quiet', '--story', 'library-levy', '--corpus', corpus, '--out', await outDir()])
    // The place of the error, never the text around it (a story.json could be anything).
    expect({ code, messages: stderr.split('\n').filter((line) => line !== '' && !line.startsWith('corroborate: ')) }).toEqual({
      code: 0,
      messages: ['library-levy/story.json:1: warning: Unexpected malformed JSON (the end of the text where a value belongs, column 14); outlets default to article ids [read/malformed-story-json]'],
    })
  })

  it('keeps each story in the folder a full run gives it when `--story` picks one', async () => {
    // "tide mill" is made safe as `tide_mill`, the id of the other story: it gets a hash suffix, in every run.
    const stories = { 'tide mill/a.txt': LIBRARY_LEVY['library-levy/harrow-post.txt'], 'tide mill/b.txt': LIBRARY_LEVY['library-levy/north-bulletin.txt'] }
    const corpus = await makeCorpus({ ...stories, 'tide_mill/c.txt': QUARRY_FIRE['quarry-fire/dunmore-echo.txt'], 'tide_mill/d.txt': QUARRY_FIRE['quarry-fire/valley-wire.txt'] })
    const out = await outDir()
    await run(['analyze', '--corpus', corpus, '--out', out])
    const full = await tree(out)
    await run(['analyze', '--story', 'tide_mill', '--corpus', corpus, '--out', out])
    // The run-level files describe the run (one story here), the story folders stay as the full run left them.
    const storyFiles = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([name]) => name.includes('/')))
    const folders = storyFiles(await tree(out))
    const fullFolders = storyFiles(full)
    expect(folders).toEqual(fullFolders)
  })

  it('exits 0 on warnings without `--strict`', async () => {
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY, 'notes.txt': 'A note beside the story folders.\n' })
    const { code, stderr } = await run(['analyze', '--quiet', '--corpus', corpus, '--out', await outDir()])
    expect({ code, messages: stderr.split('\n').filter((line) => line !== '' && !line.startsWith('corroborate: ')) }).toEqual({
      code: 0,
      messages: ['notes.txt: warning: Unexpected article file beside story folders; ignored (put it in a story folder) [read/stray-file]'],
    })
  })

  it('exits 1 on warnings with `--strict`', async () => {
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY, 'notes.txt': 'A note beside the story folders.\n' })
    const out = await outDir()
    const { code } = await run(['analyze', '--strict', '--quiet', '--corpus', corpus, '--out', out])
    expect({ code, files: Object.keys(await tree(out)).sort() }).toEqual({ code: 1, files: expectedFiles(['library-levy', 'quarry-fire']) })
  })

  it('exits 0 with `--strict` when there are no warnings', async () => {
    const corpus = await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY })
    expect((await run(['analyze', '--strict', '--quiet', '--corpus', corpus, '--out', await outDir()])).code).toEqual(0)
  })

  it('reads an article file per story from a flat folder as one story named after the folder', async () => {
    const corpus = await makeCorpus(
      { 'harrow-post.txt': LIBRARY_LEVY['library-levy/harrow-post.txt'], 'north-bulletin.txt': LIBRARY_LEVY['library-levy/north-bulletin.txt'] },
      'harrow-levy-vote',
    )
    const out = await outDir()
    const { code } = await run(['analyze', '--corpus', corpus, '--out', out])
    const report = JSON.parse(await readFile(path.join(out, 'harrow-levy-vote', 'report.json'), 'utf8')) as { story: { id: string }; articles: { id: string }[] }
    expect({ code, files: Object.keys(await tree(out)).sort(), story: report.story.id, articles: report.articles.map((a) => a.id) }).toEqual({
      code: 0,
      files: expectedFiles(['harrow-levy-vote']),
      story: 'harrow-levy-vote',
      articles: ['harrow-post', 'north-bulletin'],
    })
  })

  it('writes every CSV with a byte order mark and CRLF line ends with `--excel`, and report.json without', async () => {
    const out = await outDir()
    await run(['analyze', '--excel', '--corpus', await makeCorpus({ ...QUARRY_FIRE, ...LIBRARY_LEVY }), '--out', out])
    const files = Object.entries(await tree(out))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, text]) => ({ name, bom: text.startsWith('\ufeff'), bareLineFeed: /(^|[^\r])\n/.test(text) }))
    expect(files).toEqual(
      expectedFiles(['library-levy', 'quarry-fire']).map((name) => ({ name, bom: name.endsWith('.csv'), bareLineFeed: !name.endsWith('.csv') })),
    )
  })
})

describe('main: JSONL', () => {
  const line = (story: string, id: string, outlet: string, file: string) => JSON.stringify({ story, id, outlet, text: (QUARRY_FIRE as Record<string, string>)[file] ?? (LIBRARY_LEVY as Record<string, string>)[file] })
  const MALFORMED = '{"story": "quarry-fire", "id": "broken", "text": "cut off'
  const JSONL = [
    line('quarry-fire', 'dunmore-echo', 'Dunmore Echo', 'quarry-fire/dunmore-echo.txt'),
    line('library-levy', 'harrow-post', 'Harrow Post', 'library-levy/harrow-post.txt'),
    MALFORMED,
    line('quarry-fire', 'valley-wire', 'Valley Wire', 'quarry-fire/valley-wire.txt'),
    line('library-levy', 'north-bulletin', 'North Bulletin', 'library-levy/north-bulletin.txt'),
  ].join('\n')

  it('exits 1 and names the malformed line by its number', async () => {
    const corpus = await makeCorpus({ 'news.jsonl': `${JSONL}\n` })
    let reason = ''
    try {
      JSON.parse(MALFORMED)
    } catch (error) {
      reason = (error as Error).message
    }
    const { code, stderr } = await run(['analyze', '--quiet', '--corpus', path.join(corpus, 'news.jsonl'), '--out', await outDir()])
    expect({ code, messages: stderr.split('\n').filter((l) => l !== '' && !l.startsWith('corroborate: ')) }).toEqual({
      code: 1,
      messages: [`news.jsonl:3: fatal: Unexpected malformed JSON line (${reason}); skipped [ingest/malformed-jsonl]`],
    })
  })

  it('analyses the other stories of the file', async () => {
    const corpus = await makeCorpus({ 'news.jsonl': `${JSONL}\n` })
    const out = await outDir()
    await run(['analyze', '--corpus', path.join(corpus, 'news.jsonl'), '--out', out])
    const report = JSON.parse(await readFile(path.join(out, 'quarry-fire', 'report.json'), 'utf8')) as { articles: { id: string; outlet: string }[] }
    expect({
      files: Object.keys(await tree(out)).sort(),
      index: (await index(out)).map((r) => [r.story_id, r.status, r.articles]),
      articles: report.articles.map((a) => [a.id, a.outlet]),
    }).toEqual({
      files: expectedFiles(['library-levy', 'quarry-fire']),
      index: [
        ['library-levy', 'ok', '2'],
        ['quarry-fire', 'ok', '2'],
      ],
      articles: [
        ['dunmore-echo', 'Dunmore Echo'],
        ['valley-wire', 'Valley Wire'],
      ],
    })
  })
})
