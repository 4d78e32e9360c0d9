// align: group sentences of different articles that state the same claim or quote into statements. The steps, one
// module each: units.ts (which units are copies), candidates.ts (which pairs are scored), link.ts (how strongly two
// units link), group.ts (links into groups, without chaining), statements.ts (the Statement records).
import type { MessageLog } from '../../core/messages.js'
import { CorroborateError, quoteValue } from '../../core/messages.js'
import { checkVectors, DEFAULT_MODEL, type SimilarityModel } from '../similarity/index.js'
import type { Alignment, Document } from '../../core/types.js'
import type { WordVectors } from '../../resources/vectors.js'
import { possiblePairs, type CandidateSettings } from './candidates.js'
import { attachUnits, groupLinks } from './group.js'
import { storyScorer, type StoryScorer } from './link.js'
import { buildStatements } from './statements.js'

export { CONTEXT_FEATURES } from './link.js'
export { NEAR_SHARE } from './statements.js'

/** Options of `align`: the scorer, the candidate index, grouping and statements; each has a default. */
export interface AlignOptions {
  /** Scorer and threshold (default: the shipped model). */
  readonly model?: SimilarityModel
  /** Word vectors, required when the model was fitted with them. */
  readonly vectors?: WordVectors
  /** Rarest stems of each unit that go into the candidate index (default: `32`): prefix filtering. A headline shares few of a long sentence's rarest stems, so the prefix is long (12 found 48% of the labelled same-claim headline pairs, 32 finds 93%). */
  readonly prefixSize?: number
  /** Posting lists longer than this pair each sentence only with its `window` predecessors (default: `200`). */
  readonly maxPosting?: number
  /** Predecessors paired within a long posting list (default: `16`). */
  readonly window?: number
  /** Most candidates scored per sentence, those sharing the most indexed stems first (default: `12`). */
  readonly maxCandidates?: number
  /** A group joins another only if their mean similarity reaches this share of the threshold (default: `0.9`). */
  readonly linkage?: number
  /** Cross pairs sampled per side when two groups are compared (default: `6`, so at most 36 pairs). */
  readonly linkSample?: number
  /** Statements of at most this many members list every pair; larger ones list each member against the representative (default: `30`). */
  readonly allPairsUpTo?: number
  /** Whether a unit also joins the other statements whose claim it reports (`attachUnits`; default: `true`). */
  readonly attach?: boolean
}

const SOURCE = 'align'

/**
 * Align sentences across articles: candidates from an index of each sentence's rarest stems (never all pairs),
 * scored by the model, grouped strongest first without chaining. Cost grows close to linearly with the story.
 */
export function align(documents: readonly Document[], log: MessageLog, options: AlignOptions = {}): Alignment {
  const model = options.model ?? DEFAULT_MODEL
  const settings = scorerSettings(options)
  checkVectors(model, options.vectors)
  return alignScored(storyScorer(documents, model, options.vectors, settings), documents, log, options)
}

/**
 * `align` over a story's scorer already made (`storyScorer`, or one of its `at` views): the grouping and the
 * statements. For trying several decision thresholds on one story without scoring it again.
 */
export function alignScored(scorer: StoryScorer, documents: readonly Document[], log: MessageLog, options: AlignOptions = {}): Alignment {
  const linkSample = positiveInteger('linkSample', options.linkSample ?? 6)
  const allPairsUpTo = positiveInteger('allPairsUpTo', options.allPairsUpTo ?? 30)
  const linkage = options.linkage ?? 0.9
  if (!(linkage > 0 && linkage <= 1)) throw new CorroborateError('ERR_INVALID_OPTION', `Expected \`linkage\` to be in (0, 1], got ${quoteValue(linkage)}`)
  const groups = groupLinks(scorer, { linkage, linkSample })
  const statements = buildStatements(scorer, groups, allPairsUpTo, options.attach === false ? [] : attachUnits(scorer, groups, linkSample))
  const { compared } = scorer
  const possible = possiblePairs(documents)
  log.info(SOURCE, 'compared-pairs', `Compared ${compared} of ${possible} sentence pairs across articles (${possible > 0 ? ((100 * compared) / possible).toFixed(2) : '0.00'}%)`)
  return { statements, comparedPairs: compared, possiblePairs: possible }
}

/** The candidate index's settings of `options`, with their defaults, checked. */
export function scorerSettings(options: AlignOptions): CandidateSettings {
  return {
    prefixSize: positiveInteger('prefixSize', options.prefixSize ?? 32),
    maxPosting: positiveInteger('maxPosting', options.maxPosting ?? 200),
    window: positiveInteger('window', options.window ?? 16),
    maxCandidates: positiveInteger('maxCandidates', options.maxCandidates ?? 12),
  }
}

/**
 * The same-claim stage's input rows for pairs of unit ids of a story (every pair feature, then `CONTEXT_FEATURES`),
 * computed as `align` computes them: for fitting the stage on labelled pairs. A unit id not in the story gives null.
 * `candidate` receives, for each pair with a row, whether the candidate index proposes it.
 */
export function sameClaimRows(documents: readonly Document[], pairs: readonly (readonly [string, string])[], options: AlignOptions = {}, candidate: boolean[] = []): (Float64Array | null)[] {
  const model = options.model ?? DEFAULT_MODEL
  checkVectors(model, options.vectors)
  const scorer = storyScorer(documents, model, options.vectors, scorerSettings(options))
  const index = new Map(scorer.sentences.map((s, i) => [s.id, i]))
  return pairs.map(([a, b]) => {
    const i = index.get(a)
    const j = index.get(b)
    if (i === undefined || j === undefined || scorer.doc[i] === scorer.doc[j]) return null
    candidate.push(scorer.isCandidate(i, j))
    return scorer.row(i, j)
  })
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new CorroborateError('ERR_INVALID_OPTION', `Expected \`${name}\` to be a positive integer, got ${quoteValue(value)}`)
  return value
}
