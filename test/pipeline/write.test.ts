// write: reports replaced whole or not at all, and what a killed run left behind tidied up.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { recoverOutput, textChunks, writeFileAtomic, writeFolderAtomic } from '../../pipeline/write.js'
import { readOnly } from '../faults.js'
import { tree } from '../helpers.js'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-write-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})


describe('writeFileAtomic', () => {
  it('writes a new file, creating its folder', async () => {
    await writeFileAtomic(path.join(dir, 'out', 'index.csv'), 'story_id\n')
    expect(await tree(dir)).toEqual({ 'out/index.csv': 'story_id\n' })
  })

  it('replaces a longer file whole, leaving nothing of the old content', async () => {
    await writeFile(path.join(dir, 'index.csv'), 'story_id,status\nold-story,ok\nolder-story,ok\n')
    await writeFileAtomic(path.join(dir, 'index.csv'), 'story_id\n')
    expect(await tree(dir)).toEqual({ 'index.csv': 'story_id\n' })
  })

  it('writes text as UTF-8', async () => {
    await writeFileAtomic(path.join(dir, 'a.csv'), '\ufeffcafé,“quoted”\r\n')
    expect([...(await readFile(path.join(dir, 'a.csv')))]).toEqual([...Buffer.from('\ufeffcafé,“quoted”\r\n', 'utf8')])
  })

  it('writes a file of millions of characters piece by piece to the same bytes, a surrogate pair at every piece boundary kept whole', async () => {
    // "😀" is two UTF-16 units: placed across each million-character boundary, a cut between its halves would write
    // two replacement characters instead of its four bytes.
    const content = Array.from({ length: 3 }, () => `${'é'.repeat((1 << 20) - 1)}😀`).join('')
    await writeFileAtomic(path.join(dir, 'report.json'), content)
    expect((await readFile(path.join(dir, 'report.json'))).equals(Buffer.from(content, 'utf8'))).toBe(true)
    expect([...textChunks(content)].join('')).toBe(content)
    expect([...textChunks(content)].every((c) => !/[\ud800-\udbff]$/.test(c))).toBe(true)
  })

  it('leaves no temporary file when the rename fails', async () => {
    // A folder where the file should go: the rename cannot replace it.
    await mkdir(path.join(dir, 'report.json'))
    await expect(writeFileAtomic(path.join(dir, 'report.json'), '{}\n')).rejects.toThrow()
    expect(await readdir(dir)).toEqual(['report.json'])
  })
})

