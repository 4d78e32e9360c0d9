// quote-compare: how faithfully one rendering of a quotation matches another, word by word, following the labelling
// guide (any changed word beyond punctuation and "that"/"which" changes a quote). relate's quote conflicts and the
// quote groups of quotes.ts both read it.
import { stem } from '../../lang/en/nlp.js'
import {
  AMPERSAND_WORD,
  CONTRACTED_WORDS,
  CONTRACTION_PAIRS,
  CONTRACTION_ENDINGS,
  DISCOURSE_OPENERS,
  FUNCTION_WORDS,
  HAS_AFTER_S,
  NUMBER_WORDS,
  QUOTE_FILLERS,
  S_CONTRACTING_PRONOUNS,
  SUBJECT_PRONOUNS,
  TITLE_ABBREVIATIONS,
} from '../../lang/en/words.js'

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
  // Shorter by the words written out: "I will always speak" is longer than "will always speak", its "I will" one word
  // of the list.
  const xFirst = writtenWords(wx) <= writtenWords(wy)
  const [short, long] = xFirst ? [wx, wy] : [wy, wx]
  // Spaces aside ("work force" / "workforce"), one rendering inside the other is the same words.
  // (A contraction's two words are one word of the list, "we are": its space goes too.)
  const squash = (w: readonly string[]) => w.join('').replaceAll(' ', '')
  if (squash(wx) === squash(wy)) return 'minor'
  if (short.length >= 3 && squash(long).includes(squash(short))) return 'truncated'
  // An excerpt with its cuts marked ("we would be remiss … if we did not challenge"): each piece, in order.
  const [shortText, longText] = xFirst ? [x, y] : [y, x]
  if (/…|\.\.\./.test(shortText) && cutsFit(shortText, longText)) return 'truncated'
  // Reported for direct speech at the start ("I look forward to being …" / "looks forward to being …"): the words
  // after a pronoun, by stem.
  const reported = (w: readonly string[]) => {
    const rest = SUBJECT_PRONOUNS.has(w[0]!) ? w.slice(1) : [...w]
    return rest.length > 0 ? [stem(rest[0]!), ...rest.slice(1)] : rest
  }
  if (short.length >= 3 && ` ${reported(long).join(' ')} `.includes(` ${reported(short).join(' ')} `)) return 'truncated'
  // A quotation of a few telling words with one word more or fewer inside it ("a plan for rebuilding rural
  // schools" / "plan rebuilding rural schools") is the same quote, changed.
  if (short.length < 5 && oneWordInside(short, long)) return 'changed'
  // A quotation of a few words is the same quote only when its words are the same; "I hope I do" is everywhere.
  if (short.length < 5) return 'different'
  // Truncated: the shorter one is a run of the longer one's words.
  if (short.length >= 3 && ` ${long.join(' ')} `.includes(` ${short.join(' ')} `)) return 'truncated'
  // The same words but for a spelling ("Momma" / "Mama"): no other words.
  if (short.length === long.length && short.every((w, k) => nearSpelling(w, long[k]!))) return 'minor'
  // A leading "however", "but" or "and" is often cut from an excerpt.
  if (/…|\.\.\./.test(shortText) && DISCOURSE_OPENERS.has(short[0]!) && cutsFit(shortText.replace(/^\W*\w+\W*/, ''), longText)) return 'truncated'
  // Whether they are one utterance is judged with possessives aside; that they differ at all makes the change.
  if (!oneUtterance(short, long)) return 'different'
  // The same quotation shares its telling words, not only "I" and "do".
  const content = short.filter((w) => !FUNCTION_WORDS.has(w))
  const longWords = new Set(long)
  if (content.filter((w) => longWords.has(w)).length < Math.min(2, content.length) || content.length === 0) return 'different'
  // A quotation inside the quotation (a motto, a title, another's words: "reaffirming that 'In God We Trust' is our
  // motto") is not the speaker's own: two utterances that quote the same words are not one by those words alone.
  const [ix, iy] = [withoutInnerQuotes(x), withoutInnerQuotes(y)]
  if (ix !== x || iy !== y) {
    const [ox, oy] = [quoteWords(ix), quoteWords(iy)]
    if (!(ox.length <= oy.length ? oneUtterance(ox, oy) : oneUtterance(oy, ox))) return 'different'
  }
  // Two excerpts of one original, each cut where the other goes on ("to any person as consideration, favor, or
  // reward" / "as consideration, favor, or reward for any political activity"; "Dress like you deserve respect …
  // And certainly don't make faces" / "dress like you deserve respect, not a spot at a bar"): no word changed.
  if (oneOriginal(x, y, wy) || oneOriginal(y, x, wx)) return 'truncated'
  // Any word added, dropped or swapped inside the same quotation changes it ("duties" / "duty", "rules and
  // regulations" / "rules or regulations"): the guide counts every word beyond punctuation and "that"/"which".
  return 'changed'
}

