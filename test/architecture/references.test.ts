// Cited files: the documents and the comments of the code name only files the repository has, so a reader can open
// what they are sent to (types.ts cited a design document the repository does not have; a path left behind by a
// move; a guide kept beside the repository instead of in it).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { REPORT_FILES } from '../helpers.js'
import { ROOT, SOURCE_FOLDERS, sourceFiles } from './imports.js'

/**
 * A file cited by path: a document anywhere (`README.md`, `corpus/README.md`), or a file of ours under one
 * of our folders (`stages/score/relate.ts`, `test/fixtures/sample-pairs.tsv`).
 */
const CITED = /(?<![\w./-])(?:(?:\.\.?\/)*[\w.-]+\/)*[\w-]+\.md\b|(?<![\w./-])(?:\.\.\/)*(?:core|lang|resources|stages|commands|pipeline|bench|test|models|corpus)\/[\w./-]*\w\.(?:ts|json|tsv|md)\b/g

/** The prose of a source text: its comments (code strings name files tests write, not files a reader opens). */
function comments(text: string): string {
  return text
    .split('\n')
    .map((line) => (/^\s*(?:\/\/|\/\*|\*)/.test(line) ? line : (/\s\/\/\s(.*)$/.exec(line)?.[1] ?? '')))
    .join('\n')
}

/** Every Markdown file of the repository but the reports kept as golden files, relative to the root. */
function documents(): string[] {
  const found: string[] = []
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || ['node_modules', 'output', 'golden', 'dist'].includes(entry.name)) continue
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`
      if (entry.isDirectory()) walk(child)
      else if (entry.name.endsWith('.md')) found.push(child)
    }
  }
  walk('')
  return found.sort()
}

/**
 * The cited files of `file`'s text that are not in the repository, as `file: cited`; read relative to `file` or the
 * root. A report file a run writes (`digest.md`) is named, not cited.
 */
function missing(file: string, text: string): string[] {
  return [...new Set(text.match(CITED) ?? [])]
    .filter((cited) => !(REPORT_FILES as readonly string[]).includes(cited))
    .filter((cited) => {
      const inRepository = (p: string) => !path.relative(ROOT, p).startsWith('..') && existsSync(p)
      return !inRepository(path.resolve(ROOT, path.dirname(file), cited)) && !inRepository(path.resolve(ROOT, cited))
    })
    .map((cited) => `${file}: ${cited}`)
}

describe('cited files', () => {
  it('are in the repository, for every document and every comment of the code, the tests and the bench', () => {
    const offenders = [
      ...documents().flatMap((file) => missing(file, readFileSync(path.join(ROOT, file), 'utf8'))),
      ...sourceFiles([...SOURCE_FOLDERS, 'bench', 'test']).flatMap((file) => missing(file, comments(readFileSync(path.join(ROOT, file), 'utf8')))),
    ]
    expect(offenders).toEqual([])
  })

  it('are told by the check that guards them', () => {
    const text = [
      '// An article (DESIGN.md: id, outlet).',
      '// The labelling guide (../shared/ANNOTATION.md); the layout (README.md).',
      ' * Checked by test/ledger.test.ts and test/stages/score/relate.test.ts.',
      "const file = 'stages/report/x.ts' // not a citation: a string",
    ].join('\n')
    expect(missing('core/types.ts', comments(text))).toEqual(['core/types.ts: DESIGN.md', 'core/types.ts: ../shared/ANNOTATION.md', 'core/types.ts: test/ledger.test.ts'])
  })
})
