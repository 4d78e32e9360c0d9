// Shared language resources: the wink-nlp English model (loaded once per process), the Porter stemmer, word lists.
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
// Load only natural's stemmer: the package index pulls ~77 MB of modules and dotenv, which writes to stdout.
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js'

type Nlp = ReturnType<typeof winkNLP>
type Model = typeof model
let nlp: Nlp | null = null

/** The part of wink-nlp's lexeme cache that decides whether a word is already known. */
interface LexemeCache {
  lookup(text: string): number[] | null
}
type FeatureFn = (word: string, category: number, cache: LexemeCache) => unknown

/**
 * wink-nlp learns every word it meets, and its tokenizer treats a learned word as whole: "Obama’s" is split into
 * "Obama" + "’s" the first time and kept whole after that. Tokens would then depend on which articles the process
 * read before, so a story could come out differently alone, after others, or on another worker thread. This wraps
 * the model so that the tokenizer's lookups see only the model's own lexicon and the words its patterns learned
 * while loading: every article is tokenized as if it were the first. The cache is reached through the feature
 * functions, which wink-nlp calls with it whenever it learns a word.
 */
export function orderIndependent(base: Model): { model: Model; freeze(): void } {
  let frozenAt = Infinity
  let inFeature = 0
  let patched: LexemeCache | null = null
  let lexemes: { list: unknown[] } | null = null
  const wrapped = Object.assign(Object.create(null) as Model, base)
  const core = base.core as unknown as () => { features: { lexeme: { list: unknown[] } } }
  ;(wrapped as unknown as { core: typeof core }).core = () => {
    const loaded = core()
    lexemes = loaded.features.lexeme
    return loaded
  }
  const featureFn = base.featureFn as unknown as (config: unknown) => Record<string, FeatureFn>
  ;(wrapped as unknown as { featureFn: typeof featureFn }).featureFn = (config) => {
    const features = featureFn(config)
    const out: Record<string, FeatureFn> = Object.create(null)
    for (const [name, feature] of Object.entries(features)) {
      out[name] = (word, category, cache) => {
        if (patched === null && cache) {
          patched = cache
          const inner = cache.lookup
          cache.lookup = (text) => {
            const found = inner(text)
            // Feature functions may look up the word being learned; only the tokenizer's lookups are narrowed.
            return inFeature === 0 && found !== null && found.length === 1 && (found[0] ?? 0) >= frozenAt ? null : found
          }
        }
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
      if (lexemes === null) throw new Error('wink-nlp did not load the model core')
      frozenAt = lexemes.list.length
    },
  }
}

/** The wink-nlp pipeline for sentence splitting, tokens and part-of-speech tags, created on first use. */
export function getNlp(): Nlp {
  if (nlp === null) {
    const independent = orderIndependent(model)
    nlp = winkNLP(independent.model, ['sbd', 'pos'])
    independent.freeze()
  }
  return nlp
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
