// Scheduled batch runs: an unchanged story is not redone, a changed one is, and one run at a time writes a folder.
// The module object itself (not an import namespace copy), so that a spy on it is seen by the code under test.
import fsp = require('node:fs/promises')
import { chmod, mkdtemp, readFile, stat, utimes, writeFile, mkdir } from 'node:fs/promises'
import { existsSync, readFileSync } from 'node:fs'

import os from 'node:os'
import path from 'node:path'
import { main } from '../../pipeline/cli.js'
import { acquireLock } from '../../pipeline/lock.js'
import { MARKET_STORY, tree } from '../helpers.js'

const STORY_A = MARKET_STORY.tribune
const STORY_B = MARKET_STORY.herald

async function corpus(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-batch-'))
  for (const story of ['market', 'pier']) {
    await mkdir(path.join(dir, story))
    await writeFile(path.join(dir, story, 'tribune.txt'), STORY_A.join('\n\n'))
    await writeFile(path.join(dir, story, 'herald.txt'), STORY_B.join('\n\n'))
  }
  return dir
}

async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  const err: string[] = []
  const code = await main(argv, { stdout: () => {}, stderr: (s) => err.push(s) })
  return { code, stderr: err.join('') }
}

describe('incremental runs', () => {
  it('keeps the reports of unchanged stories, byte for byte, and says so', async () => {
    const input = await corpus()
    const out = path.join(input, '..', `${path.basename(input)}-out`)
    await run(['analyze', '--corpus', input, '--out', out])
    const { 'run.json': _first, ...before } = await tree(out)
    const { code, stderr } = await run(['analyze', '--corpus', input, '--out', out])
    const { 'run.json': _second, ...after } = await tree(out)
    expect({ code, unchanged: stderr.includes('(2 stories unchanged)'), same: after }).toEqual({ code: 0, unchanged: true, same: before })
  })

  it('redoes only the story whose article changed', async () => {
    const input = await corpus()
    const out = path.join(input, '..', `${path.basename(input)}-out`)
    await run(['analyze', '--corpus', input, '--out', out])
    await writeFile(path.join(input, 'pier', 'herald.txt'), [...STORY_B, 'The market has stood on the harbor since 1911.'].join('\n\n'))
    const { stderr } = await run(['analyze', '--corpus', input, '--out', out])
    expect(stderr).toContain('market: unchanged, reports kept')
    expect(stderr).toContain('pier: ok')
    const sentences = JSON.parse(await readFile(path.join(out, 'pier', 'report.json'), 'utf8')).sentences as { text: string }[]
    expect(sentences.some((s) => s.text.includes('1911'))).toBe(true)
  })

  it('redoes every story with `--force` or when an option changes', async () => {
    const input = await corpus()
    const out = path.join(input, '..', `${path.basename(input)}-out`)
    await run(['analyze', '--corpus', input, '--out', out])
    expect((await run(['analyze', '--force', '--corpus', input, '--out', out])).stderr).not.toContain('unchanged')
    expect((await run(['analyze', '--digest-words', '40', '--corpus', input, '--out', out])).stderr).not.toContain('unchanged')
  })
})

describe('the output lock', () => {
  it('refuses to write a folder another live run holds, naming that run', async () => {
    const input = await corpus()
    const out = path.join(input, '..', `${path.basename(input)}-out`)
    await mkdir(out)
    // This very process stands for the other run: it is alive.
    await writeFile(path.join(out, '.corroborate.lock'), JSON.stringify({ pid: process.pid, host: os.hostname(), started: '2026-11-22T06:00:00.000Z' }))
    const { code, stderr } = await run(['analyze', '--corpus', input, '--out', out])
    expect({ code, stderr }).toEqual({
      code: 2,
      stderr: `corroborate: Output folder \`${out}\` is in use by another corroborate run (pid ${process.pid} on ${os.hostname()}, started 2026-11-22T06:00:00.000Z); wait for it to finish, or remove \`${path.join(out, '.corroborate.lock')}\` if that run is gone\n`,
    })
  })

  it('takes over the lock of a run that is gone, with a warning, and leaves no lock behind', async () => {
    const input = await corpus()
    const out = path.join(input, '..', `${path.basename(input)}-out`)
    await mkdir(out)
    await writeFile(path.join(out, '.corroborate.lock'), JSON.stringify({ pid: 2 ** 22 + 17, host: os.hostname(), started: '2026-11-22T06:00:00.000Z' }))
    const { code, stderr } = await run(['analyze', '--corpus', input, '--out', out, '--quiet'])
    expect(code).toBe(0)
    expect(stderr).toContain('.corroborate.lock: warning: Took over the lock left by a run that is gone')
    expect(Object.keys(await tree(out))).not.toContain('.corroborate.lock')
  })
})

