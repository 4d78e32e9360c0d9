// The command line: `corroborate analyze`; the only code that reads argv and decides exit codes.
import { stat } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { analyze } from './analyze.js'
import { toolInfo } from './tool.js'

/** Where the CLI writes: stdout for what the user asked for, stderr for progress and messages. */
export interface Io {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
}

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}

const HELP = `Usage: corroborate <command> [options]

Commands:
  analyze     Align the statements of each story across outlets and write the agreement ledger

Options for analyze:
  --corpus PATH     corpus folder (one sub-folder per story, or one flat folder) or JSONL file (default: corpus)
  --out DIR         output folder (default: output)
  --story ID        analyse only this story; repeat for more
  --max-bytes N     skip articles larger than N bytes (default: 5242880)
  --excel           write CSV with a UTF-8 byte order mark and CRLF line ends
  --strict          exit 1 when there are warnings
  --quiet           print only warnings, errors and the summary
  --verbose         print info messages too

  -h, --help        show this help
  -v, --version     show the version

Exit codes: 0 ok, 1 some input or story failed (or warnings with --strict), 2 bad usage or crash.
Reports: OUT/<story>/{report.json,statements.csv,alignments.csv,outlet_pairs.csv,framing.csv}, OUT/index.csv, OUT/run.json.
`

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        corpus: { type: 'string' },
        out: { type: 'string' },
        story: { type: 'string', multiple: true },
        'max-bytes': { type: 'string' },
        excel: { type: 'boolean' },
        strict: { type: 'boolean' },
        quiet: { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    })
  } catch (error) {
    io.stderr(`corroborate: ${(error as Error).message}\nRun \`corroborate --help\` for usage.\n`)
    return 2
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
  if (command !== 'analyze') {
    io.stderr(`corroborate: Unexpected command \`${command}\`; expected \`analyze\`\nRun \`corroborate --help\` for usage.\n`)
    return 2
  }
  if (rest.length > 0) {
    io.stderr(`corroborate: Unexpected argument \`${rest[0]}\`\nRun \`corroborate --help\` for usage.\n`)
    return 2
  }
  let maxBytes: number | undefined
  if (values['max-bytes'] !== undefined) {
    maxBytes = Number(values['max-bytes'])
    if (!Number.isInteger(maxBytes) || maxBytes <= 0) {
      io.stderr(`corroborate: Expected \`--max-bytes\` to be a positive integer, got \`${values['max-bytes']}\`\n`)
      return 2
    }
  }
  const corpus = values.corpus ?? 'corpus'
  const out = values.out ?? 'output'
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

  try {
    const result = await analyze({
      corpus,
      out,
      stories: values.story,
      maxBytes,
      excel: values.excel,
      progress: values.quiet ? undefined : (line) => io.stderr(`${line}\n`),
    })
    for (const m of result.messages) if (m.severity !== 'info' || values.verbose) io.stderr(`${String(m)}\n`)
    const fatal = result.messages.filter((m) => m.severity === 'fatal').length
    const warnings = result.messages.filter((m) => m.severity === 'warning').length
    const ok = result.rows.filter((r) => r.status === 'ok').length
    io.stderr(
      `corroborate: ${result.rows.length} ${plural(result.rows.length, 'story', 'stories')} (${ok} ok), ${result.articles} articles, ` +
        `${result.statements} statements, ${fatal} fatal, ${warnings} ${plural(warnings, 'warning', 'warnings')}; reports in ${out}/\n`,
    )
    if (fatal > 0) return 1
    if (values.strict && warnings > 0) return 1
    return 0
  } catch (error) {
    io.stderr(`corroborate: crashed: ${(error as Error).stack ?? String(error)}\n`)
    return 2
  }
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many
}
