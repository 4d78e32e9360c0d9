// relate, numbers: two units that give the same quantity of the same thing with other values ("42,000 vehicles" /
// "38,000 vehicles", one toll told in other words), or other weekdays for one event.
import {
  APPROXIMATE,
  LOWER_BOUND,
  MONTHS_ALONE,
  ODDS_AFTER,
  ODDS_BEFORE,
  PLURAL_SUFFIX,
  RANGE_BEFORE,
  RANK_BEFORE,
  TOLL_NOUNS,
  TOLL_WORDS,
  UPPER_BOUND,
  WEEKDAYS,
} from '../../lang/en/words.js'
import { AGE_UNIT, SCALE_UNITS } from '../../lang/en/quantities.js'
import { sameSource } from '../../lang/en/sources.js'
import { isTally } from '../segment/index.js'
import type { NumberMention, Sentence, Token } from '../../core/types.js'

/**
 * The most quotations, numbers and negations of one unit a dispute is looked for among: its first 32. A sentence of
 * news holds a few; each pair of them is compared against the whole of both sentences, so a hostile sentence of a
 * thousand numbers or negations took minutes.
 */
export const DISPUTE_ITEMS = 32

// The same quantity: numbers counting the same word (by stem-like prefix: "vehicles"/"vehicle"), or both money.
function unitKey(n: NumberMention): string | null {
  if (n.unit === null) return null
  const unit = n.unit.toLowerCase()
  if (/^(?:[$€£¥]|[a-z]{1,3}\$)$/.test(unit)) return unit
  return unit.replace(PLURAL_SUFFIX, '')
}

/** A number conflict: the two values as worded and as numbers, and whether they count one toll (the dead, the hurt …). */
export interface NumberConflict {
  readonly values: [string, string]
  readonly a: number
  readonly b: number
  readonly toll: boolean
}

/** "42,000 vehicles" against "38,000 vehicles": a unit both count, with no value in common. */
export function numberConflict(a: Sentence, b: Sentence): NumberConflict | null {
  const byUnit = (s: Sentence) => {
    const map = new Map<string, NumberMention[]>()
    for (const n of s.numbers.slice(0, DISPUTE_ITEMS)) {
      const key = unitKey(n)
      if (key === null) continue
      map.set(key, [...(map.get(key) ?? []), n])
    }
    return map
  }
  const ua = byUnit(a)
  const ub = byUnit(b)
  const near = (x: number, y: number) => Math.abs(x - y) <= 0.005 * Math.max(Math.abs(x), Math.abs(y))
  // A tally's counts are exact: 219-212 and 220-211 give no count in common.
  const same = (x: NumberMention, y: NumberMention) => (isTally(x) || isTally(y) ? x.value === y.value : near(x.value, y.value))
  for (const [unit, xs] of [...ua].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const ys = ub.get(unit)
    if (!ys) continue
    // "killed 12 people and injured 40" / "killed 12 and injured 38": the dead and the hurt are two counts of people,
    // each compared with its own kind (or with a count of no known toll) only.
    const tollA = new Map(xs.map((x) => [x, tollNear(a, x)]))
    const tollB = new Map(ys.map((y) => [y, tollNear(b, y)]))
    const fits = (p: string | null, q: string | null) => p === null || q === null || p === q
    // A value both give, with or without its unit ("35.72, and … 45.8 percent" / "35.7 percent"), is the one
    // quantity they share; the others count other things.
    const givenByB = (x: NumberMention) => b.numbers.some((y) => same(x, y) && fits(tollA.get(x)!, tollB.get(y) ?? tollNear(b, y)))
    const givenByA = (y: NumberMention) => a.numbers.some((x) => same(x, y) && fits(tollA.get(x) ?? tollNear(a, x), tollB.get(y)!))
    // The same quantity is said of the same thing: "carries 42,000 vehicles" / "carries 38,000 vehicles", not
    // "$5 billion in funding for the wall" / "$1.3 billion to border security".
    for (const x of xs)
      for (const y of ys) {
        if (!fits(tollA.get(x)!, tollB.get(y)!)) continue
        // "Marta Ruiz, 34," / "Ruiz, 43,": the age of one person named by both is one quantity, whatever the verbs or
        // the other ages; the ages of two people are two ("Ruiz, 34," / "Diaz, 43,").
        if (unit === AGE_UNIT) {
          const pa = personAged(a, x)
          const pb = personAged(b, y)
          if (pa !== null && pb !== null) {
            if (sameSource(pa, pb) && x.value !== y.value) return { values: [x.text, y.text], a: x.value, b: y.value, toll: false }
            continue
          }
        }
        if (xs.some((u) => fits(tollA.get(u)!, tollB.get(y)!) && givenByB(u)) || ys.some((v) => fits(tollA.get(x)!, tollB.get(v)!) && givenByA(v))) continue
        if (!isQuantity(a, x) || !isQuantity(b, y)) continue
        // "more than $1 million" / "$1.1 million", "about 40,000" / 38,500: a rounded or bounded value agrees.
        if (approximateAgrees(a, x, y.value) || approximateAgrees(b, y, x.value)) continue
        // One magnitude, or one category, on each side of a statement: the event's own.
        if (SCALE_UNITS.has(unit) && xs.length === 1 && ys.length === 1) return { values: [x.text, y.text], a: x.value, b: y.value, toll: false }
        // The counted noun itself ("vehicles", "percent") is shared by construction: the context must share another
        // word, the predicate or the thing counted ("3 people were hurt" / "2 people died" are two counts), and the
        // clauses of the two values the same verb ("carries 42,000 vehicles" / "carries 38,000 vehicles", "approved
        // the levy by a margin of 812 votes" / "approved the levy by a margin of 900 votes"). A story counts many
        // things near the same nouns ("counted 300 protesters outside the courthouse" / "120 protesters marched from
        // courthouse steps"), and a sum of money names no thing at all ("use $3.6 billion from construction
        // projects" / "requested $5.7 billion for construction").
        if (!shareContext(a, x, b, y, unit)) continue
        const predicate = shareVerb(a, x, b, y)
        if (predicate !== null) return { values: [x.text, y.text], a: x.value, b: y.value, toll: predicate.startsWith(TOLL_PREFIX) }
      }
  }
  return null
}

