// The pair features: the families in the order models list their features, and the tables derived from them.
import { ABLATION_GROUPS, type FeatureFamily, type Need } from './families/family.js'
import { entitiesNumbers } from './families/entities-numbers.js'
import { jointAlignment } from './families/joint-alignment.js'
import { lengthRatio } from './families/length-ratio.js'
import { lengths } from './families/lengths.js'
import { lexical } from './families/lexical.js'
import { matched } from './families/matched.js'
import { mismatches } from './families/mismatches.js'
import { ngrams } from './families/ngrams.js'
import { overlap } from './families/overlap.js'
import { subsequence } from './families/subsequence.js'
import { unmatched } from './families/unmatched.js'
import { vectorMeans } from './families/vector-means.js'
import { vectors } from './families/vectors.js'
import { wordClasses } from './families/word-classes.js'
import { wordnet } from './families/wordnet.js'
import type { Idf } from './idf.js'
import { preparePair } from './matches.js'
import type { SentenceFeatures } from './sentence.js'

/**
 * The feature families in order: FEATURES is their features one family after the other. The models' trees read
 * features by position, so a new family goes at the end (and the model is refitted: `make model`); moving a family
 * or a feature within one changes what every fitted model reads.
 */
export const FAMILIES = [
  lexical,
  entitiesNumbers,
  lengthRatio,
  vectors,
  mismatches,
  overlap,
  unmatched,
  ngrams,
  subsequence,
  wordClasses,
  lengths,
  vectorMeans,
  jointAlignment,
  matched,
  wordnet,
] as const

/** Name of a pair feature. */
export type FeatureName = (typeof FAMILIES)[number]['features'][number]['name']

/** Feature values of one sentence pair (shares in [0, 1], counts of words, -1 where a class is absent). */
export type PairFeatures = Readonly<Record<FeatureName, number>>

/** The features of a sentence pair, in the order models list them: the families' features, family after family. */
export const FEATURES: readonly FeatureName[] = FAMILIES.flatMap((f: FeatureFamily<FeatureName>) => f.features.map((x) => x.name))

/** Where each family's features start in FEATURES (and in the arrays `pairFeatureArray` fills). */
const OFFSETS = Int32Array.from(FAMILIES, (_, k) => FAMILIES.slice(0, k).reduce((n, f) => n + f.features.length, 0))

/** Position of each feature in the arrays `pairFeatureArray` fills. */
export const FEATURE_INDEX: Readonly<Record<FeatureName, number>> = Object.fromEntries(FEATURES.map((f, i) => [f, i])) as Record<FeatureName, number>

/** Documentation of each feature: what `calibrate` prints and the model notes record. */
export const FEATURE_DOCS: Readonly<Record<FeatureName, string>> = Object.fromEntries(
  FAMILIES.flatMap((f: FeatureFamily<FeatureName>) => f.features.map((x) => [x.name, x.doc])),
) as Record<FeatureName, string>

/** The features that read `need`, by their family's `needs` or their own `alsoNeeds`, in FEATURES order. */
function featuresNeeding(need: Need): FeatureName[] {
  return FAMILIES.flatMap((f: FeatureFamily<FeatureName>) => f.features.filter((x) => f.needs === need || x.alsoNeeds === need).map((x) => x.name))
}

/** The features whose values come from word vectors: a model using any of them needs the table it was fitted with. */
export const VECTOR_FEATURES: readonly FeatureName[] = featuresNeeding('vectors')

/** The features read from WordNet: a model using any of them needs it (`loadVectors` loads it with the vectors). */
export const WORDNET_FEATURES: readonly FeatureName[] = featuresNeeding('wordnet')

/**
 * The groups of features the bench's ablation leaves out one at a time, in the order it prints them: those that
 * need word vectors, those that need WordNet, then each of ABLATION_GROUPS (the families that name it).
 */
export const ABLATIONS: readonly { readonly name: string; readonly features: readonly FeatureName[] }[] = [
  { name: 'word vectors', features: VECTOR_FEATURES },
  { name: 'WordNet', features: WORDNET_FEATURES },
  ...ABLATION_GROUPS.map((group) => ({
    name: group,
    features: FAMILIES.filter((f) => f.ablation === group).flatMap((f: FeatureFamily<FeatureName>) => f.features.map((x) => x.name)),
  })),
]

/**
 * Fill `out` with the feature values of a pair, in the order of FEATURES, and return it. The hot path of
 * alignment: it writes numbers into an array rather than building an object of eighty-odd keys per pair, and each
 * family writes its own slots.
 */
export function pairFeatureArray(a: SentenceFeatures, b: SentenceFeatures, idf: Idf, out: Float64Array): Float64Array {
  const pair = preparePair(a, b, idf)
  for (let k = 0; k < FAMILIES.length; k++) FAMILIES[k]!.fill(pair, out, OFFSETS[k]!)
  return out
}
