// The learners behind the similarity: boosted trees fitted to small invented data, hand-written learners, the
// threshold search, the figures calibrate prints, and the checks a model file must pass.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { bestThreshold, classify, fitBoosted, type Learner, pearson, predict, spearman, type Tree } from '../../resources/model.js'
import { checkModel, FEATURES } from '../../stages/similarity/index.js'
import { thrown } from '../helpers.js'


// 100 rows of two features: x0 spread evenly over [0, 1), x1 a deterministic scramble that carries no signal.
const ROWS = Array.from({ length: 100 }, (_, i) => [i / 100, ((i * 37) % 100) / 100])
const SEPARABLE = ROWS.map(([x0]) => (x0! > 0.5 ? 1 : 0))
const GRADED = ROWS.map(([x0]) => x0!)

describe('fitBoosted', () => {
  it('learns a separable rule: every row on the right side of 0.5', () => {
    const learner = fitBoosted(ROWS, SEPARABLE)
    const wrong = ROWS.filter((row, i) => (predict(learner, row) >= 0.5 ? 1 : 0) !== SEPARABLE[i])
    expect(wrong).toEqual([])
  })

  it('splits on the feature that carries the rule, never on the noise', () => {
    const learner = fitBoosted(ROWS, SEPARABLE, { rounds: 20 })
    const used = new Set<number>()
    const visit = (tree: unknown): void => {
      if (Array.isArray(tree)) {
        used.add(tree[0] as number)
        visit(tree[2])
        visit(tree[3])
      }
    }
    if (learner.kind === 'gbm') learner.trees.forEach(visit)
    expect({ kind: learner.kind, used: [...used] }).toEqual({ kind: 'gbm', used: [0] })
  })

  it('learns a graded target in order: predictions rank the rows as the target does', () => {
    const learner = fitBoosted(ROWS, GRADED, { minLeaf: 5 })
    const predictions = ROWS.map((row) => predict(learner, row))
    expect(spearman(predictions, GRADED)).toBeGreaterThan(0.95)
  })

  it('gives predictions in [0, 1]', () => {
    const learner = fitBoosted(ROWS, SEPARABLE, { rounds: 400, learningRate: 0.5 })
    const outside = [...ROWS, [-5, 9], [7, -3]].map((row) => predict(learner, row)).filter((p) => !(p >= 0 && p <= 1))
    expect(outside).toEqual([])
  })

  it('is deterministic: the same data gives the same learner, to the byte', () => {
    expect(JSON.stringify(fitBoosted(ROWS, GRADED, { rounds: 30 }))).toEqual(JSON.stringify(fitBoosted(ROWS, GRADED, { rounds: 30 })))
  })

  it('records the options it was fitted with and the log-odds of the mean target as base', () => {
    const learner = fitBoosted(ROWS, SEPARABLE, { rounds: 7, learningRate: 0.25 })
    // 49 of the 100 rows are above 0.5: base = ln(0.49 / 0.51), to six significant digits.
    expect(learner.kind === 'gbm' && { base: learner.base, learningRate: learner.learningRate, trees: learner.trees.length }).toEqual({
      base: Number(Math.log(0.49 / 0.51).toPrecision(6)),
      learningRate: 0.25,
      trees: 7,
    })
  })

  it('rejects empty input with a coded error', () => {
    expect(thrown(() => fitBoosted([], []))).toEqual({ name: 'CorroborateError', code: 'ERR_NO_DATA', message: 'Expected rows to fit, got none' })
  })
})

