// lang/en holds the English: a stage module declares no word list or word pattern of its own.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT, sourceFiles } from '../../architecture/imports.js'
import { ANONYMOUS, isName, NEGATIONS } from '../../../lang/en/words.js'
import { attributionDiffers, sameSource } from '../../../lang/en/sources.js'

/**
 * Stage modules that still hold English lists, being edited by other parts of issues 12 and 13 (none today); their
 * lists move to lang/en/words.ts.
 */
const PENDING: readonly string[] = []

/** Lists of words that are not English, with why. */
const NOT_ENGLISH: Readonly<Record<string, string>> = {
  'stages/ingest/html.ts: VOID': 'HTML element names',
  'stages/ingest/html.ts: RAW_TEXT': 'HTML element names',
  'stages/ingest/html.ts: OPTIONAL_END': 'HTML element names',
}

/**
 * The top-level constants of a module that are word lists: a Set or Map of two or more lower-case words, or a
 * regular expression with an alternation of three or more words (`(?:said|says|told)`).
 */
function wordLists(text: string): string[] {
  const found: string[] = []
  for (const m of text.matchAll(/^(?:export )?const ([A-Za-z_$][\w$]*)\b[^=\n]*=([\s\S]*?)(?=\n\S)/gm)) {
    const body = m[2]!
    const quoted = (body.match(/'[^'\n]*'/g) ?? []).join(' ')
    const set = /^\s*new (?:Set|Map)\(/.test(body) && (quoted.match(/\b[a-z]{2,}\b/g) ?? []).length >= 2
    const pattern = /^\s*\/.*\(\?:[a-z' ]{2,}\|[a-z' ]{2,}\|[a-z' ]{2,}/.test(body)
    if (set || pattern) found.push(m[1]!)
  }
  // A pattern written inline: `.replace(/\b(?:said|says|added)\b/, '')`, or of names (`/\b(Associated Press|Reuters|AP)\b/`).
  text.split('\n').forEach((line, i) => {
    if (/\/[^/]*\((?:\?:)?[A-Za-z' -]+\|[A-Za-z' -]+\|[A-Za-z' -]+[|)]/.test(line.replace(/^\s*\/\/.*$/, ''))) found.push(`line ${i + 1}`)
  })
  return [...new Set(found)]
}

describe('English word lists', () => {
  it('live in lang/en, not in the stages (but for the modules still being moved)', () => {
    const offenders = sourceFiles(['stages'])
      .filter((file) => !PENDING.includes(file))
      .flatMap((file) => wordLists(readFileSync(path.join(ROOT, file), 'utf8')).map((name) => `${file}: ${name}`))
      .filter((list) => !Object.hasOwn(NOT_ENGLISH, list))
    expect(offenders).toEqual([])
  })

  it('are told by the check that guards them', () => {
    const text = [
      "const STOP = new Set(['the', 'an'])",
      "const ABBREVIATIONS = new Set(\n  'sen sens rep'.split(' '),\n)",
      "const TAGS = /\\b(?:said|says|told)\\b/",
      "const LIMIT = 5",
      "const COLUMNS = ['story_id', 'status']",
      "const SCRIPTS = ['Arabic', 'Hebrew']",
      "  return text.replace(/^(?:the|a|an)\\s+/i, '')",
      "  // the words (?:said|says|told) in a comment",
      "  const agency = /\\b(Associated Press|Agence France-Presse|AFP)\\b/.exec(text)",
    ].join('\n')
    expect(wordLists(`${text}\n`)).toEqual(['STOP', 'ABBREVIATIONS', 'TAGS', 'line 5', 'line 9', 'line 11'])
  })

  it("have one address each: no lang module re-exports another's (stages import words.ts, not nlp.ts)", () => {
    const reExports = sourceFiles(['lang']).flatMap((file) =>
      [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/^export (?:type )?(?:\*|\{[^}]*\}) from .*$/gm)].map((m) => `${file}: ${m[0]}`),
    )
    expect(reExports).toEqual([])
  })

  it('hold one NEGATIONS set', () => {
    expect([...NEGATIONS]).toEqual(['not', 'no', 'never', 'nobody', 'nothing', 'none', 'neither', 'nor', 'without'])
  })

  it('tell anonymous and named sources apart', () => {
    expect(ANONYMOUS.test('an official familiar with the talks')).toBe(true)
    expect(isName('Port Alder Transit')).toBe(true)
    expect(isName('city officials')).toBe(false)
    expect(attributionDiffers('the Kremlin', 'the White House')).toBe(true)
    expect(attributionDiffers('the mayor', 'Diane Whitlock')).toBe(false)
    expect(attributionDiffers('Samuel Ortega', 'sources')).toBe(true)
    expect(sameSource('Ortega', 'Samuel Ortega')).toBe(true)
  })
})
