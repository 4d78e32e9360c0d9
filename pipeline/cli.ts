// The command line: `corroborate analyze | pairs | calibrate`; the only code that reads argv and decides exit codes.
import { stat } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { Presets, SingleBar } from 'cli-progress'
import { CorroborateError, type Message, MessageLog, printable } from '../core/messages.js'
import { analyze, defaultConcurrency } from '../commands/analyze.js'
import { readConfig } from './config.js'
import { calibrateFile, formatReport, loadModel, scorePairsFile, vectorsFor } from '../commands/pairs.js'
import { toolInfo } from './tool.js'
import { STORY_FILE_NAMES } from '../stages/report/index.js'
import { describeErrno, isErrno, writeFileAtomic } from './write.js'

/** The signals that stop a run cleanly, and the exit code of each (128 + its number, as a shell reports it). */
const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const

/** Where the CLI writes: stdout for what the user asked for, stderr for progress and messages. */
export interface Io {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /** The terminal stderr is, when it is one: progress is then a bar instead of lines. */
  readonly terminal?: NodeJS.WriteStream
}

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  terminal: process.stderr.isTTY ? process.stderr : undefined,
}

// Every file of a story folder, from the report's own list, so that a new report file is listed here too.
const STORY_FILES = STORY_FILE_NAMES

const HELP = `Usage: corroborate <command> [options]

Commands:
  analyze     Align the statements of each story across outlets and write the agreement ledger
  pairs       Score sentence pairs from a TSV: similarity and aligned (0/1) appended, as analyze decides
  calibrate   Fit the similarity model to labelled pairs and print cross-validated figures

analyze [--config FILE] [--corpus PATH] [--out DIR] [--story ID]... [options]
  --config FILE     JSON file with any of these options (camelCase) and replacement lexicons; flags win
  --corpus PATH     corpus folder (one sub-folder per story, or one flat folder) or JSONL file (default: corpus)
  --out DIR         output folder (default: output)
  --story ID        analyse only this story; repeat for more
  --model FILE      similarity model from \`calibrate\` (default: the shipped model)
  --max-bytes N     skip articles larger than N bytes (default: 5242880)
  --digest-words N  words of the digest's corroborated part (default: 250)
  --concurrency N   stories analysed at once on worker threads (default and most: the number of cores); 1: no threads
  --excel           write CSV with a UTF-8 byte order mark and CRLF line ends
  --force           redo every story (by default a story whose input, options and version are unchanged is kept)
  --follow-outside-links  follow symbolic links in a folder corpus that lead outside it (default: not followed)
  --strict          exit 1 when there are warnings
  --quiet           print only warnings, errors and the summary
  --log-format F    \`text\` (default) or \`json\`: one JSON object per line on stderr (progress, message, summary)
  --verbose         print info messages too

pairs --in PAIRS.tsv [--out FILE] [--model FILE]
  PAIRS.tsv has a header row with \`text_a\` and \`text_b\` (other columns pass through; tabs only, no quoting).
  Writes the rows with \`similarity\` (0-1) and \`aligned\` (0/1) appended, to FILE or stdout.

calibrate --pairs LABELLED.tsv --out MODEL.json [--folds N] [--rounds N] [--depth N] [--learning-rate X]
  LABELLED.tsv has \`text_a\`, \`text_b\` and \`label\` (0/1) or \`score\` (0-5). Prints cross-validated
  accuracy, precision, recall and F1 (and Pearson/Spearman for scores) on stdout; writes the model.

  -h, --help        show this help
  -v, --version     show the version

Exit codes: 0 ok, 1 some input or story failed (or warnings with --strict), 2 bad usage, unusable output or crash,
130/143/129 stopped by SIGINT/SIGTERM/SIGHUP (cleanly: the lock released, the reports whole).
Reports: OUT/<story>/{${STORY_FILES.join(',')}},
OUT/index.csv, OUT/terms.csv, OUT/run.json.
`

