// Exit codes for cron: an article with no text is skipped with a warning (the story goes on), a story of empty
// articles only has the status `no-text`, and `--fail-on fatal|warning|never` chooses which messages exit 1.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { main } from '../../pipeline/cli.js'

const HARROW = `Voters in Harrow approved a new library levy on Saturday by a margin of 812 votes.

The levy will raise about 1.4 million dollars a year for longer opening hours and new books.

Librarian Tomas Rilke said the branch on Mill Lane would open on Sundays from next spring.
`
const NORTH = `Harrow voters approved a new library levy on Saturday by a margin of 812 votes.

The money, about 1.4 million dollars a year, will pay for longer opening hours and new books.

Opponents had argued that the town could not afford another tax this year.
`

const temps: string[] = []
afterAll(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true })
})

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  temps.push(dir)
  return dir
}

/** Write `files` (paths relative to the corpus) into a fresh folder; returns the corpus path. */
async function makeCorpus(files: Record<string, string | Uint8Array>): Promise<string> {
  const corpus = path.join(await tempDir('corroborate-exit-'), 'corpus')
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(corpus, name)), { recursive: true })
    await writeFile(path.join(corpus, name), content)
  }
  return corpus
}

async function run(argv: string[]): Promise<{ code: number; messages: string[]; out: string; stderr: string }> {
  const out = path.join(await tempDir('corroborate-exit-out-'), 'out')
  const err: string[] = []
  const code = await main([...argv, '--quiet', '--concurrency', '1', '--out', out], { stdout: () => {}, stderr: (s) => err.push(s) })
  const messages = err.join('').split('\n').filter((line) => line !== '' && !line.startsWith('corroborate: ') && !line.startsWith('Run `'))
  return { code, messages, out, stderr: err.join('') }
}

async function statuses(out: string): Promise<string[][]> {
  const rows = parse(await readFile(path.join(out, 'index.csv'), 'utf8'), { columns: true }) as Record<string, string>[]
  return rows.map((r) => [r.story_id!, r.status!, r.articles!, r.fatal!, r.warnings!])
}

