// `corroborate calibrate`: fit the similarity model to labelled sentence pairs, with cross-validated figures.
import path from 'node:path'
import { CorroborateError, MessageLog, quoteValue } from '../core/messages.js'
import { type Io, sameFile, usage } from '../pipeline/io.js'
import { type Flags, resolve } from '../pipeline/settings.js'
import { loadVectors } from '../pipeline/tables.js'
import { writeFileAtomic } from '../pipeline/write.js'
import { readPairsTable } from './pairs.js'
import { type BoostOptions, bestThreshold, DEFAULT_BOOST, DEFAULT_FOLDS, classify, fitBoosted, type Metrics, pearson, predict, spearman } from '../resources/model.js'
import { FEATURE_DOCS, FEATURES, type FeatureName, pairFeatureArray, preparePairs, type SimilarityModel, VECTOR_FEATURES, WORDNET_FEATURES } from '../stages/similarity/index.js'
import type { WordVectors } from '../resources/vectors.js'
import { round } from '../core/numbers.js'

/** A sentence pair with a 0/1 `label` (paraphrase or not) or a 0–5 `score` (graded similarity). */
export interface LabelledPair {
  readonly a: string
  readonly b: string
  readonly label?: number
  readonly score?: number
}

export interface CalibrateOptions extends BoostOptions {
  /** Folds of cross-validation (default: `DEFAULT_FOLDS`, 10). */
  readonly folds?: number
  /** Features to use (default: all). */
  readonly features?: readonly FeatureName[]
  /** A score at or above this (0–5) counts as aligned when choosing the threshold (default: `3`). */
  readonly alignedScore?: number
  /** What the threshold maximises: accuracy, or F1 of the aligned class (default: `f1`, which leans to recall). */
  readonly criterion?: 'accuracy' | 'f1'
  /** Word vectors for the vector features; without them those features are left out. */
  readonly vectors?: WordVectors
  /** Recorded in the model's notes: where the pairs came from. */
  readonly source?: string
}

/** Cross-validated figures of a calibration. */
export interface CalibrationReport {
  readonly pairs: number
  readonly labelled: number
  readonly scored: number
  readonly folds: number
  /** Classification figures over every pair (scores turned into labels with `alignedScore`). */
  readonly crossValidated: Metrics
  /** Over the scored pairs only, when there are any. */
  readonly pearson: number | null
  readonly spearman: number | null
  readonly threshold: number
}

export { DEFAULT_BOOST, DEFAULT_FOLDS } from '../resources/model.js'

/** Each pair's features, with IDF over all sentences of the set (as `pairs` and `analyze` compute it). */
export function pairMatrix(pairs: readonly { readonly a: string; readonly b: string }[], features: readonly FeatureName[], vectors?: WordVectors): number[][] {
  const { prepared, idf } = preparePairs(pairs, vectors)
  const at = features.map((f) => FEATURES.indexOf(f))
  const values = new Float64Array(FEATURES.length)
  return prepared.map(([a, b]) => {
    pairFeatureArray(a, b, idf, values)
    return at.map((k) => values[k]!)
  })
}

