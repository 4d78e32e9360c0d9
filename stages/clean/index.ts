// clean: take scraped boilerplate out of each article by general rules per class, keeping what was removed and why.
import type { MessageLog } from '../../core/messages.js'
import type { Article, CleanArticle, RemovalReason, Removed } from '../../core/types.js'
import {
  ADVERTISING,
  BROWSER,
  BYLINE,
  CAPTION_PREFIX,
  COPYRIGHT,
  COPYRIGHT_LINE,
  CONTRIBUTED,
  CREDIT_LEAD,
  CREDIT_ONLY,
  CREDIT_TAIL,
  DATELINE,
  PAGE_TAGS,
  RELATED,
  RELATED_LABEL,
  REPORTED,
  REPORTING_CREDIT,
  REPUBLISHED,
  SECTIONS,
  SITE_NOTICE,
  SOCIAL,
  SUBSCRIPTION,
  SUBSCRIPTION_START,
  TIMESTAMP_LABEL,
  TIMESTAMP_NUMBER,
  TIMESTAMP_WORDS,
} from '../../lang/en/boilerplate.js'
import { otherLanguage } from './language.js'

export interface CleanOptions {
  /** Longest block, in words, that a boilerplate rule other than a caption may remove (default: `60`). */
  readonly maxBoilerplateWords?: number
}

const SOURCE = 'clean'

interface Block {
  readonly text: string
  readonly begin: number
  readonly end: number
}

type Verdict = RemovalReason | 'body' | 'headline-like'

/**
 * Remove boilerplate blocks, find the headline and dateline, and join the kept paragraphs into `body`. An article
 * left with no text, or written in another language than English, is skipped with a warning.
 */
export function clean(articles: readonly Article[], log: MessageLog, options: CleanOptions = {}): CleanArticle[] {
  const maxWords = options.maxBoilerplateWords ?? 60
  const cleaned: CleanArticle[] = []
  for (const article of articles) {
    const result = cleanArticle(article, maxWords)
    // A headline alone (the text held nothing else) is kept: `segment` makes an article of its headline only.
    if (result.body.trim() === '' && result.headline === null) {
      // A warning, as an empty article is (see NO_TEXT_RULES): a page of boilerplate only holds no text.
      log.warn(SOURCE, 'no-body', `Unexpected article with no body text left after cleaning (${result.removed.length} block(s) removed as boilerplate); skipped`, {
        ...article.source,
        article: article.id,
      })
      continue
    }
    // "Doce personas murieron …": in another language the article would align with nothing and omit every statement.
    const language = otherLanguage(result.body)
    if (language !== null) {
      log.warn(
        SOURCE,
        'other-language',
        `Expected an article in English, got one in ${language.name} (\`${language.code}\`; ${Math.round(100 * language.commonShare)}% of its words are common English words); skipped, as corroborate compares English text only`,
        { ...article.source, article: article.id },
      )
      continue
    }
    cleaned.push(result)
  }
  return cleaned
}

