// The import graph of our sources, read from their import specifiers (no compiler needed): for the layering tests.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** The folders of our sources, relative to the repository root. */
export const SOURCE_FOLDERS = ['core', 'lang', 'resources', 'stages', 'commands', 'pipeline'] as const

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..')

/** Every `.ts` file under `folders`, relative to the root with `/` separators, sorted. */
export function sourceFiles(folders: readonly string[] = SOURCE_FOLDERS): string[] {
  const found: string[] = []
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`
      if (entry.isDirectory()) walk(child)
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(child)
    }
  }
  for (const folder of folders) walk(folder)
  return found.sort()
}

// `import … from '…'`, `export … from '…'`, `import '…'`, `import('…')`, `require('…')`; type-only imports count
// too, since a type is as much a dependency of the file that names it as a value is.
const SPECIFIER = /(?:^|[;\s])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[;\s])import\s*['"]([^'"]+)['"]|\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/gm

/** The import specifiers of a source text, in order (comments left out so a quoted example is not an import). */
export function importSpecifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
  return [...code.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2] ?? m[3]!)
}

/** The file a relative specifier of `from` names (`./x.js` is `./x.ts` here), relative to the root; null for a package. */
export function resolveRelative(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier))
  return target.replace(/\.js$/, '.ts')
}

/** Each source file's relative imports, resolved to files (JSON and other non-TypeScript files included). */
export function importGraph(files: readonly string[] = sourceFiles()): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const specifiers = importSpecifiers(readFileSync(path.join(ROOT, file), 'utf8'))
    graph.set(file, [...new Set(specifiers.map((s) => resolveRelative(file, s)).filter((t): t is string => t !== null))])
  }
  return graph
}

/**
 * The imports that lie on a cycle, as `from -> to`, sorted: the edges inside a strongly connected component of the
 * graph (Tarjan's algorithm), a file importing itself included. A new cycle always adds at least one such edge.
 */
export function cycleEdges(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const component = new Map<string, number>()
  const stack: string[] = []
  let counter = 0
  let components = 0
  const visit = (file: string) => {
    index.set(file, counter)
    low.set(file, counter++)
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue
      if (!index.has(next)) {
        visit(next)
        low.set(file, Math.min(low.get(file)!, low.get(next)!))
      } else if (!component.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!))
    }
    if (low.get(file) !== index.get(file)) return
    for (let member = stack.pop()!; ; member = stack.pop()!) {
      component.set(member, components)
      if (member === file) break
    }
    components++
  }
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file)
  // Two files of one component reach each other, so an import between them closes a cycle (a self-import too).
  const edges: string[] = []
  for (const [file, imports] of graph) for (const next of imports) if (graph.has(next) && component.get(file) === component.get(next)) edges.push(`${file} -> ${next}`)
  return edges.sort()
}
