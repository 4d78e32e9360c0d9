// segment/tokens: a token from wink-nlp's reading of it (normal form, stem, kind, stopword), and what counts as a word.
import { stem } from '../../lang/en/nlp.js'
import { undotted } from '../../lang/en/words.js'
import type { Token } from '../../core/types.js'

/** True for word and number tokens: what "words" counts. */
export function isWord(token: Token): boolean {
  return token.kind === 'word' || token.kind === 'number'
}

/** A word in capitals of two letters or more: "IRS", "NATO", "GOP". */
const ACRONYM = /^[A-Z]{2,}$/

/** A token of `text` at `begin`–`end` from wink-nlp's normal form, part of speech, type and stopword flag. */
export function makeToken(text: string, begin: number, end: number, normal: string, pos: string, type: string, stop: boolean): Token {
  // An initialism with dots ("I.R.S.", "U.S.", "G.O.P.") is the same name as without them ("IRS", "US", "GOP").
  const initialism = /^\p{Lu}/u.test(text) && undotted(text) !== text
  const folded = initialism ? undotted(text).toLowerCase() : normal.replace(/[’‘]/g, "'").replace(/[“”]/g, '"')
  const kind: Token['kind'] =
    initialism || type === 'word' ? 'word' : type === 'number' || type === 'ordinal' ? 'number' : type === 'punctuation' ? 'punctuation' : type === 'currency' || type === 'symbol' ? 'symbol' : 'other'
  // "US" is not the pronoun "us": capitalised acronyms are never stopwords.
  const isStop = stop && !(initialism || ACRONYM.test(text))
  const stemmed = kind === 'number' ? folded.replace(/,/g, '') : kind === 'word' ? stem(folded) : folded
  return { text, begin, end, normal: folded, stem: stemmed, pos, kind, stop: isStop }
}

/**
 * The tokens of `tokens` (in text order) that lie within [begin, end]: from the first that starts at `begin` or later,
 * found by halving, while they end by `end`.
 */
export function tokensWithin(tokens: readonly Token[], begin: number, end: number): Token[] {
  const lo = firstWhere(tokens, (t) => t.begin >= begin)
  let to = lo
  while (to < tokens.length && tokens[to]!.end <= end) to++
  return tokens.slice(lo, to)
}

/** The index of the last item before index `before` (all of them by default) that passes `test`, else -1. */
export function findLastIndex<T>(items: readonly T[], test: (item: T, index: number) => boolean, before = items.length): number {
  for (let i = Math.min(before, items.length) - 1; i >= 0; i--) if (test(items[i]!, i)) return i
  return -1
}

/** Something with offsets into a text: a token, an entity, a quotation, a sentence. */
interface Spanning {
  readonly begin: number
  readonly end: number
}

/**
 * Index of the first of `items` whose end is at `at` or later, found by halving (`items.length` when none): items in
 * text order that do not overlap (sentences, tokens, entities, quotations) end in order too.
 */
export function firstEndingFrom(items: readonly Spanning[], at: number): number {
  return firstWhere(items, (x) => x.end >= at)
}

/** Index of the first of `items` (in text order) that begins after `at`, found by halving (`items.length` when none). */
export function firstBeginningAfter(items: readonly Spanning[], at: number): number {
  return firstWhere(items, (x) => x.begin > at)
}

/**
 * Index of the first of `items` for which `holds` is true, found by halving (`items.length` when none): `holds` must be
 * false for a first part of the list and true for the rest, as "begins at or after x" is for items in text order.
 */
function firstWhere<T>(items: readonly T[], holds: (item: T) => boolean): number {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (holds(items[mid]!)) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** The one of `spans` (in text order, none overlapping) that covers `begin`–`end`, found by halving, or undefined. */
export function spanCovering<T extends Spanning>(spans: readonly T[], begin: number, end: number): T | undefined {
  const span = spans[firstBeginningAfter(spans, begin) - 1]
  return span !== undefined && end <= span.end ? span : undefined
}
