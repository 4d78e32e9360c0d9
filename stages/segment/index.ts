// segment: split cleaned articles into sentences with tokens, stems, entities, numbers and quotes.
import type { MessageLog } from '../../core/messages.js'
import { getNlp, readDoc, stem } from '../../lang/en/nlp.js'
import {
  CLAUSE_OPENERS,
  COMPASS_WORDS,
  LEADING_ARTICLE,
  MONTHS,
  MULTIPLIERS,
  NAME_CONNECTORS,
  NO_SOURCE_SUBJECTS,
  NOT_NAMES,
  NUMBER_WORDS,
  ORDINAL_SUFFIX,
  ORGANISATION_WORDS,
  PERIOD_ABBREVIATIONS,
  PERSON_PRONOUNS,
  PLACE_WORDS,
  PLACES,
  PRONOUN_SOURCE,
  SPEECH_TAG,
  SPEECH_VERBS,
  TITLES,
  WEEKDAYS,
} from '../../lang/en/words.js'
import type { CleanArticle, Document, Entity, EntityType, NumberMention, Quote, RemovalReason, Sentence, Token } from '../../core/types.js'

export interface SegmentOptions {
  /** Fewest words a kept sentence may have (default: `3`). */
  readonly minWords?: number
}

const SOURCE = 'segment'

/** A sentence span before filtering: offsets into the text given to `splitSentences`. */
export interface Span {
  readonly begin: number
  readonly end: number
}

/** Split cleaned articles into sentences and tokens; offsets index the cleaned body. */
export function segment(articles: readonly CleanArticle[], log: MessageLog, options: SegmentOptions = {}): Document[] {
  const minWords = options.minWords ?? 3
  const documents: Document[] = []
  for (let article of articles) {
    const drafts: Draft[] = []
    article.paragraphs.forEach((start, p) => {
      const end = p + 1 < article.paragraphs.length ? article.paragraphs[p + 1]! - 2 : article.body.length
      for (const draft of tokenizeParagraph(article.body.slice(start, end), start, p)) drafts.push(draft)
    })
    const kept = drafts.filter((d) => d.tokens.filter(isWord).length >= minWords)
    const left = drafts.filter((d) => d.tokens.filter(isWord).length < minWords)
    if (left.length > 0) article = withLeftOut(article, left, log)
    if (kept.length === 0) {
      log.fatal(SOURCE, 'no-sentences', `Expected at least one sentence of ${minWords} or more words, got none; skipped`, { ...article.source, article: article.id })
      continue
    }
    const entities = resolveNames(kept.map((d) => findEntities(d.tokens)))
    const quotes = findQuotes(article.body, article.paragraphs, kept, entities)
    const attributions = findAttributions(kept, entities, quotes)
    const sentences: Sentence[] = kept.map((d, index) => ({
      id: `${article.id}#${index}`,
      article: article.id,
      outlet: article.outlet,
      index,
      paragraph: d.paragraph,
      text: article.body.slice(d.begin, d.end),
      begin: d.begin,
      end: d.end,
      tokens: d.tokens,
      entities: entities[index]!,
      numbers: findNumbers(d.tokens),
      quotes: quotes[index]!,
      attribution: attributions[index]!,
      unit: 'sentence',
    }))
    const words = sentences.reduce((sum, s) => sum + s.tokens.filter(isWord).length, 0)
    documents.push({ article, headline: headlineUnit(article, sentences), sentences, words })
  }
  return documents
}

// Scripts named in the message about sentences left out for their script.
const SCRIPTS = ['Arabic', 'Hebrew', 'Cyrillic', 'Greek', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Devanagari', 'Bengali', 'Thai', 'Armenian', 'Georgian', 'Ethiopic', 'Tamil'] as const
const SCRIPT_TESTS = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const)

/**
 * The article with the sentences `segment` leaves out added to its `removed` list (offsets into its text), so that
 * no text goes missing unseen: an Arabic or Hebrew paragraph in an English article (`other-script`, with an info
 * message naming the script), a sentence of fewer than `minWords` words (`short-sentence`: "Ok.", a lone "12"), a
 * line of emoji or symbols (`no-words`).
 */
