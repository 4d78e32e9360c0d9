// The settings table: every option of every command, once, with its flag, config key, type, default and whether it
// changes the reports. The CLI's parser, `--help`, the config validator, the incremental-run fingerprint and run.json
// are all derived from it, so that a new option is added in one place and cannot be forgotten in another.
// Some 500 lines: one table for all seven commands, so that a flag shared by two of them is one setting.
import { createHash } from 'node:crypto'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { CorroborateError, quoteJson } from '../core/messages.js'
import { checkLexicon, LEXICON_NAMES } from '../stages/framing/index.js'
import { DEFAULT_LEXICONS } from '../lang/en/lexicons/index.js'
import type { Lexicons } from '../core/types.js'
import { DEFAULT_BOOST, DEFAULT_FOLDS } from '../resources/model.js'
import { DEFAULT_MAX_BYTES } from '../stages/ingest/index.js'
import { DEFAULT_DIGEST_WORDS } from '../stages/score/digest.js'
import { readJsonFile } from './read.js'

/** The commands of the CLI. */
export type Command = 'analyze' | 'pairs' | 'calibrate' | 'enqueue' | 'worker' | 'collect' | 'status'

/**
 * How a setting is written and checked: `string` (a path or name; in a config, a non-empty string taken relative to
 * the config file), `strings` (a repeatable flag; in a config, a list), `integer` and `number` (positive), `boolean`
 * (a flag without value), `choice` (one of `choices`), `lexicons` (config only: replacement word lists), `names` (config
 * only: an object of names to names).
 */
export type SettingType = 'string' | 'strings' | 'integer' | 'number' | 'boolean' | 'choice' | 'lexicons' | 'names'

/** One option: where it comes from, what it holds, and what it changes. */
export interface Setting {
  /** Its name in the resolved settings (camelCase). */
  readonly key: string
  /** Its command-line flag without the dashes, or null when only a config file sets it. */
  readonly flag: string | null
  /** Its key in a config file, or null when only the command line sets it. */
  readonly configKey: string | null
  readonly type: SettingType
  /** The value when neither flag nor config sets it (`undefined`: none; the command decides or asks for it). */
  readonly default: unknown
  /** The default in words, for `--help` and the README, when the value itself does not say it. */
  readonly defaultText?: string
  /**
   * Whether the setting can change a story's reports: such settings are hashed into the fingerprint that decides
   * whether an unchanged story is kept on a re-run.
   */
  readonly affectsReports: boolean
  /** The one line `--help` prints. */
  readonly help: string
  /** What the flag's value is called in `--help` (`FILE`, `N`). */
  readonly arg?: string
  /** Smallest value accepted (numbers; default: anything positive). */
  readonly min?: number
  /** The values a `choice` accepts. */
  readonly choices?: readonly string[]
}

/** What `--fail-on` accepts: the least severe message that makes `analyze` exit 1, or `never`. */
export const FAIL_ON = ['fatal', 'warning', 'never'] as const

/** When `analyze` exits 1 for its messages (see `FAIL_ON`). */
export type FailOn = (typeof FAIL_ON)[number]

