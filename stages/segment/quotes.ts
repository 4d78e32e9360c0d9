// segment/quotes: direct quotations per sentence, each with its speaker when the text names one.
import { PERSON_PRONOUNS, SPEECH_TAG, SPEECH_VERBS, TITLES } from '../../lang/en/words.js'
import type { Entity, Quote, Token } from '../../core/types.js'
import type { SentenceDraft } from './sentences.js'
import { findLastIndex } from './tokens.js'

const OPENERS = new Set(['“', '"', '«', '„'])
const CLOSERS = new Set(['”', '"', '»'])

/** Direct quotations per sentence, each with its speaker when the text names one. */
export function findQuotes(body: string, paragraphs: readonly number[], sentences: readonly SentenceDraft[], entities: readonly Entity[][]): Quote[][] {
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

function findSpeaker(span: { begin: number; end: number }, sentences: readonly SentenceDraft[], entities: readonly Entity[][], lastPerson: string | null): string | null {
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
