// segment/attributions: who each sentence attributes its claim to, from its last speech verb outside quotation marks.
import { CLAUSE_OPENERS, COORDINATING, LEADING_ARTICLE, NO_SOURCE_SUBJECTS, PASSIVE_AUXILIARIES, PERSON_PRONOUNS, PRONOUN_SOURCE, RELATIVE_WORDS, SPEECH_VERBS, SUBORDINATING, TITLE_JOINS, TITLES } from '../../lang/en/words.js'
import type { Entity, Quote, Token } from '../../core/types.js'
import type { SentenceDraft } from './sentences.js'
import { affiliationTags } from './affiliations.js'
import { findLastIndex, firstBeginningAfter, spanCovering } from './tokens.js'

/**
 * Who each sentence attributes its claim to: the subject of its last speech verb outside quotation marks
 * ("…, the mayor's office said" → `the mayor's office`; "…, an official familiar with the inspection said";
 * "said Putin"; "according to the Kremlin"). A pronoun subject ("he said") names no source here: who it stands
 * for is a guess, which quote speakers may make but an attribution conflict must not rest on.
 */
export function findAttributions(sentences: readonly SentenceDraft[], entities: readonly Entity[][], quotes: readonly Quote[][]): (string | null)[] {
  return sentences.map((sentence, index) => {
    // Quotations and entities are in text order and none overlap: each is found by halving, so that a sentence of
    // thousands of quotations costs time in proportion to its tokens.
    // An affiliation tag ("Sen. Joe Manchin, D-W.Va., said") is read past, with the commas that set it off.
    const tags = affiliationTags(sentence.tokens)
    const tokens = sentence.tokens.filter((t, k) => !tags.has(k) && spanCovering(quotes[index]!, t.begin, t.end) === undefined)
    const entityAt = (t: Token | undefined) => (t ? spanCovering(entities[index]!, t.begin, t.end) : undefined)
    const isSpeech = (t: Token, k: number) => (SPEECH_VERBS.has(t.normal) && t.pos === 'VERB') || (t.normal === 'according' && tokens[k + 1]?.normal === 'to')
    // From the last speech verb back: one that shares the subject of a verb before it ("Wray noted that … and
    // warned", "…, saying") names its source through that verb.
    let verb = findLastIndex(tokens, isSpeech)
    for (let tries = 0; verb >= 0 && tries < MOST_SPEECH_VERBS; tries++, verb = findLastIndex(tokens, isSpeech, verb)) {
      const source = sourceOf(tokens, verb, entityAt)
      if (source !== SHARED) return source
    }
    return null
  })
}

/** The speech verbs of one sentence looked at, from its last (a hostile sentence of thousands costs no more). */
const MOST_SPEECH_VERBS = 4

/** What `sourceOf` returns for a verb whose subject is that of a verb before it. */
const SHARED = Symbol('shared subject')

