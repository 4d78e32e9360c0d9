// relate: opposite outcomes told of one matter, against each other: "The hostage was found alive" / "The hostage
// died"; "The jury acquitted Ruiz" / "Ruiz was convicted"; "The Senate passed the bill" / "The bill failed in the
// Senate". The labelling guide calls it a negation conflict: one states what the other denies, about the same
// predicate and participants. Both units must state their side plainly (not negated, wished, put ahead, hedged or
// asked), neither may hold the other side at all ("two died and three survived"), the two clauses must share two
// more words, and they must be of the same people and bodies.
import { AHEAD_WORDS, CONDITION_WORDS, HEDGING_WORDS, INFINITIVE_MARKER, NEGATIONS, OPPOSITE_OUTCOMES, PASSED_OTHERWISE, UNASSERTING } from '../../lang/en/words.js'
import { sameSource } from '../../lang/en/sources.js'
import { clauseFrom, clauseTo, isQuestion, quoted } from './unit-text.js'
import type { Entity, Sentence, Token } from '../../core/types.js'

/** Each pair of outcomes, its two sides as sets of word forms. */
const PAIRS = OPPOSITE_OUTCOMES.map((p) => ({ ...p, forms: p.sides.map((side) => new Set(side.split(' '))) as [Set<string>, Set<string>] }))

// Every form of every pair, so that a pair's own words are never counted as the words two clauses share.
const ALL_FORMS = new Set(PAIRS.flatMap((p) => [...p.forms[0], ...p.forms[1]]))

/** The most outcome words of one unit compared (a hostile unit of thousands costs no more than a few). */
const MOST_WORDS = 8

/** The most outcome words of one unit tested for being stated plainly (each test reads back through its clause). */
const MOST_TESTED = 32

/** Opposite outcomes of two units: each side as its unit words it (`a`'s first), and whether it is one event at two times. */
export interface Opposite {
  readonly values: [string, string]
  readonly update: boolean
}

/**
 * Opposite outcomes in two units linked as one statement, or null. `daysApart` (whole days from `a`'s article to
 * `b`'s) reads a pair whose state may change as it may: "was found alive" on Monday and "died" on Tuesday is an
 * update of one event, a rise one day and a fall the next no call at all.
 */
export function oppositeOutcome(a: Sentence, b: Sentence, daysApart: number): Opposite | null {
  if (isQuestion(a) || isQuestion(b)) return null
  for (const pair of PAIRS) {
    if (pair.changes === 'either way' && daysApart !== 0) continue
    const sa = sideOf(a, pair.forms)
    const sb = sideOf(b, pair.forms)
    if (sa === null || sb === null || sa.side === sb.side) continue
    // Alive, then dead: the later report tells what became of the earlier one's. The other way round is left uncalled.
    const later = daysApart > 0 ? sb.side : sa.side
    if (pair.changes === 'first to second' && daysApart !== 0 && later !== 1) continue
    for (const i of sa.stated)
      for (const j of sb.stated) {
        if (sameMatter(a, i, b, j)) return { values: [wordsOf(a, i), wordsOf(b, j)], update: pair.changes === 'first to second' && daysApart !== 0 }
      }
  }
  return null
}

/** The one side of a pair a unit holds, with the tokens that state it plainly; null when it holds neither or both. */
function sideOf(s: Sentence, forms: readonly [Set<string>, Set<string>]): { side: number; stated: number[] } | null {
  const held = [false, false]
  const stated: number[] = []
  let side = -1
  let tested = 0
  s.tokens.forEach((t, k) => {
    for (const n of [0, 1] as const) {
      if (!forms[n].has(t.normal) || (t.normal === 'passed' && PASSED_OTHERWISE.has(s.tokens[k + 1]?.normal ?? ''))) continue
      held[n] = true
      side = n
      if (stated.length < MOST_WORDS && tested++ < MOST_TESTED && plainlyStated(s, k)) stated.push(k)
    }
  })
  if (held[0] === held[1] || stated.length === 0) return null
  return { side, stated }
}

/**
 * Whether the outcome word at `k` is stated: outside quotation marks, and in its clause not after a negation ("was
 * not convicted"), a wish, a condition or an allegation ("could win", "if he survives", "allegedly killed"), nor put
 * ahead ("will win", "to win").
 */
function plainlyStated(s: Sentence, k: number): boolean {
  const tokens = s.tokens
  if (quoted(s, tokens[k]!)) return false
  for (let j = k - 1; j >= clauseFrom(tokens, k); j--) {
    const w = tokens[j]!.normal
    if (NEGATIONS.has(w) || UNASSERTING.has(w) || CONDITION_WORDS.has(w) || HEDGING_WORDS.has(w)) return false
    if (j >= k - 2 && (AHEAD_WORDS.has(w) || w === INFINITIVE_MARKER)) return false
  }
  return true
}

/** The content word stems of the clause of token `k`, outcome words left out, numbers too (two counts of people are not one participant). */
function clauseWords(tokens: readonly Token[], k: number): Set<string> {
  const stems = new Set<string>()
  for (let j = clauseFrom(tokens, k); j < clauseTo(tokens, k); j++) {
    const t = tokens[j]!
    if (!t.stop && t.kind === 'word' && !ALL_FORMS.has(t.normal)) stems.add(t.stem)
  }
  return stems
}

/** The entities within the clause of token `k`. */
function clauseEntities(s: Sentence, k: number): Entity[] {
  const from = s.tokens[clauseFrom(s.tokens, k)]!.begin
  const to = s.tokens[clauseTo(s.tokens, k) - 1]!.end
  return s.entities.filter((e) => e.begin >= from && e.end <= to)
}

/**
 * The same matter on both sides: the two clauses share two content words besides the outcome words, and when both
 * name people or bodies, every name of one is named by the other ("The Senate passed the health bill" / "The House rejected the
 * health bill" are two votes; "Smith won the primary" / "Jones lost the primary" one contest told of two people).
 */
function sameMatter(a: Sentence, i: number, b: Sentence, j: number): boolean {
  const wa = clauseWords(a.tokens, i)
  let shared = 0
  for (const w of clauseWords(b.tokens, j)) if (wa.has(w)) shared++
  if (shared < 2) return false
  const ea = clauseEntities(a, i)
  const eb = clauseEntities(b, j)
  if (ea.length === 0 || eb.length === 0) return true
  return ea.every((x) => eb.some((y) => sameSource(x.name, y.name))) || eb.every((y) => ea.some((x) => sameSource(x.name, y.name)))
}

/** The words of a side as the unit writes them: the outcome word, with the auxiliary before it ("was acquitted"). */
function wordsOf(s: Sentence, k: number): string {
  const t = s.tokens[k]!
  const before = s.tokens[k - 1]
  const first = before !== undefined && before.pos === 'AUX' ? before : t
  return s.text.slice(first.begin - s.begin, t.end - s.begin)
}
