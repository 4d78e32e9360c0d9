// relate: a denial told in other words than "not", against a sentence that states the claim denied: "Weiner denied
// that he had sent the photograph" / "Weiner sent the photograph"; "Reports that the bridge collapsed are false" /
// "The bridge collapsed". The labelling guide calls it a negation conflict: one states what the other denies,
// about the same predicate and participants. A sentence that only reports the claim as somebody's ("accused him of
// sending", "allegedly sent") states nothing to deny, and two sentences that both deny agree.
import {
  CLAIM_DENIAL_VERBS,
  CLAIM_NOUNS,
  CLAUSE_JOINS,
  CONDITION_WORDS,
  DENIAL_WORDS,
  FALSITY_WORDS,
  HEDGING_WORDS,
  IRREGULAR_PARTICIPLE,
  IRREGULAR_PAST,
  NEGATIONS,
  NO_GROUNDS,
  PREDICATING_WORDS,
  SPEECH_VERBS,
  UNASSERTING,
} from '../../lang/en/words.js'
import { stem } from '../../lang/en/nlp.js'
import { sameSource } from '../../lang/en/sources.js'
import { isQuestion, quoted } from './unit-text.js'
import type { Sentence, Token } from '../../core/types.js'

/** A denial in a unit: the token that denies, and the tokens [from, to) of the claim it denies. */
interface Cue {
  readonly at: number
  readonly from: number
  readonly to: number
}

/** Most denials of one unit looked at (a hostile sentence of thousands costs no more than a few). */
const MOST_CUES = 32

/**
 * A denial in one unit of what the other states, as the two word it (`a`'s words first), or null. Both units must
 * share most of the stating unit's content words and two of them with the words denied, one not a name; every
 * person the stating unit names must be named by the denying one; the stating unit must state it plainly (no
 * negation, no denial, no wish or condition, not told as an allegation or a question).
 */
export function denialConflict(a: Sentence, b: Sentence): [string, string] | null {
  for (const [denying, stating, flip] of [[a, b, false], [b, a, true]] as const) {
    const found = denialOf(denying, stating)
    if (found) return flip ? [found[1], found[0]] : found
  }
  return null
}

function denialOf(denying: Sentence, stating: Sentence): [string, string] | null {
  if (!states(stating)) return null
  const cues = cuesOf(denying.tokens)
  if (cues.length === 0) return null
  const content = stating.tokens.filter((t) => isContent(t) && !SPEECH_VERBS.has(t.normal))
  const contentStems = new Set(content.map(baseStem))
  if (contentStems.size < 2) return null
  const denyingStems = new Set(denying.tokens.filter(isContent).map(baseStem))
  const shared = [...contentStems].filter((s) => denyingStems.has(s)).length
  if (shared < Math.min(3, contentStems.size) || shared / contentStems.size < 0.6) return null
  if (!samePeople(stating, denying)) return null
  const names = new Set(stating.entities.flatMap((e) => e.name.toLowerCase().split(/\s+/)))
  // The same predicate: a verb of the stating unit (outside quotation marks, other than a verb of saying) is among
  // the words denied. "N.A.A.C.P. Challenges Tea Party on Racism" / "Tea party organizers disputed claims of
  // racism" share the accusation, not what either does.
  const verbs = new Set(stating.tokens.filter((t) => t.pos === 'VERB' && isContent(t) && !SPEECH_VERBS.has(t.normal) && !quoted(stating, t)).map(baseStem))
  if (verbs.size === 0) return null
  for (const cue of cues) {
    // "The indictment alleges that Stone …, denying he had records": a denial told as an allegation denies nothing.
    if (denying.tokens.slice(clauseStart(denying.tokens, cue.at), cue.at).some((t) => HEDGING_WORDS.has(t.normal))) continue
    const scope = new Set(denying.tokens.slice(cue.from, cue.to).filter(isContent).map(baseStem))
    const told = content.filter((t) => scope.has(baseStem(t)))
    if (new Set(told.map(baseStem)).size < 2 || !told.some((t) => !names.has(t.normal)) || !told.some((t) => verbs.has(baseStem(t)))) continue
    return [denialWords(denying, cue, new Set(told.map(baseStem))), span(stating, told[0]!, told[told.length - 1]!)]
  }
  return null
}

/** Whether a unit states its claim plainly: no negation or denial, no wish or condition, no allegation, no question. */
function states(s: Sentence): boolean {
  if (isQuestion(s)) return false
  for (const t of s.tokens) if (NEGATIONS.has(t.normal) || UNASSERTING.has(t.normal) || CONDITION_WORDS.has(t.normal) || HEDGING_WORDS.has(t.normal)) return false
  return cuesOf(s.tokens).length === 0 && !s.tokens.some((t) => DENIAL_WORDS.has(t.normal) || CLAIM_DENIAL_VERBS.has(t.normal))
}