describe('writeFolderAtomic', () => {
  it('creates the story folder with exactly the given files', async () => {
    await writeFolderAtomic(dir, 'tide-mill', new Map([['report.json', '{}\n'], ['statements.csv', 'statement_id\n']]))
    expect(await tree(dir)).toEqual({ 'tide-mill/report.json': '{}\n', 'tide-mill/statements.csv': 'statement_id\n' })
  })

  it('replaces an existing story folder, keeping none of its old files', async () => {
    await mkdir(path.join(dir, 'tide-mill'))
    await writeFile(path.join(dir, 'tide-mill', '.corroborate.json'), '{}\n')
    await writeFile(path.join(dir, 'tide-mill', 'report.json'), '{"old": true}\n')
    await writeFile(path.join(dir, 'tide-mill', 'stale.csv'), 'gone\n')
    await writeFolderAtomic(dir, 'tide-mill', new Map([['report.json', '{}\n']]))
    expect(await tree(dir)).toEqual({ 'tide-mill/report.json': '{}\n' })
  })

  it('leaves no `.name.new.*` or `.name.old.*` folder beside the story', async () => {
    await mkdir(path.join(dir, 'tide-mill'))
    await writeFile(path.join(dir, 'tide-mill', '.corroborate.json'), '{}\n')
    await writeFile(path.join(dir, 'tide-mill', 'report.json'), '{"old": true}\n')
    await writeFolderAtomic(dir, 'tide-mill', new Map([['report.json', '{}\n']]))
    expect(await readdir(dir)).toEqual(['tide-mill'])
  })

  it('never replaces a folder, file or link the tool did not write, and says so', async () => {
    await mkdir(path.join(dir, 'photos'))
    await writeFile(path.join(dir, 'photos', 'cat.jpg'), 'a cat\n')
    await writeFile(path.join(dir, 'notes'), 'my notes\n')
    await symlink(path.join(dir, 'photos'), path.join(dir, 'linked'))
    const before = await tree(dir)
    const errors = []
    for (const name of ['photos', 'notes', 'linked']) {
      const error = await writeFolderAtomic(dir, name, new Map([['report.json', '{}\n']])).catch((e: Error & { code?: string }) => e)
      errors.push([(error as { code?: string }).code, (error as Error).message])
    }
    expect({ errors, after: await tree(dir), names: (await readdir(dir)).sort() }).toEqual({
      errors: [
        ['ERR_NOT_OURS', `Expected \`${path.join(dir, 'photos')}\` to be a report folder corroborate wrote (with \`.corroborate.json\`), got a folder without it; left as it is and no report written`],
        ['ERR_NOT_OURS', `Expected \`${path.join(dir, 'notes')}\` to be a report folder corroborate wrote (with \`.corroborate.json\`), got a file; left as it is and no report written`],
        ['ERR_NOT_OURS', `Expected \`${path.join(dir, 'linked')}\` to be a report folder corroborate wrote (with \`.corroborate.json\`), got a symbolic link; left as it is and no report written`],
      ],
      after: before,
      names: ['linked', 'notes', 'photos'],
    })
  })

  it('leaves other story folders and files alone', async () => {
    await mkdir(path.join(dir, 'quarry-fire'))
    await writeFile(path.join(dir, 'quarry-fire', 'report.json'), '{"story": "quarry-fire"}\n')
    await writeFile(path.join(dir, 'index.csv'), 'story_id\nquarry-fire\n')
    await writeFolderAtomic(dir, 'tide-mill', new Map([['report.json', '{}\n']]))
    expect(await tree(dir)).toEqual({ 'index.csv': 'story_id\nquarry-fire\n', 'quarry-fire/report.json': '{"story": "quarry-fire"}\n', 'tide-mill/report.json': '{}\n' })
  })

  it('keeps the old story folder and leaves no temporary folder when a file cannot be written', async () => {
    await mkdir(path.join(dir, 'tide-mill'))
    await writeFile(path.join(dir, 'tide-mill', 'report.json'), '{"old": true}\n')
    // `a` is written as a file, so `a/b` cannot be.
    const files = new Map([['a', 'x'], ['a/b', 'y']])
    await expect(writeFolderAtomic(dir, 'tide-mill', files)).rejects.toThrow()
    expect(await tree(dir)).toEqual({ 'tide-mill/report.json': '{"old": true}\n' })
  })
})

