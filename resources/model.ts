// model: the learners behind the similarity (gradient-boosted trees or a linear model) and their fitting.
import { CorroborateError } from '../core/messages.js'

/** A regression tree: a leaf value, or `[feature index, threshold, left (value < threshold), right]`. */
export type Tree = number | [number, number, Tree, Tree]

/** How feature values become a similarity in [0, 1]. */
export type Learner =
  | { readonly kind: 'gbm'; readonly base: number; readonly learningRate: number; readonly trees: readonly Tree[] }
  | { readonly kind: 'linear'; readonly bias: number; readonly weights: readonly number[] }

/** Similarity in [0, 1] for one feature vector: the logistic of the learner's score. */
export function predict(learner: Learner, x: ArrayLike<number>): number {
  let z: number
  if (learner.kind === 'linear') {
    z = learner.bias
    for (let i = 0; i < learner.weights.length; i++) z += learner.weights[i]! * x[i]!
  } else {
    const c = compiled(learner)
    if (c === null) {
      // Trees too deep for the complete layout: walk the model file's own nested arrays.
      z = 0
      for (const tree of learner.trees) {
        let node = tree
        while (typeof node !== 'number') node = x[node[0]]! < node[1] ? node[2] : node[3]
        z += node
      }
      return 1 / (1 + Math.exp(-(learner.base + learner.learningRate * z)))
    }
    z = learner.base + learner.learningRate * forestSum(c, x)
  }
  return 1 / (1 + Math.exp(-z))
}

/**
 * The sum of the leaves `x` reaches in each tree of a compiled forest, tree by tree in order (the sum `predict` took
 * before): a function of its own, small enough for the compiler to keep its loop tight.
 */
function forestSum(c: CompiledForest, x: ArrayLike<number>): number {
  // The arrays in locals: the loop reads them a thousand times per call.
  const { depth, splits, trees, feature, threshold, leaves } = c
  const width = splits + 1
  let z = 0
  for (let t = 0, at = 0, leaf = 0; t < trees; t++, at += splits, leaf += width) {
    let node = 0
    // Left child 2k + 1 when the value is under the threshold, else (NaN too) 2k + 2, computed without a branch: the
    // comparisons of a pair's features are unpredictable, and a mispredicted branch per split cost more than the
    // walk itself.
    for (let d = 0; d < depth; d++) node = 2 * node + 2 - Number(x[feature[at + node]!]! < threshold[at + node]!)
    z += leaves[leaf + node - splits]!
  }
  return z
}

/**
 * A forest laid out as complete binary trees of one depth in flat typed arrays: tree t's split k (k = 0 the root,
 * children of k at 2k + 1 and 2k + 2) is at t × splits + k, its leaves follow in order. A leaf above the full
 * depth is copied to every leaf below it, so the walk is a fixed number of steps over typed arrays, with no test
 * for leaves and no pointers to chase; the scorer walks hundreds of trees per sentence pair.
 */
interface CompiledForest {
  readonly trees: number
  readonly depth: number
  readonly splits: number
  readonly feature: Int32Array
  readonly threshold: Float64Array
  readonly leaves: Float64Array
}

const forests = new WeakMap<Learner, CompiledForest | null>()

/** Deepest trees laid out complete: 2^10 leaves per tree. Deeper ones (a model fitted with a large `depth`) are walked as they are. */
const MAX_COMPILED_DEPTH = 10

