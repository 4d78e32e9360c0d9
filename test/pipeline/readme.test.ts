// The README's "Use as a library" example, run as it stands against the built package (resolved as `corroborate`
// through its `exports`), so that the documentation cannot drift from the code.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { STORY_FILE_NAMES } from '../../stages/report/index.js'
import { tempFolders } from '../helpers.js'

const ROOT = path.join(__dirname, '..', '..')
/** The marker the README puts on the line before the example's code block. */
const MARKER = '<!-- example: test/pipeline/readme.test.ts runs this block as it stands -->'
/** Whether the built code the package exports is there (`make test` builds first). */
const BUILT = existsSync(path.join(ROOT, 'dist', 'pipeline', 'library.js'))

const tempDir = tempFolders('readme')

/** The code block right after the marker, or null when the README has none. */
function example(): string | null {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  const at = readme.indexOf(`${MARKER}\n`)
  if (at < 0) return null
  const block = /^```js\n([\s\S]*?)^```$/m.exec(readme.slice(at + MARKER.length + 1))
  return block === null || block.index !== 0 ? null : block[1]!
}

;(BUILT ? describe : describe.skip)('the README', () => {
  it("runs its library example as written: outlets renamed, the conflict found, every report file and the workbook", async () => {
    const code = example()
    expect(code).not.toBeNull()
    // A program in its own folder, with the package as `node_modules/corroborate` (what an install gives).
    const app = await tempDir()
    await mkdir(path.join(app, 'node_modules'))
    await symlink(ROOT, path.join(app, 'node_modules', 'corroborate'), 'dir')
    await writeFile(path.join(app, 'example.mjs'), code!)
    const ran = spawnSync(process.execPath, [path.join(app, 'example.mjs')], { cwd: app, encoding: 'utf8' })
    expect({ status: ran.status, stderr: ran.stderr, stdout: ran.stdout }).toEqual({
      status: 0,
      stderr: '',
      stdout: `ok [ 'Harrow Post', 'North Bulletin' ] [ '812 vs 900' ] true ${STORY_FILE_NAMES.length} true\n`,
    })
  })
})