describe('recoverOutput', () => {
  it('moves a story folder left aside back when the story folder is missing', async () => {
    await mkdir(path.join(dir, '.tide-mill.old.4242.0a1b2c3d'))
    await writeFile(path.join(dir, '.tide-mill.old.4242.0a1b2c3d', '.corroborate.json'), '{}\n')
    await writeFile(path.join(dir, '.tide-mill.old.4242.0a1b2c3d', 'report.json'), '{"kept": true}\n')
    expect(await recoverOutput(dir)).toEqual(['tide-mill'])
    expect(await tree(dir)).toEqual({ 'tide-mill/.corroborate.json': '{}\n', 'tide-mill/report.json': '{"kept": true}\n' })
  })

  it('deletes a story folder left aside when the story folder exists', async () => {
    await mkdir(path.join(dir, 'tide-mill'))
    await writeFile(path.join(dir, 'tide-mill', 'report.json'), '{"new": true}\n')
    await mkdir(path.join(dir, '.tide-mill.old.4242.0a1b2c3d'))
    await writeFile(path.join(dir, '.tide-mill.old.4242.0a1b2c3d', '.corroborate.json'), '{}\n')
    await writeFile(path.join(dir, '.tide-mill.old.4242.0a1b2c3d', 'report.json'), '{"old": true}\n')
    expect(await recoverOutput(dir)).toEqual([])
    expect(await tree(dir)).toEqual({ 'tide-mill/report.json': '{"new": true}\n' })
  })

  it('removes what a run killed while deleting a folder left aside leaves: the state file, which goes last, or an empty folder', async () => {
    await mkdir(path.join(dir, 'tide-mill'))
    await writeFile(path.join(dir, 'tide-mill', 'report.json'), '{"new": true}\n')
    await mkdir(path.join(dir, '.tide-mill.old.4242.0a1b2c3d'))
    await writeFile(path.join(dir, '.tide-mill.old.4242.0a1b2c3d', '.corroborate.json'), '{}\n')
    await mkdir(path.join(dir, '.quarry.old.4242.0a1b2c3d'))
    expect(await recoverOutput(dir)).toEqual([])
    expect(await tree(dir)).toEqual({ 'tide-mill/report.json': '{"new": true}\n' })
    expect((await readdir(dir)).sort()).toEqual(['tide-mill'])
  })

  it('leaves alone hidden folders that only look like ones it left aside (no state file, or another suffix)', async () => {
    await mkdir(path.join(dir, '.photos.old.2019.0a1b2c3d'))
    await writeFile(path.join(dir, '.photos.old.2019.0a1b2c3d', 'cat.jpg'), 'a cat\n')
    await writeFile(path.join(dir, '.bashrc.1.2.tmp'), 'mine\n')
    expect(await recoverOutput(dir)).toEqual([])
    expect(await tree(dir)).toEqual({ '.photos.old.2019.0a1b2c3d/cat.jpg': 'a cat\n', '.bashrc.1.2.tmp': 'mine\n' })
  })

  it('removes unfinished `.new.` folders and `.tmp` files', async () => {
    await mkdir(path.join(dir, '.tide-mill.new.4242.0a1b2c3d'))
    await writeFile(path.join(dir, '.tide-mill.new.4242.0a1b2c3d', 'report.json'), '{"half": ')
    await writeFile(path.join(dir, '.index.csv.4242.0a1b2c3d.tmp'), 'story_id,sta')
    await writeFile(path.join(dir, 'index.csv'), 'story_id\n')
    expect(await recoverOutput(dir)).toEqual([])
    expect(await tree(dir)).toEqual({ 'index.csv': 'story_id\n' })
  })

  it('leaves other hidden files, such as `.gitkeep`, alone', async () => {
    await writeFile(path.join(dir, '.gitkeep'), '')
    await mkdir(path.join(dir, '.cache'))
    expect(await recoverOutput(dir)).toEqual([])
    expect((await readdir(dir)).sort()).toEqual(['.cache', '.gitkeep'])
  })

  it('leaves a leftover it cannot remove (an immutable folder) for later, and goes on with the rest', async () => {
    await mkdir(path.join(dir, '.tide-mill.new.4242.0a1b2c3d'))
    await mkdir(path.join(dir, '.quarry.new.4242.0a1b2c3d'))
    const restore = readOnly(path.join(dir, '.quarry.new.4242.0a1b2c3d'), 'EPERM')
    try {
      expect(await recoverOutput(dir)).toEqual([])
    } finally {
      restore()
    }
    expect(await readdir(dir)).toEqual(['.quarry.new.4242.0a1b2c3d'])
  })

  it('does nothing when the output folder does not exist yet', async () => {
    expect(await recoverOutput(path.join(dir, 'missing'))).toEqual([])
    expect(existsSync(path.join(dir, 'missing'))).toBe(false)
  })
})
