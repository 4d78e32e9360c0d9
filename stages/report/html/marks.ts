// marks: input text with some of its words marked (loaded words, the words that differ from another wording, the
// values in dispute), escaped piece by piece, so that a mark never splits an entity and never lets markup through.
import { diffWords } from 'diff'
import { text } from './escape.js'

/** The text with every whole-word, case-insensitive occurrence of `words` wrapped in `<mark class="…">`. */
export function markWords(sentence: string, words: readonly string[], cls: string): string {
  const wanted = [...new Set(words.map((w) => w.trim()).filter((w) => w !== ''))].sort((a, b) => b.length - a.length)
  if (wanted.length === 0) return text(sentence)
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${wanted.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu')
  return markRanges(sentence, [...sentence.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length] as const), cls)
}

/**
 * `wording` with the words it does not share with `reference` marked (`<mark class="diff">`): a word diff (the `diff`
 * library's `diffWords`, case kept), so that two outlets' versions of a statement show where they part. Two texts
 * further apart than `DIFF_EDITS` words and spaces are shown unmarked: the diff's cost grows with the length times
 * the edits, so two unlike sentences of 20,000 words took a minute and a half, and marks over most of a text say
 * nothing.
 */
export function markDiff(wording: string, reference: string): string {
  if (wording === reference) return text(wording)
  const parts = diffWords(reference, wording, { maxEditLength: DIFF_EDITS })
  if (parts === undefined) return text(wording)
  return parts
    .filter((part) => !part.removed)
    .map((part) => (part.added && part.value.trim() !== '' ? markAdded(part.value) : text(part.value)))
    .join('')
}

/** The most edits (words and the spaces between them, added or removed) a word diff in the pages looks for. */
export const DIFF_EDITS = 1000

// Leading and trailing spaces stay outside the mark, so that marks read as words.
function markAdded(value: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(value)!
  return `${m[1]}<mark class="diff">${text(m[2])}</mark>${m[3]}`
}

/**
 * The sentence with `value` (a number, a denied phrase, a quotation, a source as the ledger words it) marked
 * (`<mark class="value">`) where it occurs, case-insensitively; `found` says whether it did.
 */
export function markValue(sentence: string, value: string): { readonly html: string; readonly found: boolean } {
  const at = value === '' ? -1 : sentence.toLowerCase().indexOf(value.toLowerCase())
  if (at < 0) return { html: text(sentence), found: false }
  return { html: markRanges(sentence, [[at, at + value.length]], 'value'), found: true }
}

/**
 * The sentence with `value` marked as `markValue` does and, inside that mark, the words of `value` that `other` does not
 * share marked as `markDiff` does: a quotation in dispute, with the words where the two renderings part.
 */
export function markValueDiff(sentence: string, value: string, other: string): { readonly html: string; readonly found: boolean } {
  const at = value === '' ? -1 : sentence.toLowerCase().indexOf(value.toLowerCase())
  if (at < 0) return { html: text(sentence), found: false }
  const end = at + value.length
  return { html: `${text(sentence.slice(0, at))}<mark class="value">${markDiff(sentence.slice(at, end), other)}</mark>${text(sentence.slice(end))}`, found: true }
}

/** The text with the given [begin, end) ranges (in order, not overlapping) marked, every piece escaped. */
function markRanges(sentence: string, ranges: readonly (readonly [number, number])[], cls: string): string {
  let out = ''
  let at = 0
  for (const [begin, end] of ranges) {
    if (begin < at) continue
    out += `${text(sentence.slice(at, begin))}<mark class="${cls}">${text(sentence.slice(begin, end))}</mark>`
    at = end
  }
  return out + text(sentence.slice(at))
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
