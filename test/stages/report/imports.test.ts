// report's imports: what report/ loads at run time, so that naming a report's columns pulls in no analysis stage.
import { readFileSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../../..')

/** The modules (relative to the root) a source file imports at run time: `import type` and all-`type` braces left out. */
function runtimeImports(file: string, text = readFileSync(path.join(ROOT, file), 'utf8')): string[] {
  const found: string[] = []
  for (const [, clause, target] of text.matchAll(/^(?:import|export)\s+([^'"]*?)\s*from\s+'([^']+)'/gm)) {
    if (!target!.startsWith('.')) continue
    if (/^type\b/.test(clause!)) continue
    const names = /\{([^}]*)\}/.exec(clause!)
    const bare = clause!.replace(/\{[^}]*\}/, '').replace(/[\s,]/g, '')
    if (names && bare === '' && names[1]!.split(',').every((n) => n.trim() === '' || /^type\s/.test(n.trim()))) continue
    // Sources import each other as `./x.js` (nodenext): the file is `./x.ts`.
    found.push(path.normalize(path.join(path.dirname(file), target!.replace(/\.js$/, '.ts'))))
  }
  return found
}

/** Every module `entry` loads at run time, itself included. */
function closure(entry: string): Set<string> {
  const seen = new Set<string>()
  const stack = [entry]
  while (stack.length > 0) {
    const file = stack.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    if (file.endsWith('.ts')) stack.push(...runtimeImports(file))
  }
  return seen
}

describe('report imports', () => {
  it('reads a type-only import or re-export as no import, and one with any value in it as an import', () => {
    const text = [
      "import type { A } from './a.js'",
      "import { type B, b } from './b.js'",
      "import { type C } from './c.js'",
      "export { d } from './d.js'",
      "export type { E } from './e.js'",
      "import f from '../f.json'",
      "import { stringify } from 'csv-stringify/sync'",
    ].join('\n')
    expect(runtimeImports('stages/report/x.ts', text)).toEqual(['stages/report/b.ts', 'stages/report/d.ts', 'stages/f.json'])
  })

  it('loads no analysis stage (framing, align, similarity) at run time: the frame columns are named from the ledger and the shipped lexicon', () => {
    const loaded = [...closure('stages/report/index.ts')]
    expect(loaded.filter((f) => /^stages\/(framing|align|similarity|clean|ingest)\//.test(f) || /^(pipeline|commands)\//.test(f))).toEqual([])
  })
})
