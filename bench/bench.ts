// `make bench`: quality (MSRP, STS-B) and speed (seed story, BASIL batch, generated large stories) figures.
// Prints a table on stdout and writes BENCHMARKS.md. Progress goes to stderr.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sentenceFromText } from '../stages/segment.js'
import { DEFAULT_MODEL, Idf, sentenceFeatures, similarity } from '../stages/similarity.js'
import { type LabelledPair, readBasil, readMsrp, readStsb } from './data.js'

const root = path.join(__dirname, '..', '..')
const shared = path.join(root, '..', 'shared')
const quick = process.argv.includes('--quick')
const bin = path.join(root, 'bin', 'corroborate.js')
const preload = path.join(__dirname, 'measure.js')

interface Timing {
  readonly medianMs: number
  readonly peakMb: number
  readonly runs: number
}

function log(line: string): void {
  process.stderr.write(`${line}\n`)
}

/** Run `corroborate analyze` `runs` times in fresh processes: median wall time and the largest peak RSS. */
function timeAnalyze(corpus: string, runs: number, extra: readonly string[] = []): Timing {
  const times: number[] = []
  let peak = 0
  for (let i = 0; i < runs; i++) {
    const out = mkdtempSync(path.join(os.tmpdir(), 'corroborate-bench-'))
    const rssFile = path.join(out, 'rss.txt')
    const start = process.hrtime.bigint()
    execFileSync(process.execPath, ['-r', preload, bin, 'analyze', '--corpus', corpus, '--out', path.join(out, 'out'), '--quiet', ...extra], {
      env: { ...process.env, BENCH_RSS_FILE: rssFile, DOTENV_CONFIG_QUIET: 'true' },
      stdio: ['ignore', 'ignore', 'ignore'],
    })
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
    peak = Math.max(peak, Number(readFileSync(rssFile, 'utf8').trim()) / 1024)
    rmSync(out, { recursive: true, force: true })
  }
  return { medianMs: median(times), peakMb: peak, runs }
}

/** Similarity of each pair under the shipped scorer, IDF taken over all sentences of the set. */
function scorePairs(pairs: readonly LabelledPair[]): number[] {
  const features = pairs.map((p, i) => [sentenceFeatures(sentenceFromText(p.a, `a${i}#0`)), sentenceFeatures(sentenceFromText(p.b, `b${i}#0`))] as const)
  const idf = new Idf()
  for (const [a, b] of features) {
    idf.add(a)
    idf.add(b)
  }
  return features.map(([a, b]) => similarity(a, b, idf, DEFAULT_MODEL))
}

/** 10-fold cross-validated accuracy and F1 of a threshold on the similarity: the threshold is fitted on 9 folds. */
function crossValidate(scores: readonly number[], labels: readonly number[], folds = 10): { accuracy: number; f1: number; precision: number; recall: number } {
  let tp = 0
  let fp = 0
  let fn = 0
  let correct = 0
  for (let f = 0; f < folds; f++) {
    const train = scores.map((s, i) => [s, labels[i]!] as const).filter((_, i) => i % folds !== f)
    const threshold = bestThreshold(train)
    scores.forEach((s, i) => {
      if (i % folds !== f) return
      const predicted = s >= threshold ? 1 : 0
      const label = labels[i]!
      if (predicted === label) correct++
      if (predicted === 1 && label === 1) tp++
      if (predicted === 1 && label === 0) fp++
      if (predicted === 0 && label === 1) fn++
    })
  }
  const precision = tp / (tp + fp)
  const recall = tp / (tp + fn)
  return { accuracy: correct / scores.length, f1: (2 * tp) / (2 * tp + fp + fn), precision, recall }
}

function bestThreshold(pairs: readonly (readonly [number, number])[]): number {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0])
  // Predict 1 for scores ≥ threshold: sweep thresholds between consecutive scores.
  let positivesAbove = sorted.filter(([, l]) => l === 1).length
  let negativesBelow = 0
  let best = positivesAbove
  let threshold = sorted.length > 0 ? sorted[0]![0] : 0.5
  for (let i = 0; i < sorted.length; i++) {
    const [s, l] = sorted[i]!
    if (l === 1) positivesAbove--
    else negativesBelow++
    const next = i + 1 < sorted.length ? sorted[i + 1]![0] : s + 1e-9
    if (next === s) continue
    if (positivesAbove + negativesBelow > best) {
      best = positivesAbove + negativesBelow
      threshold = (s + next) / 2
    }
  }
  return threshold
}

function pearson(x: readonly number[], y: readonly number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length
  const my = y.reduce((a, b) => a + b, 0) / y.length
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my)
    sxx += (x[i]! - mx) ** 2
    syy += (y[i]! - my) ** 2
  }
  return sxy / Math.sqrt(sxx * syy)
}

