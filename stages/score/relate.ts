// relate: how two aligned sentences relate, and what differs when they conflict. Only ever asked of sentences
// already aligned as one statement: two different events may both mention "100 people".
import { stem } from '../../lang/en/nlp.js'
import {
  AHEAD_BEFORE_TO,
  AHEAD_WORDS,
  ANSWER_VERB,
  CONDITION_AFTER_WORDS,
  CONDITION_WORDS,
  INFINITIVE_MARKER,
  INTENTION_WORDS,
  IRREGULAR_PAST,
  NEGATIONS,
  NEGATIVE_VERBS,
  NOT_DENIALS,
  PAST_BEFORE_TO,
  PRESENT_THIRD_PERSON,
  REGULAR_PAST,
  SPEECH_VERBS,
  UNASSERTING,
} from '../../lang/en/words.js'
import { attributionDiffers, sameSource } from '../../lang/en/sources.js'
import { compareQuotes } from './quote-compare.js'
import { denialConflict } from './denial.js'
import { oppositeOutcome } from './opposites.js'
import { DISPUTE_ITEMS, monthConflict, numberConflict, weekdayConflict } from './number-conflict.js'
import { clauseFrom, clauseTo, isQuestion, quoted } from './unit-text.js'
import type { SentenceFeatures } from '../similarity/index.js'
import type { Relation, Sentence, Token } from '../../core/types.js'

/** A relation and, for a conflict, the two differing values (as each sentence words them). */
export interface Related {
  readonly relation: Relation
  readonly values: readonly [string, string] | null
}

// Verbs that deny by their meaning, by stem, as tokens carry them ("denies" → "deni").
const NEGATIVE_VERB_STEMS = new Set([...NEGATIVE_VERBS].map((w) => stem(w)))

/** True when the negation at `i` sits in a condition ("if we don't get it", "unless", "whether"): up to twelve words back, within the sentence's clause chain. */
function conditional(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 12); k--) {
    const t = tokens[k]!.normal
    if (t === ';' || t === '.' || t === ':') break
    if (CONDITION_WORDS.has(t)) return true
  }
  // "No Legislation Until After Tax Cut Extension": a condition set after the denial.
  for (let k = i + 1; k < Math.min(tokens.length, i + 6); k++) {
    const t = tokens[k]!.normal
    if (t === ';' || t === '.' || t === ',') break
    if (CONDITION_AFTER_WORDS.has(t)) return true
  }
  return false
}

/**
 * True when the word at `k` sits, in its clause (back to a punctuation mark), after a word that wishes, urges or
 * expects it or opens a condition or an open question ("announces whether he plans to step down or will … seek a
 * second term": no term is sought yet), or in a condition.
 */
function unasserted(tokens: readonly Token[], k: number): boolean {
  for (let j = k - 1; j >= 0 && tokens[j]!.kind !== 'punctuation'; j--) if (UNASSERTING.has(tokens[j]!.normal) || CONDITION_WORDS.has(tokens[j]!.normal)) return true
  return conditional(tokens, k)
}

/** The content stems of the clause (between punctuation marks) of the token at `i`. */
function clauseStems(tokens: readonly Token[], i: number): Set<string> {
  const from = clauseFrom(tokens, i)
  const to = clauseTo(tokens, i)
  const stems = new Set<string>()
  for (let k = from; k < to; k++) if (!tokens[k]!.stop && (tokens[k]!.kind === 'word' || tokens[k]!.kind === 'number')) stems.add(tokens[k]!.stem)
  return stems
}

/** True when the clause of the negation at `i` (between punctuation marks) holds a content stem of the other sentence besides the word right after the negation. */
function clauseShares(tokens: readonly Token[], i: number, stems: ReadonlySet<string>): boolean {
  const from = clauseFrom(tokens, i)
  const to = clauseTo(tokens, i)
  let shared = 0
  for (let k = from; k < to; k++) {
    const t = tokens[k]!
    if (k === i || t.stop || (t.kind !== 'word' && t.kind !== 'number')) continue
    if (stems.has(t.stem)) shared++
  }
  return shared >= 2
}

/**
 * The relation of two aligned sentences, most telling first: identical wording; a number conflict (the same
 * quantity with different values, or different weekdays); a negation conflict (one denies what the other
 * states); a quote conflict (the same quotation in different words); attribution differs (the same claim
 * sourced to someone else); partial (one says clearly more); else paraphrase. Symmetric: `relate(a, b)` and
 * `relate(b, a)` give the same relation, values swapped.
 */