const COMMANDS = {
  analyze: ['config', 'corpus', 'out', 'story', 'model', 'max-bytes', 'digest-words', 'concurrency', 'excel', 'force', 'follow-outside-links', 'strict', 'quiet', 'verbose', 'log-format'],
  pairs: ['in', 'out', 'model', 'quiet'],
  calibrate: ['pairs', 'out', 'folds', 'rounds', 'depth', 'learning-rate', 'quiet'],
} as const

type Values = { [name: string]: string | boolean | string[] | undefined }

function usage(io: Io, message: string): number {
  io.stderr(`corroborate: ${message}\nRun \`corroborate --help\` for usage.\n`)
  return 2
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string' },
        corpus: { type: 'string' },
        out: { type: 'string' },
        in: { type: 'string' },
        pairs: { type: 'string' },
        model: { type: 'string' },
        story: { type: 'string', multiple: true },
        'max-bytes': { type: 'string' },
        'digest-words': { type: 'string' },
        concurrency: { type: 'string' },
        'log-format': { type: 'string' },
        folds: { type: 'string' },
        rounds: { type: 'string' },
        depth: { type: 'string' },
        'learning-rate': { type: 'string' },
        excel: { type: 'boolean' },
        force: { type: 'boolean' },
        'follow-outside-links': { type: 'boolean' },
        strict: { type: 'boolean' },
        quiet: { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    })
  } catch (error) {
    return usage(io, (error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.stdout(HELP)
    return 0
  }
  if (values.version) {
    io.stdout(`${toolInfo().version}\n`)
    return 0
  }
  const [command, ...rest] = positionals
  if (command === undefined) {
    io.stderr(`corroborate: Expected a command, got none\n\n${HELP}`)
    return 2
  }
  if (!(command in COMMANDS)) return usage(io, `Unexpected command \`${command}\`; expected \`analyze\`, \`pairs\` or \`calibrate\``)
  if (rest.length > 0) return usage(io, `Unexpected argument \`${rest[0]}\``)
  const allowed: readonly string[] = COMMANDS[command as keyof typeof COMMANDS]
  for (const name of Object.keys(values)) if (!allowed.includes(name)) return usage(io, `Unexpected option \`--${name}\` for \`${command}\``)
  try {
    if (command === 'pairs') return await runPairs(values, io)
    if (command === 'calibrate') return await runCalibrate(values, io)
    return await runAnalyze(values, io)
  } catch (error) {
    const e = error as Error & { code?: string; path?: string; syscall?: string }
    // Bad input files, models and configs (or a model fitted with other word vectors, or a damaged built table), an
    // output folder that overlaps the corpus, is locked or cannot be written are the user's to fix: a clear message, no stack.
    if (error instanceof CorroborateError || ['ERR_BAD_TABLE', 'ERR_INVALID_MODEL', 'ERR_INVALID_CONFIG', 'ERR_LOCKED', 'ERR_MISSING_VECTORS', 'ERR_WRONG_VECTORS', 'ERR_MISSING_WORDNET', 'ERR_BAD_RESOURCE', 'ERR_NO_DATA', 'ERR_WRITE'].includes(e.code ?? '')) {
      io.stderr(`corroborate: ${e.message}\n`)
      return 2
    }
    // A system error on a path (a full disk, a read-only or vanished folder): say which path and why.
    if (isErrno(error) && typeof e.path === 'string') {
      io.stderr(`corroborate: Cannot ${e.syscall ?? 'access'} \`${e.path}\`: ${describeErrno(error)}\n`)
      return 2
    }
    io.stderr(`corroborate: crashed: ${e.stack ?? String(error)}\n`)
    return 2
  }
}

function positive(io: Io, values: Values, name: string, integer: boolean): number | undefined | null {
  const raw = values[name]
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    usage(io, `Expected \`--${name}\` to be a positive ${integer ? 'integer' : 'number'}, got \`${String(raw)}\``)
    return null
  }
  return value
}