/**
 * True when `n` in `s` is approximate, bounded or the end of a range and `other` fits it (within 15%, on the bound's
 * side, or inside the range: "between 10 and 12 people" / "Eleven people").
 */
function approximateAgrees(s: Sentence, n: NumberMention, other: number): boolean {
  const before = s.text.slice(Math.max(0, n.begin - s.begin - 24), n.begin - s.begin).replace(/[$€£¥]\s*$/, '')
  const range = RANGE_BEFORE.exec(before)
  if (range) {
    const end = s.numbers.find((m) => m.end <= n.begin && m.text === (range[1] ?? range[2]))
    if (end && end.value < n.value) return other >= end.value && other <= n.value
  }
  const m = APPROXIMATE.exec(before)
  if (!m) return false
  const word = m[0].trim().toLowerCase()
  if (LOWER_BOUND.test(word)) return other >= n.value
  if (UPPER_BOUND.test(word)) return other <= n.value
  // A round figure agrees with a value that rounds to it: "about 40,000" / 38,500, not "roughly 42,000" / 38,000.
  const step = roundingStep(n.value)
  return Math.round(other / step) * step === n.value
}

/** The place a round figure is given to: 40,000 → 10,000; 42,000 → 1,000; 1.8 million → 100,000; 7 → 1. */
function roundingStep(value: number): number {
  let step = 1
  const v = Math.abs(Math.round(value))
  if (v !== value && value !== 0) return 10 ** Math.floor(Math.log10(Math.abs(value)) - 1)
  while (v > 0 && v % (step * 10) === 0) step *= 10
  return step
}

/**
 * True for a number that states a quantity: not a rank or label ("the No. 2 position", "#3"), not part of odds
 * ("a one-in-three chance", "1-in-3"), not a year ("since 2007"), not the former value of a change ("from 10 to 12").
 */
