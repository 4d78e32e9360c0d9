// `corroborate pairs` and `corroborate calibrate`: sentence pairs in tab-separated files, scored or fitted.
import path from 'node:path'
import { calibrate, type CalibrationReport, type LabelledPair } from './calibrate.js'
import { type MessageLog, quoteValue } from '../core/messages.js'
import { checkModel, checkVectors, DEFAULT_MODEL, scoreTextPairs, type SimilarityModel } from '../stages/similarity/index.js'
import { decodeText, sniffEncoding } from '../stages/ingest/decode.js'
import { reportEncoding } from '../stages/ingest/records.js'
import { readJsonFile, readUserFile } from '../pipeline/read.js'
import { loadVectors } from '../pipeline/tables.js'
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
  if (sniffed.encoding === null) throw Object.assign(new Error(`${name}: Expected a tab-separated text file, got a binary file (NUL bytes)`), { code: 'ERR_BAD_TABLE' })
  reportEncoding(sniffed, log, 'pairs', name)
  const decoded = decodeText(bytes.subarray(sniffed.bom), sniffed.encoding)
  for (const line of decoded.latin1Lines) log.warn('pairs', 'invalid-utf8', 'Expected UTF-8, got invalid byte sequences; this line decoded as Windows-1252 (Latin-1)', { file: name, line })
  const lines = decoded.text.replace(/^\ufeff/, '').split(/\r?\n/)
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim())
  for (const column of required) {
    if (!header.includes(column)) throw Object.assign(new Error(`${name}: Expected a header row with the column ${quoteValue(column)}, got ${quoteValue(header.join(', '))}`), { code: 'ERR_BAD_TABLE' })
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

/** Read labelled pairs (`text_a`, `text_b`, and `label` 0/1 or `score` 0–5) for calibration. */
export function readLabelledPairs(file: string, log: MessageLog): LabelledPair[] {
  const table = readPairsTable(file, ['text_a', 'text_b'], log)
  const a = table.header.indexOf('text_a')
  const b = table.header.indexOf('text_b')
  const labelAt = table.header.indexOf('label')
  const scoreAt = table.header.indexOf('score')
  const name = path.basename(file)
  if (labelAt < 0 && scoreAt < 0) throw Object.assign(new Error(`${name}: Expected a \`label\` (0/1) or \`score\` (0–5) column, got neither`), { code: 'ERR_BAD_TABLE' })
  const pairs: LabelledPair[] = []
  for (const row of table.rows) {
    const label = labelAt >= 0 ? row.cells[labelAt]!.trim() : ''
    const score = scoreAt >= 0 ? row.cells[scoreAt]!.trim() : ''
    if (label !== '') {
      if (label !== '0' && label !== '1') {
        log.warn('calibrate', 'bad-label', `Expected \`label\` 0 or 1, got ${quoteValue(label)}; row skipped`, { file: name, line: row.line })
        continue
      }
      pairs.push({ a: row.cells[a]!, b: row.cells[b]!, label: Number(label) })
    } else if (score !== '') {
      const value = Number(score)
      if (!Number.isFinite(value) || value < 0 || value > 5) {
        log.warn('calibrate', 'bad-score', `Expected \`score\` between 0 and 5, got ${quoteValue(score)}; row skipped`, { file: name, line: row.line })
        continue
      }
      pairs.push({ a: row.cells[a]!, b: row.cells[b]!, score: value })
    } else log.warn('calibrate', 'no-label', 'Expected a `label` or a `score`, got neither; row skipped', { file: name, line: row.line })
  }
  return pairs
}

/** Options of `corroborate calibrate`. */
export interface CalibrateRun {
  readonly pairs: string
  readonly out: string
  readonly rounds?: number
  readonly depth?: number
  readonly learningRate?: number
  readonly folds?: number
}

/** Fit a model to a labelled pairs file and write it atomically; returns the cross-validated figures. */
export async function calibrateFile(run: CalibrateRun, log: MessageLog, progress: (line: string) => void): Promise<CalibrationReport> {
  const pairs = readLabelledPairs(run.pairs, log)
  progress(`corroborate: fitting on ${pairs.length} pairs (${run.folds ?? 10}-fold cross-validation first)`)
  const { model, report } = calibrate(pairs, log, {
    vectors: loadVectors(progress),
    rounds: run.rounds,
    depth: run.depth,
    learningRate: run.learningRate,
    folds: run.folds,
    source: path.basename(run.pairs),
  })
  await writeFileAtomic(run.out, `${JSON.stringify(model, null, 1)}\n`)
  return report
}

/** The figures of a calibration as lines for stdout. */
export function formatReport(report: CalibrationReport): string {
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`
  const cv = report.crossValidated
  const lines = [
    `pairs\t${report.pairs} (${report.labelled} labelled, ${report.scored} scored)`,
    `cross-validation\t${report.folds} folds`,
    `accuracy\t${pct(cv.accuracy)}`,
    `precision\t${pct(cv.precision)}`,
    `recall\t${pct(cv.recall)}`,
    `f1\t${(100 * cv.f1).toFixed(1)}`,
  ]
  if (report.pearson !== null) lines.push(`pearson\t${report.pearson.toFixed(3)}`, `spearman\t${report.spearman!.toFixed(3)}`)
  lines.push(`threshold\t${report.threshold}`)
  return `${lines.join('\n')}\n`
}
