// Shared language resources: the wink-nlp English model (loaded once per process) and the Porter stemmer. The word
// lists are in words.ts.
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
// Load only natural's stemmer: the package index pulls ~77 MB of modules and dotenv, which writes to stdout.
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js'

type Nlp = ReturnType<typeof winkNLP>
type Model = typeof model

/** The part of wink-nlp's lexeme cache that the wrapper narrows: its lookups and the learning of new words. */
interface LexemeCache {
  lookup(text: string): number[] | null
  add(text: string, category: number): number
}
type FeatureFn = (word: string, category: number, cache: LexemeCache) => unknown
/** A feature of the model core: values by index, and the index of each value. */
interface CoreFeature {
  hash: Record<string, number>
  list: unknown[]
}
interface Core {
  features: Record<string, CoreFeature> & { lexeme: CoreFeature }
  packing: { efList: string[]; layout: Record<string, number[]> }
}

/** What the order-independence wrapper tells of a pipeline's learned state (see `orderIndependent`). */
export interface LearnedState {
  /** How full the fullest packed feature is, 0 to 1; above 1 an index has overflowed into its neighbour's bits. */
  fill(): number
  /** Entries learned since loading. */
  learned(): number
}

/**
 * wink-nlp learns every word it meets, and reads a word it has learned differently from a new one, so without care
 * tokens depend on which articles the process read before, and a story comes out differently alone, after others or
 * on another worker thread:
 * - its tokenizer treats a learned word as whole: "Obama’s" is split into "Obama" + "’s" the first time and kept
 *   whole after that;
 * - the features of a learned word (its token type, part of speech, shape) are computed once, for the context it was
 *   first met in: after "his blood-alcohol level was.41." (where "41" is a word) every later "41" was a word too,
 *   not a number, and numbers and number conflicts changed;
 * - the feature values (shapes, prefixes) are packed as indices in a few bits, so after enough distinct values
 *   (each Cyrillic or Arabic word is a shape of its own) an index overflows into the neighbouring feature.
 * This wraps the model so that the tokenizer's lookups see only the model's own lexicon and the words its patterns
 * learned while loading, and so that a learned word's features are those of its text and token type alone (one
 * entry per text and type); `fill` says how close a packed feature is to overflowing, so that the pipeline can be
 * loaded afresh before it does.
 * Every article is then read as if it were the first. The cache is reached through the feature functions, which
 * wink-nlp calls with it whenever it learns a word (so the first word learned after loading is learned unwrapped, as
 * if new, which it is).
 */
export function orderIndependent(base: Model): { model: Model; freeze(): void } & LearnedState {
  let frozenAt = Infinity
  let inFeature = 0
  let patched: LexemeCache | null = null
  let core: Core | null = null
  // The entry of each learned word by token type and text: its features depend on nothing else.
  const learned = new Map<string, number>()
  const wrapped = Object.assign(Object.create(null) as Model, base)
  const loadCore = base.core as unknown as () => Core
  ;(wrapped as unknown as { core: typeof loadCore }).core = () => {
    core = loadCore()
    return core
  }
  const patch = (cache: LexemeCache) => {
    patched = cache
    const lookup = cache.lookup
    cache.lookup = (text) => {
      const found = lookup(text)
      // Feature functions may look up the word being learned; only the tokenizer's lookups are narrowed.
      return inFeature === 0 && found !== null && found.length === 1 && (found[0] ?? 0) >= frozenAt ? null : found
    }
    const add = cache.add
    cache.add = (text, category) => {
      const hash = core!.features.lexeme.hash
      const at = Object.hasOwn(hash, text) ? hash[text]! : undefined
      // The model's own words (and those its patterns learned while loading) keep the features the model gives them.
      if (inFeature > 0 || frozenAt === Infinity || (at !== undefined && at < frozenAt)) return add(text, category)
      const key = `${category}\u0000${text}`
      const known = learned.get(key)
      if (known !== undefined) return known
      // Learned before, maybe as another token type: forget the old entries (of the text and of its lower case) so
      // that wink-nlp learns them afresh, with the features of this type.
      if (at !== undefined) delete hash[text]
      const lower = text.toLowerCase()
      if (lower !== text && Object.hasOwn(hash, lower) && hash[lower]! >= frozenAt) delete hash[lower]
      const index = add(text, category)
      learned.set(key, index)
      return index
    }
  }
  // wink-eng-lite-web-model's `metaCER()` stores `JSON.stringify` of what it held back into itself, so each load
  // escapes the previous one's string again: the string grows several times over per load, and about the
  // twentieth pipeline of a process fails with "Invalid string length". Every load gets the first one's value.
  ;(wrapped as unknown as { metaCER: () => unknown }).metaCER = () => (metaCER ??= (base.metaCER as unknown as () => unknown)())
  const featureFn = base.featureFn as unknown as (config: unknown) => Record<string, FeatureFn>
  ;(wrapped as unknown as { featureFn: typeof featureFn }).featureFn = (config) => {
    const features = featureFn(config)
    const out: Record<string, FeatureFn> = Object.create(null)
    for (const [name, feature] of Object.entries(features)) {
      out[name] = (word, category, cache) => {
        if (patched === null && cache) patch(cache)
        inFeature += 1
        try {
          return feature(word, category, cache)
        } finally {
          inFeature -= 1
        }
      }
    }
    return out
  }
  return {
    model: wrapped,
    freeze() {
      if (core === null) throw new Error('wink-nlp did not load the model core')
      frozenAt = core.features.lexeme.list.length
    },
    fill() {
      if (core === null) return 0
      const { efList, layout } = core.packing
      let most = 0
      for (const name of efList) {
        const cfg = layout[name]!
        const list = core.features[name]?.list
        // Features packed as an index into their list of values; the others hold the value itself.
        if (cfg[3] !== 0 || !list) continue
        most = Math.max(most, list.length / ((cfg[1]! >>> cfg[2]!) + 1))
      }
      return most
    },
    learned() {
      return core === null || frozenAt === Infinity ? 0 : core.features.lexeme.list.length - frozenAt
    },
  }
}