function cleanArticle(article: Article, maxWords: number): CleanArticle {
  const blocks = splitBlocks(article.text)
  const removed: Removed[] = []
  const kept: Block[] = []
  const keptKeys = new Set<string>()
  const captions: string[] = []
  let headline = article.title
  let headlineKey = headline !== null ? key(headline) : null
  const titleKey = article.title ? key(article.title) : null
  let headlineFound = false
  let inTop = true

  // The original text, not the block's: a hard-wrapped block has spaces where the article has line breaks.
  const remove = (block: Block, reason: RemovalReason) => removed.push({ text: article.text.slice(block.begin, block.end), reason, begin: block.begin, end: block.end })

  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!
    const k = key(block.text)
    // "* * *", "😀😀😀": nothing to read, but left out in the open, as every removal is.
    if (k === '') {
      remove(block, 'no-words')
      continue
    }
    let verdict = classify(block.text, maxWords, inTop)
    if (verdict === 'body' || verdict === 'headline-like') {
      if ((titleKey !== null && k === titleKey) || (headlineKey !== null && k === headlineKey)) verdict = 'repeated-headline'
      // A caption repeated without its label or with a credit glued on ("…in Moscow, Russia.Mikhail Svetlov / Getty
      // Images"), not any paragraph that shares the words of a short caption such as "Photo: Flooding in Riverton".
      else if (captions.some((c) => (c.includes(k) || k.includes(c)) && Math.min(c.length, k.length) * 2 >= Math.max(c.length, k.length))) verdict = 'caption'
      else if (keptKeys.has(k)) verdict = 'duplicate-block'
    }
    if (verdict === 'headline-like') {
      if (inTop && !headlineFound && article.title === null) {
        headline = block.text.trim()
        headlineKey = key(headline)
        headlineFound = true
        verdict = 'headline'
      } else if (inTop) {
        verdict = 'headline'
      } else if (i < blocks.length - 1) {
        verdict = 'subheading'
      } else {
        verdict = 'body'
      }
    }
    // "Two divers inspect the footings on Monday." above "Marta Kovacs / Northwind Images": the credit comes after its
    // caption, which was kept as body before the credit showed what it was.
    const previous = kept[kept.length - 1]
    if (verdict === 'credit' && previous && article.text.slice(previous.end, block.begin).trim() === '' && isCaptionLike(previous.text)) {
      kept.pop()
      keptKeys.delete(key(previous.text))
      remove(previous, 'caption')
      rememberCaption(captions, key(previous.text))
    }
    if (verdict === 'caption' || verdict === 'credit') rememberCaption(captions, key(block.text.replace(CAPTION_PREFIX, '')))
    if (verdict !== 'body') {
      remove(block, verdict)
      continue
    }
    inTop = false
    keptKeys.add(k)
    kept.push(block)
  }

  // Dateline: "MOSCOW — President Trump …", "PORT ALDER (CPA) — …" at the start of the first paragraph.
  let dateline: string | null = null
  if (kept.length > 0) {
    const first = kept[0]!
    const match = DATELINE.exec(first.text)
    if (match && match[0].length < first.text.length) {
      dateline = (match[1] ?? match[2]!).trim().replace(/\s+/g, ' ')
      remove({ text: match[0].trimEnd(), begin: first.begin, end: first.begin + match[0].trimEnd().length }, 'dateline')
      kept[0] = { text: first.text.slice(match[0].length), begin: first.begin + match[0].length, end: first.end }
    }
  }

  const paragraphs: number[] = []
  let body = ''
  for (const block of kept) {
    if (body !== '') body += '\n\n'
    paragraphs.push(body.length)
    body += block.text
  }
  removed.sort((a, b) => a.begin - b.begin)
  return { ...article, headline, dateline, body, paragraphs, paragraphOffsets: kept.map((b) => b.begin), removed }
}

/** Blocks: paragraphs split on blank lines, and each line on its own unless the paragraph is hard-wrapped prose. */
function splitBlocks(text: string): Block[] {
  const blocks: Block[] = []
  const paragraph = /[^\n]+(?:\n[^\n]+)*/g
  for (let m = paragraph.exec(text); m; m = paragraph.exec(text)) {
    const lines: Block[] = []
    let offset = m.index
    for (const line of m[0].split('\n')) {
      lines.push(trimBlock(line, offset))
      offset += line.length + 1
    }
    const nonEmpty = lines.filter((l) => l.text !== '')
    if (!isHardWrapped(nonEmpty)) {
      blocks.push(...nonEmpty)
      continue
    }
    // Join a line to the next only where it breaks off mid-sentence, so that a headline or an "ADVERTISEMENT" line
    // in the paragraph stays a block of its own and is not glued onto the prose.
    let start = 0
    nonEmpty.forEach((line, i) => {
      if (i < nonEmpty.length - 1 && isOpen(line)) return
      const first = nonEmpty[start]!
      // Keep offsets honest: the joined text replaces each line break by a space, one character for one.
      blocks.push({ text: text.slice(first.begin, line.end).replace(/\s*\n\s*/g, (s) => ' '.repeat(s.length)), begin: first.begin, end: line.end })
      start = i + 1
    })
  }
  return blocks
}

/**
 * The captions an article's later blocks are checked against, as repeats: its first 64. Each block is compared with
 * each one kept, so a page of 16,000 captions and as many paragraphs took a minute; an article has a few.
 */
const CAPTIONS_KEPT = 64

function rememberCaption(captions: string[], caption: string): void {
  if (captions.length < CAPTIONS_KEPT) captions.push(caption)
}

function trimBlock(line: string, offset: number): Block {
  const start = line.length - line.trimStart().length
  const text = line.trim()
  return { text, begin: offset + start, end: offset + start + text.length }
}

// A hard-wrapped paragraph (text broken at ~70 columns) has most of its long lines ending mid-sentence. Short lines
// do not count against it: a headline or an ad marker may sit on its own line above or inside the prose.
function isHardWrapped(lines: readonly Block[]): boolean {
  if (lines.length < 3) return false
  const long = lines.slice(0, -1).filter((l) => l.text.length >= 40)
  const open = long.filter(isOpen).length
  return open >= 2 && open / long.length >= 0.6
}