const ANALYZE: readonly Setting[] = [
  { key: 'config', flag: 'config', configKey: null, type: 'string', default: null, affectsReports: false, arg: 'FILE', help: 'JSON file with any of these options (camelCase) and replacement lexicons; flags win' },
  {
    key: 'corpus',
    flag: 'corpus',
    configKey: 'corpus',
    type: 'string',
    default: 'corpus',
    affectsReports: false,
    arg: 'PATH',
    help: 'corpus folder (one sub-folder per story, or one flat folder), JSONL file, CSV file, or `-` for JSONL on stdin',
  },
  { key: 'out', flag: 'out', configKey: 'out', type: 'string', default: 'output', affectsReports: false, arg: 'DIR', help: 'output folder' },
  { key: 'stories', flag: 'story', configKey: 'stories', type: 'strings', default: [], defaultText: 'all stories', affectsReports: false, arg: 'ID', help: 'analyse only this story; repeat for more' },
  // Hashed by the model's content, not its file name: a refitted model in the same file redoes every story.
  { key: 'model', flag: 'model', configKey: 'model', type: 'string', default: null, defaultText: 'the shipped model', affectsReports: true, arg: 'FILE', help: 'similarity model from `calibrate`' },
  { key: 'maxBytes', flag: 'max-bytes', configKey: 'maxBytes', type: 'integer', default: DEFAULT_MAX_BYTES, affectsReports: true, arg: 'N', help: 'skip articles larger than N bytes' },
  { key: 'digestWords', flag: 'digest-words', configKey: 'digestWords', type: 'integer', default: DEFAULT_DIGEST_WORDS, affectsReports: true, arg: 'N', help: "words of the digest's corroborated part" },
  {
    key: 'concurrency',
    flag: 'concurrency',
    configKey: 'concurrency',
    type: 'integer',
    default: null,
    defaultText: 'the number of cores',
    affectsReports: false,
    arg: 'N',
    help: 'stories analysed at once on worker threads (at most the number of cores); 1: no threads',
  },
  { key: 'excel', flag: 'excel', configKey: 'excel', type: 'boolean', default: false, affectsReports: true, help: 'write CSV with a UTF-8 byte order mark and CRLF line ends' },
  {
    key: 'prune',
    flag: 'prune',
    configKey: 'prune',
    type: 'boolean',
    default: false,
    affectsReports: false,
    help: 'move story folders whose story is no longer in the corpus to OUT/.pruned/<date>/ (by default they are listed as `not-in-corpus`)',
  },
  {
    key: 'xlsx',
    flag: 'xlsx',
    configKey: 'xlsx',
    type: 'boolean',
    default: false,
    affectsReports: true,
    help: 'write report.xlsx too, per story and for the run: typed cells, so ids such as `001` stay text',
  },
  { key: 'noHtml', flag: 'no-html', configKey: 'noHtml', type: 'boolean', default: false, affectsReports: true, help: 'write no report.html per story and no index.html' },
  { key: 'force', flag: 'force', configKey: null, type: 'boolean', default: false, affectsReports: false, help: 'redo every story (by default a story whose input, options and version are unchanged is kept)' },
  {
    key: 'followOutsideLinks',
    flag: 'follow-outside-links',
    configKey: 'followOutsideLinks',
    type: 'boolean',
    default: false,
    // Which files are read is in the story's key already (each input's name and hash).
    affectsReports: false,
    help: 'follow symbolic links in a folder corpus that lead outside it',
  },
  {
    key: 'failOn',
    flag: 'fail-on',
    configKey: 'failOn',
    type: 'choice',
    choices: FAIL_ON,
    default: 'fatal',
    affectsReports: false,
    arg: 'WHEN',
    help: 'exit 1 on `fatal` messages (an input or story dropped), on any `warning` too, or `never` (only a failed story)',
  },
  { key: 'strict', flag: 'strict', configKey: 'strict', type: 'boolean', default: false, affectsReports: false, help: 'exit 1 when there are warnings (the same as `--fail-on warning`)' },
  { key: 'quiet', flag: 'quiet', configKey: 'quiet', type: 'boolean', default: false, affectsReports: false, help: 'print only warnings, errors and the summary' },
  { key: 'verbose', flag: 'verbose', configKey: 'verbose', type: 'boolean', default: false, affectsReports: false, help: 'print info messages too' },
  {
    key: 'logFormat',
    flag: 'log-format',
    configKey: null,
    type: 'choice',
    choices: ['text', 'json'],
    default: 'text',
    affectsReports: false,
    arg: 'F',
    help: '`text` or `json`: one JSON object per line on stderr (progress, message, summary)',
  },
  {
    key: 'outlets',
    flag: null,
    configKey: 'outlets',
    type: 'names',
    default: {},
    defaultText: 'none',
    // Outlets are counted under their new names in every figure.
    affectsReports: true,
    help: 'outlet names as the input spells them to the names the reports use, `{"NYT": "New York Times"}`',
  },
  { key: 'lexicons', flag: null, configKey: 'lexicons', type: 'lexicons', default: DEFAULT_LEXICONS, defaultText: 'the shipped ones', affectsReports: true, help: `replacement word lists by name (${LEXICON_NAMES.join(', ')})` },
]

