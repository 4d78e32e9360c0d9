// score: what relate and its denial rule both ask of one unit's text: whether a token lies inside one of its
// quotations, whether the unit asks a question rather than states, and the clause (between punctuation marks) of a token.
import type { Sentence, Token } from '../../core/types.js'

/** Whether token `t` lies inside one of the unit's quotations. */
export function quoted(s: Sentence, t: Token): boolean {
  return s.quotes.some((q) => t.begin >= q.begin && t.end <= q.end)
}

/** Whether the unit ends with a question mark, closing quotation marks after it allowed ("… smaller?”"). */
export function isQuestion(s: Sentence): boolean {
  return /\?["”’']*\s*$/.test(s.text)
}

/** The first token of the clause of token `k`: back to the token after a punctuation mark. */
export function clauseFrom(tokens: readonly Token[], k: number): number {
  let from = k
  while (from > 0 && tokens[from - 1]!.kind !== 'punctuation') from--
  return from
}

/** The end (exclusive) of the clause of token `k`: on to the next punctuation mark. */
export function clauseTo(tokens: readonly Token[], k: number): number {
  let to = k + 1
  while (to < tokens.length && tokens[to]!.kind !== 'punctuation') to++
  return to
}
