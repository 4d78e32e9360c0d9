// The run and its output never lose, leak or hang: an output folder that overlaps the corpus or is not the tool's,
// story folder names (run-level names, long non-ASCII ids, case), a full disk, a read-only folder, damaged reports.
import fs = require('node:fs')
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
// The module objects themselves, so that a spy on them is seen by the code under test.
import os = require('node:os')
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { Piscina } from 'piscina'
import { main } from '../../pipeline/cli.js'
import { FOLDER_BYTES, folderName, RUN_FILES } from '../../pipeline/folders.js'
import { buildWordNetTable } from '../../pipeline/tables.js'
import { diskFull, errno, readOnly } from '../faults.js'
import { MARKET_STORY, RUN_LEVEL_FILES, tempFolders, tree } from '../helpers.js'

const A = MARKET_STORY.tribune.join('\n\n')
const B = MARKET_STORY.herald.join('\n\n')

const tempDir = tempFolders('output')

/** A folder corpus `root/corpus` with the given stories, each told by two outlets. */
async function folderCorpus(stories: string[], root?: string): Promise<string> {
  const corpus = path.join(root ?? (await tempDir()), 'corpus')
  for (const story of stories) {
    await mkdir(path.join(corpus, story), { recursive: true })
    await writeFile(path.join(corpus, story, 'tribune.txt'), A)
    await writeFile(path.join(corpus, story, 'herald.txt'), B)
  }
  return corpus
}

/** A JSON Lines corpus with the given story ids, each told by two outlets. */
async function jsonlCorpus(ids: string[], dir?: string): Promise<string> {
  const file = path.join(dir ?? (await tempDir()), 'news.jsonl')
  const lines = ids.flatMap((story) => [JSON.stringify({ story, id: 'tribune', text: A }), JSON.stringify({ story, id: 'herald', text: B })])
  await writeFile(file, `${lines.join('\n')}\n`)
  return file
}

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) })
  return { code, stdout: out.join(''), stderr: err.join('') }
}

