// segment/sentences: a paragraph split into sentences of tokens: wink-nlp's sentences, mended where it split after
// an abbreviation ("Sens. John McCain") or inside a quotation that a speech tag continues, and split where it read
// the answer "no." as the abbreviation of "number" ("Sestak said no. Others disagreed.").
import { getNlp, readDoc } from '../../lang/en/nlp.js'
import { ANSWER_STARTS, NUMBER_WORDS, PERIOD_ABBREVIATIONS, SPEECH_VERBS } from '../../lang/en/words.js'
import type { Token } from '../../core/types.js'
import { makeToken } from './tokens.js'

/** A sentence span before filtering: offsets into the text given to `splitSentences`. */
export interface Span {
  readonly begin: number
  readonly end: number
}

/** A sentence before filtering: offsets into the article's body, its paragraph and its tokens. */
export interface SentenceDraft {
  readonly begin: number
  readonly end: number
  readonly paragraph: number
  readonly tokens: Token[]
}

/** Sentence spans of `text` (offsets into it), the way `segment` splits a paragraph. */
export function splitSentences(text: string): Span[] {
  return tokenizeParagraph(text, 0, 0).map((d) => ({ begin: d.begin, end: d.end }))
}

const CLOSE_QUOTE = /["”’']$/

/** The sentences of a paragraph, `text`, that starts at `offset` in the body: tokens and spans offset by it. */
export function tokenizeParagraph(text: string, offset: number, paragraph: number): SentenceDraft[] {
  const its = getNlp().its
  const doc = readDoc(text)
  const values = doc.tokens().out(its.value) as string[]
  const types = doc.tokens().out(its.type) as string[]
  const pos = doc.tokens().out(its.pos) as string[]
  const normals = doc.tokens().out(its.normal) as string[]
  const stops = doc.tokens().out(its.stopWordFlag) as unknown as boolean[]
  const spans = doc.sentences().out(its.span) as unknown as [number, number][]

  // wink-nlp makes tokens of tabs and line breaks (type `tabCRLF`): they are no words, and a sentence that started or
  // ended with one would not be trimmed ("One.\nTwo." gave the sentence "\nTwo."). It also gives some tokens an empty
  // value ("Putin..U.S." → "Putin", ".", "", ".", "U.S."): taking a character for those shifted every later token.
  // Keep both out; `kept[i]` counts the tokens kept before wink's token `i`, to map its sentence spans.
  const tokens: Token[] = []
  const kept: number[] = []
  // The full stops split off an answer "no." (see `answerNo`): a sentence ends at each.
  const answerStops = new Set<number>()
  let cursor = 0
  for (let i = 0; i < values.length; i++) {
    kept.push(tokens.length)
    const value = values[i]!
    if (types[i] === 'tabCRLF' || value === '') continue
    let at = text.indexOf(value, cursor)
    // wink-nlp reports some tokens in a normalised form; fall back to the next non-space character.
    if (at < 0) at = Math.min(text.length, cursor + (text.slice(cursor).length - text.slice(cursor).trimStart().length))
    const end = Math.min(text.length, at + Math.max(value.length, 1))
    cursor = end
    if (answerNo(text.slice(at, end), values, types, i)) {
      tokens.push(makeToken(text.slice(at, end - 1), offset + at, offset + end - 1, 'no', 'INTJ', 'word', true))
      answerStops.add(tokens.length)
      tokens.push(makeToken('.', offset + end - 1, offset + end, '.', 'PUNCT', 'punctuation', false))
      continue
    }
    tokens.push(makeToken(text.slice(at, end), offset + at, offset + end, normals[i]!, pos[i]!, types[i]!, stops[i]!))
  }

  kept.push(tokens.length)
  const open = quoteOpenAfter(tokens)

  // Merge wink's sentences where it split after an abbreviation or after a quote that a speech tag continues.
  const merged: [number, number][] = []
  for (const [a, b] of spans) {
    const span: [number, number] = [kept[a]!, kept[b + 1]! - 1]
    if (span[0] > span[1]) continue // only tabs and line breaks
    const previous = merged[merged.length - 1]
    if (previous && (shouldMerge(tokens, previous, span) || continuesQuote(tokens, open, previous, span))) previous[1] = span[1]
    else merged.push(span)
  }
  // Inside a quotation the answer stays with its speech tag (`"No. We will not," he said.`).
  for (const k of answerStops) if (open[k]) answerStops.delete(k)
  const split = answerStops.size === 0 ? merged : merged.flatMap(([a, b]) => splitAt(a, b, answerStops))
  return split
    .filter(([a, b]) => a <= b && b < tokens.length)
    .map(([a, b]) => ({ begin: tokens[a]!.begin, end: tokens[b]!.end, paragraph, tokens: tokens.slice(a, b + 1) }))
}

/**
 * True when wink's token `value` (the i-th) is the answer "no" with its full stop, not "No." for "number": "no." in
 * lower case, or "No." alone as an answer, before a word in capitals or a quotation mark that is no number ("No. 2",
 * "No. One" stay abbreviations).
 */
function answerNo(value: string, values: readonly string[], types: readonly string[], i: number): boolean {
  if (value !== 'no.' && value !== 'No.') return false
  let k = i + 1
  while (k < values.length && (types[k] === 'tabCRLF' || values[k] === '')) k++
  const next = values[k]
  if (next === undefined) return value === 'no.'
  if (!/^[\p{Lu}"“‘']/u.test(next) || NUMBER_WORDS.has(next.toLowerCase())) return false
  // "No." in capitals names a number before a name too ("No. Ten Downing"): only before a quotation or a word that
  // begins a clause is it an answer.
  return value === 'no.' || /^["“‘']$/.test(next) || ANSWER_STARTS.has(next.toLowerCase())
}

/** The span [a, b] split after each token index in `stops` inside it. */
function splitAt(a: number, b: number, stops: ReadonlySet<number>): [number, number][] {
  const parts: [number, number][] = []
  let from = a
  for (let k = a; k < b; k++)
    if (stops.has(k)) {
      parts.push([from, k])
      from = k + 1
    }
  parts.push([from, b])
  return parts
}

function shouldMerge(tokens: readonly Token[], previous: readonly [number, number], next: readonly [number, number]): boolean {
  const last = tokens[previous[1]]!
  const beforeLast = tokens[previous[1] - 1]
  const first = tokens[next[0]]
  if (!first) return false
  // "Sens. John McCain": a title or month abbreviation before the period.
  if (last.text === '.' && beforeLast && beforeLast.end === last.begin && PERIOD_ABBREVIATIONS.has(beforeLast.normal) && /^[\p{Lu}\d]/u.test(first.text)) return true
  // "Sen. Lindsey Graham (R-S.C.) said" / "Chuck Schumer, D-N.Y., said": wink splits a dotted state between its two
  // letters ("R-S." | "C.)"), leaving a fragment and a sentence without its speaker.
  if (last.text === '.' && beforeLast && beforeLast.end === last.begin && /^\p{Lu}$/u.test(beforeLast.text) && /^\p{Lu}\.$/u.test(first.text)) return true
  // "Sen. Rand Paul (R-Ky.) said no": an abbreviation closing a parenthesis, and the sentence goes on in lower case.
  if (last.text === ')' && beforeLast?.text.endsWith('.') && /^\p{Ll}/u.test(first.text)) return true
  // `things?" Trump told the newspaper.` / `…,” the mayor asked.`: a speech tag after a closing quote.
  if (CLOSE_QUOTE.test(last.text) && beforeLast) {
    if (/^\p{Ll}/u.test(first.text)) return true
    // After `."` a capitalised word starts a new sentence; after `?"`, `!"` or `,"` a speech tag continues it.
    if (!/^[?!,]$/.test(beforeLast.text)) return false
    const head = tokens.slice(next[0], Math.min(next[1] + 1, next[0] + 6))
    const verb = head.findIndex((t) => SPEECH_VERBS.has(t.normal) && t.pos === 'VERB')
    if (verb >= 1 && verb <= 4 && next[1] - next[0] <= 14) return true
  }
  return false
}

/** For each token, whether a double quotation is open after it (straight quotes toggle; curly ones open and close). */
function quoteOpenAfter(tokens: readonly Token[]): boolean[] {
  let open = false
  return tokens.map((t) => {
    if (t.text === '“' || t.text === '«' || t.text === '„') open = true
    else if (t.text === '”' || t.text === '»') open = false
    else if (t.text === '"') open = !open
    return open
  })
}

/**
 * `“If Putin likes Donald Trump, guess what, folks? That’s called an asset, not a liability,” Trump said.`:
 * a quotation of several sentences that ends in `,”` and a speech tag is one attributed statement, so the
 * sentences inside it stay together with their tag.
 */
function continuesQuote(tokens: readonly Token[], open: readonly boolean[], previous: readonly [number, number], next: readonly [number, number]): boolean {
  if (!open[previous[1]]) return false
  for (let k = next[0]; k <= next[1]; k++) {
    if (!CLOSE_QUOTE.test(tokens[k]!.text) || open[k]) continue
    // The quotation closes in this sentence: merge only if it closes with a comma and a speech tag follows.
    if (tokens[k - 1]?.text !== ',') return false
    const tag = tokens.slice(k + 1, Math.min(next[1] + 1, k + 6))
    return tag.some((t) => SPEECH_VERBS.has(t.normal) && t.pos === 'VERB')
  }
  return false
}
