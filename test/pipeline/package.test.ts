// Install and embed, as a user would: `npm pack` (its `prepack` builds dist/), `npm install -g` of the tarball into
// a temporary prefix, then the installed `corroborate` run from another folder on a fresh machine's tables (built on
// first use into the user's cache, the installation being unwritable here), and `require('corroborate')` resolved
// through the package's `exports`, typed by its `types`.
// The packing runs in a copy of the sources, so that its build never rewrites dist/ under the other tests' feet.
// npm installs the dependencies from its cache where it can (`--prefer-offline`); the packuments it lacks come from
// the registry. Some 40-70 s in all on the 2-core machine of BENCHMARKS.md, most of it npm unpacking 460 MB.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { STORY_FILE_NAMES } from '../../stages/report/index.js'

const ROOT = path.join(__dirname, '..', '..')
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string }
// What the build reads (tsconfig.build.json's folders but bench/, which the tarball leaves out) and what ships.
const SOURCES = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'core', 'lang', 'resources', 'stages', 'commands', 'pipeline', 'types', 'models', 'bin']

const HARROW = `Voters in Harrow approved a new library levy on Saturday by a margin of 812 votes.

The levy will raise about 1.4 million dollars a year for longer opening hours and new books.
`
const NORTH = `Harrow voters approved a new library levy on Saturday by a margin of 812 votes.

The money, about 1.4 million dollars a year, will pay for longer opening hours and new books.
`

let temp: string
let prefix: string
let installed: string
let tarball: string
let cache: string
// The environment of a user on a fresh machine: no table built anywhere it looks.
let env: NodeJS.ProcessEnv

beforeAll(() => {
  temp = mkdtempSync(path.join(os.tmpdir(), 'corroborate-package-'))
  const src = path.join(temp, 'src')
  for (const name of SOURCES) cpSync(path.join(ROOT, name), path.join(src, name), { recursive: true })
  // prepack's tsc comes from the dependencies; the tarball never holds node_modules.
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(src, 'node_modules'))
  // What an older build left in dist/ (a module since removed): prepack builds afresh, so it never ships.
  mkdirSync(path.join(src, 'dist', 'stages', 'gone'), { recursive: true })
  writeFileSync(path.join(src, 'dist', 'stages', 'gone', 'index.js'), 'module.exports = {}\n')
  const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } })
  tarball = path.join(temp, npm(['pack', '--silent', '--pack-destination', temp], src).trim().split('\n').at(-1)!)
  prefix = path.join(temp, 'prefix')
  npm(['install', '--global', '--prefix', prefix, tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error'], temp)
  installed = path.join(prefix, 'lib', 'node_modules', PACKAGE.name)
  // An installation the user cannot write (as root, a file where the cache folder would go): the tables go to the
  // user's cache instead.
  writeFileSync(path.join(installed, 'node_modules', '.cache'), '')
  cache = path.join(temp, 'cache')
  const { CORROBORATE_VECTORS: _vectors, ...rest } = process.env
  env = { ...rest, XDG_CACHE_HOME: cache, HOME: path.join(temp, 'home') }
}, 300_000)

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true })
})