const PAIRS: readonly Setting[] = [
  { key: 'in', flag: 'in', configKey: null, type: 'string', default: undefined, affectsReports: false, arg: 'PAIRS.tsv', help: 'the pairs to score' },
  { key: 'out', flag: 'out', configKey: null, type: 'string', default: undefined, defaultText: 'stdout', affectsReports: false, arg: 'FILE', help: 'where the scored rows go' },
  { key: 'model', flag: 'model', configKey: null, type: 'string', default: null, defaultText: 'the shipped model', affectsReports: false, arg: 'FILE', help: 'similarity model from `calibrate`' },
  { key: 'quiet', flag: 'quiet', configKey: null, type: 'boolean', default: false, affectsReports: false, help: 'no progress lines' },
]

const CALIBRATE: readonly Setting[] = [
  { key: 'pairs', flag: 'pairs', configKey: null, type: 'string', default: undefined, affectsReports: false, arg: 'LABELLED.tsv', help: 'the labelled pairs to fit' },
  { key: 'out', flag: 'out', configKey: null, type: 'string', default: undefined, affectsReports: false, arg: 'MODEL.json', help: 'where the model is written' },
  { key: 'folds', flag: 'folds', configKey: null, type: 'integer', min: 2, default: DEFAULT_FOLDS, affectsReports: false, arg: 'N', help: 'folds of cross-validation' },
  { key: 'rounds', flag: 'rounds', configKey: null, type: 'integer', default: DEFAULT_BOOST.rounds, affectsReports: false, arg: 'N', help: 'boosting rounds of each bag' },
  { key: 'depth', flag: 'depth', configKey: null, type: 'integer', default: DEFAULT_BOOST.depth, affectsReports: false, arg: 'N', help: 'depth of each tree' },
  { key: 'learningRate', flag: 'learning-rate', configKey: null, type: 'number', default: DEFAULT_BOOST.learningRate, affectsReports: false, arg: 'X', help: 'learning rate of each bag' },
  { key: 'quiet', flag: 'quiet', configKey: null, type: 'boolean', default: false, affectsReports: false, help: 'no progress lines' },
]

// The job queue (`enqueue`, `worker`, `collect`, `status`): where Redis is and which queue, then each command's own.
const REDIS: Setting = { key: 'redis', flag: 'redis', configKey: null, type: 'string', default: 'redis://127.0.0.1:6379', affectsReports: false, arg: 'URL', help: 'the Redis server holding the job queue' }
const QUEUE: Setting = { key: 'queue', flag: 'queue', configKey: null, type: 'string', default: 'corroborate', affectsReports: false, arg: 'NAME', help: 'the job queue (one per output folder)' }
const analyzeSetting = (key: string): Setting => ANALYZE.find((s) => s.key === key)!

const ENQUEUE: readonly Setting[] = [
  // Every setting of `analyze` but the threads: the workers decide how many stories they run at once.
  ...ANALYZE.filter((s) => s.key !== 'concurrency'),
  REDIS,
  QUEUE,
  { key: 'attempts', flag: 'attempts', configKey: null, type: 'integer', default: 3, affectsReports: false, arg: 'N', help: 'tries of a story that fails before it is marked `failed`' },
  { key: 'retryDelay', flag: 'retry-delay', configKey: null, type: 'integer', default: 1000, affectsReports: false, arg: 'MS', help: 'milliseconds before a failed story is tried again' },
]

