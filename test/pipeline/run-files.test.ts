// The run-level files come from the story folders' state files (pipeline/run-files.ts), the one module `analyze`
// and the queue's `collect` share: built again from the folders, they are the bytes `analyze` wrote.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { main } from '../../pipeline/cli.js'
import { folderName, RUN_FILES, STATE_FILE } from '../../pipeline/folders.js'
import { RUN_LEVEL_FILES, runTables } from '../../pipeline/run-files.js'

const SAMPLE = path.join(__dirname, '..', '..', 'corpus')
const quiet = { stdout: () => {}, stderr: () => {} }
const STORIES = ['harbor-bridge', 'school-lunch-vote']

async function analysed(): Promise<string> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'corroborate-run-files-'))
  expect(await main(['analyze', '--corpus', SAMPLE, '--out', out, '--quiet'], quiet)).toBe(0)
  return out
}

describe('runTables', () => {
  it('builds index.csv and terms.csv from the story folders, as analyze wrote them', async () => {
    const out = await analysed()
    const tables = await runTables(out, STORIES.map((storyId) => ({ storyId, folder: folderName(storyId), row: null, key: null })), { excel: false })
    expect({ index: tables.files.get('index.csv'), terms: tables.files.get('terms.csv'), messages: tables.messages }).toEqual({
      index: await readFile(path.join(out, 'index.csv'), 'utf8'),
      terms: await readFile(path.join(out, 'terms.csv'), 'utf8'),
      messages: [],
    })
  })

  it('reports a story whose state file is gone as failed, with a message, and keeps the others', async () => {
    const out = await analysed()
    await rm(path.join(out, 'school-lunch-vote', STATE_FILE))
    const tables = await runTables(out, STORIES.map((storyId) => ({ storyId, folder: storyId, row: null, key: null })), { excel: false })
    expect(tables.rows.map((r) => `${r.storyId} ${r.status}`)).toEqual(['harbor-bridge ok', 'school-lunch-vote failed'])
    expect(tables.messages.map(String)).toEqual([
      'school-lunch-vote: fatal: Expected the reports of story `school-lunch-vote`, got none: its state file `school-lunch-vote/.corroborate.json` is missing or unreadable [collect/missing-report]',
    ])
  })

  it('does not take the folder of another run (its key differs) for the story', async () => {
    const out = await analysed()
    const tables = await runTables(out, [{ storyId: 'harbor-bridge', folder: 'harbor-bridge', row: null, key: 'another' }], { excel: false })
    expect(tables.rows.map((r) => r.status)).toEqual(['failed'])
    expect(tables.messages.map((m) => m.ruleId)).toEqual(['missing-report'])
  })
})

describe('RUN_LEVEL_FILES', () => {
  it('are all reserved in RUN_FILES, so that no story folder takes the name of a run-level file', () => {
    expect(RUN_LEVEL_FILES.map((f) => f.file).filter((name) => !RUN_FILES.includes(name))).toEqual([])
  })
})