describe('an article with no text', () => {
  it('is skipped with a warning in every form (empty, white space, a page without text, boilerplate, no sentence), and the story goes on', async () => {
    const corpus = await makeCorpus({
      'levy/harrow-post.txt': HARROW,
      'levy/north-bulletin.txt': NORTH,
      'levy/empty.txt': '',
      'levy/blank.txt': ' \n\n\t\n',
      'levy/page.html': '<html><head><title>Levy</title></head><body><nav> </nav></body></html>',
      'levy/shell.txt': 'ADVERTISEMENT\n\nShare this article\n\n© 2024 Valley Courier',
      'levy/brief.txt': 'Ok. Yes.\n\nNo!',
    })
    const { code, messages, out } = await run(['analyze', '--corpus', corpus])
    expect({ code, messages, index: await statuses(out) }).toEqual({
      code: 0,
      messages: [
        'levy/blank.txt: warning: Unexpected empty article (whitespace only); skipped [ingest/empty-article]',
        'levy/empty.txt: warning: Unexpected empty article; skipped [ingest/empty-article]',
        'levy/shell.txt: warning: Unexpected article with no body text left after cleaning (3 block(s) removed as boilerplate); skipped [clean/no-body]',
        'levy/brief.txt: warning: Expected at least one sentence of 3 or more words, got none; skipped [segment/no-sentences]',
        'levy/page.html: warning: Expected body text or a headline of 3 or more words, got the headline `Levy` alone; skipped [segment/no-sentences]',
      ],
      index: [['levy', 'ok', '2', '0', '5']],
    })
  })

  it('is kept as an article of its headline alone when it has one (a title given, a page title, a headline line), with a warning; it backs what its headline reports and omits nothing', async () => {
    const corpus = await makeCorpus({
      'levy/harrow-post.txt': HARROW,
      'levy/north-bulletin.txt': NORTH,
      'levy/story.json': JSON.stringify({ articles: { 'feed-item': { outlet: 'Feed Wire', title: 'Harrow voters approve library levy by 812 votes' } } }),
      'levy/feed-item.txt': '',
      'levy/page.html': '<html><head><title>Library levy approved by Harrow voters</title></head><body><nav> </nav></body></html>',
      'levy/headline.txt': 'Harrow Approves New Library Levy\n',
    })
    const { code, messages, out } = await run(['analyze', '--corpus', corpus])
    const read = async (file: string) => parse(await readFile(path.join(out, 'levy', file), 'utf8'), { columns: true }) as Record<string, string>[]
    const headlines = await read('headlines.csv')
    const omitted = await read('omissions.csv')
    expect({ code, messages, index: await statuses(out) }).toEqual({
      code: 0,
      messages: [
        'levy/feed-item.txt: warning: Expected body text, got none; only the headline `Harrow voters approve library levy by 812 votes` is compared [segment/headline-only]',
        'levy/headline.txt: warning: Expected body text, got none; only the headline `Harrow Approves New Library Levy` is compared [segment/headline-only]',
        'levy/page.html: warning: Expected body text, got none; only the headline `Library levy approved by Harrow voters` is compared [segment/headline-only]',
      ],
      index: [['levy', 'ok', '5', '0', '3']],
    })
    const byArticle = new Map(headlines.map((h) => [h.article_id, h]))
    // The feed's headline states the lead's claim: it is in the lead's statement, corroborated.
    expect(byArticle.get('feed-item')).toMatchObject({ outlet: 'Feed Wire', corroborated: '1' })
    expect(['feed-item', 'page', 'headline'].every((id) => byArticle.has(id))).toBe(true)
    // Headlines alone leave nothing out: only the two articles with a body can omit a statement.
    expect(omitted.filter((o) => !['Harrow Post', 'North Bulletin'].includes(o.outlet!))).toEqual([])
  })

  it('is skipped with a warning in JSON Lines (`""`, `null`, white space) and in CSV (an empty cell), naming the line', async () => {
    const lines = [
      { story: 'levy', id: 'harrow', outlet: 'Harrow Post', text: HARROW },
      { story: 'levy', id: 'north', outlet: 'North Bulletin', text: NORTH },
      { story: 'levy', id: 'empty', text: '' },
      { story: 'levy', id: 'null', text: null },
      { story: 'levy', id: 'blank', text: ' \n ' },
      // A title with no text: an article of its headline alone, not an empty one.
      { story: 'levy', id: 'titled', title: 'Harrow voters approve the library levy', text: '' },
    ]
    const dir = await tempDir('corroborate-exit-records-')
    const jsonl = path.join(dir, 'batch.jsonl')
    await writeFile(jsonl, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
    const csv = path.join(dir, 'batch.csv')
    const cell = (s: string) => `"${s.replace(/"/g, '""')}"`
    await writeFile(csv, `story,id,outlet,text\nlevy,harrow,Harrow Post,${cell(HARROW)}\nlevy,north,North Bulletin,${cell(NORTH)}\nlevy,empty,Empty Times,\n`)
    const fromJsonl = await run(['analyze', '--corpus', jsonl])
    const fromCsv = await run(['analyze', '--corpus', csv])
    expect({ jsonl: [fromJsonl.code, fromJsonl.messages], csv: [fromCsv.code, fromCsv.messages] }).toEqual({
      jsonl: [
        0,
        [
          'batch.jsonl:3: warning: Unexpected empty article `empty`; skipped [ingest/empty-article]',
          'batch.jsonl:4: warning: Unexpected empty article `null`; skipped [ingest/empty-article]',
          'batch.jsonl:5: warning: Unexpected empty article `blank`; skipped [ingest/empty-article]',
          'batch.jsonl:6: warning: Expected body text, got none; only the headline `Harrow voters approve the library levy` is compared [segment/headline-only]',
        ],
      ],
      csv: [0, ['batch.csv:14: warning: Unexpected empty article `empty`; skipped [ingest/empty-article]']],
    })
  })

  it('gives a story of empty articles only the status `no-text`, and one left short by them `too-few-articles`, each with a warning', async () => {
    const corpus = await makeCorpus({
      'levy/harrow-post.txt': HARROW,
      'levy/north-bulletin.txt': NORTH,
      'blank-story/a.txt': '',
      'blank-story/b.txt': '\n',
      'short-story/a.txt': HARROW,
      'short-story/b.txt': '',
    })
    const { code, messages, out } = await run(['analyze', '--corpus', corpus])
    expect({ code, messages, index: await statuses(out) }).toEqual({
      code: 0,
      messages: [
        'blank-story/a.txt: warning: Unexpected empty article; skipped [ingest/empty-article]',
        'blank-story/b.txt: warning: Unexpected empty article (whitespace only); skipped [ingest/empty-article]',
        'blank-story: warning: Expected text in at least 2 articles of the story, got none (2 empty articles skipped); no report written [analyze/no-text]',
        'short-story/b.txt: warning: Unexpected empty article; skipped [ingest/empty-article]',
        'short-story: warning: Expected at least 2 usable articles in the story, got 1 (1 empty article skipped); no report written [analyze/too-few-articles]',
      ],
      index: [
        ['blank-story', 'no-text', '0', '0', '3'],
        ['levy', 'ok', '2', '0', '0'],
        ['short-story', 'too-few-articles', '1', '0', '2'],
      ],
    })
  })

  it('skips an article in another language with a warning, and the story goes on without it or ends short, not broken', async () => {
    // Invented, as HARROW and NORTH are: the same vote told in Spanish.
    const spanish = `Los votantes de Harrow aprobaron el sábado un nuevo impuesto para la biblioteca por una diferencia de 812 votos.

El impuesto recaudará cerca de 1,4 millones de dólares al año para ampliar el horario y comprar libros nuevos.

La bibliotecaria dijo que la sucursal de Mill Lane abrirá los domingos a partir de la próxima primavera.
`
    const corpus = await makeCorpus({
      'levy/harrow-post.txt': HARROW,
      'levy/north-bulletin.txt': NORTH,
      'levy/diario.txt': spanish,
      'short-story/a.txt': HARROW,
      'short-story/diario.txt': spanish,
    })
    const { code, messages, out } = await run(['analyze', '--corpus', corpus])
    const skipped = (file: string) =>
      `${file}: warning: Expected an article in English, got one in Spanish (\`spa\`; 2% of its words are common English words); skipped, as corroborate compares English text only [clean/other-language]`
    expect({ code, messages, index: await statuses(out) }).toEqual({
      code: 0,
      messages: [
        skipped('levy/diario.txt'),
        skipped('short-story/diario.txt'),
        'short-story: warning: Expected at least 2 usable articles in the story, got 1 (1 article not in English skipped); no report written [analyze/too-few-articles]',
      ],
      index: [
        ['levy', 'ok', '2', '0', '1'],
        ['short-story', 'too-few-articles', '1', '0', '2'],
      ],
    })
  })

  it('leaves a story of one article, or one short for an unusable article, fatal as before', async () => {
    const corpus = await makeCorpus({
      'levy/harrow-post.txt': HARROW,
      'levy/north-bulletin.txt': NORTH,
      'lone/a.txt': HARROW,
      'broken/a.txt': NORTH,
      'broken/scan.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]),
    })
    const { code, messages } = await run(['analyze', '--corpus', corpus])
    expect({ code, messages }).toEqual({
      code: 1,
      messages: [
        'broken/scan.txt: fatal: Unexpected binary file (NUL bytes); skipped [ingest/binary-file]',
        'broken: fatal: Expected at least 2 usable articles in the story, got 1; no report written [analyze/too-few-articles]',
        'lone: fatal: Expected at least 2 usable articles in the story, got 1; no report written [analyze/too-few-articles]',
      ],
    })
  })
})

describe('--fail-on', () => {
  const WARNED = { 'levy/harrow-post.txt': HARROW, 'levy/north-bulletin.txt': NORTH, 'levy/empty.txt': '' }
  const FATAL = { ...WARNED, 'levy/scan.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]) }

  it('exits 1 on fatal messages only by default and with `fatal`', async () => {
    const [warned, warnedFatal, fatal] = await Promise.all([run(['analyze', '--corpus', await makeCorpus(WARNED)]), run(['analyze', '--fail-on', 'fatal', '--corpus', await makeCorpus(WARNED)]), run(['analyze', '--corpus', await makeCorpus(FATAL)])])
    expect([warned.code, warnedFatal.code, fatal.code]).toEqual([0, 0, 1])
  })

  it('exits 1 on warnings too with `warning` (as `--strict`), also from the config file', async () => {
    const corpus = await makeCorpus(WARNED)
    const config = path.join(await tempDir('corroborate-exit-config-'), 'config.json')
    await writeFile(config, JSON.stringify({ failOn: 'warning' }))
    const results = await Promise.all([run(['analyze', '--fail-on', 'warning', '--corpus', corpus]), run(['analyze', '--strict', '--corpus', corpus]), run(['analyze', '--config', config, '--corpus', corpus])])
    expect(results.map((r) => r.code)).toEqual([1, 1, 1])
  })

  it('exits 0 with `never` though an input was dropped, and the reports are written', async () => {
    const { code, messages, out } = await run(['analyze', '--fail-on', 'never', '--corpus', await makeCorpus(FATAL)])
    expect({ code, messages, index: await statuses(out) }).toEqual({
      code: 0,
      messages: ['levy/empty.txt: warning: Unexpected empty article; skipped [ingest/empty-article]', 'levy/scan.txt: fatal: Unexpected binary file (NUL bytes); skipped [ingest/binary-file]'],
      index: [['levy', 'ok', '2', '1', '1']],
    })
  })

  it('exits 1 with `never` too when a story failed: the tool or the disk, never the input, is at fault', async () => {
    const corpus = await makeCorpus({ ...WARNED, 'pier/a.txt': HARROW, 'pier/b.txt': NORTH })
    const first = await run(['analyze', '--corpus', corpus])
    // Someone puts a folder of their own where the story's reports go: the story fails (write/foreign-folder).
    await rm(path.join(first.out, 'pier'), { recursive: true })
    await mkdir(path.join(first.out, 'pier'))
    const err: string[] = []
    const code = await main(['analyze', '--fail-on', 'never', '--quiet', '--concurrency', '1', '--corpus', corpus, '--out', first.out], { stdout: () => {}, stderr: (s) => err.push(s) })
    expect({ code, failed: (await statuses(first.out)).filter((r) => r[1] === 'failed').map((r) => r[0]) }).toEqual({ code: 1, failed: ['pier'] })
  })

  it('rejects any other value, naming the accepted ones', async () => {
    const { code, stderr } = await run(['analyze', '--fail-on', 'sometimes', '--corpus', await makeCorpus(WARNED)])
    expect({ code, stderr }).toEqual({ code: 2, stderr: 'corroborate: Expected `--fail-on` to be `fatal` or `warning` or `never`, got `sometimes`\nRun `corroborate --help` for usage.\n' })
  })
})
