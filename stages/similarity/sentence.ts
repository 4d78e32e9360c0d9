// What the scorer needs of a sentence, computed once for every pair it takes part in: stems and their ids, n-gram
// keys, character bigrams and trigrams, mean word vectors, word classes, WordNet entries, quotations.
import type { Sentence, Token } from '../../core/types.js'
import { NEGATIONS, undotted } from '../../lang/en/words.js'
import type { WordVectors } from '../../resources/vectors.js'
import type { WordNet, WordNetPos } from '../../resources/wordnet.js'
import { indexOfId } from './sorted.js'
import { fittedNumbers, tokensWithin } from '../segment/index.js'

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
    numbers: new Set(fittedNumbers(sentence.numbers, sentence.tokens).map((n) => String(n.value))),
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

/** Word classes with their own alignment features (content tokens' part of speech; numbers by kind): class k + 1 is WORD_CLASSES[k]. */
export const WORD_CLASSES = ['NOUN', 'VERB', 'PROPN', 'NUM', 'ADJ'] as const
/** The class of the common nouns in `SentenceFeatures.classes`. */
export const NOUN_CLASS = 1
/** The class of the verbs. */
export const VERB_CLASS = 2

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

/**
 * Quotations of a sentence compared by `sameQuote`, at most: two sentences are compared quotation by quotation, a
 * time that grows with the product of their counts (3,000 each took 0.7 s a pair). No BASIL sentence has more than two.
 */
export const QUOTES_COMPARED = 32

/**
 * Content stems inside each direct quotation of the sentence, for the first `QUOTES_COMPARED` quotations of four
 * content words or more.
 */
function quoteStems(sentence: Sentence): Set<string>[] {
  const quotes: Set<string>[] = []
  for (const q of sentence.quotes) {
    if (quotes.length === QUOTES_COMPARED) break
    const stems = new Set<string>()
    for (const t of tokensWithin(sentence.tokens, q.begin, q.end)) if (isContent(t)) stems.add(t.stem)
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
  // "I.R.S." and "IRS" are one name.
  for (const entity of sentence.entities) for (const part of entity.name.toLowerCase().split(/\s+/)) tokens.add(undotted(part))
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

/** Sorted codes of the character bigrams of `text` with white space removed (UTF-16 code units, as string-similarity reads them). */
export function bigrams(text: string): Uint32Array {
  const compact = text.replace(/\s+/g, '')
  const codes = new Uint32Array(Math.max(0, compact.length - 1))
  for (let i = 0; i < codes.length; i++) codes[i] = compact.charCodeAt(i) * 65536 + compact.charCodeAt(i + 1)
  return codes.sort()
}
