// Layering: core/ imports nothing of ours, and our modules import one another without a cycle.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { cycleEdges, importGraph, importSpecifiers, ROOT, SOURCE_FOLDERS, sourceFiles } from './imports.js'

describe('core/', () => {
  it('imports nothing outside core/ (packages aside)', () => {
    const offenders = sourceFiles(['core']).flatMap((file) =>
      importSpecifiers(readFileSync(path.join(ROOT, file), 'utf8'))
        .filter((s) => s.startsWith('.') && !path.posix.normalize(path.posix.join(path.posix.dirname(file), s)).startsWith('core/'))
        .map((s) => `${file} imports ${s}`),
    )
    expect(offenders).toEqual([])
  })
})

/**
 * Imports that lie on a cycle today, as `from -> to` (none: the layout has no cycle left). An import on a
 * cycle that is not listed (a new cycle) fails the test; a listed import no longer on a cycle fails it too, so the
 * list only shrinks. Empty it as the cycles go.
 */
const KNOWN_CYCLE_EDGES: readonly string[] = []

describe('imports', () => {
  it('form no new cycle among our modules', () => {
    const edges = cycleEdges(importGraph())
    expect(edges.filter((e) => !KNOWN_CYCLE_EDGES.includes(e))).toEqual([])
  })

  it('list as known only cycles that still exist (the list only shrinks)', () => {
    const edges = cycleEdges(importGraph())
    expect(KNOWN_CYCLE_EDGES.filter((e) => !edges.includes(e))).toEqual([])
  })

  it('are read from every form of import (the cycle test relies on it)', () => {
    const text = [
      "import type { A } from '../a.js'",
      "import { b,\n  c } from './b.js'",
      "export { d } from './d.js'",
      "import './e.js'",
      "const f = require('./f.json')",
      "// import { g } from './g.js'",
      "const url = 'https://example.com/x'",
    ].join('\n')
    expect(importSpecifiers(text)).toEqual(['../a.js', './b.js', './d.js', './e.js', './f.json'])
  })

  it('finds the imports on a cycle, and only those', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', ['d.ts', 'e.ts']],
      ['e.ts', []],
    ])
    expect(cycleEdges(graph)).toEqual(['a.ts -> b.ts', 'b.ts -> c.ts', 'c.ts -> a.ts', 'd.ts -> d.ts'])
  })
})

/** Top-level names each module declares (exported or not), re-exports left out: `export { x } from` declares nothing. */
function declarations(folders: readonly string[]): { file: string; name: string; exported: boolean }[] {
  const found: { file: string; name: string; exported: boolean }[] = []
  for (const file of sourceFiles(folders)) {
    const text = readFileSync(path.join(ROOT, file), 'utf8')
    for (const m of text.matchAll(/^(export\s+)?(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|var|interface|type|class|enum)\s+([A-Za-z_$][\w$]*)/gm)) {
      found.push({ file, name: m[2]!, exported: m[1] !== undefined })
    }
  }
  return found
}

describe('names', () => {
  // "two `round`s and two `LabelledPair`s": one name, one thing, wherever a reader meets it.
  const all = declarations([...SOURCE_FOLDERS, 'bench'])

  const exportedTwice = () => {
    const byName = new Map<string, string[]>()
    for (const d of all.filter((x) => x.exported)) byName.set(d.name, [...(byName.get(d.name) ?? []), d.file])
    return [...byName].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`)
  }

  it('are exported by one module each', () => {
    expect(exportedTwice()).toEqual([])
  })

  it('that core/ exports are not declared again elsewhere', () => {
    const core = new Set(all.filter((d) => d.exported && d.file.startsWith('core/')).map((d) => d.name))
    expect(all.filter((d) => !d.file.startsWith('core/') && core.has(d.name)).map((d) => `${d.file}: ${d.name}`)).toEqual([])
  })
})