export function relate(a: Sentence, b: Sentence, fa: SentenceFeatures, fb: SentenceFeatures, options: RelateOptions = {}): Related {
  if (fa.wording === fb.wording) return { relation: 'identical', values: null }
  // One event told before and after it happened ("will speak by phone Saturday" / "spoke by phone on Saturday"):
  // an update, not a conflict, whatever numbers or words changed with time.
  const update = updateOf(a, b)
  if (update) return { relation: 'update', values: update }
  if (options.disputes !== false) {
    const dispute = disputeOf(a, b, fa, fb, options.daysApart ?? 0)
    if (dispute) return dispute
  }
  // A headline's "Trump Declares …" is no source: sources are compared between body sentences only, and, as for a
  // dispute, between two linked to each other (by way of a third unit, two sources may be of two claims).
  if (options.disputes !== false && a.unit === 'sentence' && b.unit === 'sentence' && a.attribution && b.attribution && attributionDiffers(a.attribution, b.attribution))
    return { relation: 'attribution_differs', values: [a.attribution, b.attribution] }
  if (saysMore(fa, fb)) return { relation: 'partial', values: null }
  return { relation: 'paraphrase', values: null }
}

/** Options of `relate`. */
export interface RelateOptions {
  /**
   * Whether a dispute (number, negation or quote conflict) may be called (default: true). False for two units that
   * share a statement without being linked to each other, only each to other members: they are the same claim by
   * way of a third unit, too weak a tie for a difference between them to be a dispute rather than two claims.
   */
  readonly disputes?: boolean
  /**
   * Whole days from the publication of `a`'s article to `b`'s (positive when `b`'s came later; default 0, as when
   * either date is unknown): a toll that grew from one day's report to a later one is an update, not a conflict.
   */
  readonly daysApart?: number
}

// The most items of one unit a dispute is looked for among (see `DISPUTE_ITEMS`).
export { DISPUTE_ITEMS }

/** A number, negation or quote conflict between two units, the most telling first, or null. */
function disputeOf(a: Sentence, b: Sentence, fa: SentenceFeatures, fb: SentenceFeatures, daysApart: number): Related | null {
  const numbers = numberConflict(a, b)
  if (numbers) {
    // "12 killed" on Monday, "death toll rises to 14" on Tuesday: a toll that grew between two days' reports is the
    // guide's update ("at least 10" later "14"), not a dispute. A toll that fell, or one of the same day, conflicts.
    if (numbers.toll && daysApart !== 0 && (daysApart > 0 ? numbers.b > numbers.a : numbers.a > numbers.b)) return { relation: 'update', values: numbers.values }
    return { relation: 'number_conflict', values: numbers.values }
  }
  const weekdays = weekdayConflict(a, b)
  if (weekdays) return { relation: 'number_conflict', values: weekdays }
  const months = monthConflict(a, b)
  if (months) return { relation: 'number_conflict', values: months }
  const negation = negationConflict(a, b, fa, fb)
  if (negation) return { relation: 'negation_conflict', values: negation }
  // "denied that he had sent it", "reports that it collapsed are false": a denial in other words than "not".
  const denial = denialConflict(a, b)
  if (denial) return { relation: 'negation_conflict', values: denial }
  // "was found alive" / "died", "was acquitted" / "was convicted": one states the outcome the other's denies (or, a
  // day or more later, what became of it: an update).
  const opposite = oppositeOutcome(a, b, daysApart)
  if (opposite) return { relation: opposite.update ? 'update' : 'negation_conflict', values: opposite.values }
  const quote = quoteConflict(a, b)
  if (quote) return { relation: 'quote_conflict', values: quote }
  return null
}

/** The verbs a unit puts ahead (base forms, by stem), each with the words that say so: "will speak" → speak. */
function aheadVerbs(s: Sentence): Map<string, string> {
  const found = new Map<string, string>()
  const tokens = s.tokens.filter((t) => !quoted(s, t))
  const verbAfter = (k: number): number => {
    for (let j = k + 1; j < Math.min(tokens.length, k + 4); j++) if (tokens[j]!.pos === 'VERB' || (s.unit === 'headline' && tokens[j]!.kind === 'word' && !tokens[j]!.stop)) return j
    return -1
  }
  tokens.forEach((t, k) => {
    const word = t.normal
    let at = -1
    if (AHEAD_WORDS.has(word)) at = verbAfter(k)
    else if (word === INFINITIVE_MARKER && k > 0 && (AHEAD_BEFORE_TO.has(tokens[k - 1]!.normal) || (s.unit === 'headline' && k <= 4))) at = verbAfter(k)
    // "will not resign", "has no plans to resign": a denial of the act, not the act put ahead (see negationConflict).
    if (at >= 0 && tokens.slice(word === INFINITIVE_MARKER ? Math.max(0, k - 2) : k + 1, at).some((x) => NEGATIONS.has(x.normal))) at = -1
    // An infinitive after the verb put ahead is ahead too: "is set to vote to override" → vote, override.
    for (let chain = 0; at >= 0 && chain < 3; chain++) {
      found.set(stem(tokens[at]!.normal), s.text.slice(t.begin - s.begin, tokens[at]!.end - s.begin))
      at = tokens[at + 1]?.normal === INFINITIVE_MARKER ? verbAfter(at + 1) : -1
    }
  })
  return found
}