/** The source a speech verb names, null for none (or a pronoun), or SHARED when its subject is another verb's. */
function sourceOf(tokens: readonly Token[], verb: number, entityAt: (t: Token | undefined) => Entity | undefined, depth = 0): string | null | typeof SHARED {
  if (tokens[verb]!.normal === 'according') {
    // "according to Marcus Bell, president of the union": the source up to its apposition or the clause's end.
    const rest = tokens.slice(verb + 2)
    const end = rest.findIndex((t) => /^[,;:—–]$/.test(t.text))
    // "according to Sen. Dick Durbin, D-Ill., the No. 2 Democrat": past the tag, no comma ends the name; the person
    // named after the titles is the source.
    return phrase(end < 0 ? rest : rest.slice(0, end), entityAt) ?? nameAfterVerb(tokens, verb + 1, entityAt)
  }
  // `"…," said Putin` / `"…," said Mayor Ana Ruiz`: the verb opens its clause and the name follows it.
  const opensClause = verb === 0 || /^[,;:"“”]$/.test(tokens[verb - 1]!.text)
  const named = opensClause ? nameAfterVerb(tokens, verb, entityAt) : null
  if (named !== null) return named
  // "Susan Rice, President Barack Obama's national security adviser, said …": the one named before the apposition.
  if (tokens[verb - 1]?.text === ',') {
    const comma = findLastIndex(tokens, (t) => t.text === ',', verb - 1)
    const name = comma > 0 ? entityAt(tokens[comma - 1]) : undefined
    // The name's first token: the first that begins at or after it (offsets are whole numbers).
    const from = name === undefined ? -1 : firstBeginningAfter(tokens, name.begin - 1)
    if (name !== undefined && name.type === 'person' && (from === 0 || isClauseStart(tokens, from - 1))) return name.name
  }
  // "TASS cited Putin as saying": the one cited is the source.
  if (tokens[verb]!.normal === 'saying' && tokens[verb - 1]?.normal === 'as') {
    for (let k = verb - 2; k >= Math.max(0, verb - 6); k--) {
      const entity = entityAt(tokens[k])
      if (entity) return entity.name
    }
  }
  // "officials have also said": the auxiliaries and adverbs next to the verb are no part of the source.
  let k = verb - 1
  while (k >= 0 && isVerbModifier(tokens[k]!)) k--
  const before = tokens[k]
  if (before === undefined) return null
  // "… policy he promised", "critics who say": a pronoun right before the verb is the subject.
  if (PERSON_PRONOUNS.has(before.normal) || NO_SOURCE_SUBJECTS.test(before.normal)) return null
  // "… and warned", "but said": the verb shares the subject of the one before; so does an infinitive ("declined
  // to say", "went so far as to say"); and a passive has no speaker for its subject ("the charges had not been
  // announced").
  if (COORDINATING.has(before.normal)) return SHARED
  if (before.normal === 'to') {
    // "Aides to Mr. Romney declined to say", "Mr. Bauer went on to say": the subject of the verb before "to".
    let g = k - 1
    while (g >= 0 && g >= k - 3 && (tokens[g]!.pos === 'ADV' || tokens[g]!.pos === 'ADP' || tokens[g]!.pos === 'PART')) g--
    return g >= 0 && tokens[g]!.pos === 'VERB' && depth < 2 ? sourceOf(tokens, g, entityAt, depth + 1) : SHARED
  }
  if (!tokens[verb]!.normal.endsWith('ing') && tokens.slice(k + 1, verb).some((t) => PASSIVE_AUXILIARIES.has(t.normal))) return SHARED
  // "…, saying", "by noting that", "a day earlier saying": a participle without its own auxiliary or a named subject
  // right before it ("with Chairman Trey Gowdy saying") tells what the subject of the clause before it did.
  if (tokens[verb]!.normal.endsWith('ing') && tokens[verb - 1]?.pos !== 'AUX' && entityAt(before) === undefined) return SHARED
  // The subject: back from the verb to the clause start (a comma, a quote mark, a joining word, "that" or "which"
  // opening a clause, or the sentence start).
  let start = k + 1
  while (start > 0 && start > verb - 10 && !isClauseStart(tokens, start - 1)) start--
  // "Democrats rejected the offer before Trump announced it": a verb told in a clause of time or cause attributes
  // nothing the sentence says.
  if (start > 0 && SUBORDINATING.has(tokens[start - 1]!.normal)) return SHARED
  // "an insider who had contact with Steele told": the clause is the subject's; its source is the noun before it.
  const opening = tokens.slice(start, k + 1).find((t) => t.pos !== 'ADV')
  if (start > 0 && RELATIVE_WORDS.has(tokens[start - 1]!.normal) && (opening === undefined || opening.pos === 'AUX' || opening.pos === 'VERB')) {
    const end = start - 1
    start = end
    while (start > 0 && start > end - 8 && !isClauseStart(tokens, start - 1)) start--
    return phrase(tokens.slice(start, end), entityAt)
  }
  // "…, and police officers said", "…, though she cautioned": the joining word is no part of the source; the
  // auxiliaries inside it are none either.
  let subject = tokens.slice(start, k + 1).filter((t) => t.pos !== 'AUX')
  while (subject.length > 0 && (CLAUSE_OPENERS.has(subject[0]!.normal) || RELATIVE_WORDS.has(subject[0]!.normal))) subject = subject.slice(1)
  // "he exchanged messages and other …": a subject that opens with a pronoun is a clause, not a source.
  if (subject.length > 0 && (PERSON_PRONOUNS.has(subject[0]!.normal) || NO_SOURCE_SUBJECTS.test(subject[0]!.normal))) return null
  // "…, where any impeachment inquiry would begin, said": a clause that ends with its own verb names no source;
  // "Ginsburg said when asked": the verb before is the one to read.
  // (A name the tagger reads as a verb, "Overman said", is still a name.)
  const lastWord = subject[findLastIndex(subject, (t) => t.kind === 'word')]
  if (lastWord !== undefined && lastWord.pos === 'VERB' && /^\p{Ll}/u.test(lastWord.text)) return SHARED
  return phrase(subject, entityAt)
}

/** Whether token `j` ends the clause before a subject: a comma or quote mark, a joining word, or "that"/"which"/"who" opening a clause. */
function isClauseStart(tokens: readonly Token[], j: number): boolean {
  const t = tokens[j]!
  if (/^[,;:"“”]$/.test(t.text)) return true
  // "Indiana lawmakers and Gov. Mike Pence": "and" and "or" join the parts of one subject.
  if (CLAUSE_OPENERS.has(t.normal)) return t.normal !== 'and' && t.normal !== 'or'
  return RELATIVE_WORDS.has(t.normal) && t.pos !== 'DET'
}

function isVerbModifier(t: Token): boolean {
  return t.pos === 'AUX' || t.pos === 'ADV' || (t.pos === 'PART' && t.normal === 'not')
}

/**
 * The one named right after a speech verb that opens its clause (`"…," said Putin`): the first person named after
 * a title of capitalised words ("said Mayor Ana Ruiz", "tweeted former Housing and Urban Development Secretary Julián
 * Castro", "said Kremlin spokesman Dmitry Peskov"), else the first entity there; null when another word comes first.
 */
export function nameAfterVerb(tokens: readonly Token[], verb: number, entityAt: (t: Token | undefined) => Entity | undefined): string | null {
  let first: Entity | undefined
  for (let k = verb + 1; k < Math.min(tokens.length, verb + 12); k++) {
    const t = tokens[k]!
    const entity = entityAt(t)
    if (entity) {
      // "…, said Israeli Prime Minister Benjamin Netanyahu's planned speech …": a possessive names no speaker.
      const after = tokens[firstBeginningAfter(tokens, entity.end - 1)]
      if (after !== undefined && (after.text === "'s" || after.text === '’s')) return null
      if (entity.type === 'person') return entity.name
      first ??= entity
      continue
    }
    const title = TITLES.has(t.normal.replace(/\.$/, '')) || (/^\p{Lu}/u.test(t.text) && t.kind === 'word') || (TITLE_JOINS.has(t.normal) && k > verb + 1)
    if (!title) break
  }
  return first?.name ?? null
}

/**
 * A source named by a few tokens: the entity it opens with, titles aside ("Mayor Diane Whitlock" → `Diane
 * Whitlock`), else the words without a leading article ("business owners along Calder Street").
 */
function phrase(tokens: readonly Token[], entityAt: (t: Token | undefined) => Entity | undefined): string | null {
  // A hyphen inside a word ("well-placed") is kept with it.
  const glued = (k: number) => k > 0 && k + 1 < tokens.length && tokens[k - 1]!.end === tokens[k]!.begin && tokens[k]!.end === tokens[k + 1]!.begin
  const kept = tokens.filter((t, k) => t.kind === 'word' || t.kind === 'number' || t.text === "'s" || t.text === '’s' || t.text === '&' || (t.text === '-' && glued(k)))
  const words = kept.filter((t) => t.text !== '-' && t.text !== '&')
  // At most eight words, a leading article and the parts of a hyphenated word aside.
  const counted = kept.filter((t, k) => t.text !== '-' && !(k > 0 && kept[k - 1]!.text === '-') && !(k === 0 && t.pos === 'DET')).length
  if (words.length === 0 || counted > 8) return null
  // "State Transportation Secretary Helen Quist": capitalised title words, then the name.
  const entity = entityAt(words[words.length - 1])
  if (entity && entity.type !== 'other' && words.every((t) => t.pos === 'DET' || /^\p{Lu}/u.test(t.text) || TITLES.has(t.normal.replace(/\.$/, '')))) return entity.name
  const text = kept
    .map((t, k) => (k > 0 && kept[k - 1]!.end === t.begin ? t.text : ` ${t.text}`))
    .join('')
    .trim()
    .replace(/ (['’]s)\b/g, '$1')
    .replace(LEADING_ARTICLE, '')
  return /\p{L}/u.test(text) && !PRONOUN_SOURCE.test(text) ? text : null
}
