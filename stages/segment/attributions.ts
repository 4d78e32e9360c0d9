// segment/attributions: who each sentence attributes its claim to, from its last speech verb outside quotation marks.
import { CLAUSE_OPENERS, LEADING_ARTICLE, NO_SOURCE_SUBJECTS, PERSON_PRONOUNS, PRONOUN_SOURCE, SPEECH_VERBS, TITLES } from '../../lang/en/words.js'
import type { Entity, Quote, Token } from '../../core/types.js'
import type { SentenceDraft } from './sentences.js'
import { findLastIndex, spanCovering } from './tokens.js'

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
    const tokens = sentence.tokens.filter((t) => spanCovering(quotes[index]!, t.begin, t.end) === undefined)
    const entityAt = (t: Token | undefined) => (t ? spanCovering(entities[index]!, t.begin, t.end) : undefined)
    const verb = findLastIndex(tokens, (t, k) => (SPEECH_VERBS.has(t.normal) && t.pos === 'VERB') || (t.normal === 'according' && tokens[k + 1]?.normal === 'to'))
    if (verb < 0) return null
    if (tokens[verb]!.normal === 'according') return phrase(tokens.slice(verb + 2), entityAt)
    // `"…," said Putin` / `"…," said Mayor Ana Ruiz`: the verb opens its clause and the name follows it.
    const opensClause = verb === 0 || /^[,;:"“”]$/.test(tokens[verb - 1]!.text)
    for (let k = verb + 1; opensClause && k < Math.min(tokens.length, verb + 4); k++) {
      const entity = entityAt(tokens[k])
      if (entity) return entity.name
      if (!TITLES.has(tokens[k]!.normal.replace(/\.$/, ''))) break
    }
    // "TASS cited Putin as saying": the one cited is the source.
    if (tokens[verb]!.normal === 'saying' && tokens[verb - 1]?.normal === 'as') {
      for (let k = verb - 2; k >= Math.max(0, verb - 6); k--) {
        const entity = entityAt(tokens[k])
        if (entity) return entity.name
      }
    }
    // "… policy he promised", "critics who say": a pronoun right before the verb is the subject.
    const before = tokens[verb - 1]
    if (before && PERSON_PRONOUNS.has(before.normal)) return null
    if (before && NO_SOURCE_SUBJECTS.test(before.normal)) return null
    // The subject: back from the verb to the clause start (a comma, a quote mark or the sentence start).
    let start = verb
    while (start > 0 && start > verb - 10 && !/^[,;:"“”]$/.test(tokens[start - 1]!.text)) start--
    let subject = tokens.slice(start, verb).filter((t) => !(t.pos === 'AUX' || t.pos === 'ADV' || (t.pos === 'PART' && t.normal === 'not')))
    // "…, and police officers said", "…, though she cautioned": the joining word is no part of the source.
    while (subject.length > 0 && CLAUSE_OPENERS.has(subject[0]!.normal)) subject = subject.slice(1)
    if (subject.length === 1 && PERSON_PRONOUNS.has(subject[0]!.normal)) return null
    return phrase(subject, entityAt)
  })
}

/**
 * A source named by a few tokens: the entity it opens with, titles aside ("Mayor Diane Whitlock" → `Diane
 * Whitlock`), else the words without a leading article ("business owners along Calder Street").
 */
function phrase(tokens: readonly Token[], entityAt: (t: Token | undefined) => Entity | undefined): string | null {
  const words = tokens.filter((t) => t.kind === 'word' || t.kind === 'number' || t.text === "'s" || t.text === '’s')
  if (words.length === 0 || words.length > 8) return null
  // "State Transportation Secretary Helen Quist": capitalised title words, then the name.
  const entity = entityAt(words[words.length - 1])
  if (entity && entity.type !== 'other' && words.every((t) => t.pos === 'DET' || /^\p{Lu}/u.test(t.text) || TITLES.has(t.normal.replace(/\.$/, '')))) return entity.name
  const text = words
    .map((t) => t.text)
    .join(' ')
    .replace(/ (['’]s)\b/g, '$1')
    .replace(LEADING_ARTICLE, '')
  return /\p{L}/u.test(text) && !PRONOUN_SOURCE.test(text) ? text : null
}