describe('the output lock, when its holder cannot be the run it names', () => {
  const lockFile = (out: string) => path.join(out, '.corroborate.lock')
  const elevenMinutesAgo = () => new Date(Date.now() - 11 * 60 * 1000)
  async function withLock(content: string, mtime?: Date): Promise<{ input: string; out: string }> {
    const input = await corpus()
    const out = path.join(input, '..', `${path.basename(input)}-out`)
    await mkdir(out)
    await writeFile(lockFile(out), content)
    if (mtime) await utimes(lockFile(out), mtime, mtime)
    return { input, out }
  }

  it('takes over a lock whose pid is alive but has not refreshed it for 10 minutes (pid 1, a reused pid)', async () => {
    const { input, out } = await withLock(JSON.stringify({ pid: 1, host: os.hostname(), started: '2026-11-22T06:00:00.000Z' }), elevenMinutesAgo())
    const { code, stderr } = await run(['analyze', '--corpus', input, '--out', out, '--quiet'])
    expect({ code, warning: stderr.split('\n')[0], lock: existsSync(lockFile(out)) }).toEqual({
      code: 0,
      warning: `.corroborate.lock: warning: Took over the lock left by a run whose pid is in use but that has not refreshed it for 11 minutes (pid 1 on ${os.hostname()}, started 2026-11-22T06:00:00.000Z) [write/recovered-lock]`,
      lock: false,
    })
  })

  ;(existsSync('/proc/self/stat') ? it : it.skip)('takes over at once a lock whose pid now belongs to a process started at another time', async () => {
    const { input, out } = await withLock(JSON.stringify({ pid: process.pid, host: os.hostname(), started: '2026-11-22T06:00:00.000Z', procStart: '1' }))
    const { code, stderr } = await run(['analyze', '--corpus', input, '--out', out, '--quiet'])
    expect({ code, warning: stderr.split('\n')[0] }).toEqual({
      code: 0,
      warning: `.corroborate.lock: warning: Took over the lock left by a run that is gone, its pid now used by another process (pid ${process.pid} on ${os.hostname()}, started 2026-11-22T06:00:00.000Z) [write/recovered-lock]`,
    })
  })

  it('refuses a malformed lock (pid -1) with a clear message while fresh, and takes it over once 10 minutes old', async () => {
    const content = JSON.stringify({ pid: -1, host: os.hostname() })
    const { input, out } = await withLock(content)
    const fresh = await run(['analyze', '--corpus', input, '--out', out, '--quiet'])
    expect(fresh).toEqual({
      code: 2,
      stderr: `corroborate: Unexpected lock \`${lockFile(out)}\`: expected a JSON record with a positive integer \`pid\` and a \`host\`, got \`${content}\`; it is taken over once not refreshed for 10 minutes, or remove it if no corroborate run is using this output folder\n`,
    })
    await utimes(lockFile(out), elevenMinutesAgo(), elevenMinutesAgo())
    const old = await run(['analyze', '--corpus', input, '--out', out, '--quiet'])
    expect({ code: old.code, warning: old.stderr.split('\n')[0] }).toEqual({
      code: 0,
      warning: '.corroborate.lock: warning: Took over the lock left by a malformed lock not refreshed for 11 minutes [write/recovered-lock]',
    })
  })

  it('refuses a lock that is a folder with a clear message, and leaves the folder alone', async () => {
    const input = await corpus()
    const out = path.join(input, '..', `${path.basename(input)}-out`)
    await mkdir(lockFile(out), { recursive: true })
    await writeFile(path.join(lockFile(out), 'keep.txt'), 'mine\n')
    const { code, stderr } = await run(['analyze', '--corpus', input, '--out', out, '--quiet'])
    expect({ code, stderr, kept: await tree(out) }).toEqual({
      code: 2,
      stderr: `corroborate: Expected the lock \`${lockFile(out)}\` to be a file, got a folder; remove it if no corroborate run is using this output folder\n`,
      kept: { '.corroborate.lock/keep.txt': 'mine\n' },
    })
  })

  it('refuses the fresh lock of a run on another host (a shared folder), and takes it over once 10 minutes old', async () => {
    const { input, out } = await withLock(JSON.stringify({ pid: 4242, host: 'newsroom-2', started: '2026-11-22T06:00:00.000Z' }))
    const fresh = await run(['analyze', '--corpus', input, '--out', out, '--quiet'])
    expect({ code: fresh.code, stderr: fresh.stderr.replace(/refreshed \d+ s ago/, 'refreshed N s ago') }).toEqual({
      code: 2,
      stderr:
        `corroborate: Output folder \`${out}\` is in use by a corroborate run on another host (pid 4242 on newsroom-2, started 2026-11-22T06:00:00.000Z; refreshed N s ago); ` +
        'wait for it to finish: a lock from another host is taken over once not refreshed for 10 minutes\n',
    })
    await utimes(lockFile(out), elevenMinutesAgo(), elevenMinutesAgo())
    const old = await run(['analyze', '--corpus', input, '--out', out, '--quiet'])
    expect({ code: old.code, warning: old.stderr.split('\n')[0] }).toEqual({
      code: 0,
      warning: '.corroborate.lock: warning: Took over the lock left by a run on another host that has not refreshed it for 11 minutes (pid 4242 on newsroom-2, started 2026-11-22T06:00:00.000Z) [write/recovered-lock]',
    })
  })

  it('records pid, host, start time and a token, refreshes its heartbeat, and removes only its own lock', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'corroborate-lock-'))
    const lock = await acquireLock(out, new Date('2026-11-22T06:00:00.000Z'))
    const holder = JSON.parse(readFileSync(lockFile(out), 'utf8')) as Record<string, unknown>
    expect(holder).toEqual({
      pid: process.pid,
      host: os.hostname(),
      started: '2026-11-22T06:00:00.000Z',
      procStart: existsSync('/proc/self/stat') ? expect.stringMatching(/^\d+$/) : null,
      boot: existsSync('/proc/sys/kernel/random/boot_id') ? expect.any(String) : null,
      token: expect.stringMatching(/^[0-9a-f]{16}$/),
    })
    await utimes(lockFile(out), elevenMinutesAgo(), elevenMinutesAgo())
    await lock.beat()
    expect(Date.now() - (await stat(lockFile(out))).mtimeMs).toBeLessThan(60 * 1000)
    // Another run's lock in its place (this one's was taken over) is not removed on release.
    await writeFile(lockFile(out), JSON.stringify({ ...holder, token: 'another' }))
    await lock.release()
    expect(existsSync(lockFile(out))).toBe(true)
  })
})