function compiled(learner: Extract<Learner, { kind: 'gbm' }>): CompiledForest | null {
  let forest = forests.get(learner)
  if (forest !== undefined) return forest
  const depthOf = (tree: Tree): number => (typeof tree === 'number' ? 0 : 1 + Math.max(depthOf(tree[2]), depthOf(tree[3])))
  const depth = learner.trees.reduce<number>((d, tree) => Math.max(d, depthOf(tree)), 0)
  if (depth > MAX_COMPILED_DEPTH) {
    forests.set(learner, null)
    return null
  }
  // A small integer by construction (`2 ** depth` is a double, and indices computed from it made the walk slow).
  const splits = (1 << depth) - 1
  const count = learner.trees.length
  const feature = new Int32Array(count * splits)
  const threshold = new Float64Array(count * splits)
  const leaves = new Float64Array(count * (splits + 1))
  learner.trees.forEach((tree, t) => {
    const fill = (node: Tree, k: number, level: number): void => {
      if (level === depth) {
        leaves[t * (splits + 1) + k - splits] = node as number
        return
      }
      if (typeof node === 'number') {
        // A leaf before the full depth: any split, the same leaf on both sides.
        feature[t * splits + k] = 0
        threshold[t * splits + k] = 0
        fill(node, 2 * k + 1, level + 1)
        fill(node, 2 * k + 2, level + 1)
        return
      }
      feature[t * splits + k] = node[0]
      threshold[t * splits + k] = node[1]
      fill(node[2], 2 * k + 1, level + 1)
      fill(node[3], 2 * k + 2, level + 1)
    }
    fill(tree, 0, 0)
  })
  forest = { trees: count, depth, splits, feature, threshold, leaves }
  forests.set(learner, forest)
  return forest
}

export interface BoostOptions {
  /** Trees (default: `200`). */
  readonly rounds?: number
  /** Shrinkage per tree (default: `0.05`). */
  readonly learningRate?: number
  /** Depth of each tree (default: `3`). */
  readonly depth?: number
  /** Candidate thresholds per feature, from quantiles (default: `32`). */
  readonly bins?: number
  /** Fewest rows in a leaf (default: `20`). */
  readonly minLeaf?: number
  /** L2 penalty on leaf values (default: `1`). */
  readonly lambda?: number
  /** Share of the rows each tree is grown on, drawn afresh per tree (default: `1`, all). */
  readonly subsample?: number
  /** Share of the features each tree may split on, drawn afresh per tree (default: `1`, all). */
  readonly colsample?: number
  /** Seed of the draws, so that a fit is reproducible (default: `1`). */
  readonly seed?: number
  /**
   * Boosted models fitted on different draws (seeds `seed`, `seed + 1`, …) and averaged (default: `1`). With row
   * and feature sampling this is bagging over boosting: it lowers the variance of a single boosted model.
   */
  readonly bags?: number
}

/**
 * How `calibrate` fits unless told otherwise: two bags of 200 trees of depth 3, each tree grown on 80% of the pairs
 * and 60% of the features. Against one boosted model on every pair and feature, bagging lifted MSRP 10-fold
 * accuracy from 77.9% to 78.3% (three bags: 78.2%, for half as much again of scoring time per pair), and STS-B
 * train 5-fold Pearson (400 trees of depth 4 per bag) from 0.811 to 0.815.
 */
export const DEFAULT_BOOST: BoostOptions = { rounds: 200, learningRate: 0.05, depth: 3, bags: 2, subsample: 0.8, colsample: 0.6 }

/** Folds of cross-validation `calibrate` uses unless told otherwise (`--folds`). */
export const DEFAULT_FOLDS = 10

/** A small seeded generator (mulberry32): the same seed gives the same draws on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Fit gradient-boosted trees with logistic loss to targets in [0, 1] (labels 0/1 or scores scaled to [0, 1]),
 * with histogram splits on quantile bins: the same second-order method as XGBoost, small and deterministic.
 */
