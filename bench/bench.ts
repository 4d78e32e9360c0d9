// `make bench`: quality (MSRP, STS-B) and speed (seed story, BASIL batch, generated large stories) figures.
// Prints a table on stdout and writes BENCHMARKS.md. Progress goes to stderr.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { parse } from 'csv-parse/sync'
import { loadVectors } from '../pipeline/tables.js'
import { DEFAULT_BOOST, pairMatrix } from '../commands/calibrate.js'
import { type BoostOptions, bestThreshold, classify, fitBoosted, pearson, predict, spearman } from '../resources/model.js'
import { ABLATIONS, DEFAULT_MODEL, FEATURES, type FeatureName, scoreTextPairs } from '../stages/similarity/index.js'
import { generateStory, readMsrp, readStsb } from './data.js'
import { ledgerFigures, sampleFigures } from './labels/figures.js'
import { queueFigures } from './queue.js'

const root = path.join(__dirname, '..', '..')
const shared = path.join(root, '..', 'shared')
const quick = process.argv.includes('--quick')
// `--quality` or `--speed` runs one half, prints it and leaves BENCHMARKS.md as it is (for work on one half).
const part = process.argv.includes('--quality') ? 'quality' : process.argv.includes('--speed') ? 'speed' : 'all'
const bin = path.join(root, 'bin', 'corroborate.js')
const preload = path.join(__dirname, 'measure.js')

interface Timing {
  readonly medianMs: number
  readonly peakMb: number
  readonly runs: number
  /** The `compared-pairs` message of the last run, per story. */
  readonly compared: readonly string[]
  /** Sentences analysed, from index.csv. */
  readonly sentences: number
  /** Median CPU time of the runs, all threads: over the wall time, how many cores were busy. */
  readonly cpuMs: number
  /** Median time of the align stage (candidates, scoring, grouping), from run.json. */
  readonly alignMs: number
  /** Median time spent building the HTML pages (report.html and index.html), from run.json's `html`. */
  readonly htmlMs: number
  /** Median of run.json's `total`: the run in-process, start-up excluded, which `htmlMs` is a share of. */
  readonly runMs: number
  /** The largest story page (report.html) of the last run, in MB. */
  readonly pageMb: number
}

function log(line: string): void {
  process.stderr.write(`${line}\n`)
}

/** Run `corroborate analyze` `runs` times in fresh processes: median wall time and the largest peak RSS. */
function timeAnalyze(corpus: string, runs: number, extra: readonly string[] = [], keepOut?: string, program = bin): Timing {
  const times: number[] = []
  const cpu: number[] = []
  const aligns: number[] = []
  const pages: number[] = []
  const totals: number[] = []
  let pageMb = 0
  let peak = 0
  let compared: string[] = []
  let sentences = 0
  for (let i = 0; i < runs; i++) {
    // With `keepOut`, every run writes into that folder: a re-run over reports already there.
    const out = keepOut ?? mkdtempSync(path.join(os.tmpdir(), 'corroborate-bench-'))
    const rssFile = path.join(out, 'rss.txt')
    const start = process.hrtime.bigint()
    execFileSync(process.execPath, ['-r', preload, program, 'analyze', '--corpus', corpus, '--out', path.join(out, 'out'), '--quiet', ...extra], {
      env: { ...process.env, BENCH_RSS_FILE: rssFile, DOTENV_CONFIG_QUIET: 'true' },
      stdio: ['ignore', 'ignore', 'ignore'],
    })
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
    const [rss, cpuMs] = readFileSync(rssFile, 'utf8').trim().split(' ').map(Number)
    peak = Math.max(peak, rss! / 1024)
    cpu.push(cpuMs!)
    const run = JSON.parse(readFileSync(path.join(out, 'out', 'run.json'), 'utf8')) as { messages: { ruleId: string; reason: string }[]; timingsMs: { align: number; html: number; total: number } }
    aligns.push(run.timingsMs.align)
    pages.push(run.timingsMs.html)
    totals.push(run.timingsMs.total)
    const folders = readdirSync(path.join(out, 'out'), { withFileTypes: true }).filter((d) => d.isDirectory())
    pageMb = Math.max(0, ...folders.map((d) => path.join(out, 'out', d.name, 'report.html')).filter((f) => existsSync(f)).map((f) => statSync(f).size / 1e6))
    compared = run.messages.filter((m) => m.ruleId === 'compared-pairs').map((m) => m.reason)
    const index = readFileSync(path.join(out, 'out', 'index.csv'), 'utf8').trim().split('\n').slice(1)
    sentences = index.reduce((sum, line) => sum + Number(line.split(',')[4]), 0)
    if (!keepOut) rmSync(out, { recursive: true, force: true })
  }
  return { medianMs: median(times), peakMb: peak, runs, compared, sentences, cpuMs: median(cpu), alignMs: median(aligns), htmlMs: median(pages), runMs: median(totals), pageMb }
}