describe('fitBoosted with sampling and bags', () => {
  it('draws the same rows and features for the same seed, and others for another seed', () => {
    const options = { rounds: 20, subsample: 0.5, colsample: 0.5 }
    const once = JSON.stringify(fitBoosted(ROWS, GRADED, { ...options, seed: 7 }))
    expect(JSON.stringify(fitBoosted(ROWS, GRADED, { ...options, seed: 7 }))).toEqual(once)
    expect(JSON.stringify(fitBoosted(ROWS, GRADED, { ...options, seed: 8 }))).not.toEqual(once)
  })

  it('averages its bags: the score of the bagged model is the mean score of the bags fitted alone', () => {
    const options = { rounds: 15, subsample: 0.7, colsample: 0.5, seed: 3 }
    const bagged = fitBoosted(ROWS, GRADED, { ...options, bags: 3 })
    const alone = [3, 4, 5].map((seed) => fitBoosted(ROWS, GRADED, { ...options, seed }))
    const logit = (p: number) => Math.log(p / (1 - p))
    for (const row of [ROWS[3]!, ROWS[50]!, ROWS[97]!, [0.5, 0.5]]) {
      const mean = alone.reduce((sum, l) => sum + logit(predict(l, row)), 0) / 3
      // The bagged base is rounded to six significant digits, as every stored value is.
      expect(logit(predict(bagged, row))).toBeCloseTo(mean, 4)
    }
    expect(bagged.kind === 'gbm' && bagged.trees.length).toBe(45)
  })
})

describe('predict', () => {
  it('gives the logistic of bias plus weighted features for a linear learner', () => {
    const learner: Learner = { kind: 'linear', bias: 0.5, weights: [1, -2] }
    // z = 0.5 + 0.25 - 2 × 0.375 = 0.
    expect(predict(learner, [0.25, 0.375])).toEqual(0.5)
  })

  it('gives the logistic of base plus shrunk leaves for a gbm learner', () => {
    const learner: Learner = { kind: 'gbm', base: -1, learningRate: 0.5, trees: [[0, 0.5, -1, [1, 0.3, 0.75, 2]], 0.5] }
    // x0 = 0.7 goes right, x1 = 0.3 equals the threshold and goes right too: z = -1 + 0.5 × 2 + 0.5 × 0.5 = 0.25;
    // x1 = 0.2 goes left: z = -1 + 0.5 × 0.75 + 0.25 = -0.375; x0 = 0.2 goes left: z = -1 - 0.5 + 0.25 = -1.25.
    expect([predict(learner, [0.7, 0.3]), predict(learner, [0.7, 0.2]), predict(learner, [0.2, 0.9])]).toEqual([
      1 / (1 + Math.exp(-0.25)),
      1 / (1 + Math.exp(0.375)),
      1 / (1 + Math.exp(1.25)),
    ])
  })
})

describe('predict on a forest', () => {
  // The model file's nested trees, walked the plain way: what the flat arrays predict must equal.
  const walk = (learner: Extract<Learner, { kind: 'gbm' }>, x: readonly number[]) => {
    let z = 0
    for (const tree of learner.trees) {
      let node = tree
      while (typeof node !== 'number') node = x[node[0]]! < node[1] ? node[2] : node[3]
      z += node
    }
    return 1 / (1 + Math.exp(-(learner.base + learner.learningRate * z)))
  }

  it('gives what walking the nested trees gives, for random forests and rows', () => {
    const tree = fc.letrec((t) => ({
      node: fc.oneof({ maxDepth: 14, depthSize: 'small', withCrossShrink: true }, t('leaf'), t('split')),
      leaf: fc.double({ min: -5, max: 5, noNaN: true }),
      split: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.double({ min: 0, max: 1, noNaN: true }), t('node'), t('node')),
    })).node as fc.Arbitrary<Tree>
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 8 }), fc.double({ min: -2, max: 2, noNaN: true }), fc.array(fc.double({ min: -0.5, max: 1.5, noNaN: true }), { minLength: 3, maxLength: 3 }), (trees, base, x) => {
        const learner = { kind: 'gbm' as const, base, learningRate: 0.1, trees }
        expect(predict(learner, x)).toBeCloseTo(walk(learner, x), 12)
      }),
      { numRuns: 500 },
    )
  })
  it('sends a value equal to the threshold, and NaN, right, as the nested trees do, to the same bits', () => {
    // The walk is branch-free (child 2k + 2 minus the comparison): the comparison must keep its meaning at the edges.
    const trees: Tree[] = [
      [0, 0.5, [1, 0.25, 1, 2], [2, 0.75, 3, 4]],
      [1, 0.25, -1, [0, 0.5, -2, -3]],
    ]
    const learner = { kind: 'gbm' as const, base: 0.1, learningRate: 0.3, trees }
    for (const x of [[0.5, 0.25, 0.75], [NaN, NaN, NaN], [0.4, NaN, 0.75], [NaN, 0.1, 0.2]]) expect(predict(learner, x)).toBe(walk(learner, x))
  })
})

