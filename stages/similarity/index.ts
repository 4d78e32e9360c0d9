// similarity: the sentence-pair scorer that `analyze`, `pairs` and `calibrate` share: features combined by a model.
import defaultModel from '../../models/default.json'
import { CorroborateError, quoteValue } from '../../core/messages.js'
import { type Learner, predict } from '../../resources/model.js'
import { sentenceFromText } from '../segment/index.js'
import type { Sentence, Token } from '../../core/types.js'
import { dot as dotProduct, type WordVectors } from '../../resources/vectors.js'
import { antonymOf, linkOf, pathOf, type WordNet, type WordNetPos } from '../../resources/wordnet.js'

/** What the scorer needs of a sentence, computed once. */
export interface SentenceFeatures {
  /** Content stems (no stopwords or punctuation) with their counts. */
  readonly stems: ReadonlyMap<string, number>
  /** Content stems as sorted unique ids (see `stemId`) and their counts, for fast merging. */
  readonly ids: Int32Array
  readonly counts: Float64Array
  /** Positions in `ids` in the order of the stems' text: sums over the stems run in this order (see `stemId`). */
  readonly order: Int32Array
  /** Content tokens in order: stem id, unit word vector and its row in the table (when the table has the word). */
  readonly content: readonly { readonly id: number; readonly vector: Float32Array | undefined; readonly row: number }[]
  /** Ids of the stems of every word, stopwords included: sorted, unique. */
  readonly allIds: Int32Array
  /** Consecutive word-stem id pairs as sorted unique keys. */
  readonly bigramKeys: Float64Array
  /** Lower-cased text with quotes folded, for character Dice. */
  readonly folded: string
  /** Letters and digits of `folded` only, single-spaced: two sentences with the same wording have the same value. */
  readonly wording: string
  /** Character bigrams of `folded` without white space, as sorted codes, for Dice. */
  readonly bigrams: Uint32Array
  /** Character trigrams of `folded` as sorted 32-bit hash codes (repeats kept), and the norm of their counts. */
  readonly trigrams: Uint32Array
  readonly trigramNorm: number
  /** Smooth-inverse-frequency weighted mean of the word vectors (Arora et al. 2017), or null without vectors. */
  readonly embedding: Float32Array | null
  /** Tokens of canonical entity names, lower case. */
  readonly entities: ReadonlySet<string>
  /** Number values as strings. */
  readonly numbers: ReadonlySet<string>
  /** Count of word tokens. */
  readonly words: number
  /** True when the sentence negates ("not", "no", "never", "n't"). */
  readonly negated: boolean
  /** Content stems inside each direct quotation of four content words or more. */
  readonly quotes: readonly ReadonlySet<string>[]
  /** Stem ids of the first SEQUENCE_WORDS words in order, stopwords included, for the longest common subsequence. */
  readonly sequence: WordSequence
  /** The same for the content words. */
  readonly contentSequence: WordSequence
  /** Keys of the word-stem n-grams for n = 1…4 (index n - 1), sorted with repeats kept. */
  readonly ngrams: readonly Float64Array[]
  /** Word class of each `content` token: 0 other, else 1 + its index in WORD_CLASSES. */
  readonly classes: Uint8Array
  /** Unit SIF-weighted mean vector of the content words only, or null. */
  readonly contentEmbedding: Float32Array | null
  /** Unit unweighted mean vector of every word, or null. */
  readonly meanEmbedding: Float32Array | null
  /**
   * WordNet entry of each `content` token: -2 for tokens outside the classes WordNet covers (numbers, names of
   * no known class…), -1 for words it lacks (or when no WordNet is loaded), else the entry.
   */
  readonly senses: Int32Array
  /** The WordNet the entries are of, or null. */
  readonly wordnet: WordNet | null
}

/** The features of a sentence pair, in the order models list them. */
export const FEATURES = [
  'cosine',
  'dice',
  'containment',
  'entities',
  'numbers',
  'lengthRatio',
  'vectorCosine',
  'alignMin',
  'alignMax',
  'numberMismatch',
  'negationMismatch',
  'unigramDice',
  'bigramDice',
  'trigramCosine',
  'unmatched5Min',
  'unmatched5Max',
  'unmatched7Min',
  'unmatched7Max',
  'unmatchedStemMin',
  'unmatchedStemMax',
  'unmatchedWeightMin',
  'unmatchedWeightMax',
  'bleu1Min',
  'bleu1Max',
  'bleu2Min',
  'bleu2Max',
  'bleu3Min',
  'bleu3Max',
  'bleu4Min',
  'bleu4Max',
  'lcsMin',
  'lcsMax',
  'lcsContentMin',
  'lcsContentMax',
  'nounAlignMin',
  'nounAlignMax',
  'nounUnmatchedMin',
  'nounUnmatchedMax',
  'verbAlignMin',
  'verbAlignMax',
  'verbUnmatchedMin',
  'verbUnmatchedMax',
  'nameAlignMin',
  'nameAlignMax',
  'nameUnmatchedMin',
  'nameUnmatchedMax',
  'numberAlignMin',
  'numberAlignMax',
  'numberUnmatchedMin',
  'numberUnmatchedMax',
  'adjectiveAlignMin',
  'adjectiveAlignMax',
  'adjectiveUnmatchedMin',
  'adjectiveUnmatchedMax',
  'wordsMin',
  'wordsMax',
  'wordsDifference',
  'contentWordsMin',
  'contentWordsMax',
  'contentVectorCosine',
  'meanVectorCosine',
  'alignBoth',
  'matched9Min',
  'matched9Max',
  'wordnetSynonymMin',
  'wordnetSynonymMax',
  'wordnetRelatedMin',
  'wordnetRelatedMax',
  'wordnetPathMin',
  'wordnetPathMax',
  'wordnetNounPathMin',
  'wordnetNounPathMax',
  'wordnetVerbPathMin',
  'wordnetVerbPathMax',
  'wordnetUnrelatedWeightMin',
  'wordnetUnrelatedWeightMax',
  'wordnetUnrelatedNounsMin',
  'wordnetUnrelatedNounsMax',
  'wordnetCombinedMin',
  'wordnetCombinedMax',
  'wordnetContrastMin',
  'wordnetContrastMax',
  'wordnetAntonym',
] as const

/** Name of a pair feature. */
export type FeatureName = (typeof FEATURES)[number]

/** Feature values of one sentence pair (shares in [0, 1], counts of words, -1 where a class is absent). */
export type PairFeatures = Readonly<Record<FeatureName, number>>

/** The features whose values come from word vectors: a model using any of them needs the table it was fitted with. */
export const VECTOR_FEATURES: readonly FeatureName[] = [
  'vectorCosine',
  'alignMin',
  'alignMax',
  'unmatched5Min',
  'unmatched5Max',
  'unmatched7Min',
  'unmatched7Max',
  'unmatchedWeightMin',
  'unmatchedWeightMax',
  'nounAlignMin',
  'nounAlignMax',
  'verbAlignMin',
  'verbAlignMax',
  'nameAlignMin',
  'nameAlignMax',
  'numberAlignMin',
  'numberAlignMax',
  'adjectiveAlignMin',
  'adjectiveAlignMax',
  'contentVectorCosine',
  'meanVectorCosine',
  'alignBoth',
  'matched9Min',
  'matched9Max',
  'wordnetCombinedMin',
  'wordnetCombinedMax',
  'wordnetContrastMin',
  'wordnetContrastMax',
]

/** The features read from WordNet: a model using any of them needs it (`loadVectors` loads it with the vectors). */
export const WORDNET_FEATURES: readonly FeatureName[] = FEATURES.filter((f) => f.startsWith('wordnet'))