/**
 * True when two quotations' words (the shorter first) can be one utterance. The same quotation shares most of its
 * words, not a phrase ("to senior Trump Campaign officials" / "A senior Trump campaign official was directed …"); a
 * run of five words or more, three of them telling, said in both is one utterance however much else changed ("…, but
 * the lines of supply remain open" in two renderings of one statement).
 */
export function oneUtterance(short: readonly string[], long: readonly string[]): boolean {
  // Possessives aside ("Pennsylvania's working families" / "Pennsylvania working families"); at most
  // `UTTERANCE_WORDS` words of each.
  const x = short.slice(0, UTTERANCE_WORDS).map(unpossessive)
  const y = long.slice(0, UTTERANCE_WORDS).map(unpossessive)
  return lcs(x, y) >= Math.max(4, Math.ceil(0.6 * x.length)) || sharesRun(x, y)
}

/**
 * The words of each quotation that the same-utterance test reads: its first 400. No quotation of news comes near
 * (BASIL's longest holds 212 words); the test is quadratic in the words of the two, so a hostile input of one
 * endless quotation costs at most 160,000 steps instead of hours, and a story of many long quotations compared in pairs
 * stays bounded too.
 */
export const UTTERANCE_WORDS = 400

/** A quotation's text with the quotations inside it in single quotation marks left out ("… that 'In God We Trust' is our motto"). */
function withoutInnerQuotes(text: string): string {
  return text.replace(/(^|[^\p{L}\p{N}])['‘][^'‘’"“”]{1,200}?['’](?![\p{L}\p{N}])/gu, '$1 ')
}

/**
 * True when `short` and a run of `long` differ by one word inside (neither first nor last) that one of them has and
 * the other lacks, the shorter of the two holding at least three content words: the same words, in order, but one.
 */
function oneWordInside(short: readonly string[], long: readonly string[]): boolean {
  const n = short.length
  for (const m of [n + 1, n - 1]) {
    for (let at = 0; at + m <= long.length; at++) {
      const run = long.slice(at, at + m)
      const [fewer, more] = m < n ? [run, short] : [short, run]
      if (fewer.filter((w) => !FUNCTION_WORDS.has(w)).length < 3 || more[0] !== fewer[0] || more[more.length - 1] !== fewer[fewer.length - 1]) continue
      for (let skip = 1; skip < more.length - 1; skip++) if (more.every((w, k) => k === skip || w === fewer[k < skip ? k : k - 1])) return true
    }
  }
  return false
}

/** A cut marked in a quotation: an ellipsis, or two dots or more. */
const CUT = /…|\.{2,}/

/**
 * True when `cut` (its pieces between cut marks) and `whole` (no cut inside) can both be taken from one original
 * text: the pieces of `cut` found in `whole` come in order, each where `whole` has it word for word, with no piece
 * found elsewhere between two of them; without a cut inside, `cut` may reach past `whole`'s first or last word (the
 * excerpts overlap), and the pieces before the first and after the last found may lie outside `whole`, when they share no telling word
 * with the words of `whole` no piece was found in (else they are those words given otherwise: "one way or the
 * other" / "one way or another"). The words the two share must be a quotation of their own: five words or more,
 * three of them telling.
 */
function oneOriginal(cut: string, whole: string, w: readonly string[]): boolean {
  // `w`: the words of `whole`, as `quoteWords` gives them (a cut mark at either end makes no word).
  if (CUT.test(whole.trim().replace(new RegExp(`^(?:${CUT.source})|(?:${CUT.source})$`, 'g'), ''))) return false
  const pieces = cut.split(CUT).map(quoteWords).filter((p) => p.length > 0)
  // Quadratic in the words of the two: beyond `UTTERANCE_WORDS` words (no quotation of news comes near) they are
  // left as changed.
  if (pieces.length === 0 || w.length === 0 || w.length > UTTERANCE_WORDS || pieces.reduce((n, p) => n + p.length, 0) > UTTERANCE_WORDS) return false
  let at = 0
  let shared = 0
  let telling = 0
  // Whether a piece was found in `whole`, and whether one was found past its end (nothing may then be found in it).
  let inside = false
  let past = false
  let missedInside = false
  // The words of `whole` a piece was found in, and the pieces found nowhere in it.
  const covered = new Uint8Array(w.length)
  const outside: (readonly string[])[] = []
  const count = (words: readonly string[], from: number) => {
    shared += words.length
    telling += words.filter((x) => !FUNCTION_WORDS.has(x)).length
    covered.fill(1, from, from + words.length)
  }
  for (const piece of pieces) {
    if (past) continue
    // The piece within `whole`, from where the last one ended.
    const found = indexOfRun(w, piece, at)
    if (found >= 0) {
      if (missedInside) return false
      count(piece, found)
      at = found + piece.length
      inside = true
      continue
    }
    // Two excerpts without a cut inside may overlap: the piece reaching past `whole`'s start or past its end. A piece
    // after a cut that goes on past the other's end is the other's words given otherwise ("… one way or the other,
    // we have to do it" / "and we're going to do it one way or the other").
    const before = inside || pieces.length > 1 ? 0 : longestSuffixAsPrefix(piece, w)
    if (before > 0) {
      count(piece.slice(piece.length - before), 0)
      at = before
      inside = true
      continue
    }
    const after = pieces.length > 1 ? 0 : longestPrefixAsSuffix(piece, w, at)
    if (after > 0) {
      count(piece.slice(0, after), w.length - after)
      past = true
      continue
    }
    // A piece not in `whole` lies before it or after it: never between two pieces found in it.
    if (inside) missedInside = true
    outside.push(piece)
  }
  if (shared < 5 || telling < 3) return false
  const rest = new Set(w.filter((x, k) => covered[k] === 0 && !FUNCTION_WORDS.has(x)))
  return outside.every((piece) => piece.every((x) => !rest.has(x)))
}

/** The first position at or after `from` where `run` stands in `words`, or -1. */
function indexOfRun(words: readonly string[], run: readonly string[], from: number): number {
  for (let i = from; i + run.length <= words.length; i++) {
    let k = 0
    while (k < run.length && words[i + k] === run[k]) k++
    if (k === run.length) return i
  }
  return -1
}

/** The most words that end `piece` and begin `words` (shorter than `piece`, so the piece reaches before them). */
function longestSuffixAsPrefix(piece: readonly string[], words: readonly string[]): number {
  for (let k = Math.min(piece.length - 1, words.length); k > 0; k--) if (piece.slice(piece.length - k).every((x, i) => x === words[i])) return k
  return 0
}

/** The most words that begin `piece` and end `words` at or after position `from` (the piece reaching past their end). */
function longestPrefixAsSuffix(piece: readonly string[], words: readonly string[], from: number): number {
  for (let k = Math.min(piece.length - 1, words.length - from); k > 0; k--) if (piece.slice(0, k).every((x, i) => x === words[words.length - k + i])) return k
  return 0
}

/** True when every piece of an excerpt with its cuts marked ("…", "...") stands in `whole`, in order, spaces aside. */
function cutsFit(excerpt: string, whole: string): boolean {
  const squash = (text: string) => quoteWords(text).join('').replaceAll(' ', '')
  const pieces = excerpt.split(/…|\.\.\./).map(squash).filter((p) => p !== '')
  const text = squash(whole)
  let at = 0
  for (const piece of pieces) {
    at = text.indexOf(piece, at)
    if (at < 0) return false
    at += piece.length
  }
  return pieces.length > 0
}

// The words of the quotations read last: a story compares each quotation with many others (every linked pair of
// sentences, every candidate of a quote group), and reading it again each time cost a tenth of a 1,000-article run.
// Emptied when full, so memory stays bounded; the words of a text are always the same, so no report changes.
const WORDS_READ = new Map<string, readonly string[]>()
const WORDS_KEPT = 20_000

/** The words of a quotation, lower case, punctuation and curly quotes aside. */
export function quoteWords(text: string): readonly string[] {
  const known = WORDS_READ.get(text)
  if (known !== undefined) return known
  if (WORDS_READ.size >= WORDS_KEPT) WORDS_READ.clear()
  const words = Object.freeze(readQuoteWords(text))
  WORDS_READ.set(text, words)
  return words
}

/** What a censored word is read as after its first letter: a digit, so that no word written out is read so. */
const CENSORED = '0'

function readQuoteWords(text: string): readonly string[] {
  const folded = text
    .toLowerCase()
    .replace(/[‘’`]/g, "'")
    // "F.B.I." and "FBI", "&" and "and", "two-in-three" and "2 in 3" are one wording.
    .replace(/\b(\p{L})\.(?=\p{L}\b)/gu, '$1')
    .replace(/&/g, ` ${AMPERSAND_WORD} `)
    // A word an outlet censors with asterisks ("f**king", "f***ing"): its first letter is all the renderings share.
    .replace(/(\p{L})\p{L}*\*[\p{L}*]*/gu, `$1${CENSORED}`)
  return (
    // An editor's insertion ("these (local) supervisors", "lied many times, [and] nothing") is not the speaker's.
    withoutInsertions(folded)
      .split(/[^\p{L}\p{N}']+/u)
      .map((w) => w.replace(/^'+|'+$/g, ''))
      // "it's" / "it is", "don't" / "do not", "gonna" / "going to": one wording, one word.
      .flatMap((w, k, words) => expanded(w, words[k + 1]))
      .reduce(joinContractions, [])
      // "that"/"which" (the guide's rule) and articles ("a steel barrier" / "steel barrier") are not the words
      // that make a quotation another.
      .filter((w) => w !== '' && !QUOTE_FILLERS.has(w))
      .map((w) => (NUMBER_WORDS.has(w) ? String(NUMBER_WORDS.get(w)) : (TITLE_ABBREVIATIONS.get(w) ?? w)))
  )
}

/** How many words a quotation's list stands for, a contraction's two counted as two. */
function writtenWords(words: readonly string[]): number {
  let n = words.length
  for (const w of words) if (w.includes(' ')) n++
  return n
}

/** `words` with `word` added, joined to the word before it when the two are what a contraction stands for. */
function joinContractions(words: string[], word: string): string[] {
  const last = words[words.length - 1]
  if (last !== undefined && !last.includes(' ') && CONTRACTION_PAIRS.has(`${last} ${word}`)) words[words.length - 1] = `${last} ${word}`
  else words.push(word)
  return words
}

/** A word with its contraction written out ("don't" → "do", "not"), or the word alone. */
function expanded(word: string, next: string | undefined): readonly string[] {
  const whole = CONTRACTED_WORDS.get(word)
  if (whole !== undefined) return whole
  if (word.endsWith("'s")) {
    const base = word.slice(0, -2)
    if (base === 'let') return ['let', 'us']
    if (S_CONTRACTING_PRONOUNS.has(base)) return [base, HAS_AFTER_S.has(next ?? '') ? 'has' : 'is']
    return [word]
  }
  for (const [ending, full] of CONTRACTION_ENDINGS) if (word.length > ending.length && word.endsWith(ending)) return [word.slice(0, -ending.length), full]
  return [word]
}

/**
 * `text` with each parenthesis or bracket and what it holds replaced by a space, as `/\([^)]*\)|\[[^\]]*\]/g` would
 * replace them, in one pass: that pattern looked for a closing mark after each opening one, so a quotation of
 * 40,000 "(word" without one took 15 s.
 */
export function withoutInsertions(text: string): string {
  let out = ''
  let from = 0
  // The next closing mark of each kind at or after the place read (-1: none left), found once per match.
  const next = { ')': -2, ']': -2 }
  for (let p = 0; p < text.length; p++) {
    const c = text[p]
    if (c !== '(' && c !== '[') continue
    const close = c === '(' ? ')' : ']'
    if (next[close] !== -1 && next[close] <= p) next[close] = text.indexOf(close, p + 1)
    const q = next[close]
    if (q === -1) continue
    out += `${text.slice(from, p)} `
    from = q + 1
    p = q
  }
  return out + text.slice(from)
}

/**
 * True when two words of four letters or more are spellings of one word: one letter added, dropped or changed
 * ("Theatre" / "Theater"), once a doubled letter counts once ("Momma" / "Mama": "Moma" / "Mama").
 */
function nearSpelling(x: string, y: string): boolean {
  if (x === y) return true
  if (Math.min(x.length, y.length) < 4 || Math.abs(x.length - y.length) > 2 || /\d/.test(x + y)) return false
  const single = (w: string) => w.replace(/(.)\1+/g, '$1')
  return oneLetterApart(x, y) || oneLetterApart(single(x), single(y))
}

/** True when two words differ by one letter added, dropped or changed. */
function oneLetterApart(x: string, y: string): boolean {
  if (x === y) return true
  if (Math.abs(x.length - y.length) > 1) return false
  let i = 0
  while (i < x.length && i < y.length && x[i] === y[i]) i++
  return x.slice(i + (x.length >= y.length ? 1 : 0)) === y.slice(i + (y.length >= x.length ? 1 : 0))
}

/**
 * True when `x` and `y` share a run of five words or more in a row, at least three of them content words. One pass
 * over the pairs of positions: the run ending at each pair and its content words, from the pair before it.
 */
function sharesRun(x: readonly string[], y: readonly string[]): boolean {
  if (x.length < 5 || y.length < 5) return false
  let run = new Int32Array(y.length + 1)
  let next = new Int32Array(y.length + 1)
  let telling = new Int32Array(y.length + 1)
  let nextTelling = new Int32Array(y.length + 1)
  for (let i = 0; i < x.length; i++) {
    const content = FUNCTION_WORDS.has(x[i]!) ? 0 : 1
    for (let j = 0; j < y.length; j++) {
      if (x[i] !== y[j]) {
        next[j + 1] = 0
        nextTelling[j + 1] = 0
        continue
      }
      next[j + 1] = run[j]! + 1
      nextTelling[j + 1] = telling[j]! + content
      if (next[j + 1]! >= 5 && nextTelling[j + 1]! >= 3) return true
    }
    ;[run, next] = [next, run]
    ;[telling, nextTelling] = [nextTelling, telling]
  }
  return false
}

/** A quotation word without its possessive ending: "pennsylvania's" → "pennsylvania". */
function unpossessive(word: string): string {
  return word.endsWith("'s") ? word.slice(0, -2) : word
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