async function index(out: string): Promise<Record<string, string>[]> {
  return parse(await readFile(path.join(out, 'index.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[]
}

/** Temporary files and folders the tool makes while writing, left anywhere below `dir`. */
async function leftovers(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).filter((f) => /(^|\/)\.[^/]+\.(tmp|new\.\d+\.[0-9a-f]+|old\.\d+\.[0-9a-f]+)$/.test(f) || f.endsWith('.corroborate.lock')).sort()
}

describe('an output folder that overlaps the corpus', () => {
  it('is refused when it is the corpus, lies inside it or holds it, with a message, exit 2 and nothing written', async () => {
    const root = await tempDir()
    const corpus = await folderCorpus(['market', 'pier'], root)
    await symlink(corpus, path.join(root, 'link-to-corpus'))
    const before = await tree(root)
    const cases = [
      [corpus, corpus, 'which is the corpus folder itself: its story folders would be replaced by report folders'],
      [path.join(corpus, 'market'), corpus, `which holds the corpus \`${path.join(corpus, 'market')}\`: its story folders would be replaced by report folders`],
      [corpus, path.join(corpus, 'reports'), `which lies inside the corpus \`${corpus}\`: reports would be read as articles, or replace them`],
      [corpus, path.join(root, 'link-to-corpus'), 'which is the corpus folder itself: its story folders would be replaced by report folders'],
      [corpus, path.join(root, 'link-to-corpus', 'pier', '..', 'new', 'reports'), `which lies inside the corpus \`${corpus}\`: reports would be read as articles, or replace them`],
    ]
    const results = []
    for (const [input, out] of cases) results.push(await run(['analyze', '--quiet', '--corpus', input!, '--out', out!]))
    expect({ results, after: await tree(root) }).toEqual({
      results: cases.map(([, out, why]) => ({
        code: 2,
        stdout: '',
        stderr: `corroborate: Expected \`--out\` outside the corpus, got \`${out}\`, ${why}; nothing was written: choose an output folder outside the corpus\n`,
      })),
      after: before,
    })
  })

  it('takes a JSON Lines file in the output folder itself, never in a folder a story could replace', async () => {
    const dir = await tempDir()
    const file = await jsonlCorpus(['market', 'pier'], dir)
    expect((await run(['analyze', '--quiet', '--corpus', file, '--out', dir])).code).toBe(0)
    expect(await readFile(file, 'utf8')).toContain('"story":"market"')
    // A corpus file inside what could be a story folder of the output.
    await mkdir(path.join(dir, 'market', 'input'))
    const deep = await jsonlCorpus(['market'], path.join(dir, 'market', 'input'))
    const { code, stderr } = await run(['analyze', '--quiet', '--corpus', deep, '--out', dir])
    expect({ code, stderr }).toEqual({
      code: 2,
      stderr: `corroborate: Expected \`--out\` outside the corpus, got \`${dir}\`, which holds the corpus file \`${deep}\` inside a folder that a story's reports could replace; nothing was written: choose an output folder outside the corpus\n`,
    })
  })
})

describe('an output folder the tool did not write', () => {
  it('is refused whole when it holds things of its own (a mistyped `--out ~`), and nothing in it changes', async () => {
    const home = await tempDir()
    await mkdir(path.join(home, 'market'))
    await writeFile(path.join(home, 'market', 'budget.xlsx'), 'mine\n')
    await writeFile(path.join(home, 'index.csv'), 'my,own,index\n')
    await writeFile(path.join(home, 'notes.txt'), 'notes\n')
    await writeFile(path.join(home, '.profile'), 'export A=1\n')
    const before = await tree(home)
    const { code, stderr } = await run(['analyze', '--quiet', '--corpus', await folderCorpus(['market', 'pier']), '--out', home])
    expect({ code, stderr, after: await tree(home), names: (await readdir(home)).sort() }).toEqual({
      code: 2,
      stderr: `corroborate: Expected \`--out\` to be a new or empty folder, or one corroborate wrote, got \`${home}\`, which holds \`.profile\`, \`market\`, \`notes.txt\`; nothing was written: choose another output folder\n`,
      after: before,
      names: ['.profile', 'index.csv', 'market', 'notes.txt'],
    })
  })

  it('keeps a folder of its own inside an output folder: that story fails with a message and the folder is left as it is', async () => {
    const corpus = await folderCorpus(['market', 'pier'])
    const out = path.join(await tempDir(), 'out')
    expect((await run(['analyze', '--quiet', '--corpus', corpus, '--out', out])).code).toBe(0)
    // Someone replaces a report folder by one of their own.
    await rm(path.join(out, 'market'), { recursive: true })
    await mkdir(path.join(out, 'market'))
    await writeFile(path.join(out, 'market', 'budget.xlsx'), 'mine\n')
    const { code, stderr } = await run(['analyze', '--quiet', '--force', '--corpus', corpus, '--out', out])
    expect({ code, messages: stderr.split('\n').filter((l) => l.includes(': fatal: ')), mine: await tree(path.join(out, 'market')), status: (await index(out)).map((r) => [r.story_id, r.status]) }).toEqual({
      code: 1,
      messages: [`market: fatal: Expected \`${path.join(out, 'market')}\` to be a report folder corroborate wrote (with \`.corroborate.json\`), got a folder without it; left as it is and no report written [write/foreign-folder]`],
      mine: { 'budget.xlsx': 'mine\n' },
      status: [
        ['market', 'failed'],
        ['pier', 'ok'],
      ],
    })
  })

  it('is refused when it holds only hidden files of its own, as a fresh home folder does', async () => {
    const home = await tempDir()
    await writeFile(path.join(home, '.bashrc'), 'alias ll="ls -l"\n')
    await mkdir(path.join(home, '.cache'))
    const { code, stderr } = await run(['analyze', '--quiet', '--corpus', await folderCorpus(['market', 'pier']), '--out', home])
    expect({ code, stderr, names: (await readdir(home)).sort() }).toEqual({
      code: 2,
      stderr: `corroborate: Expected \`--out\` to be a new or empty folder, or one corroborate wrote, got \`${home}\`, which holds \`.bashrc\`, \`.cache\`; nothing was written: choose another output folder\n`,
      names: ['.bashrc', '.cache'],
    })
  })

  it('uses an existing empty folder, or one holding only markers such as `.gitkeep` and `.git`', async () => {
    const out = await tempDir()
    await writeFile(path.join(out, '.gitkeep'), '')
    await mkdir(path.join(out, '.git'))
    expect((await run(['analyze', '--quiet', '--corpus', await folderCorpus(['market', 'pier']), '--out', out])).code).toBe(0)
    expect((await readdir(out)).sort()).toEqual(['.git', '.gitkeep', ...RUN_LEVEL_FILES, 'market', 'pier'].sort())
  })
})

describe('story folder names', () => {
  it('never take a run-level name: stories `terms.csv`, `index.csv` and `run.json` get folders of their own', async () => {
    const out = path.join(await tempDir(), 'out')
    const { code, stderr } = await run(['analyze', '--quiet', '--corpus', await jsonlCorpus(['terms.csv', 'index.csv', 'run.json', 'Index.CSV']), '--out', out])
    const rows = await index(out)
    expect({ code, stderr: stderr.replace(/\d+ statements/, 'N statements'), folders: rows.map((r) => [r.story_id, r.status, r.folder]) }).toEqual({
      code: 0,
      stderr: `corroborate: 4 stories (4 ok), 8 articles, N statements, 0 fatal, 0 warnings; reports in ${out}/\n`,
      folders: [
        ['Index.CSV', 'ok', folderName('Index.CSV')],
        ['index.csv', 'ok', folderName('index.csv')],
        ['run.json', 'ok', folderName('run.json')],
        ['terms.csv', 'ok', folderName('terms.csv')],
      ],
    })
    expect(JSON.parse(await readFile(path.join(out, 'run.json'), 'utf8')).counts.stories).toBe(4)
    expect(await readFile(path.join(out, 'terms.csv'), 'utf8')).toMatch(/^outlet,term,/)
  })

  it('keep out of every run-level name, whatever its case, and never look like a file name', () => {
    const ids = [...RUN_FILES, ...RUN_FILES.map((n) => n.toUpperCase()), 'con', 'NUL', 'story.', 'notes.v2', 'report-0a1b2c3d', '.hidden', '']
    const names = ids.map(folderName)
    const reserved = new Set(RUN_FILES.map((n) => n.toLowerCase()))
    expect(names.filter((n) => reserved.has(n.toLowerCase()) || n.startsWith('.') || /\.[\p{L}\p{N}]{0,10}$/u.test(n) || /^(con|nul)$/i.test(n))).toEqual([])
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(new Set(ids).size)
  })

  it('fit a byte budget for long non-ASCII ids, cut on a character boundary, with the hash suffix', async () => {
    const cyrillic = 'Ж'.repeat(118)
    const astral = '𝔸'.repeat(100)
    const out = path.join(await tempDir(), 'out')
    const { code, stderr } = await run(['analyze', '--quiet', '--corpus', await jsonlCorpus([cyrillic, astral]), '--out', out])
    const folders = (await index(out)).map((r) => r.folder!)
    expect({
      code,
      crashed: stderr.includes('crashed'),
      bytes: folders.map((f) => Buffer.byteLength(f) <= FOLDER_BYTES),
      whole: folders.map((f) => Buffer.from(f, 'utf8').toString('utf8') === f && /-[0-9a-f]{8}$/.test(f)),
      written: folders.map((f) => existsSync(path.join(out, f, 'report.json'))),
    }).toEqual({ code: 0, crashed: false, bytes: [true, true], whole: [true, true], written: [true, true] })
    // 55 two-byte and 27 four-byte characters: the most that fit beside the suffix.
    expect(folders.map((f) => f.replace(/-[0-9a-f]{8}$/, '')).sort()).toEqual(['Ж'.repeat(55), '𝔸'.repeat(27)].sort())
  })

  it('are the same in every run: a new story `Story` beside `story` does not move `story`', async () => {
    const dir = await tempDir()
    const out = path.join(dir, 'out')
    await run(['analyze', '--quiet', '--corpus', await jsonlCorpus(['story'], dir), '--out', out])
    const day1 = await tree(path.join(out, 'story'))
    const { code } = await run(['analyze', '--quiet', '--corpus', await jsonlCorpus(['story', 'Story'], dir), '--out', out])
    const folders = (await index(out)).map((r) => [r.story_id, r.folder])
    expect({ code, folders, kept: await tree(path.join(out, 'story')) }).toEqual({
      code: 0,
      folders: [
        ['Story', folderName('Story')],
        ['story', 'story'],
      ],
      kept: day1,
    })
    // Safe on a case-insensitive file system: the two folders differ by more than case.
    expect(folderName('Story').toLowerCase()).not.toBe('story')
  })
})

describe('--concurrency', () => {
  it('is capped at the cores with a warning, and keeps a bounded number of stories in flight', async () => {
    const cores = jest.spyOn(os, 'availableParallelism').mockReturnValue(2)
    let inFlight = 0
    let most = 0
    const realRun = Piscina.prototype.run
    const spy = jest.spyOn(Piscina.prototype, 'run').mockImplementation(async function (this: Piscina, ...args: Parameters<Piscina['run']>) {
      most = Math.max(most, ++inFlight)
      try {
        return await realRun.apply(this, args)
      } finally {
        inFlight--
      }
    })
    try {
      const out = path.join(await tempDir(), 'out')
      const stories = Array.from({ length: 12 }, (_, i) => `story-${String(i).padStart(2, '0')}`)
      const { code, stderr } = await run(['analyze', '--quiet', '--concurrency', '100000', '--corpus', await jsonlCorpus(stories), '--out', out])
      const record = JSON.parse(await readFile(path.join(out, 'run.json'), 'utf8')) as { options: { concurrency: number } }
      expect({ code, warning: stderr.split('\n')[0], concurrency: record.options.concurrency, bounded: most >= 2 && most <= 4, rows: (await index(out)).length }).toEqual({
        code: 0,
        warning: '<corpus>: warning: Expected `--concurrency` to be at most the number of cores (2), got `100000`; using 2 [analyze/concurrency-capped]',
        concurrency: 2,
        bounded: true,
        rows: 12,
      })
    } finally {
      spy.mockRestore()
      cores.mockRestore()
    }
  })
})

describe('a full disk', () => {
  it('prints every story message as it comes, exits 2 naming the file, leaves no temporary file and keeps the previous reports', async () => {
    const corpus = await folderCorpus(['market', 'pier'])
    const out = path.join(await tempDir(), 'out')
    expect((await run(['analyze', '--quiet', '--concurrency', '1', '--corpus', corpus, '--out', out])).code).toBe(0)
    const before = await tree(out)
    await writeFile(path.join(corpus, 'pier', 'empty.txt'), '')
    // The disk fills up once the first story is written: the second story and then the run-level files fail.
    const restore = diskFull((file) => file.startsWith(path.join(out, '.pier.new.')) || (path.dirname(file) === out && file.endsWith('.tmp')))
    let result
    try {
      result = await run(['analyze', '--quiet', '--concurrency', '1', '--force', '--corpus', corpus, '--out', out])
    } finally {
      restore()
    }
    const { 'market/.corroborate.json': _m, 'market/report.json': _r, ...after } = await tree(out)
    const { 'market/.corroborate.json': _m0, 'market/report.json': _r0, ...unchanged } = before
    expect({ code: result.code, stderr: result.stderr.split('\n'), leftovers: await leftovers(out), after }).toEqual({
      code: 2,
      stderr: [
        'pier/empty.txt: warning: Unexpected empty article; skipped [ingest/empty-article]',
        `pier: fatal: Cannot write the reports into \`${path.join(out, 'pier')}\`: ENOSPC (no space left on device); the story's previous reports, if any, are kept [write/write-failed]`,
        `corroborate: Cannot write \`${path.join(out, 'index.csv')}\`: ENOSPC (no space left on device)`,
        '',
      ],
      leftovers: [],
      // The run-level files and pier's reports as the previous run wrote them.
      after: unchanged,
    })
  })
})

describe('a full disk while building a resource table', () => {
  it('leaves no temporary table behind and names the file and the errno', async () => {
    const dir = await tempDir()
    const table = path.join(dir, 'wordnet.bin')
    const realWrite = fs.writeFileSync
    // As a full disk: the temporary file is created, its content cannot be written.
    const spy = jest.spyOn(fs, 'writeFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      if (String(file).startsWith(table)) {
        realWrite(file, '')
        throw errno('ENOSPC', 'write')
      }
      return (realWrite as (...a: unknown[]) => void)(file, ...rest)
    }) as typeof fs.writeFileSync)
    let error: unknown
    try {
      buildWordNetTable(table)
    } catch (e) {
      error = e
    } finally {
      spy.mockRestore()
    }
    expect({ message: (error as Error).message, files: await readdir(dir) }).toEqual({ message: `Cannot write the table \`${table}\`: ENOSPC (no space left on device)`, files: [] })
  })
})

