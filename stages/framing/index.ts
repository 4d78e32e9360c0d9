// framing: how each outlet tells the story: tone, certainty, report verbs, sourcing, emphasis, frames, the words
// it favours, and how it words each statement it shares with others.
import { numbersWritten, unitsOf } from '../segment/index.js'
import { DEFAULT_LEXICONS } from '../../lang/en/lexicons/index.js'
import { CorroborateError, quoteValue } from '../../core/messages.js'
import { stem } from '../../lang/en/nlp.js'
import { attributionDiffers } from '../../lang/en/sources.js'
import { ANONYMOUS, ANONYMOUS_SOURCING, isName, MILD_INTENSIFIERS, TITLES } from '../../lang/en/words.js'
import type { DistinctiveTerm, Document, EntityTone, Framing, FramingRow, HeadlineFraming, Lexicons, ScoredStatement, Sentence, Wording } from '../../core/types.js'
import { round } from '../../core/numbers.js'
import { statementOfUnits } from '../../core/statements.js'

/** Names of the lexicons, as the config's `lexicons` keys. */
export const LEXICON_NAMES = ['hedges', 'weasels', 'modals', 'intensifiers', 'loaded', 'reportVerbs', 'officials', 'frames', 'sentiment'] as const

/** Validate a replacement lexicon from the config; throws a TypeError with a code naming what is wrong. */
export function checkLexicon(name: string, value: unknown, source: string): unknown {
  const fail = (expected: string): never => {
    throw new CorroborateError('ERR_INVALID_CONFIG', `Expected \`lexicons.${name}\` in ${quoteValue(source)} to be ${expected}, got ${quoteValue(Array.isArray(value) ? 'array' : typeof value)}`)
  }
  const isList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string')
  if (!(LEXICON_NAMES as readonly string[]).includes(name)) throw new CorroborateError('ERR_INVALID_CONFIG', `Unexpected lexicon ${quoteValue(name)} in ${quoteValue(source)}; expected one of ${LEXICON_NAMES.join(', ')}`)
  if (name === 'reportVerbs') {
    const v = value as { neutral?: unknown; loaded?: unknown } | null
    if (typeof v !== 'object' || v === null || !isList(v.neutral) || !isList(v.loaded)) return fail('`{neutral: [words], loaded: [words]}`')
  } else if (name === 'frames') {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every(isList)) return fail('an object of frame names to word lists')
  } else if (name === 'sentiment') {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every((x) => typeof x === 'number')) return fail('an object of words to numbers')
  } else if (!isList(value)) return fail('a list of words')
  return value
}

export interface FramingOptions {
  readonly lexicons?: Lexicons
  /** Distinctive terms listed per outlet (default: `10`). */
  readonly terms?: number
  /** Main entities whose tone is measured (default: `5`). */
  readonly entities?: number
}

interface Matcher {
  /** Matches of the lexicon in the sentence, as their words. */
  find(sentence: Sentence): string[]
}

// Multi-word entries match word sequences; entries are matched on lower-case words.
function matcher(entries: readonly string[]): Matcher {
  const byFirst = new Map<string, string[][]>()
  for (const entry of entries) {
    const words = entry.toLowerCase().split(/\s+/).filter((w) => w !== '')
    if (words.length === 0) continue
    const list = byFirst.get(words[0]!) ?? []
    list.push(words)
    byFirst.set(words[0]!, list)
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length)
  return {
    find(sentence) {
      const words = sentence.tokens.filter((t) => t.kind === 'word' || t.kind === 'number').map((t) => t.normal.toLowerCase())
      const found: string[] = []
      for (let i = 0; i < words.length; i++) {
        for (const candidate of byFirst.get(words[i]!) ?? []) {
          if (candidate.every((w, k) => words[i + k] === w)) {
            found.push(candidate.join(' '))
            i += candidate.length - 1
            break
          }
        }
      }
      return found
    },
  }
}