/** Position of each feature in the arrays `pairFeatureArray` fills. */
const FEATURE_INDEX: Readonly<Record<FeatureName, number>> = Object.fromEntries(FEATURES.map((f, i) => [f, i])) as Record<FeatureName, number>

/** Documentation of each feature: what `calibrate` prints and the model notes record. */
export const FEATURE_DOCS: Readonly<Record<FeatureName, string>> = {
  cosine: 'TF-IDF cosine over content stems',
  dice: 'character-bigram Dice coefficient',
  containment: "IDF-weighted share of the shorter sentence's content stems found in the longer one",
  entities: 'Jaccard overlap of entity name tokens (0.5 when neither names any)',
  numbers: 'Jaccard overlap of number values (0.5 when neither has any)',
  lengthRatio: 'shorter length over longer length, in words',
  vectorCosine: 'cosine of smooth-inverse-frequency weighted mean word vectors',
  alignMin: 'soft word alignment with word vectors, IDF-weighted: the smaller of its two directions',
  alignMax: 'soft word alignment with word vectors, IDF-weighted: the larger of its two directions',
  numberMismatch: '1 when both sentences have numbers and one has a value the other lacks',
  negationMismatch: '1 when one sentence negates and the other does not',
  unigramDice: 'Dice over the sets of word stems, stopwords included',
  bigramDice: 'Dice over the sets of consecutive word-stem pairs',
  trigramCosine: 'cosine of character-trigram counts',
  unmatched5Min: 'content words with neither their stem nor a word of vector cosine ≥ 0.5 in the other sentence: the fewer of the two sides',
  unmatched5Max: 'the same: the more of the two sides',
  unmatched7Min: 'content words without a counterpart of cosine ≥ 0.7 (or the same stem): the fewer of the two sides',
  unmatched7Max: 'the same: the more of the two sides',
  unmatchedStemMin: 'content words whose stem the other sentence lacks: the fewer of the two sides',
  unmatchedStemMax: 'the same: the more of the two sides',
  unmatchedWeightMin: 'IDF weight of the content words without a counterpart of cosine ≥ 0.5: the smaller side',
  unmatchedWeightMax: 'the same: the larger side',
  bleu1Min: 'clipped word-stem unigram precision (as in BLEU), the lower of the two directions',
  bleu1Max: 'the same, the higher direction',
  bleu2Min: 'clipped word-stem bigram precision, the lower direction',
  bleu2Max: 'the same, the higher direction',
  bleu3Min: 'clipped word-stem trigram precision, the lower direction',
  bleu3Max: 'the same, the higher direction',
  bleu4Min: 'clipped word-stem 4-gram precision, the lower direction',
  bleu4Max: 'the same, the higher direction',
  lcsMin: 'longest common subsequence of word stems over the shorter sentence',
  lcsMax: 'the same over the longer sentence',
  lcsContentMin: 'longest common subsequence of content stems over the shorter sentence',
  lcsContentMax: 'the same over the longer sentence',
  nounAlignMin: 'mean best match (same stem 1, else vector cosine) of the common nouns, the lower side (-1: no noun)',
  nounAlignMax: 'the same, the higher side',
  nounUnmatchedMin: 'common nouns whose stem the other sentence lacks, the fewer side',
  nounUnmatchedMax: 'the same, the more side',
  verbAlignMin: 'mean best match of the verbs, the lower side (-1: no verb)',
  verbAlignMax: 'the same, the higher side',
  verbUnmatchedMin: 'verbs whose stem the other sentence lacks, the fewer side',
  verbUnmatchedMax: 'the same, the more side',
  nameAlignMin: 'mean best match of the proper nouns, the lower side (-1: no name)',
  nameAlignMax: 'the same, the higher side',
  nameUnmatchedMin: 'proper nouns the other sentence lacks, the fewer side',
  nameUnmatchedMax: 'the same, the more side',
  numberAlignMin: 'mean best match of the numbers, the lower side (-1: no number)',
  numberAlignMax: 'the same, the higher side',
  numberUnmatchedMin: 'numbers the other sentence lacks, the fewer side',
  numberUnmatchedMax: 'the same, the more side',
  adjectiveAlignMin: 'mean best match of the adjectives, the lower side (-1: no adjective)',
  adjectiveAlignMax: 'the same, the higher side',
  adjectiveUnmatchedMin: 'adjectives whose stem the other sentence lacks, the fewer side',
  adjectiveUnmatchedMax: 'the same, the more side',
  wordsMin: 'words in the shorter sentence',
  wordsMax: 'words in the longer sentence',
  wordsDifference: 'difference in words',
  contentWordsMin: 'content words in the sentence with fewer',
  contentWordsMax: 'content words in the sentence with more',
  contentVectorCosine: 'cosine of the SIF-weighted mean vectors of the content words only',
  meanVectorCosine: 'cosine of the unweighted mean vectors of every word',
  alignBoth: 'soft word alignment over the content words of both sentences together, IDF-weighted',
  matched9Min: 'share of content words with a counterpart of cosine ≥ 0.9 (or the same stem), the lower side',
  matched9Max: 'the same, the higher side',
  wordnetSynonymMin: 'IDF-weighted share of the words WordNet knows the class of (nouns, verbs, adjectives, adverbs) with the same stem or a WordNet synonym in the other sentence, the lower side',
  wordnetSynonymMax: 'the same, the higher side',
  wordnetRelatedMin: 'the same with words one WordNet link away counted too (hypernym, hyponym, derivation, similar, also see…), the lower side',
  wordnetRelatedMax: 'the same, the higher side',
  wordnetPathMin: 'IDF-weighted mean best WordNet path similarity, 1 / (1 + hypernym path length), of each word to the other sentence, the lower side',
  wordnetPathMax: 'the same, the higher side',
  wordnetNounPathMin: 'mean best WordNet path similarity of the common nouns, the lower side (1: no noun)',
  wordnetNounPathMax: 'the same, the higher side',
  wordnetVerbPathMin: 'mean best WordNet path similarity of the verbs, the lower side (1: no verb)',
  wordnetVerbPathMax: 'the same, the higher side',
  wordnetUnrelatedWeightMin: 'IDF weight of the words with no WordNet link and path similarity below 0.2 to any word of the other sentence, the smaller side',
  wordnetUnrelatedWeightMax: 'the same, the larger side',
  wordnetUnrelatedNounsMin: 'common nouns with neither their stem nor a WordNet link in the other sentence, the fewer side',
  wordnetUnrelatedNounsMax: 'the same, the more side',
  wordnetCombinedMin: 'IDF-weighted mean of each word\'s best match by stem, word-vector cosine or WordNet path, the lower side',
  wordnetCombinedMax: 'the same, the higher side',
  wordnetContrastMin: 'words with a close word vector (cosine ≥ 0.5) in the other sentence but no WordNet link to it, as "man" and "woman": the fewer side',
  wordnetContrastMax: 'the same, the more side',
  wordnetAntonym: '1 when a word of one sentence is a WordNet antonym of a word of the other',
}

/** A fitted model: which features, how they combine, and the threshold at which a pair counts as aligned. */
export interface SimilarityModel {
  readonly format: 'corroborate-model'
  readonly version: 1
  readonly features: readonly FeatureName[]
  readonly learner: Learner
  /** Pairs whose similarity reaches this are aligned. */
  readonly threshold: number
  /** Name of the word-vector table the model was fitted with, or null when it uses none. */
  readonly vectors: string | null
  /** How the model was made: data, options, cross-validated figures. */
  readonly notes?: Readonly<Record<string, unknown>>
  /**
   * The same-claim decision of `analyze` (optional): a learner over every pair feature and the pair's context in
   * its story (`CONTEXT_FEATURES` in align), fitted on labelled cross-outlet pairs; two units report one claim
   * when its prediction reaches `threshold`. Without it, a pair aligns when the similarity reaches `threshold`.
   */
  readonly sameClaim?: {
    readonly features: readonly string[]
    readonly learner: Learner
    readonly threshold: number
    readonly notes?: Readonly<Record<string, unknown>>
  }
}