describe('predict on deep trees', () => {
  it('walks a tree deeper than the flat layout takes, and gives the same as for a shallow equivalent', () => {
    // A chain of 12 splits on x0 at 0.9, 0.8, …: x0 = 0.05 goes left at every one and reaches the leaf 3.
    let deep: Tree = 3
    for (let k = 1; k <= 12; k++) deep = [0, 1 - k * 0.075, deep, -1]
    const learner: Learner = { kind: 'gbm', base: 0, learningRate: 1, trees: [deep] }
    expect([predict(learner, [0.05]), predict(learner, [0.5])]).toEqual([1 / (1 + Math.exp(-3)), 1 / (1 + Math.exp(1))])
  })
})

describe('bestThreshold', () => {
  it('cuts midway between the two classes when they separate', () => {
    expect([bestThreshold([0.1, 0.2, 0.3, 0.4], [0, 0, 1, 1], 'accuracy'), bestThreshold([0.4, 0.1, 0.3, 0.2], [1, 0, 1, 0], 'f1')]).toEqual([0.25, 0.25])
  })

  it('maximises accuracy by default', () => {
    // Above 0.5 one positive is right and three negatives below are right: 4 of 5; no other cut does better.
    expect(bestThreshold([0.1, 0.2, 0.3, 0.4, 0.6], [0, 1, 0, 0, 1])).toEqual(0.5)
  })

  it('maximises F1 with `f1`, keeping the lower cut on a tie, which leans to recall', () => {
    // F1 is 2/3 both above 0.15 (2 tp, 2 fp) and above 0.5 (1 tp, 1 fn): the lower cut wins.
    expect(bestThreshold([0.1, 0.2, 0.3, 0.4, 0.6], [0, 1, 0, 0, 1], 'f1')).toEqual(0.15)
  })

  it('keeps the lowest cut when two cuts classify equally well', () => {
    expect(bestThreshold([0.1, 0.3, 0.6, 0.9], [1, 0, 1, 0], 'accuracy')).toEqual(0.1)
  })

  it('never cuts between tied predictions', () => {
    // Splitting the two 0.5s (a negative and a positive) would give 4 of 4, but a threshold cannot separate them.
    expect(bestThreshold([0.2, 0.5, 0.5, 0.8], [0, 0, 1, 1], 'accuracy')).toEqual(0.35)
  })

  it('puts every row above the cut when all are positive', () => {
    expect([bestThreshold([0.7, 0.2, 0.4], [1, 1, 1], 'accuracy'), bestThreshold([0.7, 0.2, 0.4], [1, 1, 1], 'f1')]).toEqual([0.2, 0.2])
  })

  it('puts every row below the cut when all are negative', () => {
    // Just above the highest prediction: (0.7 + 0.700001) / 2 to six significant digits.
    const thresholds = [bestThreshold([0.7, 0.2, 0.4], [0, 0, 0], 'accuracy'), bestThreshold([0.7, 0.2, 0.4], [0, 0, 0], 'f1')]
    expect({ thresholds, metrics: thresholds.map((t) => classify([0.7, 0.2, 0.4], [0, 0, 0], t)) }).toEqual({
      thresholds: [0.700001, 0.700001],
      metrics: [
        { accuracy: 1, precision: 0, recall: 0, f1: 0 },
        { accuracy: 1, precision: 0, recall: 0, f1: 0 },
      ],
    })
  })
})

describe('classify', () => {
  it('counts a prediction at the threshold as positive', () => {
    // Predicted 1, 1, 0, 0, 1 against 1, 0, 1, 0, 1: 2 tp, 1 fp, 1 fn, 3 correct.
    expect(classify([0.9, 0.6, 0.4, 0.2, 0.5], [1, 0, 1, 0, 1], 0.5)).toEqual({ accuracy: 0.6, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 })
  })

  it('gives precision and F1 of 0 when nothing is predicted positive', () => {
    expect(classify([0.1, 0.2], [1, 0], 0.5)).toEqual({ accuracy: 0.5, precision: 0, recall: 0, f1: 0 })
  })

  it('gives zeros for no predictions', () => {
    expect(classify([], [], 0.5)).toEqual({ accuracy: 0, precision: 0, recall: 0, f1: 0 })
  })
})