describe('--log-format json', () => {
  it('writes one JSON object per line on stderr: progress, messages and the summary, and nothing on stdout', async () => {
    const input = await corpus()
    await writeFile(path.join(input, 'market', 'empty.txt'), '')
    const out: string[] = []
    const err: string[] = []
    const code = await main(['analyze', '--corpus', input, '--out', `${input}-out`, '--log-format', 'json'], { stdout: (s) => out.push(s), stderr: (s) => err.push(s) })
    const events = err.join('').trim().split('\n').map((line) => JSON.parse(line) as { event: string; ruleId?: string; file?: string; fatal?: number; warnings?: number })
    expect({ code, stdout: out.join(''), kinds: [...new Set(events.map((e) => e.event))] }).toEqual({ code: 0, stdout: '', kinds: ['progress', 'message', 'summary'] })
    expect(events.find((e) => e.event === 'message')).toMatchObject({ ruleId: 'empty-article', file: path.join('market', 'empty.txt') })
    expect(events[events.length - 1]).toMatchObject({ event: 'summary', fatal: 0, warnings: 1 })
  })

  it('rejects another format as bad usage', async () => {
    expect((await run(['analyze', '--log-format', 'xml'])).code).toBe(2)
  })
})

describe('links in the corpus', () => {
  it('reports a symbolic link loop and a link to a folder, follows none, and analyses the rest', async () => {
    const { symlink } = await import('node:fs/promises')
    const input = await corpus()
    await symlink('loop.txt', path.join(input, 'market', 'loop.txt'))
    await symlink(path.join(input, 'pier'), path.join(input, 'market', 'pier-link'))
    const { code, stderr } = await run(['analyze', '--corpus', input, '--out', `${input}-out`, '--quiet'])
    expect({
      code,
      messages: stderr
        .split('\n')
        .filter((l) => l.includes(': warning: '))
        .sort(),
      summary: stderr.includes('2 stories (2 ok)'),
    }).toEqual({
      code: 0,
      messages: [
        `${path.join('market', 'loop.txt')}: warning: Unexpected broken symbolic link; ignored [read/broken-link]`,
        `${path.join('market', 'pier-link')}: warning: Unexpected symbolic link to a folder; not followed [read/linked-folder]`,
      ],
      summary: true,
    })
  })
})