/** A line of wrap width that ends mid-sentence: the next line goes on with it. */
function isOpen(line: Block): boolean {
  return !/[.!?:;"”’)\]]$/.test(line.text) && line.text.length >= 40 && line.text.length <= 100
}

/** What a block is, by general rules for each class of boilerplate; `inTop` is true before the first body paragraph. */
function classify(text: string, maxWords: number, inTop: boolean): Verdict {
  const t = text.trim()
  const words = t.split(/\s+/).length
  const short = words <= maxWords
  if (ADVERTISING.test(t)) return 'advertising'
  if (short && BROWSER.test(t)) return 'browser-notice'
  if (short && (SUBSCRIPTION.test(t) || SUBSCRIPTION_START.test(t))) return 'subscription'
  if (CAPTION_PREFIX.test(t)) return 'caption'
  if (inTop && words <= 5 && !/[.!?]$/.test(t) && isSectionLabel(t)) return 'section-label'
  if (words <= 12 && CREDIT_ONLY.test(t) && !/[.!?]/.test(t.replace(/\b[A-Z]\./g, ''))) return 'credit'
  if (short && (CREDIT_TAIL.test(t) || CREDIT_LEAD.test(t))) return 'caption'
  if (short && RELATED.test(t)) return 'related'
  if (words <= 6 && RELATED_LABEL.test(t)) return 'related'
  if (words <= 40 && (COPYRIGHT.test(t) || COPYRIGHT_LINE.test(t))) return 'copyright'
  if (short && SITE_NOTICE.test(t) && !REPORTED.test(t)) return 'copyright'
  if (words <= 12 && SOCIAL.test(t)) return 'social'
  if (words <= 40 && PAGE_TAGS.test(t) && !REPORTED.test(t)) return 'section-label'
  if (words <= 20 && isTimestamp(t)) return 'timestamp'
  if (words <= 30 && REPUBLISHED.test(t)) return 'byline'
  if (words <= 12 && BYLINE.test(t)) return 'byline'
  if (words <= 30 && REPORTING_CREDIT.test(t)) return 'byline'
  if (words <= 25 && CONTRIBUTED.test(t) && !REPORTED.test(t)) return 'byline'
  const terminal = /[.!?:;"”’')\]…]$/.test(t)
  if (!terminal && words <= 30 && /^[\p{Lu}\d"“‘']/u.test(t) && /\p{L}/u.test(t)) return words <= (inTop ? 30 : 10) ? 'headline-like' : 'body'
  return 'body'
}

/**
 * A page's time stamp on a line of its own: "Published: Tuesday, May 4, 2007 3:15 PM", "Updated at 10:15 a.m.",
 * "May 4, 2007, 10:12 a.m. ET", "05/04/2007 10:12". Two outlets' stamps of one day would otherwise align as a
 * statement both report, and the third outlet "omit" it. Every word is a weekday, a month, a time or a zone, and one
 * is a number; "Published in 2007, the report found …" has other words.
 */
function isTimestamp(t: string): boolean {
  const rest = t.replace(TIMESTAMP_LABEL, '')
  const words = rest.toLowerCase().split(/[\s,|·•/.:()-]+/).filter((w) => w !== '')
  if (words.length === 0 || !words.some((w) => /^\d/.test(w))) return false
  return words.every((w) => TIMESTAMP_NUMBER.test(w) || TIMESTAMP_WORDS.has(w))
}

/** A caption: one short sentence that quotes and reports nobody ("A crane lifts a girder onto a barge on Monday."). */
function isCaptionLike(text: string): boolean {
  return text.split(/\s+/).length <= 40 && !/[.!?]["”’)]?\s+\S/.test(text) && !REPORTED.test(text)
}

function isSectionLabel(t: string): boolean {
  // Split, then trimmed: a pattern with "\s*" on both sides of the separator rescanned a run of spaces from each
  // of its spaces (160,000 spaces took half a minute).
  const parts = t.split(/[|/›»>•·]/).map((p) => p.trim()).filter((p) => p !== '')
  // "Nation/World", "Politics | City Hall"; not a credit such as "Jane Doe / Reuters".
  // A known section in it, or single words only ("Gaming/Esports"); "Jane Doe / Reuters" has neither.
  if (parts.length > 1)
    return (
      parts.every((p) => p.split(/\s+/).length <= 3 && /^[\p{Lu}\d]/u.test(p)) &&
      (parts.some((p) => SECTIONS.has(p.toLowerCase())) || parts.every((p) => !p.includes(' ')))
    )
  return SECTIONS.has(t.toLowerCase())
}

/** Comparison key: letters and digits only, lower case. */
function key(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
}