/** Files of a folder, recursively, relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort()
}

describe('the packed tarball', () => {
  it('holds the build (a fresh one), the bin, the model and the lexicons, and no tests, benchmarks or sources', () => {
    const entries = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n')
    const shipped = (p: string) => entries.includes(`package/${p}`)
    expect({
      needed: ['bin/corroborate.js', 'dist/pipeline/cli.js', 'dist/pipeline/library.js', 'dist/pipeline/library.d.ts', 'dist/pipeline/worker.js', 'dist/models/default.json', 'dist/lang/en/lexicons/hedges.json', 'models/default.json', 'README.md', 'package.json'].filter((p) => !shipped(p)),
      unwanted: entries.filter((e) => /^package\/(test|bench|dist\/bench|dist\/test|node_modules|corpus|output)\//.test(e) || /\.ts$/.test(e.replace(/\.d\.ts$/, '')) || e.endsWith('.build-stamp') || e.includes('/gone/')),
    }).toEqual({ needed: [], unwanted: [] })
  })
})

describe('the installed command', () => {
  it('analyses a corpus from any folder, building its tables once into the user cache with a message', () => {
    const work = path.join(temp, 'work')
    for (const [name, text] of [
      ['harrow-post.txt', HARROW],
      ['north-bulletin.txt', NORTH],
    ]) {
      mkdirSync(path.join(work, 'stories', 'levy'), { recursive: true })
      writeFileSync(path.join(work, 'stories', 'levy', name!), text!)
    }
    const bin = path.join(prefix, 'bin', 'corroborate')
    const first = spawnSync(bin, ['analyze', '--corpus', 'stories', '--out', 'reports', '--concurrency', '1', '--quiet'], { cwd: work, env, encoding: 'utf8' })
    const second = spawnSync(bin, ['analyze', '--corpus', 'stories', '--out', 'again', '--quiet'], { cwd: work, env, encoding: 'utf8' })
    const version = spawnSync(bin, ['--version'], { cwd: os.tmpdir(), env, encoding: 'utf8' })
    const building = (stderr: string) => stderr.split('\n').filter((line) => line.includes('building the')).map((line) => line.replace(cache, 'CACHE').replace(/ \(.*\)$/, ''))
    expect({
      first: [first.status, building(first.stderr)],
      second: [second.status, building(second.stderr)],
      version: [version.status, version.stdout],
      reports: existsSync(path.join(work, 'reports', 'levy', 'statements.csv')) && existsSync(path.join(work, 'again', 'levy', 'statements.csv')),
      cache: files(cache),
    }).toEqual({
      first: [0, ['corroborate: building the word-vector table once into CACHE/corroborate/glove-wink-sg-100d-top150k.bin', 'corroborate: building the WordNet table once into CACHE/corroborate/wordnet-3.1.bin']],
      second: [0, []],
      version: [0, `${PACKAGE.version}\n`],
      reports: true,
      cache: ['corroborate/glove-wink-sg-100d-top150k.bin', 'corroborate/wordnet-3.1.bin'],
    })
  }, 180_000)

  it("is required as `corroborate` through its exports, typed, and analyzeArticles writes nothing", () => {
    // A program beside the installed package, in the user's own folder.
    const app = path.join(prefix, 'lib')
    writeFileSync(
      path.join(app, 'app.ts'),
      `import { analyzeArticles, type AnalyzeArticlesResult } from 'corroborate'
const articles = [{ id: 'harrow', outlet: 'Harrow Post', text: ${JSON.stringify(HARROW)} }, { id: 'north', outlet: 'North Bulletin', text: ${JSON.stringify(NORTH)} }]
analyzeArticles(articles, { storyId: 'levy' }).then((result: AnalyzeArticlesResult) => {
  const statements: number = result.ledger === null ? 0 : result.ledger.statements.length
  process.stdout.write(JSON.stringify({ status: result.status, statements, files: result.files === null ? 0 : result.files.size }))
})
`,
    )
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
    const typed = spawnSync(process.execPath, [tsc, '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--strict', '--skipLibCheck', '--types', 'node', '--typeRoots', path.join(ROOT, 'node_modules', '@types'), '--outDir', app, path.join(app, 'app.ts')], { cwd: app, encoding: 'utf8' })
    const cwd = mkdtempSync(path.join(temp, 'empty-'))
    const ran = spawnSync(process.execPath, [path.join(app, 'app.js')], { cwd, env, encoding: 'utf8' })
    const deep = spawnSync(process.execPath, ['-e', "require('corroborate/dist/pipeline/cli.js')"], { cwd: app, encoding: 'utf8' })
    expect({
      typed: [typed.status, typed.stdout],
      ran: [ran.status, ran.stderr, JSON.parse(ran.stdout || '{}')],
      wrote: readdirSync(cwd),
      deep: /ERR_PACKAGE_PATH_NOT_EXPORTED/.test(deep.stderr),
    }).toEqual({ typed: [0, ''], ran: [0, '', { status: 'ok', statements: expect.any(Number), files: STORY_FILE_NAMES.length }], wrote: [], deep: true })
    expect(JSON.parse(ran.stdout).statements).toBeGreaterThan(0)
  }, 120_000)
})
