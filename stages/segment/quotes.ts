// segment/quotes: direct quotations per sentence, each with its speaker when the text names one.
import { PERSON_PRONOUNS, SPEECH_TAG, SPEECH_VERBS } from '../../lang/en/words.js'
import { nameAfterVerb } from './attributions.js'
import { affiliationTags } from './affiliations.js'
import { quotationSpans } from './quote-marks.js'
import type { Entity, Quote, Token } from '../../core/types.js'
import type { SentenceDraft } from './sentences.js'
import { findLastIndex, firstBeginningAfter, firstEndingFrom, spanCovering } from './tokens.js'

/** Direct quotations per sentence, each with its speaker when the text names one. */
export function findQuotes(body: string, paragraphs: readonly number[], sentences: readonly SentenceDraft[], entities: readonly Entity[][]): Quote[][] {
  const result: Quote[][] = sentences.map(() => [])
  const spans: { begin: number; end: number; paragraph: number }[] = []
  paragraphs.forEach((start, p) => {
    const end = p + 1 < paragraphs.length ? paragraphs[p + 1]! - 2 : body.length
    for (const span of quotationSpans(body, start, end)) spans.push({ ...span, paragraph: p })
  })
  // "she said": the person a pronoun stands for is the first person named in the nearest earlier sentence
  // that names one ("UK Prime Minister Theresa May advised caution … ahead of her meeting with Trump.").
  // Every lookup below is by halving (sentences, tokens, entities and quotations are in text order and none overlap):
  // a sentence holding thousands of quotations costs time in proportion to them, not to their square.
  const words = new SpeakerWords(body, sentences, entities)
  let lastSubject: string | null = null
  let s = 0
  let previous: { end: number; paragraph: number; speaker: string | null } | null = null
  for (const span of spans) {
    const inner = body.slice(span.begin, span.end).trim()
    if (inner === '') continue
    while (s < sentences.length && sentences[s]!.end <= span.begin) {
      // A person named inside a quotation ("If Putin likes Donald Trump…") is not who "he said" means.
      const person = entities[s]!.find((e) => e.type === 'person' && spanCovering(spans, e.begin, e.end) === undefined)
      if (person) lastSubject = person.name
      s++
    }
    let personBefore = lastSubject
    if (s < sentences.length) personBefore = words.personEndingBy(s, span.begin) ?? personBefore
    let speaker = findSpeaker(span, sentences, words, personBefore)
    // `"…," he said. "I hope I do."`: an unattributed quote that goes on from the last one in the paragraph.
    if (speaker === null && previous && previous.paragraph === span.paragraph && /^[\s.,;:]*$/.test(textBetweenTags(body, previous.end, span.begin))) speaker = previous.speaker
    previous = { end: span.end, paragraph: span.paragraph, speaker }
    for (let index = firstEndingFrom(sentences, span.begin + 1); index < sentences.length && sentences[index]!.begin < span.end; index++) {
      const sentence = sentences[index]!
      const begin = Math.max(sentence.begin, span.begin)
      const end = Math.min(sentence.end, span.end)
      if (end <= begin) continue
      const text = body.slice(begin, end).replace(/[“”"»«„]+$/, '').trim()
      if (text === '') continue
      result[index]!.push({ text, speaker, begin, end })
    }
  }
  return result
}

// What lies between two quotes, less a speech tag such as "he said" or "Trump said before his inauguration".
function textBetweenTags(body: string, from: number, to: number): string {
  return body
    .slice(from, to)
    .replace(/[“”"‘’']/g, '')
    .replace(SPEECH_TAG, '')
}

/**
 * What `findSpeaker` reads of each sentence, made once per sentence when first asked: its tokens other than
 * punctuation and its persons, in text order.
 */
class SpeakerWords {
  private readonly words = new Map<number, Token[]>()
  private readonly persons = new Map<number, Entity[]>()
  constructor(
    readonly body: string,
    readonly sentences: readonly SentenceDraft[],
    readonly entities: readonly Entity[][],
  ) {}

  /** The tokens of sentence `s` other than punctuation. */
  wordsOf(s: number): Token[] {
    let list = this.words.get(s)
    if (!list) {
      // "…," Sen. John Cornyn, R-Texas, said: the affiliation tag is read past, as punctuation is.
      const tokens = this.sentences[s]!.tokens
      const tags = affiliationTags(tokens)
      this.words.set(s, (list = tokens.filter((t, k) => t.kind !== 'punctuation' && !tags.has(k))))
    }
    return list
  }

  /** The name of the last person of sentence `s` that ends by `at`, or null. */
  personEndingBy(s: number, at: number): string | null {
    return this.lastPersonBy(s, at)?.name ?? null
  }

  /** The last person of sentence `s` that ends by `at`, found by halving. */
  lastPersonBy(s: number, at: number): Entity | undefined {
    let list = this.persons.get(s)
    if (!list) this.persons.set(s, (list = this.entities[s]!.filter((e) => e.type === 'person')))
    return list[firstEndingFrom(list, at + 1) - 1]
  }
}

/**
 * The person whose apposition is the noun phrase `[begin, end)` of sentence `s`, said by the verb at `verb`: a person
 * named just before it, set off from it by a comma, and a comma between it and the verb ("Mary Kellett, the union's
 * leader, said"; "Osei, the transport secretary, told MPs"). Null when the text is otherwise.
 */
function appositionOf(words: SpeakerWords, s: number, begin: number, end: number, verb: number): string | null {
  if (!/^\s*,\s*$/.test(words.body.slice(end, verb))) return null
  const person = words.lastPersonBy(s, begin)
  if (!person || begin - person.end > 60) return null
  return /^\s*,\s*[^,.;:!?“”"()]*$/.test(words.body.slice(person.end, begin)) ? person.name : null
}

/** Index of the first sentence that holds offset `at` (begins by it and ends at it or later), or -1. */
function sentenceHolding(sentences: readonly SentenceDraft[], at: number): number {
  const k = firstEndingFrom(sentences, at)
  return k < sentences.length && sentences[k]!.begin <= at ? k : -1
}

function findSpeaker(span: { begin: number; end: number }, sentences: readonly SentenceDraft[], words: SpeakerWords, lastPerson: string | null): string | null {
  // After the closing mark: `…,” Putin said.` / `…,” said Putin.` / `…,” he said.` / `…,” TASS cited Putin as saying.`
  const after = sentenceHolding(sentences, span.end)
  if (after >= 0) {
    const list = words.wordsOf(after)
    const from = firstBeginningAfter(list, span.end)
    const speaker = speakerAround(list.slice(from, from + 8), words, after, lastPerson, 'after')
    if (speaker) return speaker
  }
  // Before the opening mark: `Lavrov said that "…"`, `May said: "…"`.
  const before = sentenceHolding(sentences, span.begin)
  if (before >= 0) {
    const list = words.wordsOf(before)
    // The words that end before the mark: those before the first that ends at it or later.
    const to = firstEndingFrom(list, span.begin)
    const speaker = speakerAround(list.slice(Math.max(0, to - 8), to), words, before, lastPerson, 'before')
    if (speaker) return speaker
  }
  return null
}

function speakerAround(tokens: readonly Token[], words: SpeakerWords, s: number, lastPerson: string | null, side: 'before' | 'after'): string | null {
  const entities = words.entities[s]!
  const isVerb = (t: Token) => SPEECH_VERBS.has(t.normal) && t.pos === 'VERB'
  const verb = side === 'after' ? tokens.findIndex(isVerb) : findLastIndex(tokens, (t) => isVerb(t) || t.normal === 'according')
  if (verb < 0 || (side === 'after' && verb > 5)) return null
  const entityAt = (t: Token | undefined) => (t ? spanCovering(entities, t.begin, t.end) : undefined)
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
      // "Mary Kellett, the union's leader, said": the noun is the apposition of the person named before it.
      return appositionOf(words, s, tokens[start]!.begin, t.end, tokens[verb]!.begin) ?? tokens.slice(start, k + 1).map((x) => x.text).join(' ')
    }
    if (!(t.pos === 'ADV' || t.pos === 'AUX' || t.pos === 'ADJ')) break
  }
  // "said Putin" after the quote; "said Mayor Ana Ruiz": the title is no part of the entity, so look past it.
  return side === 'after' ? nameAfterVerb(tokens, verb, entityAt) : null
}
