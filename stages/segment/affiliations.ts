// segment/affiliations: the party-and-state tags of American politicians ("Sen. Richard Blumenthal (D-Conn.)",
// "John Cornyn, R-Texas, said", "Sen. Joe Manchin, D-W.Va."). A tag says who the person before it is; it names
// no speaker of its own, so quote speakers and attributions read past it.
import { PARTY_LETTERS, STATE_FIRST_WORDS, US_POSTAL_CODES, US_STATE_FORMS } from '../../lang/en/words.js'
import type { Token } from '../../core/types.js'

/** The most tokens a state's form is read from ("W", ".", "Va."). */
const STATE_TOKENS = 4

/**
 * The indices of the tokens of every affiliation tag of a sentence, with the brackets around it ("(D-Conn.)") or
 * the commas that set it off (", R-Texas,"). A tag follows a capitalised word (the person's name) and is a party
 * letter, a hyphen and a state, all written together.
 */
export function affiliationTags(tokens: readonly Token[]): ReadonlySet<number> {
  // Attributions and quote speakers both read a sentence's tags: found once per sentence's tokens.
  let tags = TAGS.get(tokens)
  if (tags === undefined) TAGS.set(tokens, (tags = findTags(tokens)))
  return tags
}

const TAGS = new WeakMap<readonly Token[], ReadonlySet<number>>()

function findTags(tokens: readonly Token[]): ReadonlySet<number> {
  const tags = new Set<number>()
  const glued = (k: number) => tokens[k + 1] !== undefined && tokens[k]!.end === tokens[k + 1]!.begin
  for (let i = 1; i + 2 < tokens.length; i++) {
    if (!PARTY_LETTERS.has(tokens[i]!.text) || tokens[i + 1]!.text !== '-' || !glued(i) || !glued(i + 1)) continue
    const end = stateEnd(tokens, i + 2, glued)
    if (end < 0) continue
    const open = tokens[i - 1]!
    const opened = open.text === '(' || open.text === ','
    const named = opened ? tokens[i - 2] : open
    if (named === undefined || !/^\p{Lu}/u.test(named.text)) continue
    for (let k = i; k <= end; k++) tags.add(k)
    if (open.text === '(' && tokens[end + 1]?.text === ')') tags.add(i - 1).add(end + 1)
    if (open.text === ',') {
      tags.add(i - 1)
      if (tokens[end + 1]?.text === ',') tags.add(end + 1)
    }
  }
  return tags
}

/** The index of the last token of the state a tag names from token `from`, or -1 when none is there. */
function stateEnd(tokens: readonly Token[], from: number, glued: (k: number) => boolean): number {
  const first = tokens[from]!
  if (first.kind !== 'word' || !/^\p{Lu}/u.test(first.text)) return -1
  if (US_POSTAL_CODES.has(first.text) && !(glued(from) && tokens[from + 1]!.text === '.')) return from
  // "New York", "West Virginia": two words apart.
  const second = tokens[from + 1]
  if (STATE_FIRST_WORDS.has(first.normal) && second !== undefined && !glued(from) && US_STATE_FORMS.has(`${first.normal} ${second.normal.replace(/\.$/, '')}`)) return from + 1
  // "Conn.", "N.Y.", "W.Va.": the longest run of letters and dots written together that is a state.
  let found = -1
  let text = ''
  for (let k = from; k < Math.min(tokens.length, from + STATE_TOKENS); k++) {
    const t = tokens[k]!
    if (k > from && !glued(k - 1)) break
    if (!/^[\p{L}.]+$/u.test(t.text)) break
    text += t.text
    if (US_STATE_FORMS.has(text.toLowerCase().replaceAll('.', ''))) found = k
  }
  return found
}