async function runAnalyze(flags: Values, io: Io): Promise<number> {
  // A config file sets defaults; flags on the command line win.
  const config = flags.config === undefined ? {} : readConfig(flags.config as string)
  const values: Values = {
    corpus: config.corpus,
    out: config.out,
    story: config.stories ? [...config.stories] : undefined,
    model: config.model,
    'max-bytes': config.maxBytes === undefined ? undefined : String(config.maxBytes),
    'digest-words': config.digestWords === undefined ? undefined : String(config.digestWords),
    concurrency: config.concurrency === undefined ? undefined : String(config.concurrency),
    excel: config.excel,
    strict: config.strict,
    quiet: config.quiet,
    verbose: config.verbose,
    'follow-outside-links': config.followOutsideLinks,
    ...Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)),
  }
  const maxBytes = positive(io, values, 'max-bytes', true)
  const digestWords = positive(io, values, 'digest-words', true)
  const concurrency = positive(io, values, 'concurrency', true)
  if (maxBytes === null || digestWords === null || concurrency === null) return 2
  const corpus = (values.corpus as string | undefined) ?? 'corpus'
  const out = (values.out as string | undefined) ?? 'output'
  try {
    await stat(corpus)
  } catch {
    io.stderr(`corroborate: Cannot find corpus \`${corpus}\` (expected a folder or a .jsonl file)\n`)
    return 2
  }
  const outInfo = await stat(out).catch(() => null)
  if (outInfo && !outInfo.isDirectory()) {
    io.stderr(`corroborate: Expected \`--out\` to be a folder, got the file \`${out}\`\n`)
    return 2
  }
  const model = loadModel(values.model as string | undefined)
  const format = (values['log-format'] as string | undefined) ?? 'text'
  if (format !== 'text' && format !== 'json') return usage(io, `Expected \`--log-format\` to be \`text\` or \`json\`, got \`${format}\``)
  // JSON log lines (one object per line on stderr) for log collectors; text for people.
  // Text from the input (story ids, outlets) reaches the terminal: printable() keeps its escape sequences inert.
  const emit = (event: string, fields: Record<string, unknown>, text: string) => io.stderr(format === 'json' ? `${JSON.stringify({ event, ...fields })}\n` : `${printable(text)}\n`)
  // On a terminal a progress bar; in a log (not a terminal, `--log-format json`), one line per story.
  const bar =
    io.terminal && !values.quiet && format === 'text'
      ? new SingleBar({ stream: io.terminal, format: 'corroborate {bar} {value}/{total} stories  {story}', hideCursor: true, clearOnComplete: true }, Presets.shades_classic)
      : null
  const progress = values.quiet || bar ? undefined : (line: string) => emit('progress', { line }, line)
  let barShown = false
  const onStory = bar
    ? (done: number, total: number, story: string) => {
        if (done === 1) bar.start(total, 0, { story: printable(story) })
        barShown = done < total
        bar.update(done, { story: printable(story) })
        if (done === total) bar.stop()
      }
    : undefined
  // Messages as they come, story by story: a run that crashes or is stopped later has still printed them.
  const onMessage = (m: Message) => {
    if (m.severity === 'info' && !values.verbose) return
    // Over a progress bar: clear its line first, and the bar redraws below the message.
    if (barShown) io.terminal?.write('\r\x1b[2K')
    emit('message', m.toJSON(), String(m))
  }
  // SIGINT, SIGTERM, SIGHUP: stop cleanly (no new story, the lock released, temporary folders removed); a second
  // one stops at once (the lock is still removed on exit).
  const controller = new AbortController()
  const onSignal = (signal: keyof typeof STOP_SIGNALS) => {
    if (controller.signal.aborted) process.exit(STOP_SIGNALS[signal])
    controller.abort(signal)
  }
  const handlers = Object.keys(STOP_SIGNALS).map((signal) => [signal, () => onSignal(signal as keyof typeof STOP_SIGNALS)] as const)
  for (const [signal, handler] of handlers) process.on(signal, handler)
  let result
  try {
    result = await analyze({
      corpus,
      out,
      stories: values.story as string[] | undefined,
      maxBytes,
      digestWords,
      concurrency: concurrency ?? defaultConcurrency(),
      lexicons: config.lexicons,
      force: values.force as boolean | undefined,
      followOutsideLinks: values['follow-outside-links'] as boolean | undefined,
      excel: values.excel as boolean | undefined,
      model,
      modelFile: (values.model as string | undefined) ?? null,
      vectors: vectorsFor(model, (line) => io.stderr(`${line}\n`)),
      progress,
      onStory,
      onMessage,
      signal: controller.signal,
    })
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler)
    if (barShown) bar?.stop()
  }
  if (result.interrupted !== null) {
    const done = result.rows.length
    emit(
      'interrupted',
      { signal: result.interrupted, done, total: result.total },
      `corroborate: stopped by ${result.interrupted} after ${done} of ${result.total} ${plural(result.total, 'story', 'stories')}; the others keep their previous reports, and index.csv, terms.csv and run.json are left as the last complete run wrote them`,
    )
  }
  const fatal = result.messages.filter((m) => m.severity === 'fatal').length
  const warnings = result.messages.filter((m) => m.severity === 'warning').length
  const ok = result.rows.filter((r) => r.status === 'ok').length
  emit(
    'summary',
    { stories: result.rows.length, storiesOk: ok, unchanged: result.unchanged, articles: result.articles, statements: result.statements, fatal, warnings, out },
    `corroborate: ${result.rows.length} ${plural(result.rows.length, 'story', 'stories')} (${ok} ok), ${result.articles} articles, ` +
      `${result.statements} statements${result.unchanged > 0 ? ` (${result.unchanged} ${plural(result.unchanged, 'story', 'stories')} unchanged)` : ''}, ${fatal} fatal, ${warnings} ${plural(warnings, 'warning', 'warnings')}; reports in ${out}/`,
  )
  if (result.interrupted !== null) return STOP_SIGNALS[result.interrupted as keyof typeof STOP_SIGNALS] ?? 130
  if (fatal > 0) return 1
  if (values.strict && warnings > 0) return 1
  return 0
}