function withLeftOut(article: CleanArticle, left: readonly Draft[], log: MessageLog): CleanArticle {
  const added = left.map((d) => {
    const p = d.paragraph
    const begin = article.paragraphOffsets[p]! + (d.begin - article.paragraphs[p]!)
    const end = begin + (d.end - d.begin)
    const text = article.text.slice(begin, end)
    // Letters the tokenizer made no words of: another script than the Latin the English model reads.
    const foreign = [...text].some((c) => /\p{L}/u.test(c) && !/\p{Script=Latin}/u.test(c))
    const reason: RemovalReason = foreign ? 'other-script' : /[\p{L}\p{N}]/u.test(text) ? 'short-sentence' : 'no-words'
    return { text, reason, begin, end }
  })
  const foreign = added.filter((r) => r.reason === 'other-script')
  if (foreign.length > 0) {
    const scripts = SCRIPT_TESTS.filter(([, test]) => foreign.some((r) => test.test(r.text))).map(([name]) => name)
    log.info(
      SOURCE,
      'other-script',
      `Expected text in the Latin script, got ${foreign.length} sentence(s) in ${scripts.length > 0 ? scripts.join(', ') : 'another script'}; left out, listed in \`removed\``,
      { ...article.source, article: article.id, begin: foreign[0]!.begin, end: foreign[0]!.end },
    )
  }
  return { ...article, removed: [...article.removed, ...added].sort((a, b) => a.begin - b.begin) }
}

/**
 * The article's headline as a unit that aligns like a sentence (it states the story's main claim), kept out of
 * the body's sentences and word counts. Its offsets index `article.headline`; its id is `<article id>#h`. A lone
 * surname in it resolves to the full name its body uses ("Trump Plans Meeting" → Donald Trump).
 */