const TERM = /^\p{L}[\p{L}'’-]{2,}$/u

/** What the measures of one story share: each sentence's counts, its statement, the report-verb lists. */
interface FramingContext {
  readonly info: ReadonlyMap<string, SentenceInfo>
  readonly statementOf: ReadonlyMap<string, ScoredStatement>
  readonly loadedVerbs: ReadonlySet<string>
  readonly frameNames: readonly string[]
}

// The measures are split into small functions on purpose: V8 compiles a hot function with everything it calls
// inlined, and one large function was recompiled several times per process, a cost every worker thread pays.

/** Measure the framing of a story's outlets and articles. */
export function framing(documents: readonly Document[], statements: readonly ScoredStatement[], options: FramingOptions = {}): Framing {
  const lex = options.lexicons ?? DEFAULT_LEXICONS
  const statementOf = statementOfUnits(statements)
  const loadedVerbs = new Set(lex.reportVerbs.loaded.map((w) => w.toLowerCase()))
  const info = sentenceInfos(documents, lex, loadedVerbs)
  const frameNames = Object.keys(lex.frames).includes('other') ? Object.keys(lex.frames) : [...Object.keys(lex.frames), 'other']
  const context: FramingContext = { info, statementOf, loadedVerbs, frameNames }
  const outletNames = [...new Set(documents.map((d) => d.article.outlet))].sort()
  const outlets = outletNames.map((o) => measure(context, o, documents.filter((d) => d.article.outlet === o), null))
  const articles = documents.map((d) => measure(context, d.article.outlet, [d], d.article.id))
  const entityTone = entityTones(documents, outletNames, info, options.entities ?? 5)
  const termCounts = outletTermCounts(documents)
  const terms = distinctiveTerms(termCounts, options.terms ?? 10)
  const wording = wordings(documents, statements, info, loadedVerbs)
  const headlines = documents.flatMap((d): HeadlineFraming[] => {
    if (!d.headline) return []
    const own = info.get(d.headline.id)!
    return [{ article: d.article.id, outlet: d.article.outlet, unit: d.headline.id, text: d.headline.text, tonePer100w: round(own.tone), loaded: [...own.loaded, ...own.intensifiers] }]
  })
  return { outlets, articles, entityTone, terms, wording, headlines, termCounts }
}

/** Each sentence's counts, once. */
function sentenceInfos(documents: readonly Document[], lex: Lexicons, loadedVerbs: ReadonlySet<string>): Map<string, SentenceInfo> {
  const m = {
    hedges: matcher(lex.hedges),
    weasels: matcher(lex.weasels),
    modals: matcher(lex.modals),
    intensifiers: matcher(lex.intensifiers),
    loaded: matcher(lex.loaded),
  }
  const neutralVerbs = new Set(lex.reportVerbs.neutral.map((w) => w.toLowerCase()))
  const officialWords = new Set(lex.officials.map((w) => w.toLowerCase()))
  // A Map, not the lexicon's object: looking up "constructor" or "toString" there found Object's methods, and a
  // sentence with such a word got no tone.
  const sentiment = new Map(Object.entries(lex.sentiment))
  const frameStems = Object.entries(lex.frames).map(([name, words]) => [name, new Set(words.map((w) => stem(w.toLowerCase())))] as const)
  const info = new Map<string, SentenceInfo>()
  for (const d of documents)
    for (const s of unitsOf(d)) {
      const words = s.tokens.filter((t) => t.kind === 'word' || t.kind === 'number')
      let valence = 0
      for (const t of words) valence += sentiment.get(t.normal.toLowerCase()) ?? 0
      const stems = new Set(words.map((t) => t.stem))
      const touched = frameStems.filter(([name, set]) => name !== 'other' && [...stems].some((x) => set.has(x))).map(([name]) => name)
      info.set(s.id, {
        words: words.length,
        tone: words.length > 0 ? (100 * valence) / words.length : 0,
        valence,
        hedges: m.hedges.find(s),
        weasels: m.weasels.find(s),
        modals: m.modals.find(s),
        intensifiers: m.intensifiers.find(s),
        loaded: m.loaded.find(s),
        reportVerbs: reportVerbsOf(s, neutralVerbs, loadedVerbs),
        anonymous: (s.attribution !== null && ANONYMOUS.test(s.attribution)) || ANONYMOUS_SOURCING.test(s.text),
        official: isOfficial(s, officialWords),
        frames: touched.length > 0 ? touched : ['other'],
      })
    }
  return info
}

/** The report verbs of a sentence, "according to" included. */
function reportVerbsOf(s: Sentence, neutralVerbs: ReadonlySet<string>, loadedVerbs: ReadonlySet<string>): string[] {
  const verbs = s.tokens.filter((t, k) => (t.pos === 'VERB' || t.pos === 'AUX') && (neutralVerbs.has(t.normal) || loadedVerbs.has(t.normal)) && !(t.normal === 'according' && s.tokens[k + 1]?.normal !== 'to'))
  const according = s.tokens.some((t, k) => t.normal === 'according' && s.tokens[k + 1]?.normal === 'to')
  const list = [...verbs.map((t) => t.normal), ...(according && !verbs.some((t) => t.normal === 'according') ? ['according to'] : [])]
  return list.map((v) => v.replace(/^according$/, 'according to'))
}

/** The framing row of an outlet (its articles) or of one article. */
function measure(context: FramingContext, outlet: string, docs: readonly Document[], article: string | null): FramingRow {
  const { info, statementOf, loadedVerbs, frameNames } = context
  const sentences = docs.flatMap((d) => d.sentences)
  const rows = sentences.map((s) => info.get(s.id)!)
  const words = rows.reduce((sum, r) => sum + r.words, 0)
  const per100 = (count: number) => round(words > 0 ? (100 * count) / words : 0)
  const count = (key: 'hedges' | 'weasels' | 'modals' | 'intensifiers' | 'loaded') => rows.reduce((sum, r) => sum + r[key].length, 0)
  const verbs = rows.flatMap((r) => r.reportVerbs)
  const loadedCount = verbs.filter((v) => loadedVerbs.has(v)).length
  const verbCounts = new Map<string, number>()
  for (const v of verbs) verbCounts.set(v, (verbCounts.get(v) ?? 0) + 1)
  const quotes = sentences.flatMap((s) => s.quotes)
  const quotedWords = quotes.reduce((sum, q) => sum + q.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length, 0)
  const speakers = new Set(quotes.map((q) => q.speaker).filter((x): x is string => x !== null))
  const sources = new Set([...speakers, ...sentences.map((s) => s.attribution).filter((x): x is string => x !== null)].filter((x) => isName(x)))
  const attributed = sentences.filter((s) => s.attribution !== null)
  const corroborated = sentences.filter((s) => statementOf.has(s.id))
  const tones = rows.map((r) => r.tone)
  const meanTone = words > 0 ? (100 * rows.reduce((sum, r) => sum + r.valence, 0)) / words : 0
  const first = docs[0]?.sentences[0]
  const lead = first ? statementOf.get(first.id) ?? null : null
  const positions = docs.flatMap((d) => d.sentences.filter((s) => statementOf.has(s.id)).map((s) => (d.sentences.length > 1 ? s.index / (d.sentences.length - 1) : 0)))
  return {
    outlet,
    article,
    articles: docs.length,
    words,
    sentences: sentences.length,
    corroboratedSentences: corroborated.length,
    coverage: round(sentences.length > 0 ? corroborated.length / sentences.length : 0),
    exclusiveSentences: sentences.length - corroborated.length,
    tonePer100w: round(meanTone),
    toneSd: round(sd(tones)),
    hedgesPer100w: per100(count('hedges')),
    weaselsPer100w: per100(count('weasels')),
    modalsPer100w: per100(count('modals')),
    intensifiersPer100w: per100(count('intensifiers')),
    loadedPer100w: per100(count('loaded')),
    neutralVerbsPer100w: per100(verbs.length - loadedCount),
    loadedVerbsPer100w: per100(loadedCount),
    loadedVerbShare: round(verbs.length > 0 ? loadedCount / verbs.length : 0),
    reportVerbs: [...verbCounts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 5)
      .map(([v, c]) => `${v}:${c}`)
      .join('; '),
    quotes: new Set(quotes.map((q) => `${q.speaker ?? ''}\u0000${q.begin}`)).size,
    quotesPer100w: per100(quotes.length),
    quotedWordShare: round(words > 0 ? Math.min(1, quotedWords / words) : 0),
    distinctSpeakers: speakers.size,
    namedSources: sources.size,
    anonymousPer100w: per100(rows.filter((r) => r.anonymous).length),
    officialShare: round(attributed.length > 0 ? attributed.filter((s) => info.get(s.id)!.official).length / attributed.length : 0),
    entitiesPer100w: per100(sentences.reduce((sum, s) => sum + s.entities.length, 0)),
    numbersPer100w: per100(sentences.reduce((sum, s) => sum + numbersWritten(s.numbers), 0)),
    leadStatement: lead ? lead.id : null,
    leadSupport: lead ? lead.support : 0,
    sharedPosition: round(positions.length > 0 ? positions.reduce((a, b) => a + b, 0) / positions.length : 0),
    frames: Object.fromEntries(frameNames.map((f) => [f, round(rows.length > 0 ? rows.filter((r) => r.frames.includes(f)).length / rows.length : 0)])),
  }
}

/** Tone toward the story's main entities (those named in the most sentences), per outlet. */
function entityTones(documents: readonly Document[], outletNames: readonly string[], info: ReadonlyMap<string, SentenceInfo>, top: number): EntityTone[] {
  const fullName = storyFullNames(documents)
  const mentions = new Map<string, Set<string>>()
  for (const d of documents)
    for (const s of d.sentences)
      for (const e of s.entities) {
        if (e.type === 'other') continue
        const name = fullName.get(e.name) ?? e.name
        const set = mentions.get(name) ?? new Set<string>()
        set.add(s.id)
        mentions.set(name, set)
      }
  const main = [...mentions].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1)).slice(0, top)
  const entityTone: EntityTone[] = []
  for (const outlet of outletNames)
    for (const [entity, ids] of main) {
      const rows = documents.filter((d) => d.article.outlet === outlet).flatMap((d) => d.sentences.filter((s) => ids.has(s.id)).map((s) => info.get(s.id)!))
      const words = rows.reduce((sum, r) => sum + r.words, 0)
      entityTone.push({ outlet, entity, sentences: rows.length, tonePer100w: round(words > 0 ? (100 * rows.reduce((sum, r) => sum + r.valence, 0)) / words : 0) })
    }
  return entityTone
}