/** The denials of a unit's tokens, each with the words of the claim it denies. */
function cuesOf(tokens: readonly Token[]): Cue[] {
  const cues: Cue[] = []
  for (let i = 0; i < tokens.length && cues.length < MOST_CUES; i++) {
    const word = tokens[i]!.normal
    // "did not deny", "never denied": no denial.
    if (negatedBefore(tokens, i)) continue
    if (DENIAL_WORDS.has(word)) cues.push({ at: i, from: i + 1, to: clauseEnd(tokens, i) })
    else if (CLAIM_DENIAL_VERBS.has(word)) {
      // "rejected the reports that …", "dismissed claims he had …": the claim named right after the verb.
      const noun = tokens.slice(i + 1, i + 4).findIndex((t) => CLAIM_NOUNS.has(t.normal))
      if (noun >= 0) cues.push({ at: i, from: i + 2 + noun, to: clauseEnd(tokens, i) })
    } else if ((FALSITY_WORDS.has(word) && predicated(tokens, i)) || (word === 'true' && ['not', 'never'].includes(tokens[i - 1]?.normal ?? '') && predicated(tokens, i - 1))) {
      // "Reports that the bridge collapsed are false", "It is not true that …": the claim is the rest of the clause.
      cues.push({ at: i, from: clauseStart(tokens, i), to: clauseEnd(tokens, i) })
    } else if (NO_GROUNDS.has(word) && tokens[i - 1]?.normal === 'no') cues.push({ at: i, from: i + 1, to: clauseEnd(tokens, i) })
  }
  return cues
}

/** A negation within the two words before `i` ("did not deny", "never really denied"). */
function negatedBefore(tokens: readonly Token[], i: number): boolean {
  // The "not" of "not true" and the "no" of "no evidence" are the denial itself.
  const own = tokens[i]!.normal === 'true' || NO_GROUNDS.has(tokens[i]!.normal) ? i - 1 : i
  for (let k = Math.max(0, i - 2); k < own; k++) if (NEGATIONS.has(tokens[k]!.normal)) return true
  return false
}

/** Whether the falsity word at `i` is said of something: a copula or "called" within the three words before it. */
function predicated(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    if (tokens[k]!.kind === 'punctuation') return false
    if (PREDICATING_WORDS.has(tokens[k]!.normal)) return true
  }
  return false
}

/** Whether a new clause begins at token `k`: a semicolon, colon or dash, "but", or a comma before a joining word. */
function isClauseBreak(tokens: readonly Token[], k: number): boolean {
  const w = tokens[k]!.normal
  if (w === ';' || w === ':' || w === '—' || w === '–' || w === 'but') return true
  return w === ',' && CLAUSE_JOINS.has(tokens[k + 1]?.normal ?? '')
}

function clauseStart(tokens: readonly Token[], i: number): number {
  let k = i
  while (k > 0 && !isClauseBreak(tokens, k - 1)) k--
  return k
}

function clauseEnd(tokens: readonly Token[], i: number): number {
  let k = i + 1
  while (k < tokens.length && !isClauseBreak(tokens, k)) k++
  return k
}

/** A token's stem, irregular past forms read as their base ("took", "taken" → "take"). */
function baseStem(t: Token): string {
  const base = IRREGULAR_PAST.get(t.normal) ?? IRREGULAR_PARTICIPLE.get(t.normal)
  return base === undefined ? t.stem : stem(base)
}

function isContent(t: Token): boolean {
  return !t.stop && (t.kind === 'word' || t.kind === 'number')
}

/** Every person the stating unit names is named in the denying one (any name of it may be the person). */
function samePeople(stating: Sentence, denying: Sentence): boolean {
  return stating.entities.filter((e) => e.type === 'person').every((p) => denying.entities.some((e) => sameSource(e.name, p.name)))
}

/**
 * The words that deny, as the unit words them: from the cue (or the clause's start, before a falsity word) to the
 * last word after it of the claim the other unit states (`told`, by stem); at most sixteen words before and twelve after.
 */
function denialWords(s: Sentence, cue: Cue, told: ReadonlySet<string>): string {
  const tokens = s.tokens
  // "no evidence", "not true": the negation is part of the words that deny.
  const own = cue.at > 0 && (NO_GROUNDS.has(tokens[cue.at]!.normal) || tokens[cue.at]!.normal === 'true') ? cue.at - 1 : cue.at
  const first = cue.from <= cue.at ? Math.max(cue.from, cue.at - 16) : own
  let last = cue.at
  for (let k = cue.at + 1; k < Math.min(cue.to, cue.at + 13); k++) if (told.has(baseStem(tokens[k]!))) last = k
  return span(s, tokens[first]!, tokens[last]!)
}

function span(s: Sentence, first: Token, last: Token): string {
  return s.text.slice(first.begin - s.begin, last.end - s.begin)
}
