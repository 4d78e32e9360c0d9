// File length: no source file over 500 lines unless its header comment says why it is longer.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT, sourceFiles } from './imports.js'

/** Most lines a source file may have without a reason in its header comment. */
const MOST_LINES = 500

/**
 * Files still long without a reason, being changed by other parts of issues 12 and 13 (none today). A listed file
 * that is no longer long, or that gives a reason, fails the test too, so the list only shrinks.
 */
const PENDING: readonly string[] = []

/** The header comment of a source text: its leading `//` lines, joined. */
function headerOf(text: string): string {
  const lines: string[] = []
  for (const line of text.split('\n')) {
    if (!line.startsWith('//')) break
    lines.push(line.replace(/^\/\/\s?/, ''))
  }
  return lines.join(' ')
}

/**
 * The length a header comment gives, with its reason: "Some 530 lines: the runner and its command share their types"
 * → 530; null without one (a number of lines and a colon, then a reason of three words or more).
 */
function statedLength(header: string): number | null {
  const m = /\b(\d[\d,]*) lines: (\S+\s+\S+\s+\S+)/.exec(header)
  return m ? Number(m[1]!.replace(/,/g, '')) : null
}

/**
 * Files over `MOST_LINES` whose header gives no reason, or a reason written for another length (more than a fifth
 * off): a reason for 530 lines does not cover 900.
 */
function offenders(files: readonly string[]): string[] {
  return files.flatMap((file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8')
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
    if (lines <= MOST_LINES) return []
    const stated = statedLength(headerOf(text))
    if (stated === null) return [`${file}: ${lines} lines, no reason in its header comment`]
    if (Math.abs(stated - lines) > lines / 5) return [`${file}: ${lines} lines, its header says ${stated}`]
    return []
  })
}

describe('source files', () => {
  it(`are ${MOST_LINES} lines or fewer, or say in their header comment why they are longer (but for the files being split)`, () => {
    expect(offenders(sourceFiles()).filter((o) => !PENDING.some((file) => o.startsWith(`${file}:`)))).toEqual([])
  })

  it('list as being split only files still long without a reason (the list only shrinks)', () => {
    const long = offenders(sourceFiles())
    expect(PENDING.filter((file) => !long.some((o) => o.startsWith(`${file}:`)))).toEqual([])
  })

  it('have their reason read from the header comment only', () => {
    const header = headerOf('// `analyze`: the batch runner. Some 530 lines: the runner and its\n// command share their types.\nimport x from "y"\n// 900 lines: not a header\n')
    expect([statedLength(header), statedLength(headerOf('// A module of 600 lines.\n')), statedLength(headerOf('const a = 1\n// 600 lines: too late to count\n'))]).toEqual([530, null, null])
  })
})