/** The model that ships in `models/default.json` (how it was made: `models/README.md`). */
export const DEFAULT_MODEL: SimilarityModel = checkModel(defaultModel, 'models/default.json')

/** Validate a parsed model file; throws a TypeError with a code naming `source` when it is not a model. */
export function checkModel(value: unknown, source: string): SimilarityModel {
  const fail = (reason: string): never => {
    throw new CorroborateError('ERR_INVALID_MODEL', `Expected a corroborate model in ${quoteValue(source)}: ${reason}`)
  }
  const m = value as Partial<SimilarityModel> | null
  if (typeof m !== 'object' || m === null || m.format !== 'corroborate-model') return fail('`format` is not `corroborate-model`')
  if (m.version !== 1) return fail(`expected \`version\` 1, got ${quoteValue(m.version)}`)
  if (!Array.isArray(m.features) || m.features.some((f) => !(FEATURES as readonly string[]).includes(f))) return fail(`unknown feature in ${quoteValue(m.features)}`)
  if (typeof m.threshold !== 'number' || !(m.threshold >= 0 && m.threshold <= 1)) return fail(`expected \`threshold\` in [0, 1], got ${quoteValue(m.threshold)}`)
  const learner = m.learner as Learner | undefined
  if (!learner || (learner.kind !== 'gbm' && learner.kind !== 'linear')) return fail('`learner.kind` is neither `gbm` nor `linear`')
  if (learner.kind === 'linear' && learner.weights.length !== m.features.length) return fail('one linear weight per feature expected')
  if (m.sameClaim !== undefined) {
    const c = m.sameClaim as Partial<NonNullable<SimilarityModel['sameClaim']>> | null
    if (typeof c !== 'object' || c === null || !Array.isArray(c.features)) return fail('`sameClaim.features` is not a list')
    if (typeof c.threshold !== 'number' || !(c.threshold >= 0 && c.threshold <= 1)) return fail(`expected \`sameClaim.threshold\` in [0, 1], got ${quoteValue(c.threshold)}`)
    if (!c.learner || (c.learner.kind !== 'gbm' && c.learner.kind !== 'linear')) return fail('`sameClaim.learner.kind` is neither `gbm` nor `linear`')
  }
  return m as SimilarityModel
}

/** Throw when the model was fitted with word vectors and none (or another table) are given. */
export function checkVectors(model: SimilarityModel, vectors: WordVectors | undefined): void {
  if (model.vectors !== null) {
    if (!vectors) throw new CorroborateError('ERR_MISSING_VECTORS', `Expected the word vectors ${quoteValue(model.vectors)} that the model was fitted with, got none`)
    if (vectors.name !== model.vectors) throw new CorroborateError('ERR_WRONG_VECTORS', `Expected the word vectors ${quoteValue(model.vectors)} that the model was fitted with, got ${quoteValue(vectors.name)}`)
  }
  if (!vectors?.wordnet && model.features.some((f) => WORDNET_FEATURES.includes(f)))
    throw new CorroborateError('ERR_MISSING_WORDNET', 'Expected WordNet, which the model was fitted with, got none')
}

const NEGATIONS = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'none', 'neither', 'nor', 'without'])

/** Content tokens: words and numbers that are not stopwords. */
export function isContent(token: Token): boolean {
  return (token.kind === 'word' || token.kind === 'number') && !token.stop && /[\p{L}\p{N}]/u.test(token.normal)
}

// Stems get process-wide integer ids so pair features merge sorted arrays instead of looking up strings. Ids are
// given out in the order the process meets stems, which depends on the stories it read before: they only ever
// serve to compare stems, and sums over stems run in the order of the stems' text (`SentenceFeatures.order`), since
// a floating-point sum taken in another order can differ in its last bit and tip a tree of the model.
const stemIds = new Map<string, number>()
const stemOf: string[] = []
// Word-pair keys are id × PAIR_BASE + id, exact in a double for up to 2^26 distinct stems.
const PAIR_BASE = 2 ** 26

/** The id of a stem, given on first sight. */
export function stemId(stem: string): number {
  let id = stemIds.get(stem)
  if (id === undefined) {
    id = stemOf.length
    stemIds.set(stem, id)
    stemOf.push(stem)
  }
  return id
}

/** Content words per sentence whose word vectors (and WordNet entries) take part in the soft alignment. */
export const ALIGN_WORDS = 12

// Smooth inverse frequency: a / (a + p(w)), with p(w) from the word's frequency rank by Zipf's law.
const SIF_A = 1e-3
const ZIPF_NORM = Math.log(150_000) + 0.5772

