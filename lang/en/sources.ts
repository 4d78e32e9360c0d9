// How English names a source: whether two attributions name different sources (relate's attribution_differs,
// quotes' speakers).
import { ANONYMOUS, GENERIC_SOURCE_WORDS, isName, undotted } from './words.js'

/**
 * Attribution differs when the same claim is sourced to two different named sources ("the Kremlin" / "the White
 * House"), or to a named or official source in one outlet and an anonymous one in the other. A role and a name
 * ("the mayor" / "Diane Whitlock") or a general and a particular source ("city officials" / "Samuel Ortega")
 * may be the same people and are not called a difference.
 */
export function attributionDiffers(x: string, y: string): boolean {
  const anonymousX = ANONYMOUS.test(x)
  const anonymousY = ANONYMOUS.test(y)
  if (anonymousX !== anonymousY) return true
  if (anonymousX) return false
  return isName(x) && isName(y) && !sameSource(x, y)
}

/** Two named sources are the same when one's words are within the other's ("Ortega" / "Samuel Ortega"). */
export function sameSource(x: string, y: string): boolean {
  // "the I.R.S." and "the IRS" are one source: an initialism is read without its dots, as tokens are.
  const words = (s: string) =>
    s
      .toLowerCase()
      .replace(/['’]s\b/g, '')
      .split(/\s+/)
      .map(undotted)
      .join(' ')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== '' && !/^(?:the|a|an|of)$/.test(w))
  const a = words(x)
  const b = words(y)
  if (a.length === 0 || b.length === 0) return true
  // "Tim Murray" / "Timothy Murray", "Vicente Fox" / "Vincente Fox": one surname, one person.
  if (a.length > 1 && b.length > 1 && a[a.length - 1] === b[b.length - 1] && isName(x) && isName(y)) return true
  const [short, long] = a.length <= b.length ? [a, new Set(b)] : [b, new Set(a)]
  if (short.every((w) => long.has(w))) return true
  // "the Treasury Department and the Internal Revenue Service" / "the U.S. Department of the Treasury": one
  // institution when they share a word that names it, not only "department" or "office".
  return isName(x) && isName(y) && short.some((w) => long.has(w) && !GENERIC_SOURCE_WORDS.has(w) && w.length > 2)
}
