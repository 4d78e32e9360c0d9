// The run-wide tables (OUT/statements.csv, …): every story's rows stacked, built from the story folders, so that an
// incremental run keeps them whole; and story folders whose story left the corpus.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { main } from '../../pipeline/cli.js'
import { MARKET_STORY } from '../helpers.js'

const RUN_TABLES = ['statements.csv', 'alignments.csv', 'conflicts.csv', 'omissions.csv', 'framing.csv', 'outlet_pairs.csv']

async function corpus(stories: readonly string[] = ['market', 'pier']): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-tables-'))
  for (const story of stories) await addStory(dir, story)
  return dir
}

async function addStory(dir: string, story: string): Promise<void> {
  await mkdir(path.join(dir, story))
  await writeFile(path.join(dir, story, 'tribune.txt'), MARKET_STORY.tribune.join('\n\n'))
  await writeFile(path.join(dir, story, 'herald.txt'), MARKET_STORY.herald.join('\n\n'))
  const articles = { tribune: { outlet: 'Tribune', published: '2026-01-14' }, herald: { outlet: 'Herald', published: '2026-01-13T09:00:00Z' } }
  await writeFile(path.join(dir, story, 'story.json'), JSON.stringify({ articles }))
}

async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  const err: string[] = []
  const code = await main(['analyze', '--concurrency', '1', ...argv], { stdout: () => {}, stderr: (s) => err.push(s) })
  return { code, stderr: err.join('') }
}

async function table(file: string): Promise<Record<string, string>[]> {
  return parse(await readFile(file, 'utf8'), { columns: true }) as Record<string, string>[]
}

describe('the run-wide tables', () => {
  it('stack every story\'s rows under `story_id` and `published`, with statement ids unique across the run', async () => {
    const input = await corpus()
    const out = `${input}-out`
    await run(['--corpus', input, '--out', out])
    const offenders: string[] = []
    for (const file of RUN_TABLES) {
      const [header] = parse(await readFile(path.join(out, file), 'utf8'), { to_line: 1 }) as string[][]
      const story = (parse(await readFile(path.join(out, 'market', file), 'utf8'), { to_line: 1 }) as string[][])[0]!
      // The story file's columns, `published` after `story_id`.
      if (JSON.stringify(header) !== JSON.stringify([story[0], 'published', ...story.slice(1)])) offenders.push(`${file}: header ${header}`)
      const rows = await table(path.join(out, file))
      for (const id of ['market', 'pier']) {
        const own = (await table(path.join(out, id, file))).length
        const stacked = rows.filter((r) => r.story_id === id)
        if (stacked.length !== own) offenders.push(`${file}: ${id} has ${stacked.length} rows, its folder ${own}`)
        if (stacked.some((r) => r.published !== '2026-01-13T09:00:00Z')) offenders.push(`${file}: ${id} published`)
      }
    }
    const statements = (await table(path.join(out, 'statements.csv'))).map((r) => r.statement_id)
    expect({ offenders, unique: new Set(statements).size === statements.length, first: statements[0] }).toEqual({ offenders: [], unique: true, first: 'market:s1' })
    const alignments = await table(path.join(out, 'alignments.csv'))
    expect(alignments.every((r) => statements.includes(r.statement_id!))).toBe(true)
  })

  it('keep the rows of a story the incremental run left unchanged', async () => {
    const input = await corpus()
    const out = `${input}-out`
    await run(['--corpus', input, '--out', out])
    const before = await readFile(path.join(out, 'statements.csv'), 'utf8')
    await writeFile(path.join(input, 'pier', 'herald.txt'), [...MARKET_STORY.herald, 'The market has stood on the harbor since 1911.'].join('\n\n'))
    const { stderr } = await run(['--corpus', input, '--out', out])
    const rows = await table(path.join(out, 'statements.csv'))
    expect({ kept: stderr.includes('market: unchanged'), market: rows.filter((r) => r.story_id === 'market').length }).toEqual({
      kept: true,
      market: (await table(path.join(out, 'market', 'statements.csv'))).length,
    })
    expect(rows.filter((r) => r.story_id === 'market')).toEqual((parse(before, { columns: true }) as Record<string, string>[]).filter((r) => r.story_id === 'market'))
  })

  it('never stack a story folder written in an older layout: such a story is redone', async () => {
    const input = await corpus(['market'])
    const out = `${input}-out`
    await run(['--corpus', input, '--out', out])
    // A folder as the previous version wrote it: no schema version in its state, no `story_id` in its CSVs.
    const stateFile = path.join(out, 'market', '.corroborate.json')
    const { schemaVersion: _version, ...old } = JSON.parse(await readFile(stateFile, 'utf8')) as Record<string, unknown>
    await writeFile(stateFile, JSON.stringify(old))
    const { stderr } = await run(['--corpus', input, '--out', out, '--verbose'])
    expect(stderr).toContain('market: info: Redoing the story although its input is unchanged: its reports have an older schema version, this version writes 4 [analyze/damaged-report]')
  })

  it('are written with `--excel` as the story files are: a byte order mark and CRLF', async () => {
    const input = await corpus(['market'])
    const out = `${input}-out`
    await run(['--corpus', input, '--out', out, '--excel'])
    const text = await readFile(path.join(out, 'statements.csv'), 'utf8')
    expect([text.startsWith('\ufeffstory_id,published,'), text.split('\r\n').length > 2, /[^\r]\n/.test(text)]).toEqual([true, true, false])
  })
})