/**
 * A surname's full name across the story's articles: an article resolves "Putin" to its own "Vladimir Putin", but one
 * that writes "Mr Osei" alone names the same person as another article's "Daniel Osei". A one-word person's name maps
 * to the one full name of the story's persons that ends with it; none when two do ("Cheney": Liz and Mary Cheney).
 */
function storyFullNames(documents: readonly Document[]): Map<string, string> {
  const bySurname = new Map<string, Set<string>>()
  for (const d of documents)
    for (const s of d.sentences)
      for (const e of s.entities) {
        const words = e.name.split(' ')
        if (e.type !== 'person' || words.length < 2) continue
        const set = bySurname.get(words.at(-1)!) ?? new Set<string>()
        set.add(e.name)
        bySurname.set(words.at(-1)!, set)
      }
  const full = new Map<string, string>()
  for (const [surname, names] of bySurname) if (names.size === 1) full.set(surname, [...names][0]!)
  return full
}

/** Counts of each outlet's terms, for its distinctive terms against the other outlets. */
function outletTermCounts(documents: readonly Document[]): Map<string, Map<string, number>> {
  const termCounts = new Map<string, Map<string, number>>()
  for (const d of documents) {
    const counts = termCounts.get(d.article.outlet) ?? new Map<string, number>()
    for (const s of d.sentences)
      for (const t of s.tokens)
        if (t.kind === 'word' && !t.stop && TERM.test(t.text)) {
          const term = t.normal.toLowerCase()
          counts.set(term, (counts.get(term) ?? 0) + 1)
        }
    termCounts.set(d.article.outlet, counts)
  }
  return termCounts
}

