// score: what relate and its denial rule both ask of one unit's text: whether a token lies inside one of its
// quotations, and whether the unit asks a question rather than states.
import type { Sentence, Token } from '../../core/types.js'

/** Whether token `t` lies inside one of the unit's quotations. */
export function quoted(s: Sentence, t: Token): boolean {
  return s.quotes.some((q) => t.begin >= q.begin && t.end <= q.end)
}

/** Whether the unit ends with a question mark, closing quotation marks after it allowed ("… smaller?”"). */
export function isQuestion(s: Sentence): boolean {
  return /\?["”’']*\s*$/.test(s.text)
}