const WORKER: readonly Setting[] = [
  REDIS,
  QUEUE,
  { key: 'concurrency', flag: 'concurrency', configKey: null, type: 'integer', default: 1, affectsReports: false, arg: 'N', help: 'stories this worker analyses at once, each on a thread of its own' },
  {
    key: 'untilEmpty',
    flag: 'until-empty',
    configKey: null,
    type: 'boolean',
    default: false,
    affectsReports: false,
    help: 'exit once the queue holds no waiting, delayed or active story (by default a worker waits for more)',
  },
  {
    key: 'lockDuration',
    flag: 'lock-duration',
    configKey: null,
    type: 'integer',
    default: 30000,
    affectsReports: false,
    arg: 'MS',
    help: "how long a story's job stays locked without its worker renewing the lock; a lost worker's story is taken again after it",
  },
  { key: 'stalledInterval', flag: 'stalled-interval', configKey: null, type: 'integer', default: 30000, affectsReports: false, arg: 'MS', help: 'how often a worker looks for stories whose worker was lost' },
  analyzeSetting('quiet'),
  analyzeSetting('logFormat'),
]

const COLLECT: readonly Setting[] = [
  { key: 'out', flag: 'out', configKey: null, type: 'string', default: null, defaultText: "the queue's output folder", affectsReports: false, arg: 'DIR', help: 'the output folder the workers wrote into' },
  REDIS,
  QUEUE,
  { key: 'wait', flag: 'wait', configKey: null, type: 'boolean', default: false, affectsReports: false, help: 'wait until every story is done or failed (by default collect stops when some are not)' },
  analyzeSetting('strict'),
  analyzeSetting('quiet'),
  analyzeSetting('logFormat'),
]

const STATUS: readonly Setting[] = [REDIS, QUEUE, analyzeSetting('logFormat')]

/** Every option of every command, in the order `--help` lists them. */
export const SETTINGS: Readonly<Record<Command, readonly Setting[]>> = { analyze: ANALYZE, pairs: PAIRS, calibrate: CALIBRATE, enqueue: ENQUEUE, worker: WORKER, collect: COLLECT, status: STATUS }

/** Where the job queue is: the Redis server's URL and the queue's name. */
export interface QueueSettings {
  readonly redis: string
  readonly queue: string
}

/** The settings of `enqueue`: those of `analyze` (its threads aside) and the queue's. */
export interface EnqueueSettings extends AnalyzeSettings, QueueSettings {
  readonly attempts: number
  readonly retryDelay: number
}

/** The settings of `worker`. */
export interface WorkerSettings extends QueueSettings {
  readonly concurrency: number
  readonly untilEmpty: boolean
  readonly lockDuration: number
  readonly stalledInterval: number
  readonly quiet: boolean
  readonly logFormat: 'text' | 'json'
}

/** The settings of `collect`. */
export interface CollectSettings extends QueueSettings {
  /** The output folder, or null for the one the queue's run writes into. */
  readonly out: string | null
  readonly wait: boolean
  readonly strict: boolean
  readonly quiet: boolean
  readonly logFormat: 'text' | 'json'
}

/** The settings of one `analyze` run, resolved: every key present, flags over config over defaults. */
export interface AnalyzeSettings {
  readonly config: string | null
  readonly corpus: string
  readonly out: string
  readonly stories: readonly string[]
  /** The model file, or null for the shipped model. */
  readonly model: string | null
  readonly maxBytes: number
  readonly digestWords: number
  /** Worker threads asked for (the run lowers it to the number of cores). */
  readonly concurrency: number
  readonly excel: boolean
  /** Write OUT/<story>/report.xlsx and OUT/report.xlsx. */
  readonly xlsx: boolean
  /** No report.html per story and no OUT/index.html. */
  readonly noHtml: boolean
  readonly force: boolean
  /** Move story folders whose story left the corpus to OUT/.pruned/<date>/. */
  readonly prune: boolean
  readonly followOutsideLinks: boolean
  readonly failOn: FailOn
  readonly strict: boolean
  readonly quiet: boolean
  readonly verbose: boolean
  readonly logFormat: 'text' | 'json'
  readonly lexicons: Lexicons
  /** Outlet names as the input spells them to the names the reports use. */
  readonly outlets: Readonly<Record<string, string>>
}