function isQuantity(s: Sentence, n: NumberMention): boolean {
  const before = s.text.slice(Math.max(0, n.begin - s.begin - 8), n.begin - s.begin)
  const after = s.text.slice(n.end - s.begin, n.end - s.begin + 12)
  if (RANK_BEFORE.test(before)) return false
  if (ODDS_AFTER.test(after) || ODDS_BEFORE.test(before)) return false
  // "rose from 10 to 12": the former value; the quantity now is the one after "to".
  if (/\bfrom\s*[$€£¥]?$/i.test(before) && /^\s*(?:people\s+)?to\s+[$€£¥]?\d/i.test(after.replace(/^\S*\s*(?=to\b)/, ' '))) return false
  if (Number.isInteger(n.value) && n.value >= 1800 && n.value <= 2100 && !/^[$€£¥]$/.test(n.unit ?? '') && /^\d{4}$/.test(n.text)) return false
  return true
}

/** The person whose age `n` is: the person named right before it ("Ruiz, 34") or right after it ("the 34-year-old Ruiz"); or null. */
function personAged(s: Sentence, n: NumberMention): string | null {
  // A name that a unit read alone does not type ("treated Ruiz, 43,") is taken for a person; a place or a body is not.
  const persons = s.entities.filter((e) => e.type === 'person' || e.type === 'other')
  const before = persons.find((e) => e.end <= n.begin && n.begin - e.end <= 3)
  const after = persons.find((e) => e.begin >= n.end && e.begin - n.end <= 14)
  return (before ?? after)?.name ?? null
}

/** True when the words around two spans (four on each side, numbers and the counted `unit` aside) share a content stem. */
function shareContext(a: Sentence, x: { begin: number; end: number }, b: Sentence, y: { begin: number; end: number }, unit: string | null = null): boolean {
  const around = (s: Sentence, span: { begin: number; end: number }) => {
    const at = s.tokens.findIndex((t) => t.begin >= span.begin)
    const last = s.tokens.findIndex((t) => t.end >= span.end)
    const near = [...s.tokens.slice(Math.max(0, at - 4), at), ...s.tokens.slice(last + 1, last + 5)]
    const counted = (t: Token) => unit !== null && t.normal.toLowerCase().replace(PLURAL_SUFFIX, '') === unit
    const words = near.filter((t) => t.kind === 'word' && !t.stop && t.pos !== 'NUM' && !counted(t))
    return new Set([...words.map((t) => t.stem), ...tollsOf(words)])
  }
  const ca = around(a, x)
  for (const stem of around(b, y)) if (ca.has(stem)) return true
  return false
}

/** The toll a number counts: the toll word nearest it, up to three words before or after it in its clause; or null. */
function tollNear(s: Sentence, n: NumberMention): string | null {
  const tokens = s.tokens
  const at = tokens.findIndex((t) => t.begin >= n.begin)
  const last = tokens.findIndex((t) => t.end >= n.end)
  if (at < 0 || last < 0) return null
  for (let d = 1; d <= 3; d++) {
    for (const k of [last + d, at - d]) {
      const t = tokens[k]
      if (t === undefined) continue
      // "The death toll rose to 14": the tally's noun stands for the toll named before it.
      const word = TOLL_NOUNS.has(t.normal.toLowerCase()) && k > 0 ? tokens[k - 1]!.normal : t.normal
      const toll = TOLL_WORDS.get(word.toLowerCase())
      if (toll !== undefined && !clauseBetween(tokens, Math.min(k, at), Math.max(k, last))) return toll
    }
  }
  return null
}

/** Whether a mark that ends a clause, or "and", stands between tokens `from` and `to`. */
function clauseBetween(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from + 1; k < to; k++) if ((tokens[k]!.kind === 'punctuation' && CLAUSE_MARK.test(tokens[k]!.text)) || tokens[k]!.normal === 'and') return true
  return false
}

/** The tolls the words tell ("killed", "died", "dead": the dead), as `TOLL_WORDS` names them. */
function tollsOf(tokens: readonly Token[]): string[] {
  return tokens.flatMap((t) => TOLL_WORDS.get(t.normal.toLowerCase()) ?? [])
}

/**
 * The predicate the clauses of two spans (back and on to a mark that ends a clause) share: a verb of one stem, or
 * words of one toll ("were killed" / "died", as `toll:dead`), a toll first; null when they share none.
 */