describe('a read-only or immutable output folder', () => {
  it.each(['EROFS', 'EPERM'])('stops with a message naming the folder and %s, exit 2, no stack', async (code) => {
    const corpus = await folderCorpus(['market', 'pier'])
    const out = path.join(await tempDir(), 'out')
    await mkdir(out)
    const restore = readOnly(out, code)
    let result
    try {
      result = await run(['analyze', '--quiet', '--corpus', corpus, '--out', out])
    } finally {
      restore()
    }
    const reason = code === 'EROFS' ? 'read-only file system' : 'operation not permitted'
    expect(result).toEqual({ code: 2, stdout: '', stderr: `corroborate: Cannot write into the output folder \`${out}\` (taking its lock \`.corroborate.lock\`): ${code} (${reason})\n` })
    expect(await readdir(out)).toEqual([])
  })
})

describe('an output folder that cannot be made', () => {
  // Node's `mkdir({ recursive: true })` retries for ever where the kernel keeps answering ENOENT.
  ;(existsSync('/proc/self') ? it : it.skip)('stops at once with a message where the kernel refuses it (`/proc/x`)', async () => {
    const result = await run(['analyze', '--quiet', '--corpus', await folderCorpus(['market', 'pier']), '--out', '/proc/corroborate-out'])
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'corroborate: Cannot create the output folder `/proc/corroborate-out`: ENOENT (no such file or directory)\n' })
  })
})