/** What `parseArgs` gives for one flag. */
export type FlagValue = string | boolean | string[] | undefined

/** The parsed command line: flag name (with dashes inside, as typed) to value. */
export type Flags = Readonly<Record<string, FlagValue>>

/** A config file as read, before validation: key to JSON value. */
export type RawConfig = Readonly<Record<string, unknown>>

/**
 * A flag's value checked against its setting; throws a CorroborateError (`ERR_USAGE`) with the message the CLI
 * prints, "Expected `--max-bytes` to be a positive integer, got `abc`".
 */
function fromFlag(setting: Setting, raw: FlagValue): unknown {
  const name = `\`--${setting.flag}\``
  if (setting.type === 'integer' || setting.type === 'number') {
    const value = Number(raw)
    const integer = setting.type === 'integer'
    if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) throw new CorroborateError('ERR_USAGE', `Expected ${name} to be a positive ${integer ? 'integer' : 'number'}, got \`${String(raw)}\``)
    if (setting.min !== undefined && value < setting.min) throw new CorroborateError('ERR_USAGE', `Expected ${name} to be at least ${setting.min}, got \`${value}\``)
    return value
  }
  if (setting.type === 'choice') {
    const choices = setting.choices ?? []
    if (!choices.includes(raw as string)) throw new CorroborateError('ERR_USAGE', `Expected ${name} to be ${choices.map((c) => `\`${c}\``).join(' or ')}, got \`${String(raw)}\``)
    return raw
  }
  return raw
}

/**
 * A config value checked against its setting; paths are taken relative to the config file's folder. Throws a
 * CorroborateError (`ERR_INVALID_CONFIG`) naming the file and the key.
 */
function fromConfig(setting: Setting, raw: unknown, file: string): unknown {
  const key = setting.configKey!
  const fail = (reason: string): never => {
    throw new CorroborateError('ERR_INVALID_CONFIG', `${file}: ${reason}`)
  }
  const dir = path.dirname(file)
  switch (setting.type) {
    case 'string':
      if (typeof raw !== 'string' || raw === '') return fail(`Expected \`${key}\` to be a non-empty string, got ${quoteJson(raw)}`)
      // `"corpus": "-"` is stdin, as `--corpus -` is, not a file named `-` beside the config.
      if (key === 'corpus' && raw === '-') return raw
      return path.resolve(dir, raw)
    case 'strings':
      if (!Array.isArray(raw) || !raw.every((s) => typeof s === 'string')) return fail(`Expected \`${key}\` to be a list of story ids, got ${quoteJson(raw)}`)
      return raw
    case 'integer':
    case 'number':
      if (typeof raw !== 'number' || raw <= 0 || (setting.type === 'integer' && !Number.isInteger(raw))) return fail(`Expected \`${key}\` to be a positive ${setting.type}, got ${quoteJson(raw)}`)
      return raw
    case 'boolean':
      if (typeof raw !== 'boolean') return fail(`Expected \`${key}\` to be true or false, got ${quoteJson(raw)}`)
      return raw
    case 'choice':
      if (!(setting.choices ?? []).includes(raw as string)) return fail(`Expected \`${key}\` to be one of ${(setting.choices ?? []).join(', ')}, got ${quoteJson(raw)}`)
      return raw
    case 'lexicons':
      return lexiconsFrom(raw, file)
    case 'names': {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(`Expected \`${key}\` to be an object of names to names, got ${quoteJson(raw)}`)
      for (const [from, to] of Object.entries(raw)) if (typeof to !== 'string' || to.trim() === '') fail(`Expected \`${key}.${from}\` to be a non-empty string, got ${quoteJson(to)}`)
      // A null prototype: an outlet may be called `constructor` or `__proto__`.
      return Object.assign(Object.create(null) as Record<string, string>, raw)
    }
  }
}