/** k-fold figures for 0/1 labels: each fold fitted on the others, with the accuracy-optimal threshold of its own training rows. */
function foldFigures(matrix: readonly number[][], labels: readonly number[], folds: number, options: BoostOptions = {}) {
  const predicted: number[] = []
  const truth: number[] = []
  for (let f = 0; f < folds; f++) {
    const train = matrix.map((_, i) => i).filter((i) => i % folds !== f)
    const learner = fitBoosted(
      train.map((i) => matrix[i]!),
      train.map((i) => labels[i]!),
      options,
    )
    // The threshold comes from the fold's training pairs only.
    const threshold = bestThreshold(
      train.map((i) => predict(learner, matrix[i]!)),
      train.map((i) => labels[i]!),
      'accuracy',
    )
    matrix.forEach((x, i) => {
      if (i % folds !== f) return
      predicted.push(predict(learner, x) >= threshold ? 1 : 0)
      truth.push(labels[i]!)
    })
  }
  return classify(predicted, truth, 0.5)
}

/** Options of the STS-B fits: 400 trees of depth 4 per bag, chosen by 5-fold CV on STS-B train (0.811 against 0.806). */
const STS_OPTIONS: BoostOptions = { ...DEFAULT_BOOST, rounds: 400, depth: 4 }

/**
 * Quality figures, each benchmark with its own training data, as `calibrate` fits a model to a labelled file:
 * MSRP 10-fold cross-validated on MSRP train (each fold fitted on the other nine, never on its own pairs), and
 * STS-B dev scored by a model fitted on STS-B train. With `ablate`, the same with each group of features left out,
 * to show what each signal gains. Then the shipped model (fitted on both training sets) on STS-B dev.
 */
