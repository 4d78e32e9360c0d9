// segment/quote-marks: where the quotations of a paragraph begin and end, in double quotation marks and in single ones.
import { ELISIONS } from '../../lang/en/words.js'

/** A quotation's span in the body: its text lies in [begin, end), without the marks. */
export interface MarkSpan {
  readonly begin: number
  readonly end: number
}

const DOUBLE_OPENERS = new Set(['“', '"', '«', '„'])
const DOUBLE_CLOSERS = new Set(['”', '"', '»'])

/**
 * The quotations of the paragraph `body[start, end)`, in text order, none inside another.
 *
 * Double marks first: a mark opens, the next closing mark closes; a quotation left open runs to the end of its
 * paragraph (the next paragraph usually reopens it). Then single marks, the primary marks of British outlets
 * (‘We will not back down,’ Mr Johnson said) and of American headlines ("Summers Sees 'Significant Risk'"), told
 * apart from apostrophes (`singleSpans`). A single-quoted quotation that holds double-quoted ones holds them as
 * quotations inside it (the British order); a single mark inside a double-quoted quotation is a quotation inside
 * that one, and is left to it.
 */
export function quotationSpans(body: string, start: number, end: number): MarkSpan[] {
  const doubles: MarkSpan[] = []
  let open = -1
  for (let i = start; i < end; i++) {
    const c = body[i]!
    if (open < 0) {
      if (DOUBLE_OPENERS.has(c)) open = i + 1
    } else if (DOUBLE_CLOSERS.has(c)) {
      doubles.push({ begin: open, end: i })
      open = -1
    } else if (c === '“') open = i + 1 // an unclosed quote: the new opening mark wins
  }
  if (open >= 0 && end - open > 0) doubles.push({ begin: open, end })
  // A single mark inside a double-quoted quotation opens a quotation inside it; one that reaches into a
  // double-quoted quotation without holding it whole is no quotation.
  const holds = (s: MarkSpan, d: MarkSpan) => s.begin <= d.begin && d.end <= s.end
  const singles = singleSpans(body, start, end).filter((s) => !doubles.some((d) => d.begin - 1 < s.end && s.begin - 1 < d.end && !holds(s, d)))
  if (singles.length === 0) return doubles
  const outer = doubles.filter((d) => !singles.some((s) => holds(s, d)))
  return [...outer, ...singles].sort((a, b) => a.begin - b.begin)
}

const LETTER = /[\p{L}\p{N}]/u
/** What may stand before an opening single mark: nothing, a space, an opening bracket, a dash or a colon. */
const BEFORE_OPENER = /[\s([{—–\-:/]/u
/** What may stand after a closing single mark: nothing, a space, punctuation, a closing bracket or a double mark. */
const AFTER_CLOSER = /[\s.,;:!?)\]}—–\-”"…]/u

/**
 * Single-quoted quotations of `body[start, end)`. A mark (‘ or ') opens one where a word begins after it and no
 * letter stands before it, unless it elides the start of a word ('90s, 'em, 'til, rock 'n' roll); a mark (’ or ')
 * closes one where a word ends before it and no letter follows it (so "don't" and "Putin’s" close nothing). A
 * plural possessive ("the workers’ union") looks like a closing mark: one followed by a lower-case word after an
 * "s" closes only when no later closing mark comes before the next opening one. A single mark left open closes
 * nothing: it was an apostrophe.
 */
function singleSpans(body: string, start: number, end: number): MarkSpan[] {
  const at = (i: number) => (i >= start && i < end ? body[i]! : '')
  const opens = (i: number): boolean => {
    const c = at(i)
    if (c !== '‘' && c !== "'") return false
    const before = at(i - 1)
    if (before !== '' && !BEFORE_OPENER.test(before)) return false
    const next = at(i + 1)
    if (!LETTER.test(next) || /\p{N}/u.test(next)) return false
    const word = /^[\p{L}]+/u.exec(body.slice(i + 1, Math.min(end, i + 12)))?.[0]?.toLowerCase() ?? ''
    return !(ELISIONS.has(word) && !LETTER.test(at(i + 1 + word.length)))
  }
  const closes = (i: number): boolean => {
    const c = at(i)
    if (c !== '’' && c !== "'") return false
    const before = at(i - 1)
    const after = at(i + 1)
    return before !== '' && !/\s/u.test(before) && (after === '' || AFTER_CLOSER.test(after))
  }
  const possessive = (i: number) => at(i - 1) === 's' && at(i + 1) === ' ' && /\p{Ll}/u.test(at(i + 2))
  const spans: MarkSpan[] = []
  let i = start
  while (i < end) {
    if (!opens(i)) {
      i++
      continue
    }
    let close = -1
    for (let k = i + 1; k < end; k++) {
      if (opens(k)) break
      if (!closes(k)) continue
      // A plural possessive or a quotation ending on an "s": the first such mark, unless another closes later.
      if (close < 0) close = k
      if (!possessive(k)) {
        close = k
        break
      }
    }
    if (close < 0 || !LETTER.test(body.slice(i + 1, close))) {
      i++
      continue
    }
    spans.push({ begin: i + 1, end: close })
    i = close + 1
  }
  return spans
}