/** Refuse an output file that is the input file itself (through any link): writing it would destroy the input. */
async function sameFile(input: string, output: string): Promise<boolean> {
  const [a, b] = await Promise.all([stat(input).catch(() => null), stat(output).catch(() => null)])
  return a !== null && b !== null && a.dev === b.dev && a.ino === b.ino
}

async function runPairs(values: Values, io: Io): Promise<number> {
  const input = values.in as string | undefined
  if (input === undefined) return usage(io, 'Expected `--in PAIRS.tsv`, got none')
  if (values.out !== undefined && (await sameFile(input, values.out as string))) return usage(io, `Expected \`--out\` to be another file than \`--in\`, got \`${String(values.out)}\` for both: it would replace the input`)
  const model = loadModel(values.model as string | undefined)
  const log = new MessageLog()
  const text = scorePairsFile(input, model, log, (line) => io.stderr(`${line}\n`))
  for (const m of log.messages) io.stderr(`${String(m)}\n`)
  if (values.out === undefined) io.stdout(text)
  else await writeFileAtomic(values.out as string, text)
  return log.messages.some((m) => m.severity !== 'info') ? 1 : 0
}

async function runCalibrate(values: Values, io: Io): Promise<number> {
  const pairs = values.pairs as string | undefined
  const out = values.out as string | undefined
  if (pairs === undefined || out === undefined) return usage(io, 'Expected `--pairs LABELLED.tsv` and `--out MODEL.json`')
  if (await sameFile(pairs, out)) return usage(io, `Expected \`--out\` to be another file than \`--pairs\`, got \`${out}\` for both: it would replace the input`)
  const folds = positive(io, values, 'folds', true)
  const rounds = positive(io, values, 'rounds', true)
  const depth = positive(io, values, 'depth', true)
  const learningRate = positive(io, values, 'learning-rate', false)
  if (folds === null || rounds === null || depth === null || learningRate === null) return 2
  if (folds !== undefined && folds < 2) return usage(io, `Expected \`--folds\` to be at least 2, got \`${folds}\``)
  const log = new MessageLog()
  const progress = values.quiet ? () => {} : (line: string) => io.stderr(`${line}\n`)
  const report = await calibrateFile({ pairs, out, folds, rounds, depth, learningRate }, log, progress)
  for (const m of log.messages) io.stderr(`${String(m)}\n`)
  io.stdout(formatReport(report))
  progress(`corroborate: model written to ${out}`)
  return 0
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many
}