describe('pearson', () => {
  it('is 1 and -1 for exact linear relations', () => {
    expect([pearson([1, 2, 3, 4], [2, 4, 6, 8]), pearson([1, 2, 3, 4], [8, 6, 4, 2])]).toEqual([1, -1])
  })

  it('gives the hand-computed value for a partial relation', () => {
    // Deviations (-1, 0, 1) and (-1, 1, 0): 1 / √(2 × 2).
    expect(pearson([1, 2, 3], [1, 3, 2])).toEqual(0.5)
  })

  it('is 0 when one side is constant', () => {
    expect(pearson([1, 2, 3], [4, 4, 4])).toEqual(0)
  })
})

describe('spearman', () => {
  it('is 1 for any increasing relation, where Pearson is less', () => {
    const x = [1, 2, 3, 4]
    const y = [1, 8, 27, 64]
    expect({ spearman: spearman(x, y), pearsonBelowOne: pearson(x, y) < 0.99 }).toEqual({ spearman: 1, pearsonBelowOne: true })
  })

  it('gives tied values their mean rank', () => {
    // Ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4): 4.5 / √(4.5 × 5) = √0.9.
    expect(spearman([10, 20, 20, 40], [1, 2, 3, 4])).toBeCloseTo(Math.sqrt(0.9), 12)
  })
})

describe('checkModel', () => {
  const VALID = {
    format: 'corroborate-model',
    version: 1,
    features: ['cosine', 'dice'],
    learner: { kind: 'linear', bias: -1, weights: [2, 1] },
    threshold: 0.5,
    vectors: null,
  }
  const reason = (value: unknown) => thrown(() => checkModel(value, 'harbour.json'))
  const invalid = (why: string) => ({ name: 'CorroborateError', code: 'ERR_INVALID_MODEL', message: `Expected a corroborate model in \`harbour.json\`: ${why}` })

  it('accepts a valid model and returns it', () => {
    expect(checkModel(VALID, 'harbour.json')).toEqual(VALID)
  })

  it('accepts the shipped models/default.json', () => {
    const value = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'models', 'default.json'), 'utf8')) as unknown
    const model = checkModel(value, 'models/default.json')
    expect({ features: model.features, kind: model.learner.kind }).toEqual({ features: [...FEATURES], kind: 'gbm' })
  })

  it('rejects another format', () => {
    expect([reason({ ...VALID, format: 'sklearn' }), reason(null), reason([])]).toEqual([
      invalid('`format` is not `corroborate-model`'),
      invalid('`format` is not `corroborate-model`'),
      invalid('`format` is not `corroborate-model`'),
    ])
  })

  it('rejects another version', () => {
    expect(reason({ ...VALID, version: 2 })).toEqual(invalid('expected `version` 1, got `2`'))
  })

  it('rejects an unknown feature', () => {
    expect(reason({ ...VALID, features: ['cosine', 'sparkle'] })).toEqual(invalid('unknown feature in `["cosine","sparkle"]`'))
  })

  it('rejects a threshold outside [0, 1] or not a number', () => {
    expect([reason({ ...VALID, threshold: 1.5 }), reason({ ...VALID, threshold: -0.1 }), reason({ ...VALID, threshold: '0.5' })]).toEqual([
      invalid('expected `threshold` in [0, 1], got `1.5`'),
      invalid('expected `threshold` in [0, 1], got `-0.1`'),
      invalid('expected `threshold` in [0, 1], got `0.5`'),
    ])
  })

  it('rejects a learner of another kind or none', () => {
    expect([reason({ ...VALID, learner: { kind: 'forest', trees: [] } }), reason({ ...VALID, learner: undefined })]).toEqual([
      invalid('`learner.kind` is neither `gbm` nor `linear`'),
      invalid('`learner.kind` is neither `gbm` nor `linear`'),
    ])
  })

  it('rejects a linear learner without one weight per feature', () => {
    expect(reason({ ...VALID, learner: { kind: 'linear', bias: 0, weights: [1] } })).toEqual(invalid('one linear weight per feature expected'))
  })
})