/** Compute the features of a sentence once, for every pair it takes part in; `vectors` adds the vector features. */
export function sentenceFeatures(sentence: Sentence, vectors?: WordVectors): SentenceFeatures {
  const stems = new Map<string, number>()
  const content: { id: number; vector: Float32Array | undefined; row: number }[] = []
  const allIds = new Set<number>()
  const bigramKeys = new Set<number>()
  let words = 0
  let negated = false
  let previous = -1
  const embedding = vectors ? new Float32Array(vectors.dimensions) : null
  const contentEmbedding = vectors ? new Float32Array(vectors.dimensions) : null
  const meanEmbedding = vectors ? new Float32Array(vectors.dimensions) : null
  let embedded = false
  let contentEmbedded = false
  const sequence: number[] = []
  const hashes: number[] = []
  const classes: number[] = []
  const contentTokens: Token[] = []
  for (const token of sentence.tokens) {
    if (token.kind !== 'word' && token.kind !== 'number') continue
    words++
    if (NEGATIONS.has(token.normal)) negated = true
    const id = stemId(token.stem)
    allIds.add(id)
    sequence.push(id)
    hashes.push(stemHash(id))
    if (previous >= 0) bigramKeys.add(previous * PAIR_BASE + id)
    previous = id
    const vector = vectors?.vector(token.normal.toLowerCase())
    const rank = vector ? vectors!.rank(token.normal.toLowerCase())! : -1
    const content_ = isContent(token)
    if (vector && embedding) {
      const weight = SIF_A / (SIF_A + 1 / ((rank + 1) * ZIPF_NORM))
      for (let i = 0; i < vector.length; i++) {
        embedding[i]! += weight * vector[i]!
        meanEmbedding![i]! += vector[i]!
      }
      embedded = true
      if (content_) {
        for (let i = 0; i < vector.length; i++) contentEmbedding![i]! += weight * vector[i]!
        contentEmbedded = true
      }
    }
    if (content_) {
      stems.set(token.stem, (stems.get(token.stem) ?? 0) + 1)
      content.push({ id, vector, row: rank })
      classes.push(wordClass(token))
      contentTokens.push(token)
    }
  }
  // Word vectors and WordNet take part in the soft alignment for the sentence's rarest words only (by the table's
  // frequency rank): long sentences would otherwise cost a cosine and a WordNet lookup for every pair of their words.
  // Plain loops here and for the quotes below: `.map(…).filter` over lists that are sometimes empty hands back arrays
  // of two shapes, and V8 deoptimised and recompiled this function over a thousand times in a 150-article story.
  const byRarity: { c: (typeof content)[number]; k: number }[] = []
  for (let k = 0; k < content.length; k++) if (content[k]!.vector) byRarity.push({ c: content[k]!, k })
  byRarity.sort((x, y) => y.c.row - x.c.row || x.c.id - y.c.id)
  const common = new Uint8Array(content.length)
  byRarity.forEach(({ c, k }, rank) => {
    if (rank < ALIGN_WORDS) return
    c.vector = undefined
    common[k] = 1
  })
  const senses = Int32Array.from(contentTokens, (token, k) => senseOf(token, vectors?.wordnet, common[k] === 0))
  const ids = Int32Array.from([...stems.keys()].map(stemId)).sort()
  const counts = Float64Array.from(ids, (id) => stems.get(stemOf[id]!)!)
  const order = Int32Array.from(ids.keys()).sort((x, y) => (stemOf[ids[x]!]! < stemOf[ids[y]!]! ? -1 : 1))
  const folded = foldText(sentence.text)
  const trigrams = trigramCodes(folded)
  let trigramNorm = 0
  for (let i = 0; i < trigrams.length; ) {
    let j = i
    while (j < trigrams.length && trigrams[j] === trigrams[i]) j++
    trigramNorm += (j - i) ** 2
    i = j
  }
  return {
    stems,
    ids,
    counts,
    order,
    content,
    allIds: Int32Array.from(allIds).sort(),
    bigramKeys: Float64Array.from(bigramKeys).sort(),
    folded,
    wording: folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim(),
    bigrams: bigrams(folded),
    trigrams,
    trigramNorm: Math.sqrt(trigramNorm),
    embedding: embedded ? embedding : null,
    // Name tokens rather than whole names: "Ortega" in one outlet is "Dr. Samuel Ortega" in another.
    entities: nameTokens(sentence),
    numbers: new Set(sentence.numbers.map((n) => String(n.value))),
    words,
    negated,
    quotes: quoteStems(sentence),
    sequence: wordSequence(Int32Array.from(sequence.slice(0, SEQUENCE_WORDS))),
    contentSequence: wordSequence(Int32Array.from(content.slice(0, SEQUENCE_WORDS), (t) => t.id)),
    ngrams: [ngramKeys(sequence, hashes, 1), ngramKeys(sequence, hashes, 2), ngramKeys(sequence, hashes, 3), ngramKeys(sequence, hashes, 4)],
    classes: Uint8Array.from(classes),
    senses,
    wordnet: vectors?.wordnet ?? null,
    contentEmbedding: contentEmbedded && contentEmbedding ? unit(contentEmbedding) : null,
    meanEmbedding: embedded && meanEmbedding ? unit(meanEmbedding) : null,
  }
}

// WordNet's part of speech for the tagger's, for the classes WordNet covers.
const WORDNET_POS: Readonly<Record<string, WordNetPos>> = { NOUN: 'n', PROPN: 'n', VERB: 'v', AUX: 'v', ADJ: 'a', ADV: 'r' }
const WORDNET_LETTERS: readonly WordNetPos[] = ['n', 'v', 'a', 'r']

/**
 * The WordNet entry of a content token (see `SentenceFeatures.senses`): its tagged class first, then any other.
 * Without `lookUp` (a common word, outside the soft alignment), -1 for a word of a class WordNet covers.
 */
function senseOf(token: Token, wordnet: WordNet | undefined, lookUp: boolean): number {
  const pos = WORDNET_POS[token.pos]
  if (token.kind !== 'word' || pos === undefined) return -2
  if (!wordnet || !lookUp) return -1
  const word = token.normal.toLowerCase()
  let entry = wordnet.lookup(word, pos)
  for (const other of WORDNET_LETTERS) if (entry < 0 && other !== pos) entry = wordnet.lookup(word, other)
  return entry
}

/** Words of each sentence compared in order by the longest common subsequence. */
export const SEQUENCE_WORDS = 32

/** Word classes with their own alignment features (content tokens' part of speech; numbers by kind). */
const WORD_CLASSES = ['NOUN', 'VERB', 'PROPN', 'NUM', 'ADJ'] as const
const NOUN_CLASS = 1
const VERB_CLASS = 2
const CLASS_FEATURES = [
  ['nounAlignMin', 'nounUnmatchedMin'],
  ['verbAlignMin', 'verbUnmatchedMin'],
  ['nameAlignMin', 'nameUnmatchedMin'],
  ['numberAlignMin', 'numberUnmatchedMin'],
  ['adjectiveAlignMin', 'adjectiveUnmatchedMin'],
] as const satisfies readonly (readonly [FeatureName, FeatureName])[]

function wordClass(token: Token): number {
  if (token.kind === 'number' || token.pos === 'NUM') return 4
  return WORD_CLASSES.indexOf(token.pos as (typeof WORD_CLASSES)[number]) + 1
}

// A 32-bit FNV-1a hash of each stem, for n-gram keys beyond bigrams: made from the stem's text rather than its
// id, so that keys, and any collision between them, are the same on every thread whatever order ids were given in.
const stemHashes: number[] = []
function stemHash(id: number): number {
  let h = stemHashes[id]
  if (h === undefined) {
    const text = stemOf[id]!
    h = 0x811c9dc5
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
    stemHashes[id] = h >>> 0
    h = h >>> 0
  }
  return h
}

/** Sorted keys of the word n-grams (repeats kept): exact stem ids for n ≤ 2, a 52-bit hash of the stems beyond. */
function ngramKeys(ids: readonly number[], hashes: readonly number[], n: number): Float64Array {
  const keys = new Float64Array(Math.max(0, ids.length - n + 1))
  for (let i = 0; i < keys.length; i++) {
    if (n === 1) keys[i] = ids[i]!
    else if (n === 2) keys[i] = ids[i]! * PAIR_BASE + ids[i + 1]!
    else {
      let h1 = 0x811c9dc5
      let h2 = 0x01000193
      for (let k = 0; k < n; k++) {
        h1 = Math.imul(h1 ^ hashes[i + k]!, 0x01000193)
        h2 = Math.imul(h2 ^ hashes[i + k]!, 0x5bd1e995) ^ (h2 >>> 15)
      }
      keys[i] = (h1 >>> 0) * 1048576 + (h2 & 0xfffff)
    }
  }
  return keys.sort()
}

/** `v` scaled in place to unit length, or null when it is zero. */
function unit(v: Float32Array): Float32Array | null {
  let norm = 0
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!
  if (norm === 0) return null
  const scale = 1 / Math.sqrt(norm)
  for (let i = 0; i < v.length; i++) v[i]! *= scale
  return v
}

/** Content stems inside each direct quotation of the sentence, for the quotations of four content words or more. */
function quoteStems(sentence: Sentence): Set<string>[] {
  const quotes: Set<string>[] = []
  for (const q of sentence.quotes) {
    const stems = new Set<string>()
    for (const t of sentence.tokens) if (t.begin >= q.begin && t.end <= q.end && isContent(t)) stems.add(t.stem)
    if (stems.size >= 4) quotes.push(stems)
  }
  return quotes
}

/**
 * Lower-case tokens of the sentence's entity names. A plain loop: `flatMap` over entity lists of varying shapes
 * (empty, one, many) sent V8 into a loop of deoptimising and recompiling this hot path.
 */
function nameTokens(sentence: Sentence): Set<string> {
  const tokens = new Set<string>()
  for (const entity of sentence.entities) for (const part of entity.name.toLowerCase().split(/\s+/)) tokens.add(part)
  return tokens
}