/** The past-tense verbs of a unit outside quotation marks, by the stem of their base form. */
function pastVerbs(s: Sentence): Map<string, string> {
  const found = new Map<string, string>()
  for (const t of s.tokens) {
    if (t.pos !== 'VERB' || quoted(s, t)) continue
    // A headline tells what happened in the present tense: "I.R.S. Official Invokes 5th Amendment".
    const headlinePresent = s.unit === 'headline' && PRESENT_THIRD_PERSON.test(t.normal)
    const base = IRREGULAR_PAST.get(t.normal) ?? (REGULAR_PAST.test(t.normal) || headlinePresent ? t.normal : null)
    if (base !== null) found.set(stem(base), t.text)
  }
  return found
}

/**
 * The events a unit tells in the past, by stem, with their words: its past verbs, and what a vote decided ("voted to
 * override"); none when it has no past verb.
 */
function toldEvents(s: Sentence): Map<string, string> {
  const found = pastVerbs(s)
  if (found.size === 0) return found
  const tokens = s.tokens.filter((t) => !quoted(s, t))
  tokens.forEach((t, k) => {
    if (!PAST_BEFORE_TO.has(t.normal)) return
    // "voted to override", "voted Wednesday to override", "voted 97-1 to override".
    for (let j = k + 1; j < Math.min(tokens.length - 1, k + 4); j++) {
      if (tokens[j]!.kind === 'punctuation') break
      const next = tokens[j + 1]!
      if (tokens[j]!.normal === INFINITIVE_MARKER) {
        if (next.pos === 'VERB') found.set(stem(next.normal), s.text.slice(t.begin - s.begin, next.end - s.begin))
        break
      }
    }
  })
  return found
}

/** "will meet Friday" / "met on Friday": one unit puts ahead a verb the other tells in the past; the two wordings, or null. */
function updateOf(a: Sentence, b: Sentence): [string, string] | null {
  for (const [ahead, past, flip] of [[a, b, false], [b, a, true]] as const) {
    const planned = aheadVerbs(ahead)
    if (planned.size === 0) continue
    const done = toldEvents(past)
    // The past side must put nothing ahead itself.
    if (done.size === 0 || aheadVerbs(past).size > 0) continue
    for (const [verb, words] of [...planned].sort(([x], [y]) => (x < y ? -1 : 1))) {
      const told = done.get(verb)
      if (told !== undefined) return flip ? [told, words] : [words, told]
    }
  }
  return null
}

/** True for the relations that are conflicts. */
export function isConflict(relation: Relation): boolean {
  return relation === 'number_conflict' || relation === 'quote_conflict' || relation === 'negation_conflict'
}

/** True for a relation that `conflicts.csv` lists: a dispute, or the same claim credited to another source (sourcing, not a dispute). */
export function isListed(relation: Relation): boolean {
  return isConflict(relation) || relation === 'attribution_differs'
}

/**
 * "the 2024 report flagged corrosion" against "the 2024 report didn't flag any corrosion": one sentence negates a
 * word the other states plainly. A negation near a word the other sentence lacks ("did not end until after 11")
 * is another way of saying, not a denial.
 */