describe('an unreadable file', () => {
  it('is reported by name and reason, and the other stories complete', async () => {
    const input = await corpus()
    const denied = path.join(input, 'market', 'herald.txt')
    await chmod(denied, 0o000)
    // Root reads any file whatever its mode (as in CI containers): there, the read itself is made to fail as the
    // kernel would fail it for anyone else.
    const realOpen = fsp.open
    const spy =
      process.getuid?.() === 0
        ? jest.spyOn(fsp, 'open').mockImplementation(((file: Parameters<typeof fsp.open>[0], ...rest: unknown[]) =>
            String(file) === denied
              ? Promise.reject(Object.assign(new Error(`EACCES: permission denied, open '${denied}'`), { code: 'EACCES' }))
              : (realOpen as (...a: unknown[]) => Promise<unknown>)(file, ...rest)) as typeof fsp.open)
        : null
    try {
      const { code, stderr } = await run(['analyze', '--corpus', input, '--out', `${input}-out`, '--quiet'])
      expect(code).toBe(1)
      expect(stderr).toContain(`${path.join('market', 'herald.txt')}: fatal: Cannot read file: EACCES (permission denied, open '${denied}'); skipped [read/unreadable-file]`)
      expect(stderr).toContain('2 stories (1 ok)')
      const index = await readFile(path.join(`${input}-out`, 'index.csv'), 'utf8')
      expect(index).toMatch(/^pier,ok,2,/m)
      expect(index).toMatch(/^market,too-few-articles,1,/m)
    } finally {
      spy?.mockRestore()
      await chmod(denied, 0o644)
    }
  })
})

describe('progress', () => {
  it('draws a bar on a terminal instead of a line per story', async () => {
    const input = await corpus()
    const drawn: string[] = []
    const terminal = { isTTY: true, columns: 100, rows: 30, write: (s: string) => drawn.push(s) > 0, on: () => terminal, once: () => terminal, removeListener: () => terminal }
    const err: string[] = []
    const code = await main(['analyze', '--corpus', input, '--out', `${input}-out`], {
      stdout: () => {},
      stderr: (s) => err.push(s),
      terminal: terminal as unknown as NodeJS.WriteStream,
    })
    expect({ code, bar: drawn.join('').includes('2/2 stories'), lines: err.join('').includes('[1/2]') }).toEqual({ code: 0, bar: true, lines: false })
  })
})