export function fitBoosted(rows: readonly ArrayLike<number>[], targets: readonly number[], options: BoostOptions = {}): Learner {
  const bags = options.bags ?? 1
  if (bags > 1) {
    // The average of the bags' scores is one model: the mean base, every tree, the learning rate over the bags.
    const seed = options.seed ?? 1
    const fitted = Array.from({ length: bags }, (_, k) => fitBoosted(rows, targets, { ...options, bags: 1, seed: seed + k }) as Extract<Learner, { kind: 'gbm' }>)
    return { kind: 'gbm', base: sixDigits(fitted.reduce((sum, l) => sum + l.base, 0) / bags), learningRate: fitted[0]!.learningRate / bags, trees: fitted.flatMap((l) => l.trees) }
  }
  const rounds = options.rounds ?? 200
  const learningRate = options.learningRate ?? 0.05
  const depth = options.depth ?? 3
  const binCount = options.bins ?? 32
  const minLeaf = options.minLeaf ?? 20
  const lambda = options.lambda ?? 1
  const subsample = options.subsample ?? 1
  const colsample = options.colsample ?? 1
  const draw = random(options.seed ?? 1)
  if (rows.length === 0) throw new CorroborateError('ERR_NO_DATA', 'Expected rows to fit, got none')
  const n = rows.length
  const d = rows[0]!.length
  // Quantile thresholds per feature and each row's bin: bin b holds values in [thresholds[b-1], thresholds[b]).
  const thresholds: number[][] = []
  const binned = new Uint8Array(n * d)
  for (let f = 0; f < d; f++) {
    const values = rows.map((r) => r[f]!).sort((a, b) => a - b)
    const cuts = [...new Set(Array.from({ length: binCount - 1 }, (_, k) => values[Math.floor(((k + 1) * n) / binCount)]!))].sort((a, b) => a - b)
    thresholds.push(cuts)
    for (let i = 0; i < n; i++) {
      const v = rows[i]![f]!
      let lo = 0
      let hi = cuts.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (v < cuts[mid]!) hi = mid
        else lo = mid + 1
      }
      binned[i * d + f] = lo
    }
  }
  const mean = Math.min(1 - 1e-6, Math.max(1e-6, targets.reduce((a, b) => a + b, 0) / n))
  const base = Math.log(mean / (1 - mean))
  const score = new Float64Array(n).fill(base)
  const g = new Float64Array(n)
  const h = new Float64Array(n)
  const trees: Tree[] = []

  const grow = (rowsAt: Uint32Array, level: number): Tree => {
    let G = 0
    let H = 0
    for (const i of rowsAt) {
      G += g[i]!
      H += h[i]!
    }
    const leaf = -G / (H + lambda)
    if (level === depth || rowsAt.length < 2 * leafSize) return leaf
    let best = { gain: 1e-9, feature: -1, bin: 0 }
    const histG = new Float64Array(binCount)
    const histH = new Float64Array(binCount)
    const histN = new Uint32Array(binCount)
    for (const f of features) {
      histG.fill(0)
      histH.fill(0)
      histN.fill(0)
      for (const i of rowsAt) {
        const b = binned[i * d + f]!
        histG[b]! += g[i]!
        histH[b]! += h[i]!
        histN[b]!++
      }
      let GL = 0
      let HL = 0
      let NL = 0
      for (let b = 0; b < thresholds[f]!.length; b++) {
        GL += histG[b]!
        HL += histH[b]!
        NL += histN[b]!
        const NR = rowsAt.length - NL
        if (NL < leafSize || NR < leafSize) continue
        const GR = G - GL
        const HR = H - HL
        const gain = (GL * GL) / (HL + lambda) + (GR * GR) / (HR + lambda) - (G * G) / (H + lambda)
        if (gain > best.gain) best = { gain, feature: f, bin: b }
      }
    }
    if (best.feature < 0) return leaf
    const left: number[] = []
    const right: number[] = []
    for (const i of rowsAt) (binned[i * d + best.feature]! <= best.bin ? left : right).push(i)
    return [best.feature, thresholds[best.feature]![best.bin]!, grow(Uint32Array.from(left), level + 1), grow(Uint32Array.from(right), level + 1)]
  }

  let leafSize = minLeaf
  const all = Uint32Array.from({ length: n }, (_, i) => i)
  const allFeatures = Array.from({ length: d }, (_, f) => f)
  let features = allFeatures
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-score[i]!))
      g[i] = p - targets[i]!
      h[i] = Math.max(p * (1 - p), 1e-6)
    }
    const sample = subsample < 1 ? all.filter(() => draw() < subsample) : all
    // On a small set (a few dozen labelled pairs) leaves of `minLeaf` rows would leave no split to make.
    leafSize = Math.min(minLeaf, Math.max(1, Math.floor(sample.length / 4)))
    if (colsample < 1) {
      features = allFeatures.filter(() => draw() < colsample)
      if (features.length === 0) features = [Math.floor(draw() * d)]
    }
    const tree = roundTree(grow(sample, 0))
    trees.push(tree)
    for (let i = 0; i < n; i++) {
      let node = tree
      while (typeof node !== 'number') node = rows[i]![node[0]]! < node[1] ? node[2] : node[3]
      score[i]! += learningRate * node
    }
  }
  return { kind: 'gbm', base: sixDigits(base), learningRate, trees }
}