// What the model's `metaCER()` gave the first time (see `orderIndependent`).
let metaCER: unknown

// Loaded afresh past these: a packed feature three quarters full, or this many learned entries (memory).
const MAX_FILL = 0.75
const MAX_LEARNED = 500_000

interface Pipeline extends LearnedState {
  readonly nlp: Nlp
}
let current: Pipeline | null = null

function load(): Pipeline {
  const independent = orderIndependent(model)
  const nlp = winkNLP(independent.model, ['sbd', 'pos'])
  independent.freeze()
  return { nlp, fill: independent.fill, learned: independent.learned }
}

/** The wink-nlp pipeline (sentence splitting, tokens, part-of-speech tags), loaded on first use; for `its`. */
export function getNlp(): Nlp {
  current ??= load()
  return current.nlp
}

/**
 * Read `text` with the wink-nlp pipeline as if it were the first text the process reads (see `orderIndependent`).
 * A pipeline whose packed features are filling up is loaded afresh first, and a text that overflowed one is read
 * again by a new pipeline, whose reading depends on the text alone. A run of characters longer than `LONG_RUN` without
 * white space is read in pieces (`withoutLongRuns`).
 */
export function readDoc(text: string): ReturnType<Nlp['readDoc']> {
  const readable = withoutLongRuns(text)
  if (current === null || current.fill() > MAX_FILL || current.learned() > MAX_LEARNED) current = load()
  const before = current.learned()
  const doc = current.nlp.readDoc(readable)
  if (current.fill() <= 1 || before === 0) return doc
  current = load()
  return current.nlp.readDoc(readable)
}

/** The longest run of characters without white space that wink-nlp is given whole (see `withoutLongRuns`). */
export const LONG_RUN = 256
const LONG_RUN_PATTERN = new RegExp(`\\S{${LONG_RUN + 1}}`)
const SPACE = /\s/

/**
 * `text` with a character after every `LONG_RUN` of a run without white space read as a space. wink-nlp's tokenizer
 * splits a run by matching its patterns again and again on what is left of it, a time that grows with the square of
 * the run: 40,000 characters of "/" took 11 s, and 80,000 four times as long. A run that long is no word of running
 * text (a long web address is a few hundred characters); cut into pieces, it costs time in proportion to its length,
 * and the text keeps its length, so every token keeps its offsets. The character read as a space is not a token; it
 * is never the second half of a surrogate pair.
 */
export function withoutLongRuns(text: string): string {
  if (!LONG_RUN_PATTERN.test(text)) return text
  const out: string[] = []
  let from = 0
  let run = 0
  for (let i = 0; i < text.length; i++) {
    if (SPACE.test(text[i]!)) run = 0
    else if (++run > LONG_RUN && !isLowSurrogate(text.charCodeAt(i))) {
      out.push(text.slice(from, i), ' ')
      from = i + 1
      run = 0
    }
  }
  return out.join('') + text.slice(from)
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

const stemCache = new Map<string, string>()

/** Porter stem of a lower-cased word, cached. */
export function stem(word: string): string {
  let result = stemCache.get(word)
  if (result === undefined) {
    result = /^[a-z]/.test(word) ? (PorterStemmer as { stem(w: string): string }).stem(word) : word
    if (stemCache.size > 200_000) stemCache.clear()
    stemCache.set(word, result)
  }
  return result
}
