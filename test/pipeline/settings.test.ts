// The settings table: the fingerprint, the config validator, --help and the README are derived from it or checked
// against it, so that an option added to the table cannot be forgotten elsewhere.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { HELP } from '../../pipeline/cli.js'
import {
  type AnalyzeSettings,
  CONFIG_KEYS,
  checkConfig,
  defaultText,
  fingerprint,
  fingerprintInput,
  recordedSettings,
  type ReportResources,
  resolveSettings,
  type Setting,
  SETTINGS,
} from '../../pipeline/settings.js'
import { DEFAULT_LEXICONS } from '../../lang/en/lexicons/index.js'
import { DEFAULT_MODEL } from '../../stages/similarity/index.js'

const README = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8')
const RESOURCES: ReportResources = { tool: { name: 'corroborate', version: '0.1.0' }, model: DEFAULT_MODEL, vectors: 'glove-wink-sg-100d-top150k' }
const ALL = Object.values(SETTINGS).flat()
const FLAGS = [...new Set(ALL.flatMap((s) => (s.flag === null ? [] : [s.flag])))]

/** Another valid value for a setting than the one it has. */
function otherValue(setting: Setting, value: unknown): unknown {
  switch (setting.type) {
    case 'integer':
    case 'number':
      return typeof value === 'number' ? value + 1 : 7
    case 'boolean':
      return !value
    case 'string':
      return `${String(value)}-other`
    case 'strings':
      return [...(value as string[]), 'other']
    case 'choice':
      return setting.choices!.find((c) => c !== value)
    case 'lexicons':
      return { ...(value as object), hedges: ['perhaps-not'] }
    case 'names':
      return { ...(value as object), NYT: 'New York Times' }
  }
}

describe('the fingerprint', () => {
  const defaults = resolveSettings({})

  it('changes with every setting marked affectsReports', () => {
    const unchanged = SETTINGS.analyze
      .filter((s) => s.affectsReports)
      .filter((s) => {
        // The model is hashed as the model itself (its content), not as its file name.
        if (s.key === 'model') return fingerprint(defaults, { ...RESOURCES, model: { ...DEFAULT_MODEL, threshold: 0.123 } }) === fingerprint(defaults, RESOURCES)
        const changed = { ...defaults, [s.key]: otherValue(s, (defaults as unknown as Record<string, unknown>)[s.key]) } as AnalyzeSettings
        return fingerprint(changed, RESOURCES) === fingerprint(defaults, RESOURCES)
      })
      .map((s) => s.key)
    expect(unchanged).toEqual([])
  })

  it('hashes every setting marked affectsReports and no other', () => {
    // Settings added since 0.1.0 are left out at their default (so that the key is 0.1.0's), and hashed when set.
    const withOutlets = { ...defaults, outlets: { NYT: 'New York Times' }, xlsx: true } as AnalyzeSettings
    const hashed = Object.keys(fingerprintInput(withOutlets, RESOURCES)).filter((k) => !['tool', 'vectors'].includes(k))
    expect(hashed.sort()).toEqual(
      SETTINGS.analyze
        .filter((s) => s.affectsReports)
        .map((s) => s.key)
        .sort(),
    )
  })

  it('does not change with a setting that leaves the reports alone', () => {
    const changes = SETTINGS.analyze
      .filter((s) => !s.affectsReports)
      .filter((s) => fingerprint({ ...defaults, [s.key]: otherValue(s, (defaults as unknown as Record<string, unknown>)[s.key]) } as AnalyzeSettings, RESOURCES) !== fingerprint(defaults, RESOURCES))
      .map((s) => s.key)
    expect(changes).toEqual([])
  })

  it('is byte for byte the hand-made fingerprint of 0.1.0 with `noHtml` added, so an upgrade redoes each story once (to write its report.html)', () => {
    const settings = resolveSettings({ 'digest-words': '120', excel: true, 'max-bytes': '1000' })
    const old = JSON.stringify({ tool: RESOURCES.tool, model: DEFAULT_MODEL, vectors: RESOURCES.vectors, lexicons: DEFAULT_LEXICONS, digestWords: 120, excel: true, maxBytes: 1000, noHtml: false })
    expect(fingerprint(settings, RESOURCES)).toEqual(createHash('sha256').update(old).digest('hex'))
  })
})

