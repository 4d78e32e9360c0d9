// Where a command writes: stdout for what the user asked for, stderr for progress and messages.
import { stat } from 'node:fs/promises'

/** Where the CLI writes: stdout for what the user asked for, stderr for progress and messages. */
export interface Io {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /** The terminal stderr is, when it is one: progress is then a bar instead of lines. */
  readonly terminal?: NodeJS.WriteStream
  /** What `--corpus -` reads (a terminal is refused: nothing was piped in). */
  readonly stdin?: NodeJS.ReadableStream
}

/** The process's own stdout and stderr. */
export const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  terminal: process.stderr.isTTY ? process.stderr : undefined,
  // A getter: process.stdin is made on first use, and a run that reads no stdin never makes it.
  get stdin() {
    return process.stdin
  },
}

/** Say a usage problem on stderr with the hint to `--help`; returns exit code 2. */
export function usage(io: Io, message: string): number {
  io.stderr(`corroborate: ${message}\nRun \`corroborate --help\` for usage.\n`)
  return 2
}

/** Whether an output file is the input file itself (through any link): writing it would destroy the input. */
export async function sameFile(input: string, output: string): Promise<boolean> {
  const [a, b] = await Promise.all([stat(input).catch(() => null), stat(output).catch(() => null)])
  return a !== null && b !== null && a.dev === b.dev && a.ino === b.ino
}

/** `one` for 1, else `many`. */
export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many
}
