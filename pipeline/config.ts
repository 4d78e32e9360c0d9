// The JSON config file of `corroborate analyze --config FILE`: every analyze option, and replacement lexicons.
import path from 'node:path'
import { checkLexicon, DEFAULT_LEXICONS, LEXICON_NAMES, type Lexicons } from '../stages/framing/index.js'
import { CorroborateError, quoteJson, quoteValue } from '../core/messages.js'
import { readJsonFile } from './read.js'

/** What a config file may set; flags given on the command line win. */
export interface Config {
  readonly corpus?: string
  readonly out?: string
  readonly stories?: readonly string[]
  readonly model?: string
  readonly maxBytes?: number
  readonly digestWords?: number
  readonly concurrency?: number
  readonly excel?: boolean
  readonly strict?: boolean
  readonly quiet?: boolean
  readonly verbose?: boolean
  readonly followOutsideLinks?: boolean
  readonly lexicons?: Lexicons
}

const KEYS = ['corpus', 'out', 'stories', 'model', 'maxBytes', 'digestWords', 'concurrency', 'excel', 'strict', 'quiet', 'verbose', 'followOutsideLinks', 'lexicons'] as const

/** Largest config file read (1 MB): a config is a few lines; a bigger file is the wrong file. */
export const CONFIG_MAX_BYTES = 1024 * 1024
/** Largest lexicon file read (10 MB: the shipped sentiment list is 30 KB). */
export const LEXICON_MAX_BYTES = 10 * 1024 * 1024

/**
 * Read and validate a config file; paths in it are relative to the file. Throws a TypeError with code
 * `ERR_INVALID_CONFIG` whose message names the file, the key and what was wrong.
 */
export function readConfig(file: string): Config {
  const fail = (reason: string): never => {
    throw new CorroborateError('ERR_INVALID_CONFIG', `${file}: ${reason}`)
  }
  // Bounded in size and nesting, and a syntax error given by position only (its message names the file already).
  const value = readJsonFile(file, { what: 'config', maxBytes: CONFIG_MAX_BYTES })
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(`Expected a JSON object, got ${quoteValue(Array.isArray(value) ? 'array' : typeof value)}`)
  const raw = value as Record<string, unknown>
  for (const key of Object.keys(raw)) if (!(KEYS as readonly string[]).includes(key)) fail(`Unexpected key ${quoteJson(key)}; expected one of ${KEYS.join(', ')}`)
  const dir = path.dirname(file)
  const text = (key: string): string | undefined => {
    const v = raw[key]
    if (v === undefined) return undefined
    if (typeof v !== 'string' || v === '') return fail(`Expected \`${key}\` to be a non-empty string, got ${quoteJson(v)}`)
    return path.resolve(dir, v)
  }
  const positive = (key: string): number | undefined => {
    const v = raw[key]
    if (v === undefined) return undefined
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) return fail(`Expected \`${key}\` to be a positive integer, got ${quoteJson(v)}`)
    return v
  }
  const flag = (key: string): boolean | undefined => {
    const v = raw[key]
    if (v === undefined) return undefined
    if (typeof v !== 'boolean') return fail(`Expected \`${key}\` to be true or false, got ${quoteJson(v)}`)
    return v
  }
  let stories: string[] | undefined
  if (raw.stories !== undefined) {
    if (!Array.isArray(raw.stories) || !raw.stories.every((s) => typeof s === 'string')) fail(`Expected \`stories\` to be a list of story ids, got ${quoteJson(raw.stories)}`)
    stories = raw.stories as string[]
  }
  let lexicons: Lexicons | undefined
  if (raw.lexicons !== undefined) {
    if (typeof raw.lexicons !== 'object' || raw.lexicons === null || Array.isArray(raw.lexicons)) fail(`Expected \`lexicons\` to be an object of lexicon names (${LEXICON_NAMES.join(', ')}), got ${quoteJson(raw.lexicons)}`)
    const replaced: Record<string, unknown> = { ...DEFAULT_LEXICONS }
    for (const [name, entry] of Object.entries(raw.lexicons as Record<string, unknown>)) {
      // A lexicon is given inline or as the path of a JSON file.
      let content = entry
      if (typeof entry === 'string') {
        const lexiconFile = path.resolve(dir, entry)
        try {
          content = readJsonFile(lexiconFile, { what: `lexicon \`lexicons.${name}\``, maxBytes: LEXICON_MAX_BYTES })
        } catch (error) {
          fail((error as Error).message)
        }
      }
      replaced[name] = checkLexicon(name, content, file)
    }
    lexicons = replaced as unknown as Lexicons
  }
  return {
    corpus: text('corpus'),
    out: text('out'),
    stories,
    model: text('model'),
    maxBytes: positive('maxBytes'),
    digestWords: positive('digestWords'),
    concurrency: positive('concurrency'),
    excel: flag('excel'),
    strict: flag('strict'),
    quiet: flag('quiet'),
    verbose: flag('verbose'),
    followOutsideLinks: flag('followOutsideLinks'),
    lexicons,
  }
}
