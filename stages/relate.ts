// relate: how two aligned sentences relate, and what differs when they conflict. Only ever asked of sentences
// already aligned as one statement: two different events may both mention "100 people".
import { WEEKDAYS } from './nlp.js'
import type { SentenceFeatures } from './similarity.js'
import type { NumberMention, Relation, Sentence } from './types.js'

/** A relation and, for a conflict, the two differing values (as each sentence words them). */
export interface Related {
  readonly relation: Relation
  readonly values: readonly [string, string] | null
}

const NEGATIONS = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'none', 'neither', 'nor', 'without'])

/**
 * The relation of two aligned sentences, most telling first: identical wording; a number conflict (the same
 * quantity with different values, or different weekdays); a negation conflict (one denies what the other
 * states); a quote conflict (the same quotation in different words); attribution differs (the same claim
 * sourced to someone else); partial (one says clearly more); else paraphrase. Symmetric: `relate(a, b)` and
 * `relate(b, a)` give the same relation, values swapped.
 */
export function relate(a: Sentence, b: Sentence, fa: SentenceFeatures, fb: SentenceFeatures): Related {
  if (fa.wording === fb.wording) return { relation: 'identical', values: null }
  const numbers = numberConflict(a, b)
  if (numbers) return { relation: 'number_conflict', values: numbers }
  const weekdays = weekdayConflict(a, b)
  if (weekdays) return { relation: 'number_conflict', values: weekdays }
  const negation = negationConflict(a, b, fa, fb)
  if (negation) return { relation: 'negation_conflict', values: negation }
  const quote = quoteConflict(a, b)
  if (quote) return { relation: 'quote_conflict', values: quote }
  if (a.attribution && b.attribution && attributionDiffers(a.attribution, b.attribution)) return { relation: 'attribution_differs', values: [a.attribution, b.attribution] }
  if (saysMore(fa, fb)) return { relation: 'partial', values: null }
  return { relation: 'paraphrase', values: null }
}

/** True for the relations that are conflicts. */
export function isConflict(relation: Relation): boolean {
  return relation === 'number_conflict' || relation === 'quote_conflict' || relation === 'negation_conflict'
}

/** True for a relation that `conflicts.csv` lists: a dispute, or the same claim credited to another source (sourcing, not a dispute). */
export function isListed(relation: Relation): boolean {
  return isConflict(relation) || relation === 'attribution_differs'
}

// The same quantity: numbers counting the same word (by stem-like prefix: "vehicles"/"vehicle"), or both money.
function unitKey(n: NumberMention): string | null {
  if (n.unit === null) return null
  const unit = n.unit.toLowerCase()
  if (/^[$€£¥]$/.test(unit)) return unit
  return unit.replace(/(?:ies|es|s)$/, '')
}

/** "42,000 vehicles" against "38,000 vehicles": a unit both count, with no value in common. */
function numberConflict(a: Sentence, b: Sentence): [string, string] | null {
  const byUnit = (s: Sentence) => {
    const map = new Map<string, NumberMention[]>()
    for (const n of s.numbers) {
      const key = unitKey(n)
      if (key === null) continue
      map.set(key, [...(map.get(key) ?? []), n])
    }
    return map
  }
  const ua = byUnit(a)
  const ub = byUnit(b)
  for (const [unit, xs] of [...ua].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const ys = ub.get(unit)
    if (!ys) continue
    const close = (x: number, y: number) => Math.abs(x - y) <= 0.005 * Math.max(Math.abs(x), Math.abs(y))
    if (xs.some((x) => ys.some((y) => close(x.value, y.value)))) continue
    // The same quantity is said of the same thing: "carries 42,000 vehicles" / "carries 38,000 vehicles", not
    // "$5 billion in funding for the wall" / "$1.3 billion to border security".
    for (const x of xs) for (const y of ys) if (shareContext(a, x, b, y)) return [x.text, y.text]
  }
  return null
}