/**
 * True when the two sentences carry the same quotation, worded a little differently: most content words of the
 * shorter quote are in a quote of the other ("I consider that an asset, not a liability" / "That's called an
 * asset, not a liability").
 */
export function sameQuote(a: SentenceFeatures, b: SentenceFeatures, share = 0.6): boolean {
  for (const x of a.quotes)
    for (const y of b.quotes) {
      const [small, large] = x.size <= y.size ? [x, y] : [y, x]
      let inside = 0
      for (const stem of small) if (large.has(stem)) inside++
      if (inside / small.size >= share) return true
    }
  return false
}

/** Lower case, curly quotes and dashes folded, so Dice compares wording rather than typography. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’`]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/[–—]/g, '-')
}

/** Inverse document frequency over a set of sentences: `ln((N + 1) / (df + 1)) + 1`. */
export class Idf {
  private df = new Int32Array(1024)
  private count = 0
  private weights: Float64Array | null = null

  /** Sentences counted so far: changes whenever the weights do. */
  get size(): number {
    return this.count
  }

  /** Count the stems of one sentence. */
  add(features: SentenceFeatures): void {
    this.weights = null
    this.count++
    for (const id of features.ids) {
      if (id >= this.df.length) {
        const grown = new Int32Array(Math.max(id + 1, this.df.length * 2))
        grown.set(this.df)
        this.df = grown
      }
      this.df[id]!++
    }
  }

  /** Weight of a stem id: `ln((N + 1) / (df + 1)) + 1`; stems never counted weigh as if seen once. */
  weightOf(id: number): number {
    if (!this.weights) {
      this.weights = new Float64Array(this.df.length)
      for (let i = 0; i < this.df.length; i++) this.weights[i] = Math.log((this.count + 1) / (Math.max(1, this.df[i]!) + 1)) + 1
    }
    return id < this.weights.length ? this.weights[id]! : Math.log((this.count + 1) / 2) + 1
  }

  /** Weight of a stem. */
  weight(stem: string): number {
    return this.weightOf(stemId(stem))
  }

  /** How many sentences contain the stem. */
  frequency(stem: string): number {
    const id = stemId(stem)
    return id < this.df.length ? this.df[id]! : 0
  }
}

/** Feature values of a pair of sentences under the given IDF, by name. */
export function pairFeatures(a: SentenceFeatures, b: SentenceFeatures, idf: Idf): PairFeatures {
  const values = pairFeatureArray(a, b, idf, new Float64Array(FEATURES.length))
  return Object.fromEntries(FEATURES.map((f, i) => [f, values[i]!])) as Record<FeatureName, number>
}

/**
 * Fill `out` with the feature values of a pair, in the order of FEATURES, and return it. The hot path of
 * alignment: it writes numbers into an array rather than building an object of sixty-odd keys per pair.
 */
export function pairFeatureArray(a: SentenceFeatures, b: SentenceFeatures, idf: Idf, out: Float64Array): Float64Array {
  const F = FEATURE_INDEX
  let dot = 0
  let normA = 0
  let normB = 0
  let sharedWeightA = 0
  let weightA = 0
  let weightB = 0
  for (let k = 0; k < a.order.length; k++) {
    const i = a.order[k]!
    const w = idf.weightOf(a.ids[i]!)
    normA += (a.counts[i]! * w) ** 2
    weightA += w
  }
  for (let k = 0; k < b.order.length; k++) {
    const j = b.order[k]!
    const w = idf.weightOf(b.ids[j]!)
    normB += (b.counts[j]! * w) ** 2
    weightB += w
  }
  // The shared stems are found by merging the id-sorted arrays, then summed in the order of their text.
  const partner = partnerBuffer(a.ids.length)
  for (let i = 0, j = 0; i < a.ids.length; ) {
    if (j >= b.ids.length || a.ids[i]! < b.ids[j]!) partner[i++] = -1
    else if (a.ids[i]! > b.ids[j]!) j++
    else partner[i++] = j++
  }
  for (let k = 0; k < a.order.length; k++) {
    const i = a.order[k]!
    const j = partner[i]!
    if (j < 0) continue
    const w = idf.weightOf(a.ids[i]!)
    dot += a.counts[i]! * b.counts[j]! * w * w
    sharedWeightA += w
  }
  const smaller = Math.min(weightA, weightB)
  const bestA = bestBuffer(0, a.content.length)
  const bestB = bestBuffer(1, b.content.length)
  bestMatches(a, b, bestA, bestB)
  const forward = directed(a.content, bestA, idf)
  const backward = directed(b.content, bestB, idf)
  const trigramDot = runDot(a.trigrams, b.trigrams)
  out[F.cosine] = normA > 0 && normB > 0 ? dot / Math.sqrt(normA * normB) : 0
  out[F.dice] = dice(a, b)
  out[F.containment] = smaller > 0 ? Math.min(1, sharedWeightA / smaller) : 0
  out[F.entities] = jaccard(a.entities, b.entities)
  out[F.numbers] = jaccard(a.numbers, b.numbers)
  out[F.lengthRatio] = a.words > 0 && b.words > 0 ? Math.min(a.words, b.words) / Math.max(a.words, b.words) : 0
  out[F.vectorCosine] = a.embedding && b.embedding ? Math.max(0, cosineOf(a.embedding, b.embedding)) : 0
  out[F.alignMin] = Math.min(forward, backward)
  out[F.alignMax] = Math.max(forward, backward)
  out[F.numberMismatch] = a.numbers.size > 0 && b.numbers.size > 0 && (a.numbers.size !== b.numbers.size || !subset(a.numbers, b.numbers)) ? 1 : 0
  out[F.negationMismatch] = a.negated !== b.negated ? 1 : 0
  out[F.unigramDice] = sortedDice(a.allIds, b.allIds)
  out[F.bigramDice] = sortedDice(a.bigramKeys, b.bigramKeys)
  out[F.trigramCosine] = a.trigramNorm > 0 && b.trigramNorm > 0 ? trigramDot / (a.trigramNorm * b.trigramNorm) : 0

  // Words left without a counterpart, at two cosine levels, by stem, and by IDF weight.
  const nA = a.content.length
  const nB = b.content.length
  both(out, F.unmatched5Min, countBelow(bestA, nA, 0.5), countBelow(bestB, nB, 0.5))
  both(out, F.unmatched7Min, countBelow(bestA, nA, 0.7), countBelow(bestB, nB, 0.7))
  both(out, F.unmatchedStemMin, countBelow(bestA, nA, 1), countBelow(bestB, nB, 1))
  both(out, F.unmatchedWeightMin, weightBelow(a.content, bestA, idf, 0.5), weightBelow(b.content, bestB, idf, 0.5))
  // Clipped n-gram precision both ways (the clipped count of shared n-grams is the same both ways).
  for (let n = 0; n < 4; n++) {
    const x = a.ngrams[n]!
    const y = b.ngrams[n]!
    const shared = sharedCount(x, y)
    both(out, F.bleu1Min + 2 * n, x.length > 0 ? shared / x.length : -1, y.length > 0 ? shared / y.length : -1)
  }
  const lcs = longestCommonSubsequence(a.sequence, b.sequence)
  out[F.lcsMin] = ratio(lcs, Math.min(a.sequence.ids.length, b.sequence.ids.length))
  out[F.lcsMax] = ratio(lcs, Math.max(a.sequence.ids.length, b.sequence.ids.length))
  const lcsContent = longestCommonSubsequence(a.contentSequence, b.contentSequence)
  out[F.lcsContentMin] = ratio(lcsContent, Math.min(a.contentSequence.ids.length, b.contentSequence.ids.length))
  out[F.lcsContentMax] = ratio(lcsContent, Math.max(a.contentSequence.ids.length, b.contentSequence.ids.length))
  // Alignment per word class: the mean best match of the class's words on each side, and those left unmatched.
  for (let k = 0; k < CLASS_FEATURES.length; k++) {
    const align = CLASS_FEATURES[k]![0]
    const unmatched = CLASS_FEATURES[k]![1]
    const x = classMean(a.classes, bestA, k + 1)
    const y = classMean(b.classes, bestB, k + 1)
    if (x < 0 && y < 0) both(out, F[align], -1, -1)
    else if (x < 0 || y < 0) both(out, F[align], 0, Math.max(x, y))
    else both(out, F[align], x, y)
    both(out, F[unmatched], classUnmatched(a.classes, bestA, k + 1), classUnmatched(b.classes, bestB, k + 1))
  }
  both(out, F.wordsMin, a.words, b.words)
  out[F.wordsDifference] = Math.abs(a.words - b.words)
  both(out, F.contentWordsMin, a.content.length, b.content.length)
  out[F.contentVectorCosine] = a.contentEmbedding && b.contentEmbedding ? dotProduct(a.contentEmbedding, b.contentEmbedding) : 0
  out[F.meanVectorCosine] = a.meanEmbedding && b.meanEmbedding ? dotProduct(a.meanEmbedding, b.meanEmbedding) : 0
  const totalA = weightOfAll(a.content, idf)
  const totalB = weightOfAll(b.content, idf)
  out[F.alignBoth] = ratio(forward * totalA + backward * totalB, totalA + totalB)
  both(out, F.matched9Min, ratio(nA - countBelow(bestA, nA, 0.9), nA), ratio(nB - countBelow(bestB, nB, 0.9), nB))
  wordnetFeatures(a, b, bestA, bestB, idf, out)
  return out
}

