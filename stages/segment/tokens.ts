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
  let lo = 0
  let hi = tokens.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (tokens[mid]!.begin < begin) lo = mid + 1
    else hi = mid
  }
  let to = lo
  while (to < tokens.length && tokens[to]!.end <= end) to++
  return tokens.slice(lo, to)
}

/** The index of the last item that passes `test`, else -1. */
export function findLastIndex<T>(items: readonly T[], test: (item: T, index: number) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!, i)) return i
  return -1
}