/** Fit a model to labelled pairs: k-fold cross-validated figures first, then the model fitted on every pair. */
export function calibrate(pairs: readonly LabelledPair[], log: MessageLog, options: CalibrateOptions = {}): { model: SimilarityModel; report: CalibrationReport } {
  const folds = options.folds ?? DEFAULT_FOLDS
  const boost: BoostOptions = { ...DEFAULT_BOOST, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) }
  const alignedScore = options.alignedScore ?? 3
  const criterion = options.criterion ?? 'f1'
  if (!Number.isInteger(folds) || folds < 2) throw new CorroborateError('ERR_INVALID_OPTION', `Expected \`folds\` to be an integer of at least 2, got ${quoteValue(folds)}`)
  const usable = pairs.filter((p) => p.label !== undefined || p.score !== undefined)
  if (usable.length < folds * 2) throw new CorroborateError('ERR_NO_DATA', `Expected at least ${folds * 2} pairs with a label or score, got ${usable.length}`)
  let features = options.features ?? FEATURES
  // Features whose resource is missing are left out, with a warning naming them.
  const leaveOut = (group: readonly FeatureName[], ruleId: string, missing: string) => {
    const dropped = features.filter((f) => group.includes(f))
    if (dropped.length > 0) log.warn('calibrate', ruleId, `No ${missing}: fitting without ${dropped.map((f) => `\`${f}\``).join(', ')}`)
    features = features.filter((f) => !group.includes(f))
  }
  if (!options.vectors) leaveOut(VECTOR_FEATURES, 'no-vectors', 'word vectors')
  if (!options.vectors?.wordnet) leaveOut(WORDNET_FEATURES, 'no-wordnet', 'WordNet')
  const rows = pairMatrix(usable, features, options.vectors)
  // Targets in [0, 1]: labels as they are, scores divided by 5; labels for the threshold from the score.
  const targets = usable.map((p) => (p.label !== undefined ? p.label : p.score! / 5))
  const labels = usable.map((p) => (p.label !== undefined ? p.label : p.score! >= alignedScore ? 1 : 0))

  // Folds from a fixed pseudo-random order, so a file sorted or patterned by label still gets mixed folds.
  const foldOf = shuffledFolds(usable.length, folds)
  const outOfFold = new Array<number>(usable.length).fill(0)
  const foldPredictions: number[] = []
  const foldLabels: number[] = []
  for (let f = 0; f < folds; f++) {
    const train = usable.map((_, i) => i).filter((i) => foldOf[i] !== f)
    const learner = fitBoosted(
      train.map((i) => rows[i]!),
      train.map((i) => targets[i]!),
      boost,
    )
    // The fold's threshold comes from its own training pairs, so the figures never see the test fold.
    const threshold = bestThreshold(
      train.map((i) => predict(learner, rows[i]!)),
      train.map((i) => labels[i]!),
      criterion,
    )
    for (let i = 0; i < usable.length; i++) {
      if (foldOf[i] !== f) continue
      outOfFold[i] = predict(learner, rows[i]!)
      foldPredictions.push(outOfFold[i]! >= threshold ? 1 : 0)
      foldLabels.push(labels[i]!)
    }
  }
  const crossValidated = classify(foldPredictions, foldLabels, 0.5)
  const scoredIndex = usable.map((p, i) => (p.score !== undefined && p.label === undefined ? i : -1)).filter((i) => i >= 0)
  const learner = fitBoosted(rows, targets, boost)
  // The operating threshold: the most accurate one on out-of-fold predictions.
  const threshold = bestThreshold(outOfFold, labels, criterion)
  const report: CalibrationReport = {
    pairs: usable.length,
    labelled: usable.filter((p) => p.label !== undefined).length,
    scored: usable.filter((p) => p.label === undefined).length,
    folds,
    crossValidated,
    pearson: scoredIndex.length > 1 ? pearson(scoredIndex.map((i) => outOfFold[i]!), scoredIndex.map((i) => usable[i]!.score!)) : null,
    spearman: scoredIndex.length > 1 ? spearman(scoredIndex.map((i) => outOfFold[i]!), scoredIndex.map((i) => usable[i]!.score!)) : null,
    threshold,
  }
  const model: SimilarityModel = {
    format: 'corroborate-model',
    version: 1,
    features,
    learner,
    threshold,
    vectors: options.vectors && features.some((f) => VECTOR_FEATURES.includes(f)) ? options.vectors.name : null,
    notes: {
      source: options.source ?? null,
      wordnet: options.vectors?.wordnet && features.some((f) => WORDNET_FEATURES.includes(f)) ? options.vectors.wordnet.name : null,
      pairs: report.pairs,
      labelled: report.labelled,
      scored: report.scored,
      alignedScore,
      criterion,
      learner: { rounds: boost.rounds, learningRate: boost.learningRate, depth: boost.depth, bags: boost.bags, subsample: boost.subsample, colsample: boost.colsample },
      crossValidated: { folds, ...roundAll(crossValidated), pearson: roundOrNull(report.pearson), spearman: roundOrNull(report.spearman) },
      features: Object.fromEntries(features.map((f) => [f, FEATURE_DOCS[f]])),
    },
  }
  return { model, report }
}

/** Fold of each row: rows dealt round-robin in a fixed pseudo-random order (same input, same folds). */
function shuffledFolds(count: number, folds: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i)
  let state = 0x9e3779b9
  for (let i = count - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    const j = state % (i + 1)
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  const fold = new Array<number>(count)
  order.forEach((row, k) => (fold[row] = k % folds))
  return fold
}

function roundAll(metrics: Metrics): Metrics {
  return { accuracy: round(metrics.accuracy), precision: round(metrics.precision), recall: round(metrics.recall), f1: round(metrics.f1) }
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : round(value)
}

/** Read labelled pairs (`text_a`, `text_b`, and `label` 0/1 or `score` 0–5) for calibration. */
export function readLabelledPairs(file: string, log: MessageLog): LabelledPair[] {
  const table = readPairsTable(file, ['text_a', 'text_b'], log)
  const a = table.header.indexOf('text_a')
  const b = table.header.indexOf('text_b')
  const labelAt = table.header.indexOf('label')
  const scoreAt = table.header.indexOf('score')
  const name = path.basename(file)
  if (labelAt < 0 && scoreAt < 0) throw new CorroborateError('ERR_BAD_TABLE', `${name}: Expected a \`label\` (0/1) or \`score\` (0–5) column, got neither`)
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
  progress(`corroborate: fitting on ${pairs.length} pairs (${run.folds ?? DEFAULT_FOLDS}-fold cross-validation first)`)
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

/** `corroborate calibrate`: fit a model to `--pairs`, print the cross-validated figures and write it to `--out`. */
export async function calibrateCommand(flags: Flags, io: Io): Promise<number> {
  const pairs = flags.pairs as string | undefined
  const out = flags.out as string | undefined
  if (pairs === undefined || out === undefined) return usage(io, 'Expected `--pairs LABELLED.tsv` and `--out MODEL.json`')
  if (await sameFile(pairs, out)) return usage(io, `Expected \`--out\` to be another file than \`--pairs\`, got \`${out}\` for both: it would replace the input`)
  const settings = resolve('calibrate', flags) as { folds?: number; rounds?: number; depth?: number; learningRate?: number; quiet: boolean }
  const log = new MessageLog()
  const progress = settings.quiet ? () => {} : (line: string) => io.stderr(`${line}\n`)
  const report = await calibrateFile({ pairs, out, folds: settings.folds, rounds: settings.rounds, depth: settings.depth, learningRate: settings.learningRate }, log, progress)
  for (const m of log.messages) io.stderr(`${String(m)}\n`)
  io.stdout(formatReport(report))
  progress(`corroborate: model written to ${out}`)
  return 0
}