function headlineUnit(article: CleanArticle, sentences: readonly Sentence[]): Sentence | null {
  const text = article.headline?.trim()
  if (!text || !/[\p{L}\p{N}]/u.test(text)) return null
  const unit = sentenceFromText(text, `${article.id}#h`)
  // The body's names, by full name and by surname: "Putin" in a headline is the body's Vladimir Putin.
  const names = new Map<string, Entity>()
  for (const s of sentences)
    for (const e of s.entities) {
      if (!names.has(e.name)) names.set(e.name, e)
      const last = e.name.split(' ').at(-1)!
      if (last !== e.name && !names.has(last)) names.set(last, e)
    }
  // Title Case capitalises every word, so a run of capitals ("Putin Calls Trump") is no name by itself: keep the
  // body's names found inside it, and a run with none only when the headline is not in Title Case.
  const words = unit.tokens.filter((t) => t.kind === 'word' && /\p{L}/u.test(t.text))
  const titleCase = words.length >= 3 && words.filter((t) => /^\p{Lu}/u.test(t.text)).length >= 0.7 * words.length
  const entities: Entity[] = []
  for (const e of unit.entities) {
    const inside = unit.tokens.filter((t) => t.begin >= e.begin && t.end <= e.end && t.kind === 'word')
    const found: Entity[] = []
    for (let k = 0; k < inside.length; k++) {
      // A two-word name ("Vladimir Putin") first, else one word ("Putin", "Putin's").
      const pair = k + 1 < inside.length ? names.get(`${inside[k]!.text} ${inside[k + 1]!.text}`) : undefined
      const hit = pair ?? names.get(inside[k]!.text.replace(/['’]s$/, ''))
      if (!hit) continue
      const begin = inside[k]!.begin
      if (pair) k++
      const end = inside[k]!.end
      found.push({ text: text.slice(begin, end), name: hit.name, type: hit.type, begin, end })
    }
    if (found.length > 0) entities.push(...found)
    else if (!titleCase) entities.push(e)
  }
  return { ...unit, outlet: article.outlet, index: -1, paragraph: -1, entities, unit: 'headline' }
}

/** A document's units: its headline (when it has one) first, then its body sentences. */
export function unitsOf(document: Document): readonly Sentence[] {
  return document.headline ? [document.headline, ...document.sentences] : document.sentences
}

interface Draft {
  readonly begin: number
  readonly end: number
  readonly paragraph: number
  readonly tokens: Token[]
}

/** True for word and number tokens: what "words" counts. */
export function isWord(token: Token): boolean {
  return token.kind === 'word' || token.kind === 'number'
}

/** Sentence spans of `text` (offsets into it), the way `segment` splits a paragraph. */
export function splitSentences(text: string): Span[] {
  return tokenizeParagraph(text, 0, 0).map((d) => ({ begin: d.begin, end: d.end }))
}

const CLOSE_QUOTE = /["”’']$/

function tokenizeParagraph(text: string, offset: number, paragraph: number): Draft[] {
  const its = getNlp().its
  const doc = readDoc(text)
  const values = doc.tokens().out(its.value) as string[]
  const types = doc.tokens().out(its.type) as string[]
  const pos = doc.tokens().out(its.pos) as string[]
  const normals = doc.tokens().out(its.normal) as string[]
  const stops = doc.tokens().out(its.stopWordFlag) as unknown as boolean[]
  const spans = doc.sentences().out(its.span) as unknown as [number, number][]

  // wink-nlp makes tokens of tabs and line breaks (type `tabCRLF`): they are no words, and a sentence that started or
  // ended with one would not be trimmed ("One.\nTwo." gave the sentence "\nTwo."). It also gives some tokens an empty
  // value ("Putin..U.S." → "Putin", ".", "", ".", "U.S."): taking a character for those shifted every later token.
  // Keep both out; `kept[i]` counts the tokens kept before wink's token `i`, to map its sentence spans.
  const tokens: Token[] = []
  const kept: number[] = []
  let cursor = 0
  for (let i = 0; i < values.length; i++) {
    kept.push(tokens.length)
    const value = values[i]!
    if (types[i] === 'tabCRLF' || value === '') continue
    let at = text.indexOf(value, cursor)
    // wink-nlp reports some tokens in a normalised form; fall back to the next non-space character.
    if (at < 0) at = Math.min(text.length, cursor + (text.slice(cursor).length - text.slice(cursor).trimStart().length))
    const end = Math.min(text.length, at + Math.max(value.length, 1))
    cursor = end
    tokens.push(makeToken(text.slice(at, end), offset + at, offset + end, normals[i]!, pos[i]!, types[i]!, stops[i]!))
  }

  kept.push(tokens.length)
  const open = quoteOpenAfter(tokens)

  // Merge wink's sentences where it split after an abbreviation or after a quote that a speech tag continues.
  const merged: [number, number][] = []
  for (const [a, b] of spans) {
    const span: [number, number] = [kept[a]!, kept[b + 1]! - 1]
    if (span[0] > span[1]) continue // only tabs and line breaks
    const previous = merged[merged.length - 1]
    if (previous && (shouldMerge(tokens, previous, span) || continuesQuote(tokens, open, previous, span))) previous[1] = span[1]
    else merged.push(span)
  }
  return merged
    .filter(([a, b]) => a <= b && b < tokens.length)
    .map(([a, b]) => ({ begin: tokens[a]!.begin, end: tokens[b]!.end, paragraph, tokens: tokens.slice(a, b + 1) }))
}

function shouldMerge(tokens: readonly Token[], previous: readonly [number, number], next: readonly [number, number]): boolean {
  const last = tokens[previous[1]]!
  const beforeLast = tokens[previous[1] - 1]
  const first = tokens[next[0]]
  if (!first) return false
  // "Sens. John McCain": a title or month abbreviation before the period.
  if (last.text === '.' && beforeLast && beforeLast.end === last.begin && PERIOD_ABBREVIATIONS.has(beforeLast.normal) && /^[\p{Lu}\d]/u.test(first.text)) return true
  // `things?" Trump told the newspaper.` / `…,” the mayor asked.`: a speech tag after a closing quote.
  if (CLOSE_QUOTE.test(last.text) && beforeLast) {
    if (/^\p{Ll}/u.test(first.text)) return true
    // After `."` a capitalised word starts a new sentence; after `?"`, `!"` or `,"` a speech tag continues it.
    if (!/^[?!,]$/.test(beforeLast.text)) return false
    const head = tokens.slice(next[0], Math.min(next[1] + 1, next[0] + 6))
    const verb = head.findIndex((t) => SPEECH_VERBS.has(t.normal) && t.pos === 'VERB')
    if (verb >= 1 && verb <= 4 && next[1] - next[0] <= 14) return true
  }
  return false
}

/** For each token, whether a double quotation is open after it (straight quotes toggle; curly ones open and close). */
function quoteOpenAfter(tokens: readonly Token[]): boolean[] {
  let open = false
  return tokens.map((t) => {
    if (t.text === '“' || t.text === '«' || t.text === '„') open = true
    else if (t.text === '”' || t.text === '»') open = false
    else if (t.text === '"') open = !open
    return open
  })
}

/**
 * `“If Putin likes Donald Trump, guess what, folks? That’s called an asset, not a liability,” Trump said.`:
 * a quotation of several sentences that ends in `,”` and a speech tag is one attributed statement, so the
 * sentences inside it stay together with their tag.
 */
function continuesQuote(tokens: readonly Token[], open: readonly boolean[], previous: readonly [number, number], next: readonly [number, number]): boolean {
  if (!open[previous[1]]) return false
  for (let k = next[0]; k <= next[1]; k++) {
    if (!CLOSE_QUOTE.test(tokens[k]!.text) || open[k]) continue
    // The quotation closes in this sentence: merge only if it closes with a comma and a speech tag follows.
    if (tokens[k - 1]?.text !== ',') return false
    const tag = tokens.slice(k + 1, Math.min(next[1] + 1, k + 6))
    return tag.some((t) => SPEECH_VERBS.has(t.normal) && t.pos === 'VERB')
  }
  return false
}

function makeToken(text: string, begin: number, end: number, normal: string, pos: string, type: string, stop: boolean): Token {
  const folded = normal.replace(/[’‘]/g, "'").replace(/[“”]/g, '"')
  const kind: Token['kind'] =
    type === 'word' ? 'word' : type === 'number' || type === 'ordinal' ? 'number' : type === 'punctuation' ? 'punctuation' : type === 'currency' || type === 'symbol' ? 'symbol' : 'other'
  // "US" is not the pronoun "us": capitalised acronyms are never stopwords.
  const isStop = stop && !/^[A-Z]{2,}$/.test(text)
  const stemmed = kind === 'number' ? folded.replace(/,/g, '') : kind === 'word' ? stem(folded) : folded
  return { text, begin, end, normal: folded, stem: stemmed, pos, kind, stop: isStop }
}

// ---- Entities -------------------------------------------------------------------------------------

interface RawEntity {
  tokens: Token[]
  titled: boolean
}

function isCapitalised(token: Token, sentenceStart: boolean): boolean {
  if (token.kind !== 'word' || !/^\p{Lu}/u.test(token.text)) return false
  if (MONTHS.has(token.normal.replace(/\.$/, '')) && token.normal !== 'may') return false
  if (WEEKDAYS.has(token.normal)) return false
  if (sentenceStart) return token.pos === 'PROPN' && !NOT_NAMES.has(token.normal)
  return !(token.normal === 'i')
}

/** Named entities of a sentence: runs of capitalised words, titles stripped. */
function findEntities(tokens: readonly Token[]): RawEntity[] {
  const found: RawEntity[] = []
  let run: Token[] = []
  const flush = () => {
    while (run.length > 0 && NAME_CONNECTORS.has(run[run.length - 1]!.normal)) run.pop()
    if (run.length > 0) {
      let lastTitle = -1
      run.forEach((t, i) => {
        if (TITLES.has(t.normal.replace(/\.$/, ''))) lastTitle = i
      })
      let rest = run.slice(lastTitle + 1)
      // "Secretary of State Rex Tillerson": the title's "of State" goes with it.
      if (lastTitle >= 0 && rest.length > 2 && NAME_CONNECTORS.has(rest[0]!.normal)) rest = rest.slice(2)
      while (rest.length > 0 && NAME_CONNECTORS.has(rest[0]!.normal)) rest = rest.slice(1)
      if (rest.length > 0 && !(rest.length === 1 && NOT_NAMES.has(rest[0]!.normal))) found.push({ tokens: rest, titled: lastTitle >= 0 })
    }
    run = []
  }
  tokens.forEach((token, i) => {
    // A quotation starts a sentence too: the capital of `asked: "Is the bridge safe?"` is no name.
    const quoted = i > 0 && /^["“‘'«„]$/.test(tokens[i - 1]!.text) && tokens[i - 1]!.end === token.begin
    const start = i === 0 || (i <= 2 && tokens.slice(0, i).every((t) => t.kind === 'punctuation')) || quoted
    if (isCapitalised(token, start)) run.push(token)
    else if (run.length > 0 && NAME_CONNECTORS.has(token.normal) && tokens[i + 1] && isCapitalised(tokens[i + 1]!, false)) run.push(token)
    else flush()
  })
  flush()
  return found
}

function entityType(entity: RawEntity, persons: ReadonlySet<string>): EntityType {
  const normals = entity.tokens.map((t) => t.normal)
  const name = normals.join(' ')
  if (normals.some((n) => ORGANISATION_WORDS.has(n))) return 'organisation'
  if (entity.tokens.length === 1 && /^[A-Z]{2,6}$/.test(entity.tokens[0]!.text) && !PLACES.has(name)) return 'organisation'
  if (PLACES.has(name) || normals.some((n) => PLACE_WORDS.has(n))) return 'place'
  // "North Korea", "New York", "eastern Europe"
  if (normals.length === 2 && COMPASS_WORDS.has(normals[0]!) && PLACES.has(normals[1]!)) return 'place'
  if (entity.titled || persons.has(name)) return 'person'
  if (entity.tokens.length >= 2 && entity.tokens.length <= 4 && entity.tokens.every((t) => /^\p{Lu}\p{Ll}/u.test(t.text))) return 'person'
  return 'other'
}

/** Type every entity and give each the canonical name it has in the article: "Putin" → Vladimir Putin. */
function resolveNames(perSentence: readonly RawEntity[][]): Entity[][] {
  const all = perSentence.flat()
  const persons = new Set<string>()
  for (const e of all) if (e.titled || e.tokens.length >= 2) if (entityType(e, new Set()) === 'person') persons.add(e.tokens.map((t) => t.normal).join(' '))
  // A single surname that ends exactly one full person name stands for that person.
  const bySurname = new Map<string, Set<string>>()
  for (const e of all) {
    if (e.tokens.length < 2) continue
    const full = e.tokens.map((t) => t.text).join(' ')
    if (entityType(e, persons) !== 'person') continue
    const last = e.tokens[e.tokens.length - 1]!.normal
    if (!bySurname.has(last)) bySurname.set(last, new Set())
    bySurname.get(last)!.add(full)
  }
  return perSentence.map((list) =>
    list.map((e) => {
      const first = e.tokens[0]!
      const last = e.tokens[e.tokens.length - 1]!
      const text = e.tokens.map((t) => t.text).join(' ')
      const fulls = e.tokens.length === 1 ? bySurname.get(first.normal) : undefined
      const name = fulls && fulls.size === 1 ? [...fulls][0]! : text
      const type = fulls && fulls.size === 1 ? 'person' : entityType(e, persons)
      return { text, name, type, begin: first.begin, end: last.end }
    }),
  )
}

// ---- Numbers --------------------------------------------------------------------------------------

/** Numbers with the word they count: "4,000 US soldiers" → 4000 soldiers, "$5.2 million" → 5200000 $. */
function findNumbers(tokens: readonly Token[]): NumberMention[] {
  const found: NumberMention[] = []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    let value = parseNumber(token)
    if (value === null) continue
    const begin = i > 0 && tokens[i - 1]!.kind === 'symbol' && /^[$€£¥]$/.test(tokens[i - 1]!.text) ? i - 1 : i
    let j = i + 1
    // "5.2 million", "two hundred"
    while (j < tokens.length && MULTIPLIERS.has(tokens[j]!.normal) && tokens[j]!.begin - tokens[j - 1]!.end <= 1) {
      // Round off binary noise: 2.01 * 1e6 is 2009999.9999999998, and "$2.01 million" must equal "2,010,000".
      value = Number((value * MULTIPLIERS.get(tokens[j]!.normal)!).toPrecision(15))
      j++
    }
    const endToken = tokens[j - 1]!
    let unit: string | null = null
    if (begin < i) unit = tokens[begin]!.text
    else if (tokens[j] && (tokens[j]!.text === '%' || tokens[j]!.normal === 'percent' || tokens[j]!.normal === 'per')) unit = 'percent'
    else if (i > 0 && MONTHS.has(tokens[i - 1]!.normal.replace(/\.$/, '')) && value <= 31) unit = tokens[i - 1]!.normal.replace(/\.$/, '').slice(0, 3)
    else if (/^(1[89]|20)\d\d$/.test(token.text) && !(tokens[j] && tokens[j]!.pos === 'NOUN')) unit = 'year'
    else {
      for (let k = j; k < Math.min(tokens.length, j + 4); k++) {
        const t = tokens[k]!
        if (t.pos === 'NOUN') {
          unit = t.normal
          break
        }
        if (!(t.pos === 'ADJ' || t.pos === 'PROPN' || t.pos === 'ADV' || t.pos === 'NUM' || t.text === '-')) break
      }
    }
    found.push({ text: tokens.slice(begin, j).map((t, n, a) => (n > 0 && a[n - 1]!.end < t.begin ? ' ' : '') + t.text).join(''), value, unit, begin: tokens[begin]!.begin, end: endToken.end })
    i = j - 1
  }
  return found
}

function parseNumber(token: Token): number | null {
  if (token.kind === 'number') {
    const digits = token.text.replace(/,/g, '').replace(ORDINAL_SUFFIX, '')
    const value = Number(digits)
    if (Number.isFinite(value)) return value
    return NUMBER_WORDS.get(token.normal) ?? null
  }
  if (token.kind === 'word' && token.pos === 'NUM') return NUMBER_WORDS.get(token.normal) ?? null
  return null
}

// ---- Quotes ---------------------------------------------------------------------------------------

const OPENERS = new Set(['“', '"', '«', '„'])
const CLOSERS = new Set(['”', '"', '»'])

/** Direct quotations per sentence, each with its speaker when the text names one. */
function findQuotes(body: string, paragraphs: readonly number[], sentences: readonly Draft[], entities: readonly Entity[][]): Quote[][] {
  const result: Quote[][] = sentences.map(() => [])
  const spans: { begin: number; end: number; paragraph: number }[] = []
  paragraphs.forEach((start, p) => {
    const end = p + 1 < paragraphs.length ? paragraphs[p + 1]! - 2 : body.length
    let open = -1
    for (let i = start; i < end; i++) {
      const c = body[i]!
      if (open < 0) {
        if (OPENERS.has(c)) open = i + 1
      } else if (CLOSERS.has(c)) {
        spans.push({ begin: open, end: i, paragraph: p })
        open = -1
      } else if (c === '“') open = i + 1 // an unclosed quote: the new opening mark wins
    }
    // A quote left open runs to the end of its paragraph (the next paragraph usually reopens it).
    if (open >= 0 && end - open > 0) spans.push({ begin: open, end, paragraph: p })
  })
  // "she said": the person a pronoun stands for is the first person named in the nearest earlier sentence
  // that names one ("UK Prime Minister Theresa May advised caution … ahead of her meeting with Trump.").
  let lastSubject: string | null = null
  let s = 0
  let previous: { end: number; paragraph: number; speaker: string | null } | null = null
  for (const span of spans) {
    const inner = body.slice(span.begin, span.end).trim()
    if (inner === '') continue
    while (s < sentences.length && sentences[s]!.end <= span.begin) {
      // A person named inside a quotation ("If Putin likes Donald Trump…") is not who "he said" means.
      const person = entities[s]!.find((e) => e.type === 'person' && !spans.some((q) => e.begin >= q.begin && e.end <= q.end))
      if (person) lastSubject = person.name
      s++
    }
    let personBefore = lastSubject
    if (s < sentences.length) for (const e of entities[s]!) if (e.type === 'person' && e.end <= span.begin) personBefore = e.name
    let speaker = findSpeaker(span, sentences, entities, personBefore)
    // `"…," he said. "I hope I do."`: an unattributed quote that goes on from the last one in the paragraph.
    if (speaker === null && previous && previous.paragraph === span.paragraph && /^[\s.,;:]*$/.test(textBetweenTags(body, previous.end, span.begin))) speaker = previous.speaker
    previous = { end: span.end, paragraph: span.paragraph, speaker }
    sentences.forEach((sentence, index) => {
      const begin = Math.max(sentence.begin, span.begin)
      const end = Math.min(sentence.end, span.end)
      if (end <= begin) return
      const text = body.slice(begin, end).replace(/[“”"»«„]+$/, '').trim()
      if (text === '') return
      result[index]!.push({ text, speaker, begin, end })
    })
  }
  return result
}

// What lies between two quotes, less a speech tag such as "he said" or "Trump said before his inauguration".
function textBetweenTags(body: string, from: number, to: number): string {
  return body
    .slice(from, to)
    .replace(/[“”"]/g, '')
    .replace(SPEECH_TAG, '')
}

function findSpeaker(span: { begin: number; end: number }, sentences: readonly Draft[], entities: readonly Entity[][], lastPerson: string | null): string | null {
  // After the closing mark: `…,” Putin said.` / `…,” said Putin.` / `…,” he said.` / `…,” TASS cited Putin as saying.`
  const after = sentences.findIndex((s) => s.begin <= span.end && span.end <= s.end)
  if (after >= 0) {
    const tokens = sentences[after]!.tokens.filter((t) => t.begin > span.end && t.kind !== 'punctuation').slice(0, 8)
    const speaker = speakerAround(tokens, entities[after]!, lastPerson, 'after')
    if (speaker) return speaker
  }
  // Before the opening mark: `Lavrov said that "…"`, `May said: "…"`.
  const before = sentences.findIndex((s) => s.begin <= span.begin && span.begin <= s.end)
  if (before >= 0) {
    const tokens = sentences[before]!.tokens.filter((t) => t.end < span.begin && t.kind !== 'punctuation').slice(-8)
    const speaker = speakerAround(tokens, entities[before]!, lastPerson, 'before')
    if (speaker) return speaker
  }
  return null
}

function speakerAround(tokens: readonly Token[], entities: readonly Entity[], lastPerson: string | null, side: 'before' | 'after'): string | null {
  const isVerb = (t: Token) => SPEECH_VERBS.has(t.normal) && t.pos === 'VERB'
  const verb = side === 'after' ? tokens.findIndex(isVerb) : findLastIndex(tokens, (t) => isVerb(t) || t.normal === 'according')
  if (verb < 0 || (side === 'after' && verb > 5)) return null
  const entityAt = (t: Token | undefined) => (t ? entities.find((e) => e.begin <= t.begin && t.end <= e.end) : undefined)
  // "TASS cited Putin as saying": the one cited is the speaker.
  if (tokens[verb]!.normal === 'cited') {
    const cited = entityAt(tokens[verb + 1])
    if (cited) return cited.name
  }
  if (tokens[verb]!.normal === 'according' && tokens[verb + 1]?.normal === 'to') {
    const source = entityAt(tokens[verb + 2])
    if (source) return source.name
  }
  // Subject right before the verb: the nearest entity, pronoun or noun phrase.
  for (let k = verb - 1; k >= Math.max(0, verb - 4); k--) {
    const t = tokens[k]!
    const entity = entityAt(t)
    if (entity) return entity.name
    if (PERSON_PRONOUNS.has(t.normal)) return lastPerson
    if (t.pos === 'NOUN') {
      const start = k > 0 && tokens[k - 1]!.pos === 'DET' ? k - 1 : k
      return tokens.slice(start, k + 1).map((x) => x.text).join(' ')
    }
    if (!(t.pos === 'ADV' || t.pos === 'AUX' || t.pos === 'ADJ')) break
  }
  // "said Putin" after the quote; "said Mayor Ana Ruiz": the title is no part of the entity, so look past it.
  if (side === 'after') {
    for (let k = verb + 1; k < Math.min(tokens.length, verb + 4); k++) {
      const entity = entityAt(tokens[k])
      if (entity) return entity.name
      if (!TITLES.has(tokens[k]!.normal.replace(/\.$/, ''))) break
    }
  }
  return null
}

/**
 * Who each sentence attributes its claim to: the subject of its last speech verb outside quotation marks
 * ("…, the mayor's office said" → `the mayor's office`; "…, an official familiar with the inspection said";
 * "said Putin"; "according to the Kremlin"). A pronoun subject ("he said") names no source here: who it stands
 * for is a guess, which quote speakers may make but an attribution conflict must not rest on.
 */
function findAttributions(sentences: readonly Draft[], entities: readonly Entity[][], quotes: readonly Quote[][]): (string | null)[] {
  return sentences.map((sentence, index) => {
    const inQuote = (t: Token) => quotes[index]!.some((q) => t.begin >= q.begin && t.end <= q.end)
    const tokens = sentence.tokens.filter((t) => !inQuote(t))
    const entityAt = (t: Token | undefined) => (t ? entities[index]!.find((e) => e.begin <= t.begin && t.end <= e.end) : undefined)
    const verb = findLastIndex(tokens, (t) => (SPEECH_VERBS.has(t.normal) && t.pos === 'VERB') || (t.normal === 'according' && tokens[tokens.indexOf(t) + 1]?.normal === 'to'))
    if (verb < 0) return null
    if (tokens[verb]!.normal === 'according') return phrase(tokens.slice(verb + 2), entityAt)
    // `"…," said Putin` / `"…," said Mayor Ana Ruiz`: the verb opens its clause and the name follows it.
    const opensClause = verb === 0 || /^[,;:"“”]$/.test(tokens[verb - 1]!.text)
    for (let k = verb + 1; opensClause && k < Math.min(tokens.length, verb + 4); k++) {
      const entity = entityAt(tokens[k])
      if (entity) return entity.name
      if (!TITLES.has(tokens[k]!.normal.replace(/\.$/, ''))) break
    }
    // "TASS cited Putin as saying": the one cited is the source.
    if (tokens[verb]!.normal === 'saying' && tokens[verb - 1]?.normal === 'as') {
      for (let k = verb - 2; k >= Math.max(0, verb - 6); k--) {
        const entity = entityAt(tokens[k])
        if (entity) return entity.name
      }
    }
    // "… policy he promised", "critics who say": a pronoun right before the verb is the subject.
    const before = tokens[verb - 1]
    if (before && PERSON_PRONOUNS.has(before.normal)) return null
    if (before && NO_SOURCE_SUBJECTS.test(before.normal)) return null
    // The subject: back from the verb to the clause start (a comma, a quote mark or the sentence start).
    let start = verb
    while (start > 0 && start > verb - 10 && !/^[,;:"“”]$/.test(tokens[start - 1]!.text)) start--
    let subject = tokens.slice(start, verb).filter((t) => !(t.pos === 'AUX' || t.pos === 'ADV' || (t.pos === 'PART' && t.normal === 'not')))
    // "…, and police officers said", "…, though she cautioned": the joining word is no part of the source.
    while (subject.length > 0 && CLAUSE_OPENERS.has(subject[0]!.normal)) subject = subject.slice(1)
    if (subject.length === 1 && PERSON_PRONOUNS.has(subject[0]!.normal)) return null
    return phrase(subject, entityAt)
  })
}

/**
 * A source named by a few tokens: the entity it opens with, titles aside ("Mayor Diane Whitlock" → `Diane
 * Whitlock`), else the words without a leading article ("business owners along Calder Street").
 */
function phrase(tokens: readonly Token[], entityAt: (t: Token | undefined) => Entity | undefined): string | null {
  const words = tokens.filter((t) => t.kind === 'word' || t.kind === 'number' || t.text === "'s" || t.text === '’s')
  if (words.length === 0 || words.length > 8) return null
  // "State Transportation Secretary Helen Quist": capitalised title words, then the name.
  const entity = entityAt(words[words.length - 1])
  if (entity && entity.type !== 'other' && words.every((t) => t.pos === 'DET' || /^\p{Lu}/u.test(t.text) || TITLES.has(t.normal.replace(/\.$/, '')))) return entity.name
  const text = words
    .map((t) => t.text)
    .join(' ')
    .replace(/ (['’]s)\b/g, '$1')
    .replace(LEADING_ARTICLE, '')
  return /\p{L}/u.test(text) && !PRONOUN_SOURCE.test(text) ? text : null
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i
  return -1
}

/** Treat a whole text (a sentence of a labelled pair) as one sentence, with tokens, entities, numbers and quotes. */
export function sentenceFromText(text: string, id = 'text#0'): Sentence {
  const drafts = tokenizeParagraph(text, 0, 0)
  const tokens = drafts.flatMap((d) => d.tokens)
  const draft: Draft = { begin: 0, end: text.length, paragraph: 0, tokens }
  const entities = resolveNames([findEntities(tokens)])
  const quoteList = findQuotes(text, [0], [draft], entities)[0]!
  const [article = id] = id.split('#')
  return {
    id,
    article,
    outlet: article,
    index: 0,
    paragraph: 0,
    text,
    begin: 0,
    end: text.length,
    tokens,
    entities: entities[0]!,
    numbers: findNumbers(tokens),
    quotes: quoteList,
    attribution: findAttributions([draft], entities, [quoteList])[0]!,
    unit: 'sentence',
  }
}
