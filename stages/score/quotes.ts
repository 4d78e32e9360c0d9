// quotes: group each quotation's renderings across outlets, and say how faithfully each renders it.
import { compareQuotes, compareQuoteWords, quoteWords } from './quote-compare.js'
import { attributionDiffers } from '../../lang/en/sources.js'
import { isName, QUOTE_STOPWORDS } from '../../lang/en/words.js'
import type { Document, QuoteFidelity, QuoteInstance } from '../../core/types.js'

interface Draft {
  readonly speaker: string | null
  readonly outlet: string
  readonly article: string
  readonly sentence: string
  readonly text: string
  readonly words: readonly string[]
}

/**
 * Every direct quotation of two words or more, grouped with the renderings of the same quotation in other
 * articles (the same words, or most of them, in order), each with its fidelity to the group's reference: the
 * rendering most outlets share, else the longest.
 */
export function groupQuotes(documents: readonly Document[]): QuoteInstance[] {
  const drafts: Draft[] = []
  for (const d of documents)
    for (const s of d.sentences)
      for (const q of s.quotes) {
        const words = quoteWords(q.text)
        if (words.length < 2) continue
        drafts.push({ speaker: q.speaker, outlet: s.outlet, article: s.article, sentence: s.id, text: q.text, words })
      }
  // Candidates: quotes of other articles sharing two content words; a group is what compareQuotes links.
  const parent = drafts.map((_, i) => i)
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!
    return x
  }
  const index = new Map<string, number[]>()
  drafts.forEach((q, i) => {
    // By the words as written out: "he will" (one word of the list for "he'll") shares "will" with "will be vindicated".
    for (const w of new Set(q.words.flatMap((t) => t.split(' ')))) {
      if (QUOTE_STOPWORDS.has(w)) continue
      let list = index.get(w)
      if (!list) index.set(w, (list = []))
      list.push(i)
    }
  })
  // Each pair's key once per shared word, in one flat array sorted and counted in runs: a map of millions of pairs
  // and its entries copied out to be sorted cost a second and a hundred megabytes in a story of 1,000 articles.
  let most = 0
  for (const list of index.values()) if (list.length <= 200) most += (list.length * (list.length - 1)) / 2
  const keys = new Float64Array(most)
  let size = 0
  for (const list of index.values()) {
    if (list.length > 200) continue
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) keys[size++] = list[x]! * drafts.length + list[y]!
  }
  keys.sort()
  for (let k = 0; k < size; ) {
    const key = keys[k]!
    let end = k
    while (end < size && keys[end] === key) end++
    const count = end - k
    k = end
    const i = Math.floor(key / drafts.length)
    const j = key - i * drafts.length
    if (count < 2 || drafts[i]!.article === drafts[j]!.article) continue
    const a = find(i)
    const b = find(j)
    // Copies of one quote in many articles: once in one group, no need to compare them again.
    if (a !== b && compareQuoteWords(drafts[i]!.words, drafts[j]!.words, drafts[i]!.text, drafts[j]!.text) !== 'different') parent[Math.max(a, b)] = Math.min(a, b)
  }
  const groups = new Map<number, number[]>()
  drafts.forEach((_, i) => {
    const root = find(i)
    const list = groups.get(root) ?? []
    list.push(i)
    groups.set(root, list)
  })
  const result: QuoteInstance[] = []
  let n = 0
  for (const members of [...groups.values()].sort((x, y) => x[0]! - y[0]!)) {
    const id = `q${++n}`
    const reference = referenceOf(members.map((i) => drafts[i]!))
    const speaker = majority(members.map((i) => drafts[i]!.speaker))
    for (const i of members) {
      const q = drafts[i]!
      const fidelity = fidelityOf(reference, q.text)
      result.push({
        group: id,
        speaker: q.speaker,
        outlet: q.outlet,
        article: q.article,
        sentence: q.sentence,
        text: q.text,
        fidelity,
        speakerAgrees: speakerAgrees(q.speaker, speaker),
      })
    }
  }
  return result
}

/**
 * Whether a quote's speaker agrees with its group's: false for two different names (or a named and an anonymous
 * source), true for the same name, null when a role stands for a name ("the mayor" / "Diane Whitlock").
 */
function speakerAgrees(speaker: string | null, groupSpeaker: string | null): boolean | null {
  if (speaker === null || groupSpeaker === null) return null
  if (attributionDiffers(speaker, groupSpeaker)) return false
  return isName(speaker) && isName(groupSpeaker) ? true : null
}

function fidelityOf(reference: string, text: string): QuoteFidelity {
  const f = compareQuotes(reference, text)
  return f === 'different' ? 'changed' : f
}

// The rendering most outlets share (by its words), else the longest, else the first.
function referenceOf(drafts: readonly Draft[]): string {
  const counts = new Map<string, { outlets: Set<string>; text: string; words: number }>()
  for (const d of drafts) {
    const key = d.words.join(' ')
    const entry = counts.get(key) ?? { outlets: new Set<string>(), text: d.text, words: d.words.length }
    entry.outlets.add(d.outlet)
    counts.set(key, entry)
  }
  return [...counts.values()].sort((a, b) => b.outlets.size - a.outlets.size || b.words - a.words)[0]!.text
}

function majority(values: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>()
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1)
  let best: string | null = null
  let bestCount = 0
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c]
  return best
}
