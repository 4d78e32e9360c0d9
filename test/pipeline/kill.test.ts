// A run killed at any moment (SIGKILL) loses nothing: every story keeps its previous reports whole, and the
// next run finishes the rest.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { main } from '../../pipeline/cli.js'
import { tree } from '../helpers.js'

const bin = path.join(__dirname, '..', '..', 'bin', 'corroborate.js')
const built = existsSync(path.join(__dirname, '..', '..', 'dist', 'pipeline', 'cli.js'))

async function corpus(stories: number): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-kill-'))
  for (let i = 0; i < stories; i++) {
    const story = path.join(dir, `story-${String(i).padStart(2, '0')}`)
    await mkdir(story)
    await writeFile(path.join(story, 'a.txt'), `The council of Town ${i} voted on Monday to close the market for repairs.\n\nRepairs are expected to cost about $${i + 2} million, the town said.`)
    await writeFile(path.join(story, 'b.txt'), `Town ${i} will close its market after a council vote on Monday.\n\nThe town estimates the repairs at $${i + 2} million.`)
  }
  return dir
}

/** A corpus of 30 stories analysed once (its reports in `before`), then every story given another article. */
async function analysedThenChanged() {
  const input = await corpus(30)
  const out = `${input}-out`
  const io = { stdout: () => {}, stderr: () => {} }
  expect(await main(['analyze', '--corpus', input, '--out', out, '--quiet'], io)).toBe(0)
  const before = await tree(out)
  for (const story of await readdir(input)) await writeFile(path.join(input, story, 'c.txt'), 'The market opened in 1911 and has been repaired twice since then.')
  return { input, out, io, before }
}

// The bin runs the built code (`make test` builds first).
;(built ? describe : describe.skip)('a run killed with SIGKILL', () => {
  it('leaves every previous report whole, and the next run completes', async () => {
    // Every story changed since the first run, so that the next run rewrites them all; it is killed once it has started writing.
    const { input, out, io, before } = await analysedThenChanged()
    const child = spawn(process.execPath, [bin, 'analyze', '--corpus', input, '--out', out, '--force'], { stdio: ['ignore', 'ignore', 'pipe'] })
    await new Promise<void>((resolve) => {
      let seen = ''
      child.stderr.on('data', (chunk: Buffer) => {
        seen += chunk.toString()
        // Killed in the middle: some stories rewritten, others not yet.
        if (/\[5\/30\]/.test(seen)) child.kill('SIGKILL')
      })
      child.on('exit', () => resolve())
    })
    const during = await tree(out)
    // Each story folder holds either its old reports or its new ones, whole: never a mix, never a partial file.
    const stories = Object.keys(before).filter((f) => f.endsWith('/report.json')).map((f) => f.split('/')[0]!)
    const broken = stories.filter((story) => {
      const files = Object.keys(before).filter((f) => f.startsWith(`${story}/`))
      const old = files.every((f) => during[f] === before[f])
      const fresh = files.every((f) => during[f] !== undefined) && JSON.parse(during[`${story}/report.json`]!).articles.length === 3
      return !(old || fresh)
    })
    expect(broken).toEqual([])
    // The next run takes over the lock the killed run left, clears its half-written temporary folders and
    // finishes every story.
    expect(await main(['analyze', '--corpus', input, '--out', out, '--quiet'], io)).toBe(0)
    const after = await tree(out)
    expect(stories.filter((story) => JSON.parse(after[`${story}/report.json`]!).articles.length !== 3)).toEqual([])
    expect(Object.keys(after).filter((f) => f.endsWith('.tmp') || /(^|\/)\.[^/]+\.(new|old)\./.test(f) || f === '.corroborate.lock')).toEqual([])
  })
})

// SIGTERM (a service manager, `kill`) or SIGINT (Ctrl-C): the run stops cleanly, says so, and leaves nothing behind.
;(built ? describe : describe.skip)('a run stopped by a signal', () => {
  it.each([
    ['SIGTERM', 143, '1'],
    ['SIGINT', 130, '2'],
  ])('%s: stops starting stories, keeps every report whole, releases the lock, prints the summary and exits %i (%s thread(s))', async (signal, exitCode, threads) => {
    const { input, out, before } = await analysedThenChanged()
    const child = spawn(process.execPath, [bin, 'analyze', '--corpus', input, '--out', out, '--force', '--concurrency', threads], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) => {
      let sent = false
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
        // Once the run is under way (its first story merged), not after a delay.
        if (!sent && /\[1\/30\]/.test(stderr)) {
          sent = true
          child.kill(signal as NodeJS.Signals)
        }
      })
      child.on('exit', (code, sig) => resolve({ code, signal: sig }))
    })
    const after = await tree(out)
    const lines = stderr.trim().split('\n')
    const stopped = lines.find((l) => l.startsWith('corroborate: stopped by '))
    const done = Number(/after (\d+) of 30/.exec(stopped ?? '')?.[1])
    expect({
      exit,
      stopped: stopped?.replace(/after \d+ of/, 'after N of'),
      summary: lines[lines.length - 1]!.startsWith(`corroborate: ${done} ${done === 1 ? 'story' : 'stories'} (${done} ok)`),
      leftovers: Object.keys(after).filter((f) => f.endsWith('.tmp') || /(^|\/)\.[^/]+\.(new|old)\./.test(f) || f === '.corroborate.lock'),
      runFiles: ['index.csv', 'terms.csv', 'run.json'].map((f) => after[f] === before[f]),
    }).toEqual({
      exit: { code: exitCode, signal: null },
      stopped: `corroborate: stopped by ${signal} after N of 30 stories; the others keep their previous reports, and index.csv, terms.csv and run.json are left as the last complete run wrote them`,
      summary: true,
      leftovers: [],
      runFiles: [true, true, true],
    })
    expect(done).toBeLessThan(30)
    // Each story folder holds its old reports or its new ones, whole; the new ones are those the summary counts.
    const stories = Object.keys(before).filter((f) => f.endsWith('/report.json')).map((f) => f.split('/')[0]!).sort()
    const state = stories.map((story) => {
      const files = Object.keys(before).filter((f) => f.startsWith(`${story}/`))
      if (files.every((f) => after[f] === before[f])) return 'old'
      return files.every((f) => after[f] !== undefined) && JSON.parse(after[`${story}/report.json`]!).articles.length === 3 ? 'new' : 'broken'
    })
    expect(state.sort()).toEqual([...Array(done).fill('new'), ...Array(30 - done).fill('old')])
  })
})
