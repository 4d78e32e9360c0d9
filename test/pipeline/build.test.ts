// `npm run build` builds what `make build` builds: the sources of tsconfig.build.json (never test/) and the tables.
import { readFileSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.join(__dirname, '..', '..')

describe('the build', () => {
  it('runs the same compiler project and table build from npm as from make', () => {
    const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
    const makefile = readFileSync(path.join(ROOT, 'Makefile'), 'utf8')
    const make = ['npx tsc -p tsconfig.build.json', 'node dist/pipeline/tables.js'].filter((step) => makefile.includes(`\t${step}\n`))
    expect({ make, npm: scripts.build }).toEqual({ make: ['npx tsc -p tsconfig.build.json', 'node dist/pipeline/tables.js'], npm: 'tsc -p tsconfig.build.json && node dist/pipeline/tables.js' })
  })

  it('never compiles test/', () => {
    const build = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] }
    expect(build.include.filter((glob) => glob.startsWith('test'))).toEqual([])
  })
})
