// align: the shapes one claim takes in two units that the link rules read: a sentence's main clauses (numbers left
// out), a clause said within a longer sentence, and a sentence that states all of another's content and more.
import type { Sentence } from '../../core/types.js'
import { CLAUSE_JOINERS } from '../../lang/en/words.js'
import { softContainment, type Idf, type SentenceFeatures } from '../similarity/index.js'
import { fittedNumbers } from '../segment/index.js'

/** The most clauses of one sentence taken as claims of their own (a sentence of 12,000 clauses took a minute). */
export const CLAIM_PARTS = 16

/**
 * A sentence's claims: the sentence itself, and its main clauses when it joins several (", and …", "; ",
 * " — "), each with its numbers left out; none for a single clause without numbers, which is its own claim.
 * Clauses under four words are no claim of their own.
 */
export function claimParts(sentence: Sentence): Sentence[] {
  const tokens = sentence.tokens
  const cuts: number[] = [0]
  for (let k = 1; k < tokens.length - 1; k++) {
    const t = tokens[k]!
    if (t.text === ';' || t.text === '—' || t.text === '–' || (t.text === ',' && CLAUSE_JOINERS.has(tokens[k + 1]!.normal))) cuts.push(k + 1)
  }
  cuts.push(tokens.length)
  // A sentence of one clause without numbers is its own only claim.
  if (cuts.length === 2 && fittedNumbers(sentence.numbers, tokens).length === 0) return []
  const ranges: [number, number][] = [[0, tokens.length]]
  // At most `CLAIM_PARTS` clauses: a sentence of news has a few, and each is scored against the other sentence.
  if (cuts.length > 2) for (let c = 0; c + 1 < cuts.length && c < CLAIM_PARTS; c++) ranges.push([cuts[c]!, cuts[c + 1]!])
  const parts: Sentence[] = []
  ranges.forEach(([from, to], n) => {
    const part = tokens.slice(from, to).filter((t) => !(t.kind === 'number' || (t.pos === 'NUM' && t.kind === 'word')))
    if (part.filter((t) => t.kind === 'word').length < 4) return
    // The whole sentence with nothing left out is the sentence itself (and keeps its features).
    if (n === 0 && part.length === tokens.length) {
      parts.push(sentence)
      return
    }
    const begin = part[0]!.begin
    const end = part[part.length - 1]!.end
    parts.push({
      ...sentence,
      id: `${sentence.id}~${n}`,
      // The words of the claim only (numbers left out), for the character signals too.
      text: part.map((t) => t.text).join(' '),
      begin,
      end,
      tokens: part,
      entities: sentence.entities.filter((e) => e.begin >= begin && e.end <= end),
      numbers: [],
      quotes: sentence.quotes.filter((q) => q.begin >= begin && q.end <= end),
    })
  })
  return parts
}

/**
 * True when the main clause `claim` (numbers left out) is said, in the same or near words, inside the longer
 * sentence `whole`: "The bridge carries 38,000 vehicles a day" within "the bridge links downtown with the Eastbank
 * neighborhoods and carries roughly 42,000 vehicles on an average weekday". Word vectors match "day" and
 * "weekday"; a claim of fewer than four content words says too little to count.
 */
export function saysWithin(claim: SentenceFeatures, whole: SentenceFeatures, idf: Idf): boolean {
  if (claim.content.length < 4 || whole.words < 1.5 * claim.words) return false
  return softContainment(claim, whole, idf) >= 0.8
}

/** True when one sentence states all of the other's content and clearly more (it is longer by half or more). */
export function statesMore(a: SentenceFeatures, b: SentenceFeatures, idf: Idf): boolean {
  const [short, long] = a.words <= b.words ? [a, b] : [b, a]
  if (short.stems.size < 4 || long.words < 1.5 * short.words) return false
  let inside = 0
  let total = 0
  for (const stem of short.stems.keys()) {
    const w = idf.weight(stem)
    total += w
    if (long.stems.has(stem)) inside += w
  }
  return inside / total >= 0.8
}