// Six significant digits keep the model file small and its predictions stable.
function roundTree(tree: Tree): Tree {
  return typeof tree === 'number' ? sixDigits(tree) : [tree[0], tree[1], roundTree(tree[2]), roundTree(tree[3])]
}

/** `value` to six significant digits. */
function sixDigits(value: number): number {
  return Number(value.toPrecision(6))
}

/**
 * The threshold on predictions that best classifies labelled rows, midway between two predictions: by
 * accuracy, or by F1 of the positive class (which leans to recall when positives are what is sought).
 */
export function bestThreshold(predictions: readonly number[], labels: readonly number[], criterion: 'accuracy' | 'f1' = 'accuracy'): number {
  const order = predictions.map((p, i) => [p, labels[i]!] as const).sort((a, b) => a[0] - b[0])
  const positives = order.filter(([, l]) => l === 1).length
  // Predicting 1 for everything above the cut: counts of true positives and false positives above it.
  let tpAbove = positives
  let fpAbove = order.length - positives
  // With no positives at all, F1 is 0/0 when nothing is predicted positive: count that as perfect (as accuracy does).
  const value = () => (criterion === 'accuracy' ? tpAbove + (order.length - positives - fpAbove) : tpAbove + fpAbove + positives > 0 ? (2 * tpAbove) / (tpAbove + fpAbove + positives) : 1)
  let best = value()
  let threshold = order.length > 0 ? order[0]![0] : 0.5
  for (let i = 0; i < order.length; i++) {
    const [p, l] = order[i]!
    if (l === 1) tpAbove--
    else fpAbove--
    const next = i + 1 < order.length ? order[i + 1]![0] : p + 1e-6
    if (next === p) continue
    const v = value()
    if (v > best) {
      best = v
      threshold = (p + next) / 2
    }
  }
  return sixDigits(threshold)
}

/** Classification figures of predictions against 0/1 labels at a threshold. */
export interface Metrics {
  readonly accuracy: number
  readonly precision: number
  readonly recall: number
  readonly f1: number
}

/** Accuracy, precision, recall and F1. */
export function classify(predictions: readonly number[], labels: readonly number[], threshold: number): Metrics {
  let tp = 0
  let fp = 0
  let fn = 0
  let correct = 0
  predictions.forEach((p, i) => {
    const predicted = p >= threshold ? 1 : 0
    const label = labels[i]!
    if (predicted === label) correct++
    if (predicted && label) tp++
    if (predicted && !label) fp++
    if (!predicted && label) fn++
  })
  return {
    accuracy: correct / Math.max(1, predictions.length),
    precision: tp + fp > 0 ? tp / (tp + fp) : 0,
    recall: tp + fn > 0 ? tp / (tp + fn) : 0,
    f1: tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0,
  }
}

/** Pearson correlation. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length
  const mx = x.reduce((a, b) => a + b, 0) / n
  const my = y.reduce((a, b) => a + b, 0) / n
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my)
    sxx += (x[i]! - mx) ** 2
    syy += (y[i]! - my) ** 2
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0
}

/** Spearman correlation: Pearson over ranks (ties share their mean rank). */
export function spearman(x: readonly number[], y: readonly number[]): number {
  return pearson(ranks(x), ranks(y))
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