// Per-word WordNet matches of the pair being scored (see `wordnetFeatures`), reused from pair to pair.
let wordnetScratch = wordnetBuffers(64)
function wordnetBuffers(n: number) {
  return { linkA: new Uint8Array(n), linkB: new Uint8Array(n), pathA: new Float64Array(n), pathB: new Float64Array(n), stemMatchedB: new Uint8Array(n) }
}

/**
 * The WordNet features: each word WordNet covers is matched against every such word of the other sentence once,
 * for both directions at a time. A word whose stem the other sentence has counts as a synonym at path 1.
 */
function wordnetFeatures(a: SentenceFeatures, b: SentenceFeatures, bestA: Float64Array, bestB: Float64Array, idf: Idf, out: Float64Array): void {
  const F = FEATURE_INDEX
  const nA = a.content.length
  const nB = b.content.length
  if (wordnetScratch.linkA.length < nA || wordnetScratch.linkB.length < nB) {
    const n = Math.max(nA, nB, 2 * wordnetScratch.linkA.length)
    wordnetScratch = wordnetBuffers(n)
  }
  const { linkA, linkB, pathA, pathB, stemMatchedB } = wordnetScratch
  // Stem matches first (link 2, path 1: bestA is exactly 1 for them), then WordNet for the rest.
  for (let i = 0; i < nA; i++) {
    const same = bestA[i] === 1 && contains(b.ids, a.content[i]!.id)
    linkA[i] = same ? 2 : 0
    pathA[i] = same ? 1 : 0
  }
  for (let j = 0; j < nB; j++) {
    const same = bestB[j] === 1 && contains(a.ids, b.content[j]!.id)
    linkB[j] = same ? 2 : 0
    pathB[j] = same ? 1 : 0
    stemMatchedB[j] = same ? 1 : 0
  }
  let antonym = 0
  const wordnet = a.wordnet
  if (wordnet && wordnet === b.wordnet)
    for (let i = 0; i < nA; i++) {
      const x = a.senses[i]!
      // WordNet is asked about the words without a stem match only, on both sides: in sentences worth comparing
      // most words match by stem, and a matched word is already at its best (a synonym at path 1).
      if (x < 0 || pathA[i] === 1) continue
      for (let j = 0; j < nB; j++) {
        const y = b.senses[j]!
        if (y < 0 || stemMatchedB[j] === 1) continue
        const code = wordnet.relationCode(x, y)
        const link = linkOf(code)
        const path = pathOf(code)
        if (link > linkA[i]!) linkA[i] = link
        if (link > linkB[j]!) linkB[j] = link
        if (path > pathA[i]!) pathA[i] = path
        if (path > pathB[j]!) pathB[j] = path
        if (antonymOf(code)) antonym = 1
      }
    }
  const x = wordnetSide(a, bestA, linkA, pathA, idf)
  const y = wordnetSide(b, bestB, linkB, pathB, idf)
  both(out, F.wordnetSynonymMin, x.synonym, y.synonym)
  both(out, F.wordnetRelatedMin, x.related, y.related)
  both(out, F.wordnetPathMin, x.path, y.path)
  both(out, F.wordnetNounPathMin, x.nounPath, y.nounPath)
  both(out, F.wordnetVerbPathMin, x.verbPath, y.verbPath)
  both(out, F.wordnetUnrelatedWeightMin, x.unrelatedWeight, y.unrelatedWeight)
  both(out, F.wordnetUnrelatedNounsMin, x.unrelatedNouns, y.unrelatedNouns)
  both(out, F.wordnetCombinedMin, x.combined, y.combined)
  both(out, F.wordnetContrastMin, x.contrast, y.contrast)
  out[F.wordnetAntonym] = antonym
}

/** One side's WordNet figures from its words' best link and path (see FEATURE_DOCS). */
function wordnetSide(s: SentenceFeatures, best: Float64Array, link: Uint8Array, path: Float64Array, idf: Idf) {
  let total = 0
  let synonym = 0
  let related = 0
  let pathSum = 0
  let combined = 0
  let unrelatedWeight = 0
  let unrelatedNouns = 0
  let contrast = 0
  let nouns = 0
  let nounPath = 0
  let verbs = 0
  let verbPath = 0
  for (let i = 0; i < s.content.length; i++) {
    if (s.senses[i] === -2) continue
    const w = idf.weightOf(s.content[i]!.id)
    const l = link[i]!
    const p = l === 2 ? 1 : path[i]!
    total += w
    if (l === 2) synonym += w
    if (l > 0) related += w
    pathSum += w * p
    combined += w * Math.max(p, best[i]!)
    if (l === 0 && p < 0.2) unrelatedWeight += w
    if (l === 0 && best[i]! >= 0.5) contrast++
    if (s.classes[i] === NOUN_CLASS) {
      nouns++
      nounPath += p
      if (l === 0) unrelatedNouns++
    } else if (s.classes[i] === VERB_CLASS) {
      verbs++
      verbPath += p
    }
  }
  if (total === 0) return { synonym: 1, related: 1, path: 1, nounPath: 1, verbPath: 1, unrelatedWeight: 0, unrelatedNouns: 0, combined: 1, contrast: 0 }
  return {
    synonym: synonym / total,
    related: related / total,
    path: pathSum / total,
    nounPath: nouns > 0 ? nounPath / nouns : 1,
    verbPath: verbs > 0 ? verbPath / verbs : 1,
    unrelatedWeight,
    unrelatedNouns,
    combined: combined / total,
    contrast,
  }
}

// Best-match arrays of the pair being scored, reused from pair to pair: only the first (content words) entries
// of each are the pair's; every reader is bounded by the sentence's content words, not the array's length.
const bestBuffers: Float64Array[] = [new Float64Array(64), new Float64Array(64)]
let partners = new Int32Array(64)