/** Largest lexicon file read (10 MB: the shipped sentiment list is 30 KB). */
export const LEXICON_MAX_BYTES = 10 * 1024 * 1024

/** The shipped lexicons with those a config replaces, each given inline or as the path of a JSON file. */
function lexiconsFrom(raw: unknown, file: string): Lexicons {
  const fail = (reason: string): never => {
    throw new CorroborateError('ERR_INVALID_CONFIG', `${file}: ${reason}`)
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(`Expected \`lexicons\` to be an object of lexicon names (${LEXICON_NAMES.join(', ')}), got ${quoteJson(raw)}`)
  const replaced: Record<string, unknown> = { ...DEFAULT_LEXICONS }
  for (const [name, entry] of Object.entries(raw as Record<string, unknown>)) {
    let content = entry
    if (typeof entry === 'string') {
      const lexiconFile = path.resolve(path.dirname(file), entry)
      try {
        content = readJsonFile(lexiconFile, { what: `lexicon \`lexicons.${name}\``, maxBytes: LEXICON_MAX_BYTES })
      } catch (error) {
        fail((error as Error).message)
      }
    }
    replaced[name] = checkLexicon(name, content, file)
  }
  return replaced as unknown as Lexicons
}

/** The config keys `analyze` accepts, in table order. */
export const CONFIG_KEYS: readonly string[] = ANALYZE.flatMap((s) => (s.configKey === null ? [] : [s.configKey]))

/**
 * Check a config file's object against the table: an unknown key or a bad value throws a CorroborateError
 * (`ERR_INVALID_CONFIG`) naming `file` and the key. Returns the values by setting key, paths made absolute.
 */
export function checkConfig(raw: RawConfig, file: string): Readonly<Record<string, unknown>> {
  for (const key of Object.keys(raw)) {
    if (!CONFIG_KEYS.includes(key)) throw new CorroborateError('ERR_INVALID_CONFIG', `${file}: Unexpected key ${quoteJson(key)}; expected one of ${CONFIG_KEYS.join(', ')}`)
  }
  const values: Record<string, unknown> = {}
  for (const setting of ANALYZE) {
    if (setting.configKey === null || raw[setting.configKey] === undefined) continue
    values[setting.key] = fromConfig(setting, raw[setting.configKey], file)
  }
  return values
}

/**
 * Resolve the settings of one command: for each setting of the table, its flag, else its config value (already
 * checked by `checkConfig`), else its default. A bad flag value throws a CorroborateError with code `ERR_USAGE`,
 * in table order.
 */
export function resolve(command: Command, flags: Flags, config: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const resolved: Record<string, unknown> = {}
  for (const setting of SETTINGS[command]) {
    const flag = setting.flag === null ? undefined : flags[setting.flag]
    if (flag !== undefined) resolved[setting.key] = fromFlag(setting, flag)
    else if (config[setting.key] !== undefined) resolved[setting.key] = config[setting.key]
    else resolved[setting.key] = setting.default
  }
  return resolved
}

/**
 * The settings of an `analyze` run from its flags and its config file's checked values (see `checkConfig`):
 * flags over config over defaults, each validated once. `--concurrency` defaults to the number of cores.
 */
export function resolveSettings(flags: Flags, config: Readonly<Record<string, unknown>> = {}): AnalyzeSettings {
  const resolved = resolve('analyze', flags, config)
  resolved.concurrency ??= availableParallelism()
  return resolved as unknown as AnalyzeSettings
}

/** What decides a story's reports besides the settings: the tool, the model and word vectors in use. */
export interface ReportResources {
  readonly tool: unknown
  /** The model itself (its content, not its file name). */
  readonly model: unknown
  /** The name of the word-vector table, or null. */
  readonly vectors: string | null
}

/**
 * The run's fingerprint: a SHA-256 over the resources and every setting marked `affectsReports`. A story whose key
 * (this, its id and its inputs) is unchanged keeps its reports. The model is hashed as the model itself, and the
 * other settings follow in the order of their keys, which gives the bytes of the hand-made list of 0.1.0
 * (`tool, model, vectors, lexicons, digestWords, excel, maxBytes`) with `noHtml` added after `maxBytes`: an upgrade
 * redoes each story once, to write its report.html.
 */
export function fingerprint(settings: AnalyzeSettings, resources: ReportResources): string {
  return createHash('sha256').update(JSON.stringify(fingerprintInput(settings, resources))).digest('hex')
}

/** Settings that change reports added since 0.1.0: hashed only when not at their default (see `fingerprintInput`). */
const LATER_SETTINGS: ReadonlySet<string> = new Set(['outlets', 'xlsx'])

/** What `fingerprint` hashes, as an object. */
export function fingerprintInput(settings: AnalyzeSettings, resources: ReportResources): Record<string, unknown> {
  const byName = (a: Setting, b: Setting) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  const { lexicons, ...rest } = Object.fromEntries(
    ANALYZE.filter((s) => s.affectsReports && s.key !== 'model')
      .sort(byName)
      .map((s) => [s.key, (settings as unknown as Record<string, unknown>)[s.key]]),
  )
  // Settings 0.1.0 did not have hash only when set otherwise than by default, so that without them the key is 0.1.0's.
  const byDefault = (key: string, value: unknown) => LATER_SETTINGS.has(key) && JSON.stringify(value) === JSON.stringify(ANALYZE.find((s) => s.key === key)!.default)
  const set = Object.fromEntries(Object.entries(rest).filter(([key, value]) => !byDefault(key, value)))
  // The lexicons came after the vectors in 0.1.0's list; kept there for the same bytes.
  return { tool: resources.tool, model: resources.model, vectors: resources.vectors, lexicons, ...set }
}

/**
 * The settings as run.json records them: every one, the model as its file or `default`, the lexicons by name as
 * `default` or `replaced` (their words are in the config file).
 */
export function recordedSettings(settings: AnalyzeSettings): Record<string, unknown> {
  const record: Record<string, unknown> = {}
  for (const setting of ANALYZE) {
    const value = (settings as unknown as Record<string, unknown>)[setting.key]
    if (setting.key === 'model') record.model = value ?? 'default'
    else if (setting.key === 'lexicons') record.lexicons = Object.fromEntries(LEXICON_NAMES.map((name) => [name, settings.lexicons[name] === DEFAULT_LEXICONS[name] ? 'default' : 'replaced']))
    else record[setting.key] = value
  }
  return record
}

/** The default of a setting in words, for `--help` and the README; null when it has none worth saying. */
export function defaultText(setting: Setting): string | null {
  if (setting.defaultText !== undefined) return setting.defaultText
  if (setting.type === 'boolean' || setting.default === undefined || setting.default === null) return null
  return String(setting.default)
}

/** The lines of `--help` for one command's options: `  --flag ARG   help (default: X)`. */
export function helpLines(command: Command): string[] {
  return SETTINGS[command]
    .filter((s) => s.flag !== null)
    .map((s) => {
      const name = `--${s.flag}${s.arg ? ` ${s.arg}` : ''}`
      const fallback = defaultText(s)
      return `  ${name.padEnd(24)} ${s.help}${fallback === null ? '' : ` (default: ${fallback})`}`
    })
}