/** How each outlet worded each shared statement, against the other outlets' wording. */
function wordings(documents: readonly Document[], statements: readonly ScoredStatement[], info: ReadonlyMap<string, SentenceInfo>, loadedVerbs: ReadonlySet<string>): Wording[] {
  const sentenceById = new Map<string, Sentence>()
  for (const d of documents) for (const x of unitsOf(d)) sentenceById.set(x.id, x)
  const wording: Wording[] = []
  for (const s of statements) {
    if (s.support < 2) continue
    // Headlines are kept out of the wording measures, which count body sentences.
    const members = s.members.filter((mem) => sentenceById.get(mem.sentence)!.unit === 'sentence').map((mem) => ({ mem, sentence: sentenceById.get(mem.sentence)!, info: info.get(mem.sentence)! }))
    for (const { mem, sentence, info: own } of members) {
      const others = members.filter((x) => x.mem.outlet !== mem.outlet)
      if (others.length === 0) continue
      const othersHedged = others.filter((x) => x.info.hedges.length > 0).length
      const hedgeChange = own.hedges.length > 0 && othersHedged * 2 < others.length ? 'added' : own.hedges.length === 0 && othersHedged * 2 > others.length ? 'dropped' : null
      const otherSources = others.map((x) => x.sentence.attribution).filter((x): x is string => x !== null)
      const attributionChange =
        sentence.attribution === null ? (otherSources.length * 2 > others.length ? 'dropped' : null) : otherSources.length > 0 && otherSources.every((o) => attributionDiffers(sentence.attribution!, o)) ? 'changed' : null
      const verb = own.reportVerbs[0] ?? null
      wording.push({
        statement: s.id,
        outlet: mem.outlet,
        article: mem.article,
        sentence: mem.sentence,
        reportVerb: verb,
        verbKind: verb === null ? null : loadedVerbs.has(verb) ? 'loaded' : 'neutral',
        hedges: own.hedges,
        hedgeChange,
        loaded: [...own.intensifiers.filter((w) => !MILD_INTENSIFIERS.has(w)), ...own.loaded],
        attribution: sentence.attribution,
        attributionChange,
        tonePer100w: round(own.tone),
        toneDifference: round(own.tone - others.reduce((sum, x) => sum + x.info.tone, 0) / others.length),
      })
    }
  }
  return wording
}

