// Shared language resources: the wink-nlp English model (loaded once per process), the Porter stemmer, word lists.
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
 * again by a new pipeline, whose reading depends on the text alone.
 */
export function readDoc(text: string): ReturnType<Nlp['readDoc']> {
  if (current === null || current.fill() > MAX_FILL || current.learned() > MAX_LEARNED) current = load()
  const before = current.learned()
  const doc = current.nlp.readDoc(text)
  if (current.fill() <= 1 || before === 0) return doc
  current = load()
  return current.nlp.readDoc(text)
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

/** Verbs that report speech or attribute a claim. */
export const SPEECH_VERBS = new Set(
  (
    'said says say saying told tells tell added adds asked asks wrote writes stressed stresses noted notes explained explains insisted insists ' +
    'claimed claims argued argues declared declares continued replied replies responded responds warned warns announced announces ' +
    'acknowledged acknowledges admitted admits conceded concedes urged urges suggested suggests tweeted posted stated states ' +
    'pointed recalled recalls concluded railed complained complains cautioned cautions observed remarked quipped joked emphasized ' +
    'emphasised reiterated reiterates believes believed testified confirmed confirms denied denies alleged alleges maintained ' +
    'maintains countered counters predicted vowed promised boasted charged contended objected cited'
  ).split(' '),
)

/** Titles stripped from the front of a name: "Russian President Vladimir Putin" → Vladimir Putin. */
export const TITLES = new Set(
  (
    'president vice prime minister foreign secretary sen sens senator senators rep reps representative gov governor mayor gen general ' +
    'dr mr mrs ms miss prof professor judge chief ceo chairman chairwoman chair spokesman spokeswoman spokesperson ambassador king queen ' +
    'prince princess pope former deputy attorney lt col sgt capt cmdr adm speaker leader director commissioner officer sheriff ' +
    'councilman councilwoman councillor councilor council member premier chancellor justice rev sir dame lady lord president-elect ' +
    'superintendent inspector engineer detective chairperson minority majority whip treasurer auditor comptroller coach manager ' +
    'executive founder analyst economist professor secretary-general envoy emir sheikh sultan ayatollah cardinal archbishop bishop'
  ).split(' '),
)

/** Words that make a capitalised name an organisation. */
export const ORGANISATION_WORDS = new Set(
  (
    'administration ministry department agency council committee university institute party court congress senate parliament house ' +
    'journal times post news press association union bank corporation company inc corp co ltd llc group commission office service ' +
    'services police army forces force navy kremlin pentagon academy school college centre center foundation board authority fund ' +
    'network federation organization organisation club league team airlines authority assembly cabinet bureau guard coalition ' +
    'campaign tribune herald gazette daily wire telegraph guardian reuters tass affairs faculty sciences economics studies research ' +
    'ministries commission parliament'
  ).split(' '),
)

/** Words that make a capitalised name a place. */
export const PLACE_WORDS = new Set(
  'city county street avenue road river island islands sea ocean province region peninsula valley bridge state states republic kingdom harbor harbour bay lake mountain mountains district square park port'.split(
    ' ',
  ),
)

/** Countries, regions and large cities often named in news, lower case. */
export const PLACES = new Set(
  (
    'afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain bangladesh belarus belgium bolivia bosnia brazil ' +
    'britain bulgaria cambodia cameroon canada chile china colombia congo croatia cuba cyprus czechia denmark ecuador egypt england ' +
    'estonia ethiopia europe finland france georgia germany ghana greece guatemala haiti honduras hungary iceland india indonesia iran ' +
    'iraq ireland israel italy japan jordan kazakhstan kenya korea kosovo kuwait latvia lebanon libya lithuania luxembourg malaysia mali ' +
    'mexico moldova mongolia montenegro morocco myanmar nepal netherlands nicaragua niger nigeria norway oman pakistan palestine panama ' +
    'paraguay peru philippines poland portugal qatar romania russia rwanda scotland serbia singapore slovakia slovenia somalia spain ' +
    'sudan sweden switzerland syria taiwan tajikistan tanzania thailand tunisia turkey turkmenistan uganda ukraine uruguay uzbekistan ' +
    'venezuela vietnam wales yemen zambia zimbabwe africa asia america americas antarctica arctic balkans caucasus crimea gaza ' +
    'u.s. us usa u.k. uk eu moscow washington london paris berlin beijing tokyo kyiv kiev brussels rome madrid vienna warsaw ankara tehran baghdad damascus ' +
    'jerusalem cairo delhi mumbai seoul pyongyang aleppo geneva davos minsk riga tallinn vilnius prague budapest athens lisbon dublin ' +
    'ottawa toronto sydney manila jakarta bangkok hanoi istanbul riyadh doha dubai kabul islamabad havana caracas bogota lima ' +
    'york chicago california texas florida ohio michigan virginia pennsylvania arizona nevada iowa alabama alaska oregon utah ' +
    'colorado georgia wisconsin minnesota missouri kentucky tennessee louisiana carolina massachusetts maryland connecticut jersey'
  ).split(' '),
)

/** Month names and their abbreviations, lower case, without the period. */
export const MONTHS = new Set(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
)

/** Weekday names, lower case. */
export const WEEKDAYS = new Set('monday tuesday wednesday thursday friday saturday sunday'.split(' '))

/** Number words and their values. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8], ['nine', 9], ['ten', 10],
  ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14], ['fifteen', 15], ['sixteen', 16], ['seventeen', 17],
  ['eighteen', 18], ['nineteen', 19], ['twenty', 20], ['thirty', 30], ['forty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70],
  ['eighty', 80], ['ninety', 90], ['hundred', 100], ['dozen', 12], ['dozens', 24], ['hundreds', 200], ['thousands', 2000],
])

/** Multipliers that scale a preceding number: "5.2 million". */
export const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['hundred', 100], ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12], ['bn', 1e9], ['m', 1e6], ['k', 1e3],
])