function quality(add: (figure: string, value: string, note?: string) => void, ablate: boolean): void {
  const msrp = readMsrp(path.join(shared, 'data', 'msrp', 'msr_paraphrase_train.txt'))
  const stsTrain = readStsb(path.join(shared, 'data', 'stsb', 'sts-train.csv'))
  const stsDev = readStsb(path.join(shared, 'data', 'stsb', 'sts-dev.csv'))
  const vectors = loadVectors((line) => log(line))
  const start = performance.now()
  const msrpMatrix = pairMatrix(msrp, FEATURES, vectors)
  const stsMatrix = pairMatrix(stsTrain, FEATURES, vectors)
  const devMatrix = pairMatrix(stsDev, FEATURES, vectors)
  log(`features of ${msrp.length + stsTrain.length + stsDev.length} pairs in ${fmt((performance.now() - start) / 1000)} s`)
  const msrpLabels = msrp.map((p) => p.label)
  const stsTargets = stsTrain.map((p) => p.label / 5)
  const gold = stsDev.map((p) => p.label)

  // Baseline for scale: a threshold on TF-IDF cosine over stems alone.
  const cosineAt = FEATURES.indexOf('cosine')
  const msrpCos = classifyByThreshold(msrpMatrix.map((x) => x[cosineAt]!), msrpLabels)
  add('MSRP baseline: threshold on TF-IDF cosine', `${fmt(100 * msrpCos)}%`, '10-fold, threshold fitted per fold')

  // The first model's fourteen features (the families up to `overlap`), then each group of ABLATIONS left out.
  const starting = new Set<FeatureName>(FEATURES.slice(0, 14))
  const groups: [string, (f: FeatureName) => boolean][] = [
    ['all features', () => false],
    ['the first 14 features only', (f) => !starting.has(f)],
    ...ABLATIONS.map((g): [string, (f: FeatureName) => boolean] => [`without ${g.name}`, (f) => g.features.includes(f)]),
  ]
  for (const [name, dropped] of ablate ? groups : groups.slice(0, 1)) {
    const keep = FEATURES.map((f, j) => (dropped(f) ? -1 : j)).filter((j) => j >= 0)
    const select = (x: readonly number[]) => keep.map((j) => x[j]!)
    const m = msrpMatrix.map(select)
    const cv = foldFigures(m, msrpLabels, 10, DEFAULT_BOOST)
    const learner = fitBoosted(stsMatrix.map(select), stsTargets, STS_OPTIONS)
    const devScores = devMatrix.map((x) => predict(learner, select(x)))
    const suffix = name === 'all features' ? '' : ` (${name})`
    add(`MSRP train, 10-fold CV accuracy${suffix}`, `${fmt(100 * cv.accuracy)}%`, name === 'all features' ? `F1 ${fmt(100 * cv.f1)}, precision ${fmt(100 * cv.precision)}, recall ${fmt(100 * cv.recall)}; ${keep.length} features, fitted on MSRP train only` : `F1 ${fmt(100 * cv.f1)}; ${keep.length} features`)
    add(`STS-B dev Pearson${suffix}`, fmt(pearson(devScores, gold), 3), name === 'all features' ? `Spearman ${fmt(spearman(devScores, gold), 3)}; ${stsDev.length} pairs; fitted on STS-B train (${STS_OPTIONS.bags} bags of ${STS_OPTIONS.rounds} trees of depth ${STS_OPTIONS.depth})` : '')
  }
  // The shipped model itself on STS-B dev (fitted on MSRP train and STS-B train together).
  const shipped = scoreTextPairs(stsDev, DEFAULT_MODEL, vectors)
  add('STS-B dev Pearson, shipped model', fmt(pearson(shipped, gold), 3), 'fitted on MSRP train + STS-B train, as analyze uses it')
}

/** 10-fold accuracy of a threshold on one score, the threshold fitted on the other folds. */
function classifyByThreshold(scores: readonly number[], labels: readonly number[]): number {
  let correct = 0
  for (let f = 0; f < 10; f++) {
    const train = scores.map((_, i) => i).filter((i) => i % 10 !== f)
    const t = bestThreshold(
      train.map((i) => scores[i]!),
      train.map((i) => labels[i]!),
      'accuracy',
    )
    scores.forEach((s, i) => {
      if (i % 10 === f && (s >= t ? 1 : 0) === labels[i]) correct++
    })
  }
  return correct / scores.length
}