describe('resolveSettings', () => {
  it('takes a flag over the config and the config over the default, numbers as numbers', () => {
    const settings = resolveSettings({ 'max-bytes': '900' }, { maxBytes: 800, digestWords: 90 })
    expect({ maxBytes: settings.maxBytes, digestWords: settings.digestWords, excel: settings.excel, corpus: settings.corpus }).toEqual({ maxBytes: 900, digestWords: 90, excel: false, corpus: 'corpus' })
  })

  it('gives every setting of the table a value', () => {
    const settings = resolveSettings({}) as unknown as Record<string, unknown>
    expect(SETTINGS.analyze.filter((s) => settings[s.key] === undefined).map((s) => s.key)).toEqual([])
  })

  it('throws a usage error in the words the CLI prints', () => {
    expect(() => resolveSettings({ 'digest-words': '1.5' })).toThrow(expect.objectContaining({ code: 'ERR_USAGE', message: 'Expected `--digest-words` to be a positive integer, got `1.5`' }))
  })
})

describe('run.json', () => {
  it('records every setting of the table', () => {
    expect(Object.keys(recordedSettings(resolveSettings({})))).toEqual(SETTINGS.analyze.map((s) => s.key))
  })
})

describe('the config validator', () => {
  it('accepts every config key of the table and nothing else', () => {
    expect(CONFIG_KEYS).toEqual(SETTINGS.analyze.flatMap((s) => (s.configKey === null ? [] : [s.configKey])))
    expect(() => checkConfig({ frobnicate: 1 }, 'c.json')).toThrow(`c.json: Unexpected key \`"frobnicate"\`; expected one of ${CONFIG_KEYS.join(', ')}`)
  })

  it('checks each value against its type', () => {
    expect(() => checkConfig({ digestWords: 0 }, 'c.json')).toThrow('c.json: Expected `digestWords` to be a positive integer, got `0`')
    expect(() => checkConfig({ excel: 'yes' }, 'c.json')).toThrow('c.json: Expected `excel` to be true or false, got `"yes"`')
  })
})

describe('the documentation', () => {
  const rows = README.split('\n').filter((line) => /^\| `--/.test(line))
  const rowOf = (flag: string) => rows.find((line) => line.startsWith(`| \`--${flag}\``) || line.startsWith(`| \`--${flag} `))

  it('lists every flag in the README option table, and no other', () => {
    expect({ missing: FLAGS.filter((f) => rowOf(f) === undefined), extra: rows.map((r) => /^\| `--([a-z-]+)/.exec(r)![1]!).filter((f) => !FLAGS.includes(f)) }).toEqual({ missing: [], extra: [] })
  })

  it('gives each default in the README option table', () => {
    const wrong = ALL.filter((s) => s.flag !== null && defaultText(s) !== null && !rowOf(s.flag)!.split('|').at(-2)!.includes(defaultText(s)!)).map((s) => `--${s.flag}: ${defaultText(s)}`)
    expect(wrong).toEqual([])
  })

  it('names every config key in the README', () => {
    const config = README.slice(README.indexOf('**Config.**'), README.indexOf('```json', README.indexOf('**Config.**')))
    expect(CONFIG_KEYS.filter((k) => !config.includes(`\`${k}\``))).toEqual([])
  })

  it('says in --help that the corpus may be a JSON Lines or a CSV file, or stdin', () => {
    expect(['JSONL file', 'CSV file', 'JSONL on stdin'].filter((kind) => !HELP.includes(kind))).toEqual([])
  })

  it('lists every flag of every command in --help', () => {
    expect(FLAGS.filter((f) => !HELP.includes(`--${f} `))).toEqual([])
  })
})
