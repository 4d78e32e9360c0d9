// Golden files: the sample corpus's reports, byte for byte. `UPDATE_GOLDEN=1 npx jest test/golden.test.ts` rewrites
// them; review that diff like code.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { main } from '../pipeline/cli.js'

const root = path.join(__dirname, '..')
const expectedDir = path.join(__dirname, 'golden', 'sample')
const update = process.env.UPDATE_GOLDEN === '1'

/** Every file below `dir`, as paths relative to it, sorted; run.json is left out (it records timings). */
function files(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name)
      const rel = prefix ? `${prefix}/${name}` : name
      return statSync(full).isDirectory() ? files(full, rel) : name === 'run.json' ? [] : [rel]
    })
}

describe('golden reports of the sample corpus', () => {
  let out: string
  beforeAll(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'corroborate-golden-'))
    const io = { stdout: () => {}, stderr: () => {} }
    // Run from the repository root with relative paths, as `make analyze` does, so recorded paths are stable.
    const cwd = process.cwd()
    process.chdir(root)
    try {
      await main(['analyze', '--corpus', 'corpus', '--out', out, '--quiet'], io)
    } finally {
      process.chdir(cwd)
    }
    if (update) {
      rmSync(expectedDir, { recursive: true, force: true })
      for (const file of files(out)) {
        mkdirSync(path.dirname(path.join(expectedDir, file)), { recursive: true })
        writeFileSync(path.join(expectedDir, file), readFileSync(path.join(out, file)))
      }
    }
  })
  afterAll(() => rmSync(out, { recursive: true, force: true }))

  it('writes exactly the expected files', () => {
    expect(files(out)).toEqual(files(expectedDir))
  })

  it('writes every file byte for byte as expected', () => {
    const differing = files(expectedDir).filter((file) => !readFileSync(path.join(out, file)).equals(readFileSync(path.join(expectedDir, file))))
    expect(differing).toEqual([])
  })
})