/** Milliseconds a fresh process takes to load the word-vector table. */
function vectorLoadMs(): number {
  const out = execFileSync(process.execPath, ['-e', `const {performance}=require('node:perf_hooks');const t=performance.now();require(${JSON.stringify(path.join(__dirname, '..', 'pipeline', 'tables.js'))}).loadVectors();process.stdout.write(String(performance.now()-t))`])
  return Number(out.toString())
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function fmt(n: number, digits = 1): string {
  return n.toFixed(digits)
}

// BASIL spells each outlet two ways ("FOX" and "Fox News"); the table joins them.
const BASIL_OUTLETS: Readonly<Record<string, string>> = { FOX: 'Fox News', HPO: 'HuffPost', NYT: 'New York Times' }

/** The main framing measures of each BASIL outlet, averaged over its articles weighted by words. */
function basilFraming(basil: string): string {
  const out = mkdtempSync(path.join(os.tmpdir(), 'corroborate-basil-'))
  execFileSync(process.execPath, [bin, 'analyze', '--corpus', basil, '--out', out, '--quiet'], { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' } })
  const measures = [
    'tone_per_100w', 'hedges_per_100w', 'weasels_per_100w', 'modals_per_100w', 'intensifiers_per_100w', 'loaded_per_100w',
    'loaded_verb_share', 'quoted_word_share', 'named_sources', 'anonymous_per_100w', 'official_share', 'coverage', 'shared_position',
  ]
  const sums = new Map<string, { words: number; values: number[] }>()
  for (const story of readdirSync(out)) {
    const file = path.join(out, story, 'framing.csv')
    if (!existsSync(file)) continue
    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[]
    for (const r of rows) {
      const words = Number(r.words)
      const outlet = BASIL_OUTLETS[r.outlet!] ?? r.outlet!
      const entry = sums.get(outlet) ?? { words: 0, values: measures.map(() => 0) }
      entry.words += words
      measures.forEach((m, i) => (entry.values[i]! += words * Number(r[m])))
      sums.set(outlet, entry)
    }
  }
  rmSync(out, { recursive: true, force: true })
  const outlets = [...sums.keys()].sort()
  const lines = [`| measure | ${outlets.join(' | ')} |`, `|---|${outlets.map(() => '---').join('|')}|`]
  measures.forEach((m, i) => lines.push(`| ${m} | ${outlets.map((o) => fmt(sums.get(o)!.values[i]! / sums.get(o)!.words, 3)).join(' | ')} |`))
  return lines.join('\n')
}

let framingTable = ''

/**
 * The commit whose speed the alignment on real news is held to (at most 1.3 times its time on the 1,000-article story,
 * on the same machine): the last one before headline units and the same-claim stage. A figure measured on another day
 * says little here, where the same code runs 20% slower on some days than on others: the two are run in turn.
 */
const SPEED_BASELINE = '4f56f8544a0ea83533df1268a5a090523884cd89'
let baselineMissing = ''

/**
 * SPEED_BASELINE's code, from this clone's history (`git archive`, so the repository is not touched), built into
 * `dir` with this checkout's dependencies and word tables; null (with `baselineMissing` set) without git or the commit.
 */
function buildBaseline(dir: string): { bin: string } | null {
  const tree = path.join(dir, 'baseline')
  try {
    execFileSync('git', ['-C', root, 'cat-file', '-e', `${SPEED_BASELINE}^{commit}`], { stdio: 'ignore' })
  } catch {
    baselineMissing = `commit ${SPEED_BASELINE.slice(0, 7)} is not in this clone (no git, or a shallow clone)`
    return null
  }
  mkdirSync(tree)
  const archive = path.join(dir, 'baseline.tar')
  execFileSync('git', ['-C', root, 'archive', '--format=tar', '-o', archive, SPEED_BASELINE])
  execFileSync('tar', ['-xf', archive, '-C', tree])
  symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'), 'dir')
  log(`building ${SPEED_BASELINE.slice(0, 7)} in ${tree}`)
  execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: tree, stdio: ['ignore', 'ignore', 'inherit'] })
  return { bin: path.join(tree, 'bin', 'corroborate.js') }
}

/** `runs` runs of each program on `corpus`, the programs in turn within each round: one Timing per program. */
function timeInTurn(corpus: string, runs: number, programs: readonly string[]): Timing[] {
  const each = programs.map(() => [] as Timing[])
  for (let r = 0; r < runs; r++) programs.forEach((program, k) => each[k]!.push(timeAnalyze(corpus, 1, [], undefined, program)))
  return each.map((ts) => ({
    ...ts[ts.length - 1]!,
    runs,
    medianMs: median(ts.map((t) => t.medianMs)),
    peakMb: Math.max(...ts.map((t) => t.peakMb)),
    cpuMs: median(ts.map((t) => t.cpuMs)),
    alignMs: median(ts.map((t) => t.alignMs)),
    htmlMs: median(ts.map((t) => t.htmlMs)),
    runMs: median(ts.map((t) => t.runMs)),
  }))
}

/** The HTML pages' cost in a run already timed (run.json's `html` over its `total`; the issue's target is at most 10%) and the page's size. */
function htmlFigure(size: number, t: Timing, add: (figure: string, value: string, note?: string) => void): void {
  const share = t.runMs > 0 ? (100 * t.htmlMs) / t.runMs : 0
  add(`HTML pages, ${size}-article story`, `${fmt(t.htmlMs / 1000, 1)} s of ${fmt(t.runMs / 1000, 1)} s (${fmt(share)}%), page ${fmt(t.pageMb)} MB`, `report.html and index.html, median of ${t.runs} runs; target at most 10% of the run, page at most 5 MB`)
}

// `--html-check N`: only the HTML figure, on one run of a generated story of N articles (to check the figure prints).
const htmlCheck = process.argv.indexOf('--html-check')

async function main(): Promise<void> {
  const rows: [string, string, string][] = []
  const add = (figure: string, value: string, note = '') => {
    rows.push([figure, value, note])
    log(`${figure}: ${value} ${note}`)
  }
  if (htmlCheck >= 0) {
    const size = Number(process.argv[htmlCheck + 1] ?? 200)
    const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-gen-'))
    const file = path.join(dir, `generated-${size}.jsonl`)
    generateStory(path.join(shared, 'data', 'basil', 'basil.jsonl'), size, file)
    htmlFigure(size, timeAnalyze(file, 1), add)
    rmSync(dir, { recursive: true, force: true })
    process.stdout.write(`${rows.map((r) => r.join(' | ')).join('\n')}\n`)
    return
  }

  if (part !== 'speed' && existsSync(path.join(shared, 'data', 'msrp')) && existsSync(path.join(shared, 'data', 'stsb'))) quality(add, !quick)
  if (part !== 'speed' && existsSync(path.join(shared, 'data', 'basil'))) ledgerFigures(root, shared, loadVectors(), add, log)
  if (part !== 'speed') await sampleFigures(root, loadVectors(), add)
  if (part === 'quality') {
    process.stdout.write(`${rows.map((r) => r.join(' | ')).join('\n')}\n`)
    return
  }
  const loads = [vectorLoadMs(), vectorLoadMs(), vectorLoadMs()]
  add('word vectors and WordNet: load time', `${fmt(median(loads), 0)} ms`, 'median of 3 fresh processes')

  const runs = quick ? 3 : 5
  const seeds = path.join(shared, 'seeds')
  if (existsSync(seeds)) {
    const t = timeAnalyze(seeds, runs)
    add('seed story (5 articles): time', `${fmt(t.medianMs, 0)} ms`, `median of ${t.runs} runs, whole process`)
    add('seed story: peak memory', `${fmt(t.peakMb, 0)} MB`)
  }
  const basil = path.join(shared, 'data', 'basil', 'basil.jsonl')
  if (existsSync(basil)) {
    const t = timeAnalyze(basil, quick ? 1 : 3)
    add('BASIL batch (100 stories, 300 articles): time', `${fmt(t.medianMs, 0)} ms`, `median of ${t.runs} runs, default concurrency (${os.availableParallelism()} cores)`)
    add('BASIL batch: peak memory', `${fmt(t.peakMb, 0)} MB`)
    const one = timeAnalyze(basil, quick ? 1 : 3, ['--concurrency', '1'])
    const two = timeAnalyze(basil, quick ? 1 : 3, ['--concurrency', '2'])
    add('BASIL batch, 1 worker (in-process)', `${fmt(one.medianMs, 0)} ms`, `median of ${one.runs} runs; peak ${fmt(one.peakMb, 0)} MB; ${fmt(one.cpuMs / one.medianMs, 2)} cores busy`)
    add('BASIL batch, 2 workers', `${fmt(two.medianMs, 0)} ms`, `median of ${two.runs} runs; peak ${fmt(two.peakMb, 0)} MB; ${fmt(two.cpuMs / two.medianMs, 2)} cores busy`)
    add('BASIL batch: speed-up 1 → 2 workers', `×${fmt(one.medianMs / two.medianMs, 2)}`)
    const kept = mkdtempSync(path.join(os.tmpdir(), 'corroborate-rerun-'))
    const first = timeAnalyze(basil, 1, [], kept)
    const again = timeAnalyze(basil, quick ? 1 : 3, [], kept)
    rmSync(kept, { recursive: true, force: true })
    add('BASIL batch: unchanged re-run', `${fmt(again.medianMs, 0)} ms`, `median of ${again.runs} runs, against ${fmt(first.medianMs, 0)} ms for the first run: ×${fmt(first.medianMs / again.medianMs, 1)} faster`)
    // The job queue: the same batch through enqueue, 1 and 2 workers and collect, against analyze on one thread.
    await queueFigures(basil, add, log)
    framingTable = basilFraming(basil)

    const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-gen-'))
    const sizes = quick ? [250, 500] : [500, 1000]
    const times: number[] = []
    for (const size of sizes) {
      const file = path.join(dir, `generated-${size}.jsonl`)
      generateStory(path.join(shared, 'data', 'basil', 'basil.jsonl'), size, file)
      // The largest story is also timed against the code of SPEED_BASELINE, the two run in turn.
      const baseline = size === sizes[1] && !quick ? buildBaseline(dir) : null
      const [timed, before] = baseline ? timeInTurn(file, 3, [bin, baseline.bin]) : [timeAnalyze(file, quick ? 1 : 3)]
      const t = timed!
      times.push(t.medianMs)
      add(`generated story, ${size} articles (${t.sentences} sentences): time`, `${fmt(t.medianMs / 1000, 1)} s`, `whole process; the align stage ${fmt(t.alignMs / 1000, 1)} s; peak ${fmt(t.peakMb, 0)} MB; ${t.compared[0] ?? ''}`)
      if (size === sizes[1]) htmlFigure(size, t, add)
      if (before)
        add(
          `generated story, ${size} articles: time against the code before the same-claim stage`,
          `×${fmt(t.medianMs / before.medianMs, 2)}`,
          `${fmt(t.medianMs / 1000, 1)} s against ${fmt(before.medianMs / 1000, 1)} s (${SPEED_BASELINE.slice(0, 7)}), run in turn on this machine, medians of ${t.runs} runs each; peak ${fmt(t.peakMb, 0)} MB against ${fmt(before.peakMb, 0)} MB; target at most ×1.3 and 2 GB`,
        )
      else if (size === sizes[1] && !quick) add(`generated story, ${size} articles: time against the code before the same-claim stage`, 'not measured', baselineMissing)
    }
    add(`generated story: time ×${sizes[1]! / sizes[0]!} articles`, `×${fmt(times[1]! / times[0]!, 2)}`)
    rmSync(dir, { recursive: true, force: true })
  }

  const table = ['| figure | value | note |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')
  process.stdout.write(`${table}\n`)
  if (framingTable) process.stdout.write(`\nBASIL framing, per outlet (averaged over its articles, weighted by words):\n\n${framingTable}\n`)
  if (part !== 'all') return
  const date = new Date().toISOString().slice(0, 10)
  const doc = `# Benchmarks

Figures printed by \`make bench\` on ${date} (${os.cpus().length} cores, Node ${process.version}${quick ? ', --quick' : ''}).
Quality is measured on third-party data in \`../shared/data\`; times are whole \`corroborate analyze\` processes
(start-up included), the median of several runs, with the largest peak resident memory of those runs.

${table}
${framingTable ? `\n## Framing on BASIL\n\nThe main framing measures of each outlet of the BASIL batch, averaged over its articles weighted by words\n(see the README for what each measure means).\n\n${framingTable}\n` : ''}`
  writeFileSync(path.join(root, 'BENCHMARKS.md'), doc)
  log(`wrote ${path.join(root, 'BENCHMARKS.md')}`)
}

void main()
