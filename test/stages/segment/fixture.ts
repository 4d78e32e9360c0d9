// Helpers of the segment tests: an article as clean makes it, a run of segment, and the invariants each returns the offenders of.
import { MessageLog } from '../../../core/messages.js'
import { segment, type SegmentOptions } from '../../../stages/segment/index.js'
import { splitSentences } from '../../../stages/segment/sentences.js'
import { isWord } from '../../../stages/segment/tokens.js'
import type { CleanArticle, Document, Sentence } from '../../../core/types.js'

/** A cleaned article whose body is `paragraphs` joined by blank lines, as `clean` makes it. */
export function cleanArticle(paragraphs: readonly string[], id = 'courier'): CleanArticle {
  const starts: number[] = []
  let body = ''
  for (const paragraph of paragraphs) {
    if (body !== '') body += '\n\n'
    starts.push(body.length)
    body += paragraph
  }
  return {
    story: 'summit',
    id,
    outlet: 'Valley Courier',
    title: null,
    url: null,
    published: null,
    source: { file: `summit/${id}.txt` },
    text: body,
    hash: 'h',
    headline: null,
    dateline: null,
    body,
    paragraphs: starts,
    paragraphOffsets: starts,
    removed: [],
  }
}

/** `segment` over `articles`, with the messages it logged as strings. */
export function run(articles: readonly CleanArticle[], options?: SegmentOptions): { documents: Document[]; messages: string[] } {
  const log = new MessageLog()
  const documents = segment(articles, log, options)
  return { documents, messages: log.messages.map(String) }
}

/** The sentences of one article, checking the offset invariants and that no message was logged. */
export function sentencesOf(paragraphs: readonly string[], options?: SegmentOptions): readonly Sentence[] {
  const { documents, messages } = run([cleanArticle(paragraphs)], options)
  expect({ messages, offenders: documents.flatMap(documentOffenders) }).toEqual({ messages: [], offenders: [] })
  return documents[0]!.sentences
}

/** Sentence texts of `text` as `splitSentences` cuts it. */
export function pieces(text: string): string[] {
  return splitSentences(text).map((s) => text.slice(s.begin, s.end))
}

/** Offenders of the span contract: in bounds, ordered, non-overlapping, trimmed, covering every non-space character. */
export function spanOffenders(text: string): string[] {
  const offenders: string[] = []
  let previousEnd = 0
  const covered = new Array<boolean>(text.length).fill(false)
  for (const { begin, end } of splitSentences(text)) {
    if (!(Number.isInteger(begin) && Number.isInteger(end) && 0 <= begin && begin < end && end <= text.length)) offenders.push(`span ${begin}-${end} out of bounds`)
    if (begin < previousEnd) offenders.push(`span ${begin}-${end} overlaps the one before`)
    if (/^\s|\s$/u.test(text.slice(begin, end))) offenders.push(`span ${begin}-${end} is not trimmed`)
    for (let i = begin; i < end; i++) covered[i] = true
    previousEnd = end
  }
  for (let i = 0; i < text.length; i++) if (!covered[i] && /\S/u.test(text[i]!)) offenders.push(`character ${i} ${JSON.stringify(text[i])} is in no span`)
  return offenders
}

/** Offenders of the offset contract of a document: sentences, tokens, entities, numbers and quotes index `body`. */
export function documentOffenders(document: Document): string[] {
  const { body, paragraphs, id } = document.article
  const offenders: string[] = []
  let previousEnd = 0
  document.sentences.forEach((s, index) => {
    const where = `sentence ${index}`
    if (s.id !== `${id}#${index}` || s.index !== index || s.article !== id) offenders.push(`${where} is numbered ${s.id}`)
    if (!(0 <= s.begin && s.begin < s.end && s.end <= body.length) || s.begin < previousEnd) offenders.push(`${where} at ${s.begin}-${s.end} is out of place`)
    if (body.slice(s.begin, s.end) !== s.text) offenders.push(`${where} text ${JSON.stringify(s.text)} is not body ${s.begin}-${s.end}`)
    const paragraphEnd = s.paragraph + 1 < paragraphs.length ? paragraphs[s.paragraph + 1]! - 2 : body.length
    if (!(paragraphs[s.paragraph]! <= s.begin && s.end <= paragraphEnd)) offenders.push(`${where} is outside its paragraph ${s.paragraph}`)
    let tokenEnd = s.begin
    for (const t of s.tokens) {
      if (t.text === '' || t.text.trim() !== t.text) offenders.push(`${where} has the token ${JSON.stringify(t.text)}`)
      if (body.slice(t.begin, t.end) !== t.text) offenders.push(`${where} token ${JSON.stringify(t.text)} is not body ${t.begin}-${t.end}`)
      if (t.begin < tokenEnd || t.end > s.end) offenders.push(`${where} token ${JSON.stringify(t.text)} at ${t.begin}-${t.end} is out of place`)
      tokenEnd = t.end
    }
    for (const part of [...s.entities, ...s.numbers, ...s.quotes]) {
      if (!(s.begin <= part.begin && part.begin <= part.end && part.end <= s.end)) offenders.push(`${where} part ${JSON.stringify(part.text)} at ${part.begin}-${part.end} is outside it`)
    }
    for (const q of s.quotes) if (!body.slice(q.begin, q.end).includes(q.text)) offenders.push(`${where} quote ${JSON.stringify(q.text)} is not in body ${q.begin}-${q.end}`)
    previousEnd = s.end
  })
  const words = document.sentences.reduce((sum, s) => sum + s.tokens.filter(isWord).length, 0)
  if (words !== document.words) offenders.push(`words is ${document.words}, the sentences hold ${words}`)
  return offenders
}

/**
 * Characters of the article's text (white space aside) that are neither in a kept sentence nor in a `removed` entry:
 * text that went missing unseen. Sentence offsets index the body; `paragraphOffsets` maps them back to the text.
 */
export function lostCharacters(document: Document): string[] {
  const { text, paragraphs, paragraphOffsets, removed } = document.article
  const seen = new Array<boolean>(text.length).fill(false)
  for (const s of document.sentences) {
    const from = paragraphOffsets[s.paragraph]! + (s.begin - paragraphs[s.paragraph]!)
    for (let i = 0; i < s.end - s.begin; i++) seen[from + i] = true
  }
  for (const r of removed) for (let i = r.begin; i < r.end; i++) seen[i] = true
  return seen.flatMap((yes, i) => (!yes && /\S/u.test(text[i]!) ? [`${document.article.id}@${i} ${JSON.stringify(text[i])}`] : []))
}