/** True when the words around two spans (four on each side, numbers aside) share a content stem. */
function shareContext(a: Sentence, x: { begin: number; end: number }, b: Sentence, y: { begin: number; end: number }): boolean {
  const around = (s: Sentence, span: { begin: number; end: number }) => {
    const at = s.tokens.findIndex((t) => t.begin >= span.begin)
    const last = s.tokens.findIndex((t) => t.end >= span.end)
    const near = [...s.tokens.slice(Math.max(0, at - 4), at), ...s.tokens.slice(last + 1, last + 5)]
    return new Set(near.filter((t) => t.kind === 'word' && !t.stop && t.pos !== 'NUM').map((t) => t.stem))
  }
  const ca = around(a, x)
  for (const stem of around(b, y)) if (ca.has(stem)) return true
  return false
}

/** "on Monday" against "on Tuesday": each names one weekday, and they differ. */
function weekdayConflict(a: Sentence, b: Sentence): [string, string] | null {
  const days = (s: Sentence) => s.tokens.filter((t) => WEEKDAYS.has(t.normal.toLowerCase()))
  const da = days(a)
  const db = days(b)
  if (new Set(da.map((t) => t.normal)).size !== 1 || new Set(db.map((t) => t.normal)).size !== 1 || da[0]!.normal === db[0]!.normal) return null
  // Of the same event: "found on Monday" / "found the cracks on Tuesday", not "blasted on Monday" / "fired Friday".
  return shareContext(a, da[0]!, b, db[0]!) ? [cap(da[0]!.normal), cap(db[0]!.normal)] : null
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

/**
 * "the 2024 report flagged corrosion" against "the 2024 report didn't flag any corrosion": one sentence negates a
 * word the other states plainly. A negation near a word the other sentence lacks ("did not end until after 11")
 * is another way of saying, not a denial.
 */
function negationConflict(a: Sentence, b: Sentence, fa: SentenceFeatures, fb: SentenceFeatures): [string, string] | null {
  if (fa.negated === fb.negated) return null
  const [negated, plain, flip] = fa.negated ? [a, b, false] : [b, a, true]
  const plainStems = new Set(plain.tokens.map((t) => t.stem))
  const tokens = negated.tokens
  for (let i = 0; i < tokens.length; i++) {
    // "not only a departure … but also": emphasis, not denial.
    if (!NEGATIONS.has(tokens[i]!.normal) || tokens[i + 1]?.normal === 'only') continue
    // The negated word: the next verb or noun within three words ("didn't flag", "not the cause").
    for (let k = i + 1; k < Math.min(tokens.length, i + 4); k++) {
      const t = tokens[k]!
      if ((t.pos === 'VERB' || t.pos === 'NOUN' || t.pos === 'ADJ') && !t.stop) {
        if (!plainStems.has(t.stem)) break
        const denied = negated.text.slice(tokens[i === 0 || tokens[i - 1]!.pos !== 'AUX' ? i : i - 1]!.begin - negated.begin, t.end - negated.begin)
        const stated = plain.tokens.find((p) => p.stem === t.stem)!.text
        return flip ? [stated, denied] : [denied, stated]
      }
    }
  }
  return null
}

/** The same quotation (most of the shorter quote's words in the other) with words changed inside the marks. */
function quoteConflict(a: Sentence, b: Sentence): [string, string] | null {
  for (const qa of a.quotes)
    for (const qb of b.quotes) {
      const fidelity = compareQuotes(qa.text, qb.text)
      if (fidelity === 'changed') return [qa.text, qb.text]
    }
  return null
}

/** How faithfully one rendering of a quotation matches another, or `different` when they are not the same quote. */
export type Fidelity = 'exact' | 'minor' | 'truncated' | 'changed' | 'different'

/** Compare two renderings of a quotation word by word (case, punctuation and curly quotes aside). */
export function compareQuotes(x: string, y: string): Fidelity {
  return compareQuoteWords(quoteWords(x), quoteWords(y), x, y)
}

/** `compareQuotes` on words already split by `quoteWords`. */
export function compareQuoteWords(wx: readonly string[], wy: readonly string[], x: string, y: string): Fidelity {
  if (wx.length === 0 || wy.length === 0) return 'different'
  if (wx.join(' ') === wy.join(' ')) return x.trim() === y.trim() ? 'exact' : 'minor'
  const [short, long] = wx.length <= wy.length ? [wx, wy] : [wy, wx]
  // A quotation of a few words is the same quote only when its words are the same; "I hope I do" is everywhere.
  if (short.length < 5) return 'different'
  // Truncated: the shorter one is a run of the longer one's words.
  if (short.length >= 3 && ` ${long.join(' ')} `.includes(` ${short.join(' ')} `)) return 'truncated'
  const shared = lcs(short, long)
  if (shared < Math.max(3, Math.ceil(0.6 * short.length))) return 'different'
  // The same quotation shares its telling words, not only "I" and "do".
  const content = short.filter((w) => !FUNCTION_WORDS.has(w))
  const longWords = new Set(long)
  if (content.filter((w) => longWords.has(w)).length < Math.min(2, content.length) || content.length === 0) return 'different'
  // One word added, dropped or swapped is a minor difference; more is a changed quote.
  return long.length - shared <= 1 && short.length - shared <= 1 ? 'minor' : 'changed'
}

const FUNCTION_WORDS = new Set(
  'i me my we us our you your he him his she her it its they them their a an the and or but if of to in on at by for with from as is are was were be been am do does did not no so that this there what who will would can could should have has had'.split(' '),
)

/** The words of a quotation, lower case, punctuation and curly quotes aside. */
export function quoteWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[‘’`]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w !== '')
}

/** Length of the longest common subsequence of two word lists. */
function lcs(x: readonly string[], y: readonly string[]): number {
  const row = new Array<number>(y.length + 1).fill(0)
  for (let i = 1; i <= x.length; i++) {
    let diagonal = 0
    for (let j = 1; j <= y.length; j++) {
      const above = row[j]!
      row[j] = x[i - 1] === y[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!)
      diagonal = above
    }
  }
  return row[y.length]!
}

// Anonymous sourcing: "an official familiar with the inspection", "people briefed on the talks", "sources said".
export const ANONYMOUS = /\b(?:familiar with|briefed on|close to|speaking on condition|on condition of anonymity|not authori[sz]ed|anonymous|unnamed|sources?)\b/i

/**
 * Attribution differs when the same claim is sourced to two different named sources ("the Kremlin" / "the White
 * House"), or to a named or official source in one outlet and an anonymous one in the other. A role and a name
 * ("the mayor" / "Diane Whitlock") or a general and a particular source ("city officials" / "Samuel Ortega")
 * may be the same people and are not called a difference.
 */
export function attributionDiffers(x: string, y: string): boolean {
  const anonymousX = ANONYMOUS.test(x)
  const anonymousY = ANONYMOUS.test(y)
  if (anonymousX !== anonymousY) return true
  if (anonymousX) return false
  return isName(x) && isName(y) && !sameSource(x, y)
}

/** A name: every word capitalised ("Samuel Ortega", "Port Alder Transit", "Kremlin"). */
export function isName(source: string): boolean {
  const words = source.split(/\s+/).filter((w) => !/^(?:of|the|and|de|al)$/i.test(w))
  return words.length > 0 && words.every((w) => /^\p{Lu}/u.test(w))
}

/** Two named sources are the same when one's words are within the other's ("Ortega" / "Samuel Ortega"). */
export function sameSource(x: string, y: string): boolean {
  const words = (s: string) => s.toLowerCase().replace(/['’]s\b/g, '').split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '' && !/^(?:the|a|an|of)$/.test(w))
  const a = words(x)
  const b = words(y)
  if (a.length === 0 || b.length === 0) return true
  // "Tim Murray" / "Timothy Murray", "Vicente Fox" / "Vincente Fox": one surname, one person.
  if (a.length > 1 && b.length > 1 && a[a.length - 1] === b[b.length - 1] && isName(x) && isName(y)) return true
  const [short, long] = a.length <= b.length ? [a, new Set(b)] : [b, new Set(a)]
  return short.every((w) => long.has(w))
}

/** One sentence says clearly more: it is half as long again, and holds most of the other's content words. */
function saysMore(fa: SentenceFeatures, fb: SentenceFeatures): boolean {
  const [short, long] = fa.words <= fb.words ? [fa, fb] : [fb, fa]
  if (long.words < 1.5 * short.words || short.stems.size === 0) return false
  let shared = 0
  for (const stem of short.stems.keys()) if (long.stems.has(stem)) shared++
  return shared / short.stems.size >= 0.7
}