/** Scratch of `pairFeatureArray`: for each stem of one sentence, its position in the other's, or -1. */
function partnerBuffer(length: number): Int32Array {
  if (partners.length < length) partners = new Int32Array(Math.max(length, 2 * partners.length))
  return partners
}
function bestBuffer(side: 0 | 1, length: number): Float64Array {
  if (bestBuffers[side]!.length < length) bestBuffers[side] = new Float64Array(Math.max(length, 2 * bestBuffers[side]!.length))
  return bestBuffers[side]!
}

/** Write the smaller of two values at `at` and the larger at `at + 1` (every xMin is followed by its xMax). */
function both(out: Float64Array, at: number, x: number, y: number): void {
  out[at] = x < y ? x : y
  out[at + 1] = x < y ? y : x
}

function subset(x: ReadonlySet<string>, y: ReadonlySet<string>): boolean {
  for (const v of x) if (!y.has(v)) return false
  return true
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0
}

/** How many of the first `length` best matches are below `level`. */
function countBelow(best: Float64Array, length: number, level: number): number {
  let n = 0
  for (let i = 0; i < length; i++) if (best[i]! < level) n++
  return n
}

function weightBelow(tokens: SentenceFeatures['content'], best: Float64Array, idf: Idf, level: number): number {
  let weight = 0
  for (let i = 0; i < tokens.length; i++) if (best[i]! < level) weight += idf.weightOf(tokens[i]!.id)
  return weight
}

function weightOfAll(tokens: SentenceFeatures['content'], idf: Idf): number {
  let weight = 0
  for (let i = 0; i < tokens.length; i++) weight += idf.weightOf(tokens[i]!.id)
  return weight
}

/** Mean best match of the words of one class, or -1 when the sentence has none. */
function classMean(classes: Uint8Array, best: Float64Array, k: number): number {
  let count = 0
  let sum = 0
  for (let i = 0; i < classes.length; i++)
    if (classes[i] === k) {
      count++
      sum += best[i]!
    }
  return count > 0 ? sum / count : -1
}

function classUnmatched(classes: Uint8Array, best: Float64Array, k: number): number {
  let n = 0
  for (let i = 0; i < classes.length; i++) if (classes[i] === k && best[i]! < 0.999) n++
  return n
}

/** How many values two sorted arrays share, each value counted as often as the rarer side has it. */
function sharedCount(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let shared = 0
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i]! < y[j]!) i++
    else if (x[i]! > y[j]!) j++
    else {
      shared++
      i++
      j++
    }
  }
  return shared
}

/**
 * A sentence's words (at most SEQUENCE_WORDS, so they fit the bits of one 32-bit integer) prepared for the
 * bit-parallel subsequence: the distinct ids, sorted, each with the mask of the positions where it occurs.
 */
export interface WordSequence {
  readonly ids: Int32Array
  readonly symbols: Int32Array
  readonly masks: Uint32Array
}

/** Prepare up to 32 word ids for `longestCommonSubsequence`. */
export function wordSequence(ids: Int32Array): WordSequence {
  if (ids.length > 32) throw new RangeError(`Expected at most 32 words, got ${ids.length}`)
  const symbols = Int32Array.from(new Set(ids)).sort()
  const masks = new Uint32Array(symbols.length)
  for (let i = 0; i < ids.length; i++) {
    const k = indexOfId(symbols, ids[i]!)
    masks[k] = (masks[k]! | (1 << i)) >>> 0
  }
  return { ids, symbols, masks }
}

/**
 * Length of the longest common subsequence of two word sequences, bit-parallel (Hyyrö 2004): one pass over `y`
 * with a few integer operations per word, where the table of the textbook method has a cell per pair of words.
 */
