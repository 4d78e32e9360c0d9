// `corroborate pairs`: sentence pairs in a tab-separated file, scored; and the TSV reader `calibrate` shares.
import path from 'node:path'
import { CorroborateError, MessageLog, quoteValue } from '../core/messages.js'
import { checkModel, checkVectors, DEFAULT_MODEL, scoreTextPairs, type SimilarityModel } from '../stages/similarity/index.js'
import { decodeText, sniffEncoding } from '../stages/ingest/decode.js'
import { reportEncoding } from '../stages/ingest/records.js'
import { readJsonFile, readUserFile } from '../pipeline/read.js'
import { loadVectors } from '../pipeline/tables.js'
import { type Io, sameFile, usage } from '../pipeline/io.js'
import { type Flags, resolve } from '../pipeline/settings.js'
import { writeFileAtomic } from '../pipeline/write.js'

/** A tab-separated file with a header row: fields split on tabs only (sentences contain `"`). */
export interface Table {
  readonly header: readonly string[]
  readonly rows: readonly { readonly line: number; readonly cells: readonly string[] }[]
}

/** Largest pairs file read (256 MB: MSRP's training pairs are 1 MB). */
export const PAIRS_MAX_BYTES = 256 * 1024 * 1024
/** Largest model file read (64 MB: the shipped one is 170 KB). */
export const MODEL_MAX_BYTES = 64 * 1024 * 1024

/** Read a TSV; a row with fewer cells than the header is reported and padded, never dropped. */
export function readPairsTable(file: string, required: readonly string[], log: MessageLog): Table {
  const bytes = readUserFile(file, { what: 'pairs file', maxBytes: PAIRS_MAX_BYTES, code: 'ERR_BAD_TABLE' })
  const name = path.basename(file)
  // Decoded as article files are: UTF-16 (what Excel's "Unicode text" export writes) and bad UTF-8 lines included.
  const sniffed = sniffEncoding(bytes, true)
  if (sniffed.encoding === null) throw new CorroborateError('ERR_BAD_TABLE', `${name}: Expected a tab-separated text file, got a binary file (NUL bytes)`)
  reportEncoding(sniffed, log, 'pairs', name)
  const decoded = decodeText(bytes.subarray(sniffed.bom), sniffed.encoding)
  for (const line of decoded.latin1Lines) log.warn('pairs', 'invalid-utf8', 'Expected UTF-8, got invalid byte sequences; this line decoded as Windows-1252 (Latin-1)', { file: name, line })
  const lines = decoded.text.replace(/^\ufeff/, '').split(/\r?\n/)
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim())
  for (const column of required) {
    if (!header.includes(column)) throw new CorroborateError('ERR_BAD_TABLE', `${name}: Expected a header row with the column ${quoteValue(column)}, got ${quoteValue(header.join(', '))}`)
  }
  const rows = lines.slice(1).map((line, i) => {
    const cells = line.split('\t')
    if (cells.length < header.length) log.warn('pairs', 'short-row', `Expected ${header.length} tab-separated fields, got ${cells.length}`, { file: name, line: i + 2 })
    while (cells.length < header.length) cells.push('')
    return { line: i + 2, cells }
  })
  return { header, rows }
}

/** The model to use: the one in `file`, or the shipped default. */
export function loadModel(file: string | undefined): SimilarityModel {
  if (file === undefined) return DEFAULT_MODEL
  // A regular file of bounded size; a syntax error is given by position, never by quoting the file.
  return checkModel(readJsonFile(file, { what: 'model', maxBytes: MODEL_MAX_BYTES, code: 'ERR_INVALID_MODEL' }), file)
}

/** Word vectors when the model uses them, loaded once per process. */
export function vectorsFor(model: SimilarityModel, log: (line: string) => void): ReturnType<typeof loadVectors> | undefined {
  if (model.vectors === null) return undefined
  const vectors = loadVectors(log)
  checkVectors(model, vectors)
  return vectors
}

/** Score every row of a pairs file: the same rows with `similarity` and `aligned` appended, as TSV. */
export function scorePairsFile(file: string, model: SimilarityModel, log: MessageLog, progress: (line: string) => void): string {
  const table = readPairsTable(file, ['text_a', 'text_b'], log)
  const a = table.header.indexOf('text_a')
  const b = table.header.indexOf('text_b')
  const scores = scoreTextPairs(
    table.rows.map((r) => ({ a: r.cells[a]!, b: r.cells[b]! })),
    model,
    vectorsFor(model, progress),
  )
  const out = [[...table.header, 'similarity', 'aligned'].join('\t')]
  table.rows.forEach((row, i) => out.push([...row.cells, scores[i]!.toFixed(4), scores[i]! >= model.threshold ? '1' : '0'].join('\t')))
  return `${out.join('\n')}\n`
}

/** `corroborate pairs`: score the pairs of `--in` and write them to `--out` or stdout; exit 1 when any row was bad. */
export async function pairsCommand(flags: Flags, io: Io): Promise<number> {
  const settings = resolve('pairs', flags) as { in?: string; out?: string; model: string | null }
  const input = settings.in
  if (input === undefined) return usage(io, 'Expected `--in PAIRS.tsv`, got none')
  if (settings.out !== undefined && (await sameFile(input, settings.out))) return usage(io, `Expected \`--out\` to be another file than \`--in\`, got \`${settings.out}\` for both: it would replace the input`)
  const model = loadModel(settings.model ?? undefined)
  const log = new MessageLog()
  const text = scorePairsFile(input, model, log, (line) => io.stderr(`${line}\n`))
  for (const m of log.messages) io.stderr(`${String(m)}\n`)
  if (settings.out === undefined) io.stdout(text)
  else await writeFileAtomic(settings.out, text)
  return log.messages.some((m) => m.severity !== 'info') ? 1 : 0
}