describe('a damaged story folder', () => {
  it.each([
    ['a deleted report', (dir: string) => rm(path.join(dir, 'statements.csv')), 'its report `statements.csv` is missing'],
    ['an emptied report', (dir: string) => writeFile(path.join(dir, 'report.json'), ''), 'its report `report.json` differs from what was written (damaged or edited)'],
  ])('is redone without `--force` (%s), with an info message saying why', async (_what, damage, why) => {
    const corpus = await folderCorpus(['market', 'pier'])
    const out = path.join(await tempDir(), 'out')
    await run(['analyze', '--quiet', '--corpus', corpus, '--out', out])
    const before = await tree(out)
    await damage(path.join(out, 'market'))
    const { code, stderr } = await run(['analyze', '--verbose', '--concurrency', '1', '--corpus', corpus, '--out', out])
    const { 'run.json': _a, ...after } = await tree(out)
    const { 'run.json': _b, ...whole } = before
    expect({ code, redone: stderr.split('\n').filter((l) => l.startsWith('[') || l.includes('damaged-report')), after }).toEqual({
      code: 0,
      redone: [
        expect.stringMatching(/^\[1\/2\] market: ok, 2 articles, \d+ statements$/),
        `market: info: Redoing the story although its input is unchanged: ${why} [analyze/damaged-report]`,
        '[2/2] pier: unchanged, reports kept',
      ],
      after: whole,
    })
  })
})

describe('pairs and calibrate', () => {
  it('refuse an output file that is the input file', async () => {
    const dir = await tempDir()
    const tsv = path.join(dir, 'pairs.tsv')
    await writeFile(tsv, 'text_a\ttext_b\tlabel\nThe council voted.\tThe council held a vote.\t1\n')
    const results = [await run(['pairs', '--in', tsv, '--out', tsv]), await run(['calibrate', '--pairs', tsv, '--out', tsv])]
    expect({ codes: results.map((r) => r.code), stderr: results.map((r) => r.stderr.split('\n')[0]), input: await readFile(tsv, 'utf8') }).toEqual({
      codes: [2, 2],
      stderr: [
        `corroborate: Expected \`--out\` to be another file than \`--in\`, got \`${tsv}\` for both: it would replace the input`,
        `corroborate: Expected \`--out\` to be another file than \`--pairs\`, got \`${tsv}\` for both: it would replace the input`,
      ],
      input: 'text_a\ttext_b\tlabel\nThe council voted.\tThe council held a vote.\t1\n',
    })
  })
})