export function longestCommonSubsequence(x: WordSequence, y: WordSequence): number {
  const m = x.ids.length
  if (m === 0 || y.ids.length === 0) return 0
  const full = m === 32 ? 0xffffffff : 2 ** m - 1
  let v = full
  for (let j = 0; j < y.ids.length; j++) {
    const k = indexOfId(x.symbols, y.ids[j]!)
    if (k < 0) continue
    const u = (v & x.masks[k]!) >>> 0
    v = (((v + u) >>> 0) | ((v - u) >>> 0)) & full
    v >>>= 0
  }
  // Each zero among the m bits is one word of x in the common subsequence.
  let ones = v - ((v >>> 1) & 0x55555555)
  ones = (ones & 0x33333333) + ((ones >>> 2) & 0x33333333)
  ones = (Math.imul((ones + (ones >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff
  return m - ones
}

/** Position of `id` in a sorted id array, or -1. */
function indexOfId(sorted: Int32Array, id: number): number {
  let lo = 0
  let hi = sorted.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const v = sorted[mid]!
    if (v === id) return mid
    if (v < id) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/** True when a sorted id array holds `id`. */
function contains(sorted: Int32Array, id: number): boolean {
  return indexOfId(sorted, id) >= 0
}

/**
 * The best match of each content word in the other sentence: 1 when the other sentence has its stem, else its
 * best word-vector cosine with a content word there (0 without vectors). One pass over the word pairs serves
 * both directions.
 */
function bestMatches(a: SentenceFeatures, b: SentenceFeatures, bestA: Float64Array, bestB: Float64Array): void {
  // Words whose stem the other sentence has score 1 at once; only the others need word-vector cosines.
  for (let i = 0; i < a.content.length; i++) bestA[i] = contains(b.ids, a.content[i]!.id) ? 1 : 0
  for (let j = 0; j < b.content.length; j++) bestB[j] = contains(a.ids, b.content[j]!.id) ? 1 : 0
  for (let i = 0; i < a.content.length; i++) {
    const x = a.content[i]!
    if (!x.vector) continue
    const doneA = bestA[i] === 1
    for (let j = 0; j < b.content.length; j++) {
      if (doneA && bestB[j] === 1) continue
      const y = b.content[j]!
      if (!y.vector) continue
      const value = dotProduct(x.vector, y.vector)
      if (value > bestA[i]!) bestA[i] = value
      if (value > bestB[j]!) bestB[j] = value
    }
  }
}

/**
 * How much of `a` is said in `b`: the IDF-weighted share of a's content words that b has (1 for the same stem,
 * else the best word-vector cosine with one of b's content words).
 */
export function softContainment(a: SentenceFeatures, b: SentenceFeatures, idf: Idf): number {
  const bestA = bestBuffer(0, a.content.length)
  const bestB = bestBuffer(1, b.content.length)
  bestMatches(a, b, bestA, bestB)
  return directed(a.content, bestA, idf)
}

/** Soft word alignment in one direction: the IDF-weighted mean best match of a sentence's content words. */
function directed(tokens: SentenceFeatures['content'], best: Float64Array, idf: Idf): number {
  let total = 0
  let matched = 0
  for (let i = 0; i < tokens.length; i++) {
    const w = idf.weightOf(tokens[i]!.id)
    total += w
    matched += w * best[i]!
  }
  return total > 0 ? matched / total : 0
}

// Scratch arrays of the scorer: one pair at a time per thread, so they are reused rather than allocated per pair.
const scratch = new Float64Array(FEATURES.length)
const selections = new WeakMap<SimilarityModel, { readonly at: Int32Array; readonly values: Float64Array }>()

/** Similarity of two sentences: 1 for the same wording (case and punctuation aside), else the model's prediction. */
export function similarity(a: SentenceFeatures, b: SentenceFeatures, idf: Idf, model: SimilarityModel = DEFAULT_MODEL): number {
  if (a.wording === b.wording && a.wording !== '') return 1
  computeInScratch(a, b, idf)
  return predictSelected(model, false)
}

/**
 * `similarity`, with the pair's features (every one of `FEATURES`, in order) written into `out` as well: for a
 * second stage that reads them, without computing them again.
 */
export function similarityWithFeatures(a: SentenceFeatures, b: SentenceFeatures, idf: Idf, model: SimilarityModel, out: Float64Array): number {
  computeInScratch(a, b, idf)
  out.set(scratch)
  if (a.wording === b.wording && a.wording !== '') return 1
  return predictSelected(model, false)
}

/**
 * Similarity of two sentences of opposite polarity as if they agreed: the model's prediction with the negation
 * mismatch left out. "The report flagged corrosion" and "the report didn't flag any corrosion" make one claim,
 * contradicted; alignment links them so that the ledger can show the contradiction.
 */
export function similarityIgnoringPolarity(a: SentenceFeatures, b: SentenceFeatures, idf: Idf, model: SimilarityModel = DEFAULT_MODEL): number {
  computeInScratch(a, b, idf)
  return predictSelected(model, true)
}

// The pair whose features `scratch` holds: alignment asks for a pair's similarity, then often for the same pair
// with polarity ignored, and the features are computed once for both.
let scratchA: SentenceFeatures | null = null
let scratchB: SentenceFeatures | null = null
let scratchIdf: Idf | null = null
let scratchIdfSize = -1

function computeInScratch(a: SentenceFeatures, b: SentenceFeatures, idf: Idf): void {
  if (scratchA === a && scratchB === b && scratchIdf === idf && scratchIdfSize === idf.size) return
  pairFeatureArray(a, b, idf, scratch)
  scratchA = a
  scratchB = b
  scratchIdf = idf
  scratchIdfSize = idf.size
}

/**
 * The pair's features (every one of `FEATURES`, in order) into `out`: copied from the scorer's scratch when the
 * last pair it scored was this one, else computed. Alignment asks for a pair's similarity and then for its features
 * (the same-claim stage reads them): the features are computed once for both.
 */
export function pairFeaturesInto(a: SentenceFeatures, b: SentenceFeatures, idf: Idf, out: Float64Array): Float64Array {
  computeInScratch(a, b, idf)
  out.set(scratch)
  return out
}

/** The model's prediction from a row of every feature (`FEATURES` order), optionally with the negation mismatch left out. */
export function predictFromFeatures(model: SimilarityModel, row: ArrayLike<number>, ignorePolarity: boolean): number {
  let selection = selections.get(model)
  if (!selection) {
    selection = { at: Int32Array.from(model.features, (f) => FEATURE_INDEX[f]), values: new Float64Array(model.features.length) }
    selections.set(model, selection)
  }
  const negation = FEATURE_INDEX.negationMismatch
  for (let k = 0; k < selection.at.length; k++) {
    const at = selection.at[k]!
    selection.values[k] = ignorePolarity && at === negation ? 0 : row[at]!
  }
  return predict(model.learner, selection.values)
}

/** The model's prediction from the features in `scratch`, optionally with the negation mismatch left out. */
function predictSelected(model: SimilarityModel, ignorePolarity: boolean): number {
  return predictFromFeatures(model, scratch, ignorePolarity)
}

/** Sentence features of text pairs (each text one sentence) and the IDF over all of them. */
export function preparePairs(pairs: readonly { readonly a: string; readonly b: string }[], vectors?: WordVectors): { prepared: [SentenceFeatures, SentenceFeatures][]; idf: Idf } {
  const prepared: [SentenceFeatures, SentenceFeatures][] = pairs.map((p, i) => [
    sentenceFeatures(sentenceFromText(p.a, `a${i}#0`), vectors),
    sentenceFeatures(sentenceFromText(p.b, `b${i}#0`), vectors),
  ])
  const idf = new Idf()
  for (const [a, b] of prepared) {
    idf.add(a)
    idf.add(b)
  }
  return { prepared, idf }
}

/** Similarity of each text pair, exactly as `analyze` scores two sentences (IDF over every text of the set). */
export function scoreTextPairs(pairs: readonly { readonly a: string; readonly b: string }[], model: SimilarityModel = DEFAULT_MODEL, vectors?: WordVectors): number[] {
  checkVectors(model, vectors)
  const { prepared, idf } = preparePairs(pairs, vectors)
  return prepared.map(([a, b]) => similarity(a, b, idf, model))
}

/** Sorted FNV-1a hashes of the character trigrams of `text` (a repeated trigram appears once per occurrence). */
function trigramCodes(text: string): Uint32Array {
  const codes = new Uint32Array(Math.max(0, text.length - 2))
  for (let i = 0; i < codes.length; i++) {
    let h = 0x811c9dc5
    for (let k = 0; k < 3; k++) {
      const c = text.charCodeAt(i + k)
      h = Math.imul(h ^ (c & 0xff), 0x01000193)
      h = Math.imul(h ^ (c >>> 8), 0x01000193)
    }
    codes[i] = h >>> 0
  }
  return codes.sort()
}

/** Dot product of two count vectors given as sorted codes with repeats. */
function runDot(x: Uint32Array, y: Uint32Array): number {
  let i = 0
  let j = 0
  let sum = 0
  while (i < x.length && j < y.length) {
    if (x[i]! < y[j]!) i++
    else if (x[i]! > y[j]!) j++
    else {
      const code = x[i]!
      let nx = 0
      let ny = 0
      while (i < x.length && x[i] === code) {
        nx++
        i++
      }
      while (j < y.length && y[j] === code) {
        ny++
        j++
      }
      sum += nx * ny
    }
  }
  return sum
}

/** Sorted codes of the character bigrams of `text` with white space removed (UTF-16 code units, as string-similarity reads them). */
export function bigrams(text: string): Uint32Array {
  const compact = text.replace(/\s+/g, '')
  const codes = new Uint32Array(Math.max(0, compact.length - 1))
  for (let i = 0; i < codes.length; i++) codes[i] = compact.charCodeAt(i) * 65536 + compact.charCodeAt(i + 1)
  return codes.sort()
}

/**
 * Dice coefficient over character bigrams, the value string-similarity's `compareTwoStrings` gives, computed
 * from bigrams prepared once per sentence instead of rebuilt for every pair.
 */
export function dice(a: Pick<SentenceFeatures, 'folded' | 'bigrams'>, b: Pick<SentenceFeatures, 'folded' | 'bigrams'>): number {
  const x = a.bigrams
  const y = b.bigrams
  // Texts of fewer than two characters have no bigram: string-similarity gives 1 when they are equal, else 0.
  if (x.length === 0 || y.length === 0) return a.folded.replace(/\s+/g, '') === b.folded.replace(/\s+/g, '') ? 1 : 0
  let i = 0
  let j = 0
  let shared = 0
  while (i < x.length && j < y.length) {
    if (x[i]! === y[j]!) {
      shared++
      i++
      j++
    } else if (x[i]! < y[j]!) i++
    else j++
  }
  return (2 * shared) / (x.length + y.length)
}

/** Dice coefficient of two sorted arrays of unique values. */
function sortedDice(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return x.length + y.length === 0 ? 0 : (2 * sharedCount(x, y)) / (x.length + y.length)
}

function cosineOf(a: Float32Array, b: Float32Array): number {
  let d = 0
  let na = 0
  let nb = 0
  for (let i = 0; i < a.length; i++) {
    d += a[i]! * b[i]!
    na += a[i]! * a[i]!
    nb += b[i]! * b[i]!
  }
  return na > 0 && nb > 0 ? d / Math.sqrt(na * nb) : 0
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0.5
  let shared = 0
  for (const x of a) if (b.has(x)) shared++
  return shared / (a.size + b.size - shared)
}