interface SentenceInfo {
  readonly words: number
  readonly tone: number
  readonly valence: number
  readonly hedges: string[]
  readonly weasels: string[]
  readonly modals: string[]
  readonly intensifiers: string[]
  readonly loaded: string[]
  readonly reportVerbs: string[]
  readonly anonymous: boolean
  readonly official: boolean
  readonly frames: string[]
}

// An official voice: the source names an office or institution ("the mayor's office", "the Kremlin", "police"),
// or a person the sentence gives a title ("Mayor Diane Whitlock", "City Engineer Dr. Samuel Ortega").
function isOfficial(sentence: Sentence, officialWords: ReadonlySet<string>): boolean {
  const source = sentence.attribution
  if (source === null) return false
  const words = source.toLowerCase().replace(/['’]s\b/g, '').split(/[^\p{L}]+/u)
  if (words.some((w) => officialWords.has(w))) return true
  const entity = sentence.entities.find((e) => e.name === source)
  if (!entity) return false
  if (entity.type === 'organisation') return true
  const before = sentence.tokens.filter((t) => t.end <= entity.begin).slice(-3)
  return before.some((t) => TITLES.has(t.normal.replace(/\.$/, '')) || officialWords.has(t.normal))
}

/**
 * Terms each outlet uses markedly more than the others: the log-odds ratio with an informative Dirichlet prior
 * (Monroe, Colaresi & Quinn 2008, "Fightin' Words"), the prior from all outlets' pooled counts, and its z-score. The
 * `top` terms with the highest z are listed per outlet (used twice or more, z above 0; z ≥ 1.96 is significant at 5%).
 */
export function distinctiveTerms(counts: ReadonlyMap<string, ReadonlyMap<string, number>>, top: number): DistinctiveTerm[] {
  const total = new Map<string, number>()
  for (const c of counts.values()) for (const [t, n] of c) total.set(t, (total.get(t) ?? 0) + n)
  const grand = [...total.values()].reduce((a, b) => a + b, 0)
  // The prior is the pooled counts of all outlets (α_w = their count of w), as strong as the data itself.
  const priorSize = grand
  const result: DistinctiveTerm[] = []
  for (const outlet of [...counts.keys()].sort()) {
    const own = counts.get(outlet)!
    const n1 = [...own.values()].reduce((a, b) => a + b, 0)
    const n2 = grand - n1
    if (n1 === 0 || n2 === 0) continue
    const scored: DistinctiveTerm[] = []
    for (const [term, y1] of own) {
      const y2 = total.get(term)! - y1
      const alpha = (priorSize * total.get(term)!) / grand
      const delta = Math.log((y1 + alpha) / (n1 + priorSize - y1 - alpha)) - Math.log((y2 + alpha) / (n2 + priorSize - y2 - alpha))
      const z = delta / Math.sqrt(1 / (y1 + alpha) + 1 / (y2 + alpha))
      if (z > 0 && y1 >= 2) scored.push({ outlet, term, count: y1, others: y2, logOdds: round(delta), z: round(z) })
    }
    scored.sort((a, b) => b.z - a.z || (a.term < b.term ? -1 : 1))
    result.push(...scored.slice(0, top))
  }
  return result
}

function sd(values: readonly number[]): number {
  if (values.length < 2) return 0
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1))
}

