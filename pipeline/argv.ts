// The command line parsed against the settings table, with messages a user can act on: an unknown flag names the
// closest one ("did you mean `--corpus`?"), a flag missing its value or given one it does not take says so. Node's
// own parseArgs messages (quoted with '...', about "positional arguments") never reach the user.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { CorroborateError } from '../core/messages.js'
import { type Command, type FlagValue, SETTINGS } from './settings.js'

/** The flags every command takes besides its settings. */
const GLOBAL_FLAGS = ['help', 'version'] as const

/** The parser's options: every flag of every command, typed by its setting. */
const OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  ...Object.fromEntries(
    Object.values(SETTINGS)
      .flat()
      .filter((s) => s.flag !== null)
      .map((s) => [s.flag!, { type: s.type === 'boolean' ? ('boolean' as const) : ('string' as const), ...(s.type === 'strings' ? { multiple: true } : {}) }]),
  ),
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
}

/** A command line parsed: the command (the first positional), what follows it, and the flags by name. */
export interface ParsedArgv {
  readonly command: string | undefined
  readonly rest: readonly string[]
  readonly values: Readonly<Record<string, FlagValue>>
}

/**
 * Parse `argv` (without node and script) against the settings table; a flag unknown (to every command, or to the
 * one given), without its value or with a value it does not take throws a CorroborateError (`ERR_USAGE`) whose
 * message the CLI prints. Commands and their arguments are left to the caller.
 */
export function parseArgv(argv: readonly string[]): ParsedArgv {
  // Not strict: every token is checked here, so that each problem gets its own message.
  const { values, positionals, tokens } = parseArgs({ args: [...argv], allowPositionals: true, strict: false, tokens: true, options: OPTIONS })
  const command = positionals[0]
  const known = command !== undefined && Object.hasOwn(SETTINGS, command) ? (command as Command) : null
  const flags = known === null ? Object.keys(OPTIONS) : [...SETTINGS[known].flatMap((s) => (s.flag === null ? [] : [s.flag])), ...GLOBAL_FLAGS]
  for (const token of tokens) {
    if (token.kind !== 'option') continue
    const shown = `\`${token.rawName}\``
    const option = Object.hasOwn(OPTIONS, token.name) ? OPTIONS[token.name]! : null
    if (option === null) {
      const guess = token.rawName.startsWith('--') ? closest(token.name, flags) : null
      throw usage(`Unexpected option ${shown}${guess === null ? '' : `; did you mean \`--${guess}\`?`}`)
    }
    if (!flags.includes(token.name)) {
      const owners = Object.entries(SETTINGS).filter(([, settings]) => settings.some((s) => s.flag === token.name)).map(([name]) => `\`${name}\``)
      throw usage(`Unexpected option ${shown} for \`${known}\` (it is an option of ${owners.join(' and ')})`)
    }
    if (option.type === 'boolean') {
      if (token.value !== undefined) throw usage(`Unexpected value \`${token.value}\` for ${shown}, which takes none`)
      continue
    }
    // `--corpus --out x`: the next flag is no value. A value that starts with a dash is given as `--corpus=-x`, and
    // a lone `-` (stdin) is a value.
    const missing = token.value === undefined || (!token.inlineValue && token.value.startsWith('-') && token.value !== '-')
    if (missing) throw usage(`Expected a value after ${shown}${argName(token.name)}, got ${token.value === undefined ? 'none' : `the option \`${token.value}\``}`)
  }
  return { command, rest: positionals.slice(1), values: values as Record<string, FlagValue> }
}

/** What a flag's value is called, for the message: ` (PATH)`. */
function argName(flag: string): string {
  const arg = Object.values(SETTINGS)
    .flat()
    .find((s) => s.flag === flag)?.arg
  return arg === undefined ? '' : ` (${arg})`
}

function usage(message: string): CorroborateError {
  return new CorroborateError('ERR_USAGE', message)
}

/**
 * The candidate closest to `name` by edit distance (insertions, deletions, substitutions and swaps of two neighbours
 * each cost 1), when it is close enough to be a typo: at most 2 edits, or a third of its length; or the one
 * candidate `name` begins (`--conc` for `--concurrency`). Null when none is.
 */
export function closest(name: string, candidates: readonly string[]): string | null {
  const lower = name.toLowerCase()
  let best: string | null = null
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate)
    if (d < bestDistance) [best, bestDistance] = [candidate, d]
  }
  if (best !== null && bestDistance <= Math.max(2, Math.floor(lower.length / 3))) return best
  const prefixed = lower.length >= 3 ? candidates.filter((c) => c.startsWith(lower)) : []
  return prefixed.length === 1 ? prefixed[0]! : null
}

/** Optimal string alignment distance: Levenshtein's, with a swap of two neighbouring characters costing 1. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1)
      rows[i]![j] = d
    }
  }
  return rows[a.length]![b.length]!
}
