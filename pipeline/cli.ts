// The command line: `corroborate analyze | pairs | calibrate`; the only code that reads argv and decides exit codes.
// It parses and routes: the options come from the settings table, and each command's logic lives in commands/.
import { CorroborateError } from '../core/messages.js'
import { CORPUS_FORMS } from './corpus.js'
import { defaultIo, type Io, usage } from './io.js'
import { closest, parseArgv } from './argv.js'
import { type Command, type Flags, helpLines } from './settings.js'
import { type OutputFile, RUN_LEVEL_FILES } from './run-files.js'
import { STORY_OUTPUT_FILES } from './story.js'
import { toolInfo } from './tool.js'
import { describeErrno, isErrno } from './write.js'

export type { Io } from './io.js'

/**
 * What each command runs, given its parsed flags. Each command's module is loaded when it runs, so that `analyze`
 * does not load the job queue's client nor `--help` the analysis.
 */
const COMMANDS: Readonly<Record<Command, (flags: Flags, io: Io) => Promise<number>>> = {
  analyze: (flags, io) => (require('../commands/analyze.js') as typeof import('../commands/analyze.js')).analyzeCommand(flags, io),
  pairs: (flags, io) => (require('../commands/pairs.js') as typeof import('../commands/pairs.js')).pairsCommand(flags, io),
  calibrate: (flags, io) => (require('../commands/calibrate.js') as typeof import('../commands/calibrate.js')).calibrateCommand(flags, io),
  enqueue: (flags, io) => (require('../commands/enqueue.js') as typeof import('../commands/enqueue.js')).enqueueCommand(flags, io),
  worker: (flags, io) => (require('../commands/worker.js') as typeof import('../commands/worker.js')).workerCommand(flags, io),
  collect: (flags, io) => (require('../commands/collect.js') as typeof import('../commands/collect.js')).collectCommand(flags, io),
  status: (flags, io) => (require('../commands/collect.js') as typeof import('../commands/collect.js')).statusCommand(flags, io),
}

// Every file of a story folder and of the run, from the tables the writers use, so that a new file is listed here too.
const fileList = (files: readonly OutputFile[]): string => files.map((f) => (f.when === null ? f.file : `${f.file} (${f.when})`)).join(', ')

/** `--help`: each command's options from the settings table. */
export const HELP = `Usage: corroborate <command> [options]

Commands:
  analyze     Align the statements of each story across outlets and write the agreement ledger
  pairs       Score sentence pairs from a TSV: similarity and aligned (0/1) appended, as analyze decides
  calibrate   Fit the similarity model to labelled pairs and print cross-validated figures
  enqueue     Put a corpus's new or changed stories on a job queue (Redis) for workers on many machines
  worker      Analyse stories from the job queue into the shared output folder
  collect     Write the run-level files (index.csv, run.json, ...) of a queued run from its story folders
  status      Show the job queue: waiting, active, done and failed stories

analyze [--config FILE] [--corpus PATH] [--out DIR] [--story ID]... [options]
  The corpus (\`--corpus\`) is one of:
${CORPUS_FORMS.map((form) => `    - ${form}`).join('\n')}
${helpLines('analyze').join('\n')}

pairs --in PAIRS.tsv [--out FILE] [--model FILE]
  PAIRS.tsv has a header row with \`text_a\` and \`text_b\` (other columns pass through; tabs only, no quoting).
  Writes the rows with \`similarity\` (0-1) and \`aligned\` (0/1) appended, to FILE or stdout.
${helpLines('pairs').join('\n')}

calibrate --pairs LABELLED.tsv --out MODEL.json [--folds N] [--rounds N] [--depth N] [--learning-rate X]
  LABELLED.tsv has \`text_a\`, \`text_b\` and \`label\` (0/1) or \`score\` (0-5). Prints cross-validated
  accuracy, precision, recall and F1 (and Pearson/Spearman for scores) on stdout; writes the model.
${helpLines('calibrate').join('\n')}

enqueue [--redis URL] [--queue NAME] [--attempts N] [--retry-delay MS] and the options of analyze but --concurrency
${helpLines('enqueue').filter((line) => /--(redis|queue|attempts|retry-delay) /.test(line)).join('\n')}

worker [--redis URL] [--queue NAME] [--concurrency N] [--until-empty]
${helpLines('worker').join('\n')}

collect [--out DIR] [--redis URL] [--queue NAME] [--wait]
${helpLines('collect').join('\n')}

status [--redis URL] [--queue NAME] [--log-format F]

  -h, --help               show this help
  -v, --version            show the version

Exit codes: 0 ok, 1 a fatal message (an input or story dropped; with --fail-on warning any warning, with --fail-on
never only a story that failed), 2 bad usage, unusable output or crash,
130/143/129 stopped by SIGINT/SIGTERM/SIGHUP (cleanly: the lock released, the reports whole).
Reports, per story in OUT/<story>/: ${fileList(STORY_OUTPUT_FILES)}.
Run-level, in OUT/: ${fileList(RUN_LEVEL_FILES)}.
`

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgv(argv)
  } catch (error) {
    return usage(io, (error as Error).message)
  }
  const { values, command, rest } = parsed
  if (values.help) {
    io.stdout(HELP)
    return 0
  }
  if (values.version) {
    io.stdout(`${toolInfo().version}\n`)
    return 0
  }
  if (command === undefined) {
    io.stderr(`corroborate: Expected a command, got none\n\n${HELP}`)
    return 2
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    const guess = closest(command, Object.keys(COMMANDS))
    return usage(io, `Unexpected command \`${command}\`; ${guess === null ? 'expected `analyze`, `pairs` or `calibrate`' : `did you mean \`${guess}\`?`}`)
  }
  if (rest.length > 0) return usage(io, `Unexpected argument \`${rest[0]}\``)
  try {
    return await COMMANDS[command as Command](values as Flags, io)
  } catch (error) {
    // Bad options, input files, models and configs (or a model fitted with other word vectors, or a damaged built
    // table), an output folder that overlaps the corpus, is locked or cannot be written are the user's to fix: a
    // clear message, no stack. Every such failure is a CorroborateError.
    if (error instanceof CorroborateError) {
      if (error.code === 'ERR_USAGE') return usage(io, error.message)
      io.stderr(`corroborate: ${error.message}\n`)
      return 2
    }
    const e = error as Error & { path?: string; syscall?: string }
    // A system error on a path (a full disk, a read-only or vanished folder): say which path and why.
    if (isErrno(error) && typeof e.path === 'string') {
      io.stderr(`corroborate: Cannot ${e.syscall ?? 'access'} \`${e.path}\`: ${describeErrno(error)}\n`)
      return 2
    }
    io.stderr(`corroborate: crashed: ${e.stack ?? String(error)}\n`)
    return 2
  }
}
