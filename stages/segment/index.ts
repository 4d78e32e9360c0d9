// segment: split cleaned articles into sentences with tokens, stems, entities, numbers and quotes. The concerns
// have a module each: sentences (splitting and mending), tokens, entities, numbers, quotes (and their speakers),
// attributions, left-out (what is not kept); this module puts a document's units together from them.
import { type MessageLog, quoteValue } from '../../core/messages.js'
import type { CleanArticle, Document, Entity, Sentence } from '../../core/types.js'
import { findAttributions } from './attributions.js'
import { findEntities, resolveNames } from './entities.js'
import { withLeftOut } from './left-out.js'
import { findNumbers } from './numbers.js'
import { findQuotes } from './quotes.js'
import { type SentenceDraft, tokenizeParagraph } from './sentences.js'
import { isWord, tokensWithin } from './tokens.js'

export { tokensWithin } from './tokens.js'
export { fittedNumbers, isTally, numbersWritten } from './numbers.js'

/** Options of `segment`. */
export interface SegmentOptions {
  /** Fewest words a kept sentence may have (default: `3`). */
  readonly minWords?: number
}

const SOURCE = 'segment'

/** Split cleaned articles into sentences and tokens; offsets index the cleaned body. */
export function segment(articles: readonly CleanArticle[], log: MessageLog, options: SegmentOptions = {}): Document[] {
  const minWords = options.minWords ?? 3
  const documents: Document[] = []
  for (let article of articles) {
    const drafts: SentenceDraft[] = []
    article.paragraphs.forEach((start, p) => {
      const end = p + 1 < article.paragraphs.length ? article.paragraphs[p + 1]! - 2 : article.body.length
      for (const draft of tokenizeParagraph(article.body.slice(start, end), start, p)) drafts.push(draft)
    })
    const kept = drafts.filter((d) => d.tokens.filter(isWord).length >= minWords)
    const left = drafts.filter((d) => d.tokens.filter(isWord).length < minWords)
    if (left.length > 0) article = withLeftOut(article, left, log)
    if (kept.length === 0) {
      // A headline alone still says what its outlet claims (a scrape that lost its body, a feed of headlines): an
      // article of its headline only, which backs the statements its headline reports and omits none (no body).
      const headline = headlineUnit(article, [])
      if (headline !== null && headline.tokens.filter(isWord).length >= minWords) {
        log.warn(SOURCE, 'headline-only', `Expected body text, got none${article.body.trim() === '' ? '' : ` of ${minWords} or more words a sentence`}; only the headline ${quoteValue(headline.text)} is compared`, { ...article.source, article: article.id })
        documents.push({ article, headline, sentences: [], words: 0 })
        continue
      }
      // A warning, as an empty article is (see NO_TEXT_RULES).
      const reason =
        headline !== null && article.body.trim() === ''
          ? `Expected body text or a headline of ${minWords} or more words, got the headline ${quoteValue(headline.text)} alone; skipped`
          : `Expected at least one sentence of ${minWords} or more words, got none; skipped`
      log.warn(SOURCE, 'no-sentences', reason, { ...article.source, article: article.id })
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
    const inside = tokensWithin(unit.tokens, e.begin, e.end).filter((t) => t.kind === 'word')
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

/** Treat a whole text (a sentence of a labelled pair) as one sentence, with tokens, entities, numbers and quotes. */
export function sentenceFromText(text: string, id = 'text#0'): Sentence {
  const drafts = tokenizeParagraph(text, 0, 0)
  const tokens = drafts.flatMap((d) => d.tokens)
  const draft: SentenceDraft = { begin: 0, end: text.length, paragraph: 0, tokens }
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