function negationConflict(a: Sentence, b: Sentence, fa: SentenceFeatures, fb: SentenceFeatures): [string, string] | null {
  if (fa.negated === fb.negated) return null
  const [negated, plain, flip] = fa.negated ? [a, b, false] : [b, a, true]
  // "did not send" / "Weiner Denies Sending", "taking no questions" / "ignored three questions": both deny.
  if (plain.tokens.some((t) => NEGATIVE_VERB_STEMS.has(t.stem))) return null
  // "No tax-cut extension?": a question asks, it does not deny; nor does one state what it asks ("Is it true that
  // the pay gap was smaller?").
  if (isQuestion(negated) || isQuestion(plain)) return null
  const plainStems = new Set(plain.tokens.map((t) => t.stem))
  const tokens = negated.tokens
  let negations = 0
  for (let i = 0; i < tokens.length; i++) {
    if (!NEGATIONS.has(tokens[i]!.normal)) continue
    if (++negations > DISPUTE_ITEMS) break
    // "not only a departure … but also", "no matter what he claims", "no doubt": emphasis or idiom, not denial.
    if (NOT_DENIALS.has(tokens[i + 1]?.normal ?? '')) continue
    // "Sestak said no and went on": an answer, not a denial.
    if (i > 0 && ANSWER_VERB.test(tokens[i - 1]!.normal)) continue
    // "… and if we don't get it, there should be no deal": a condition the other sentence does not set.
    if (conditional(tokens, i)) continue
    // The denial must be of the other sentence's claim: its clause shares a content word besides the negated one.
    if (!clauseShares(tokens, i, plainStems)) continue
    // And of the same participants: "Assange said he could not confirm" / "Trump Jr. confirmed" are two people.
    if (otherPeople(negated, tokens[i]!.begin, plain)) continue
    // The negated word: the next verb, noun or adjective within five words ("didn't flag", "not the cause", "not
    // something the United States had actively prosecuted").
    for (let k = i + 1; k < Math.min(tokens.length, i + 6); k++) {
      const t = tokens[k]!
      // "did not say public schools were a bad idea": what is denied is the saying, not the words after it.
      if (SPEECH_VERBS.has(t.normal)) break
      // "has no plans to launch a smartwatch" / "Apple to launch smartwatch": the act is denied, not the plan.
      if (INTENTION_WORDS.has(t.normal) && (tokens[k + 1]?.normal === INFINITIVE_MARKER || tokens[k + 1]?.normal === 'of')) {
        k++
        continue
      }
      if ((t.pos === 'VERB' || t.pos === 'NOUN' || t.pos === 'ADJ') && !t.stop) {
        if (!plainStems.has(t.stem)) break
        // The other sentence must state it: not wish, urge or expect it ("wants to see us putting people to work",
        // "is expected to attend"), nor set it as a condition.
        // A denied verb is stated only by a verb, a denied thing by a noun: "defended his criticism of a requirement" /
        // "shouldn't be required", "took issue with its tolerance of bigotry" / "don't tolerate bigots" name the thing,
        // they do not assert it; "decided not to be the moderator" / "faced a task: moderating a debate" is no
        // statement that he is the moderator.
        // The same predicate and participants on both sides: the clause that states the word shares two more content
        // words with the clause that denies it ("no senator had called him to ask him to stay" / "calling on him to
        // give up his bid for Senate" share only "call"; "Mr. Harlan did not respond" / "Harlan's deputy did respond"
        // only the name).
        const denying = clauseStems(tokens, i)
        const stated = plain.tokens.find((p, k) => p.stem === t.stem && (t.pos === 'VERB') === (p.pos === 'VERB') && !unasserted(plain.tokens, k) && [...clauseStems(plain.tokens, k)].filter((x) => x !== t.stem && denying.has(x)).length >= 2)?.text
        if (stated === undefined) break
        const denied = negated.text.slice(tokens[i === 0 || tokens[i - 1]!.pos !== 'AUX' ? i : i - 1]!.begin - negated.begin, t.end - negated.begin)
        return flip ? [stated, denied] : [denied, stated]
      }
    }
  }
  return null
}

/**
 * True when the person named last before `at` in `s` (the one who denies, or is denied) is not among the people
 * `other` names, and `other` names some: the denial and the statement are about different people.
 */
function otherPeople(s: Sentence, at: number, other: Sentence): boolean {
  const before = s.entities.filter((e) => e.type === 'person' && e.end <= at)
  if (before.length === 0 || !other.entities.some((e) => e.type === 'person')) return false
  const who = before[before.length - 1]!.name
  // Any name of the other side may be the person: a name that opens a sentence is often not typed a person.
  return !other.entities.some((e) => sameSource(e.name, who))
}

/** The same quotation (most of the shorter quote's words in the other) with words changed inside the marks. */
function quoteConflict(a: Sentence, b: Sentence): [string, string] | null {
  for (const qa of a.quotes.slice(0, DISPUTE_ITEMS))
    for (const qb of b.quotes.slice(0, DISPUTE_ITEMS)) {
      const fidelity = compareQuotes(qa.text, qb.text)
      if (fidelity === 'changed') return [qa.text, qb.text]
    }
  return null
}

/** One sentence says clearly more: it is half as long again, and holds most of the other's content words. */
function saysMore(fa: SentenceFeatures, fb: SentenceFeatures): boolean {
  const [short, long] = fa.words <= fb.words ? [fa, fb] : [fb, fa]
  if (long.words < 1.5 * short.words || short.stems.size === 0) return false
  let shared = 0
  for (const stem of short.stems.keys()) if (long.stems.has(stem)) shared++
  return shared / short.stems.size >= 0.7
}