function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0])
  const result = new Array<number>(values.length)
  for (let i = 0; i < order.length; ) {
    let j = i
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++
    for (let k = i; k <= j; k++) result[order[k]![1]] = (i + j) / 2 + 1
    i = j + 1
  }
  return result
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** A pseudo-random generator with a fixed seed, so generated stories are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/**
 * A large story of `count` articles as JSONL, made from one BASIL story's articles: each generated article takes
 * a random ~70% of one source article's paragraphs, drops a word here and there, and adds a paragraph from
 * another story, so it has copies, near-copies and unrelated text, like many outlets on one event.
 */
function generateStory(count: number, file: string): number {
  const articles = readBasil(path.join(shared, 'data', 'basil', 'basil.jsonl'))
  const stories = [...new Set(articles.map((a) => a.story))]
  const base = articles.filter((a) => a.story === stories[0])
  const others = articles.filter((a) => a.story !== stories[0])
  const next = random(count)
  let sentences = 0
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    const source = base[i % base.length]!
    const paragraphs = source.text.split(/\n\s*\n/).filter((p) => next() < 0.7)
    const noise = others[Math.floor(next() * others.length)]!.text.split(/\n\s*\n/)
    paragraphs.splice(Math.floor(next() * (paragraphs.length + 1)), 0, noise[Math.floor(next() * noise.length)]!)
    const text = paragraphs.map((p) => p.split(' ').filter(() => next() > 0.03).join(' ')).join('\n\n')
    sentences += text.split(/[.!?]\s/).length
    lines.push(JSON.stringify({ story: 'generated', id: `a${String(i).padStart(5, '0')}`, outlet: `outlet-${i}`, text }))
  }
  writeFileSync(file, `${lines.join('\n')}\n`)
  return sentences
}

function fmt(n: number, digits = 1): string {
  return n.toFixed(digits)
}

function main(): void {
  const rows: [string, string, string][] = []
  const add = (figure: string, value: string, note = '') => {
    rows.push([figure, value, note])
    log(`${figure}: ${value} ${note}`)
  }

  const msrpFile = path.join(shared, 'data', 'msrp', 'msr_paraphrase_train.txt')
  if (existsSync(msrpFile)) {
    const pairs = readMsrp(msrpFile)
    const cv = crossValidate(scorePairs(pairs), pairs.map((p) => p.label))
    add('MSRP train, 10-fold CV accuracy', `${fmt(100 * cv.accuracy)}%`, `${pairs.length} pairs; threshold fitted per fold`)
    add('MSRP train, 10-fold CV F1', fmt(100 * cv.f1), `precision ${fmt(100 * cv.precision)}, recall ${fmt(100 * cv.recall)}`)
  }
  const stsbFile = path.join(shared, 'data', 'stsb', 'sts-dev.csv')
  if (existsSync(stsbFile)) {
    const pairs = readStsb(stsbFile)
    const scores = scorePairs(pairs)
    const gold = pairs.map((p) => p.label)
    add('STS-B dev Pearson', fmt(pearson(scores, gold), 3), `${pairs.length} pairs`)
    add('STS-B dev Spearman', fmt(pearson(ranks(scores), ranks(gold)), 3))
  }

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
    add('BASIL batch (100 stories, 300 articles): time', `${fmt(t.medianMs, 0)} ms`, `median of ${t.runs} runs`)
    add('BASIL batch: peak memory', `${fmt(t.peakMb, 0)} MB`)

    const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-gen-'))
    const sizes = quick ? [250, 500] : [500, 1000]
    const times: number[] = []
    for (const size of sizes) {
      const file = path.join(dir, `generated-${size}.jsonl`)
      const sentences = generateStory(size, file)
      const t = timeAnalyze(file, 1)
      times.push(t.medianMs)
      add(`generated story, ${size} articles (~${Math.round(sentences / 1000)}k sentences): time`, `${fmt(t.medianMs / 1000, 1)} s`, `peak ${fmt(t.peakMb, 0)} MB`)
    }
    add(`generated story: time ×${sizes[1]! / sizes[0]!} articles`, `×${fmt(times[1]! / times[0]!, 2)}`)
    rmSync(dir, { recursive: true, force: true })
  }

  const table = ['| figure | value | note |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')
  process.stdout.write(`${table}\n`)
  const date = new Date().toISOString().slice(0, 10)
  const doc = `# Benchmarks

Figures printed by \`make bench\` on ${date} (${os.cpus().length} cores, Node ${process.version}${quick ? ', --quick' : ''}).
Quality is measured on third-party data in \`../shared/data\`; times are whole \`corroborate analyze\` processes
(start-up included), the median of several runs, with the largest peak resident memory of those runs.

${table}
`
  writeFileSync(path.join(root, 'BENCHMARKS.md'), doc)
  log(`wrote ${path.join(root, 'BENCHMARKS.md')}`)
}

main()