function shareVerb(a: Sentence, x: { begin: number }, b: Sentence, y: { begin: number }): string | null {
  const verbs = (s: Sentence, span: { begin: number }) => {
    const ends = (t: Token) => t.kind === 'punctuation' && CLAUSE_MARK.test(t.text)
    const at = Math.max(0, s.tokens.findIndex((t) => t.begin >= span.begin))
    let from = at
    while (from > 0 && !ends(s.tokens[from - 1]!)) from--
    let to = at
    while (to < s.tokens.length && !ends(s.tokens[to]!)) to++
    const clause = s.tokens.slice(from, to)
    return new Set([...clause.filter((t) => t.pos === 'VERB').map((t) => t.stem), ...tollsOf(clause)])
  }
  const va = verbs(a, x)
  let shared: string | null = null
  // A toll first: "were killed" / "died" share it, whatever other verb they share besides.
  for (const v of verbs(b, y)) if (va.has(v) && (shared === null || v.startsWith(TOLL_PREFIX))) shared = v
  return shared
}

/** How `TOLL_WORDS` names a toll: "toll:dead". */
const TOLL_PREFIX = 'toll:'

/** The marks that end a clause. */
const CLAUSE_MARK = /^[,;:.!?—–()]$/

/** "on Monday" against "on Tuesday": each names one weekday, and they differ. */
export function weekdayConflict(a: Sentence, b: Sentence): [string, string] | null {
  const days = (s: Sentence) => s.tokens.filter((t) => WEEKDAYS.has(t.normal.toLowerCase()))
  const da = days(a)
  const db = days(b)
  if (new Set(da.map((t) => t.normal)).size !== 1 || new Set(db.map((t) => t.normal)).size !== 1 || da[0]!.normal === db[0]!.normal) return null
  // Of the same event: "found on Monday" / "found the cracks on Tuesday", not "blasted on Monday" / "fired Friday".
  // A story told over days names a day for each of its events, so the two clauses must share the event's verb too:
  // "a letter sent Tuesday to the lawyer" / "in a letter to the chairman on Friday, a lawyer said" are two letters.
  return shareContext(a, da[0]!, b, db[0]!) && shareVerb(a, da[0]!, b, db[0]!) ? [cap(da[0]!.normal), cap(db[0]!.normal)] : null
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

/**
 * "will vote in March" against "will vote in April": each names one month without a day (a day with its month is a
 * number, compared as one), outside any name, and they differ, in clauses of one event as for weekdays.
 */
export function monthConflict(a: Sentence, b: Sentence): [string, string] | null {
  const ma = monthAlone(a)
  const mb = monthAlone(b)
  if (ma === null || mb === null || ma.normal === mb.normal) return null
  return shareContext(a, ma, b, mb) && shareVerb(a, ma, b, mb) ? [cap(ma.normal), cap(mb.normal)] : null
}

/** The one month a unit names without a day (its first mention), or null when it names none, two, or more than `DISPUTE_ITEMS` mentions. */
function monthAlone(s: Sentence): Token | null {
  let found: Token | null = null
  let mentions = 0
  for (let k = 0; k < s.tokens.length; k++) {
    const t = s.tokens[k]!
    if (!MONTHS_ALONE.has(t.normal) || !/^\p{Lu}/u.test(t.text)) continue
    // "March 3", "3 March", "the 3rd of March": a day of the month, which the numbers compare.
    if (s.tokens[k + 1]?.kind === 'number' && Number(s.tokens[k + 1]!.text.replace(/\D+$/, '')) <= 31) continue
    if (s.tokens[k - 1]?.kind === 'number' || (s.tokens[k - 1]?.normal === 'of' && s.tokens[k - 2]?.kind === 'number')) continue
    if (++mentions > DISPUTE_ITEMS) return null
    // "the Women's March", "April Ryan": part of a name.
    if (s.entities.some((e) => e.type !== 'other' && e.begin <= t.begin && t.end <= e.end)) continue
    if (found !== null && found.normal !== t.normal) return null
    found ??= t
  }
  return found
}