describe('story folders whose story is not in the corpus', () => {
  it('are listed in index.csv as `not-in-corpus` and left out of the run-wide tables', async () => {
    const input = await corpus()
    const out = `${input}-out`
    await run(['--corpus', input, '--out', out])
    await rm(path.join(input, 'pier'), { recursive: true })
    const { code } = await run(['--corpus', input, '--out', out])
    const index = (await table(path.join(out, 'index.csv'))).map((r) => [r.story_id, r.status, r.folder])
    const stories = new Set((await table(path.join(out, 'statements.csv'))).map((r) => r.story_id))
    expect({ code, index, stories: [...stories], kept: existsSync(path.join(out, 'pier', 'report.json')) }).toEqual({
      code: 0,
      index: [
        ['market', 'ok', 'market'],
        ['pier', 'not-in-corpus', 'pier'],
      ],
      stories: ['market'],
      kept: true,
    })
  })

  it('are moved under OUT/.pruned/<date>/ with `--prune`, nothing deleted', async () => {
    const input = await corpus()
    const out = `${input}-out`
    await run(['--corpus', input, '--out', out])
    const report = await readFile(path.join(out, 'pier', 'report.json'), 'utf8')
    await rm(path.join(input, 'pier'), { recursive: true })
    const { code, stderr } = await run(['--corpus', input, '--out', out, '--prune', '--verbose'])
    const [date] = await readdir(path.join(out, '.pruned'))
    const index = (await table(path.join(out, 'index.csv'))).map((r) => [r.story_id, r.status, r.folder])
    expect({
      code,
      date: /^\d{4}-\d{2}-\d{2}$/.test(date!),
      gone: existsSync(path.join(out, 'pier')),
      moved: await readFile(path.join(out, '.pruned', date!, 'pier', 'report.json'), 'utf8'),
      index,
      said: stderr.includes('analyze/pruned'),
    }).toEqual({
      code: 0,
      date: true,
      gone: false,
      moved: report,
      index: [
        ['market', 'ok', 'market'],
        ['pier', 'not-in-corpus', `.pruned/${date}/pier`],
      ],
      said: true,
    })
    // The next run reads the output folder as its own still, and lists the pruned story no more.
    const again = await run(['--corpus', input, '--out', out])
    expect([again.code, (await table(path.join(out, 'index.csv'))).map((r) => r.story_id)]).toEqual([0, ['market']])
  })

  it('are not stale when `--story` leaves their story out of the run', async () => {
    const input = await corpus()
    const out = `${input}-out`
    await run(['--corpus', input, '--out', out])
    await run(['--corpus', input, '--out', out, '--story', 'market', '--prune'])
    const index = (await table(path.join(out, 'index.csv'))).map((r) => [r.story_id, r.status])
    expect({ index, pier: existsSync(path.join(out, 'pier', 'report.json')), pruned: existsSync(path.join(out, '.pruned')) }).toEqual({ index: [['market', 'ok']], pier: true, pruned: false })
  })
})
