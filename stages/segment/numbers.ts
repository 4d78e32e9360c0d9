// segment/numbers: the numbers a sentence mentions, with their value and the word they count.
import { CURRENCY_WORDS, MONTHS, MULTIPLIERS, NUMBER_WORDS, ORDINAL_SUFFIX, TOLL_COUNTS, TOLL_NOUNS, TOLL_WORDS } from '../../lang/en/words.js'
import { AGE_AFTER, AGE_UNIT, QUANTITY_BEFORE, TALLY_BEFORE, TALLY_JOIN } from '../../lang/en/quantities.js'
import type { NumberMention, Token } from '../../core/types.js'

/** Numbers with the word they count: "4,000 US soldiers" → 4000 soldiers, "$5.2 million" → 5200000 $. */
export function findNumbers(tokens: readonly Token[]): NumberMention[] {
  const found: NumberMention[] = []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    const tally = tallyAt(tokens, i)
    if (tally !== null) {
      found.push(...tally.mentions)
      i = tally.next - 1
      continue
    }
    let value = parseNumber(token)
    if (value === null) continue
    // "$5", and a dollar named by its country: "US$5 million", "C$40 million" (tokens of their own).
    const begin = i > 0 && tokens[i - 1]!.kind === 'symbol' && CURRENCY_SYMBOL.test(tokens[i - 1]!.text) && tokens[i - 1]!.end === token.begin ? i - 1 : i
    let j = i + 1
    // "5.2 million", "two hundred"
    // "a $1.2-billion deal", "a 1.2-billion-dollar deal": the multiplier after a hyphen.
    if (tokens[j]?.text === '-' && tokens[j]!.begin === tokens[j - 1]!.end && MULTIPLIERS.has(tokens[j + 1]?.normal ?? '') && tokens[j + 1]!.begin === tokens[j]!.end && tokens[j + 1]!.normal.length > 1) j++
    while (j < tokens.length && MULTIPLIERS.has(tokens[j]!.normal) && tokens[j]!.begin - tokens[j - 1]!.end <= 1) {
      // Round off binary noise: 2.01 * 1e6 is 2009999.9999999998, and "$2.01 million" must equal "2,010,000".
      value = Number((value * MULTIPLIERS.get(tokens[j]!.normal)!).toPrecision(15))
      j++
    }
    const endToken = tokens[j - 1]!
    let unit: string | null = null
    // "3 March", "3rd of March": the day before its month, as British and most other English outlets write it.
    const dayOf = begin === i && value <= 31 && Number.isInteger(value) ? monthAfter(tokens, j) : null
    const named = begin === i ? namedBefore(tokens, i) : null
    if (begin < i) unit = tokens[begin]!.text === 'US$' ? '$' : tokens[begin]!.text
    else if (named !== null) unit = named
    else if (isAge(tokens, i, j)) unit = AGE_UNIT
    else if (tokens[j] && isPercent(tokens, j)) unit = 'percent'
    else if (i > 0 && MONTHS.has(tokens[i - 1]!.normal.replace(/\.$/, '')) && value <= 31) unit = tokens[i - 1]!.normal.replace(/\.$/, '').slice(0, 3)
    else if (dayOf !== null) unit = dayOf
    else if (/^(1[89]|20)\d\d$/.test(token.text) && !(tokens[j] && tokens[j]!.pos === 'NOUN')) unit = 'year'
    else {
      for (let k = j; k < Math.min(tokens.length, j + 4); k++) {
        const t = tokens[k]!
        if (t.pos === 'NOUN') {
          unit = t.normal
          break
        }
        if (!(t.pos === 'ADJ' || t.pos === 'PROPN' || t.pos === 'ADV' || t.pos === 'NUM' || t.text === '-')) break
      }
    }
    // "five million dollars" counts what "$5 million" does.
    if (unit !== null && begin === i) unit = CURRENCY_WORDS.get(unit) ?? unit
    // "Gunman kills 5 at mall", "5 dead", "Twelve killed", "death toll rises to 14": a toll with no noun counts people.
    if (unit === null && begin === i && Number.isInteger(value) && isToll(tokens, i, j)) unit = TOLL_COUNTS
    found.push({ text: tokens.slice(begin, j).map((t, n, a) => (n > 0 && a[n - 1]!.end < t.begin ? ' ' : '') + t.text).join(''), value, unit, begin: tokens[begin]!.begin, end: endToken.end })
    i = j - 1
  }
  return found
}

/** The units of a tally's two counts: "219-212" is 219 for and 212 against. */
export const TALLY_FOR = 'tally:for'
export const TALLY_AGAINST = 'tally:against'

/** Whether a number is a count of a tally ("97-1": 97 for, 1 against). */
export function isTally(n: NumberMention): boolean {
  return n.unit === TALLY_FOR || n.unit === TALLY_AGAINST
}

/**
 * A unit's numbers as the shipped similarity model was fitted on them: a tally written as one token ("97-1") gave no
 * number then (one written "134 to 63" gave its two counts), so alignment leaves it out until the model is refitted.
 */
export function fittedNumbers(numbers: readonly NumberMention[], tokens: readonly Token[]): readonly NumberMention[] {
  if (!numbers.some(isTally)) return numbers
  const oneToken = new Set(tokens.map((t) => `${t.begin}:${t.end}`))
  return numbers.filter((n) => !(isTally(n) && oneToken.has(`${n.begin}:${n.end}`)))
}

/** How many numbers a unit writes: a tally's two counts are one number written ("97-1"). */
export function numbersWritten(numbers: readonly NumberMention[]): number {
  return numbers.filter((n) => n.unit !== TALLY_AGAINST).length
}

/**
 * A tally at token `i` ("voted 97-1", "a 5-4 ruling", "won 3–1", "by a vote of 219 to 212"): two whole counts, the
 * first at least the second (a range is written lower first: "10-12 people"), as two mentions of one text, the count
 * for and the count against; with the token after it. Null when no tally starts there.
 */
function tallyAt(tokens: readonly Token[], i: number): { mentions: NumberMention[]; next: number } | null {
  const t = tokens[i]!
  const whole = /^(\d{1,4})[-–](\d{1,4})$/.exec(t.text)
  let counts: [number, number] | null = null
  let next = i + 1
  if (whole) counts = [Number(whole[1]), Number(whole[2])]
  else if (/^\d{1,4}$/.test(t.text)) {
    const dash = tokens[i + 1]
    const second = tokens[i + 2]
    // "97 - 1" written in three tokens without spaces, or "219 to 212" after a word of a vote.
    const dashed = dash !== undefined && (dash.text === '-' || dash.text === '–') && dash.begin === t.end && second?.begin === dash.end
    const spelled = dash?.normal === TALLY_JOIN && tokens.slice(Math.max(0, i - 4), i).some((x) => TALLY_BEFORE.has(x.normal))
    if (second && /^\d{1,4}$/.test(second.text) && (dashed || spelled)) {
      counts = [Number(t.text), Number(second.text)]
      next = i + 3
    }
  }
  if (counts === null || counts[0] < counts[1]) return null
  const last = tokens[next - 1]!
  const text = tokens.slice(i, next).map((x, n, all) => (n > 0 && all[n - 1]!.end < x.begin ? ' ' : '') + x.text).join('')
  const at = { text, begin: t.begin, end: last.end }
  return { mentions: [{ ...at, value: counts[0], unit: TALLY_FOR }, { ...at, value: counts[1], unit: TALLY_AGAINST }], next }
}

/** The unit a noun before the number names: "magnitude 6.1", "magnitude of 6.1", "aged 34", "Category 4"; or null. */
function namedBefore(tokens: readonly Token[], i: number): string | null {
  const k = i > 1 && tokens[i - 1]!.normal === 'of' ? i - 2 : i - 1
  return k >= 0 ? (QUANTITY_BEFORE.get(tokens[k]!.normal) ?? null) : null
}

/**
 * Whether the whole number at tokens [i, j) is a person's age: "34-year-old", "34 years old", or a number set off by
 * commas right after a name ("Marta Ruiz, 34, of Dayton").
 */
function isAge(tokens: readonly Token[], i: number, j: number): boolean {
  const value = Number(tokens[i]!.text)
  if (!Number.isInteger(value) || value < 1 || value > 119 || j !== i + 1) return false
  if (AGE_AFTER.test(tokens.slice(j, j + 4).map((t) => t.normal).join(''))) return true
  const next = tokens[j]?.text
  return i > 1 && tokens[i - 1]!.text === ',' && tokens[i - 2]!.pos === 'PROPN' && (next === ',' || next === '.' || next === ';' || next === undefined)
}

/** Whether the number at tokens [i, j) is a toll: a word of death, injury or arrest right after or before it, or a tally's noun just before it. */
function isToll(tokens: readonly Token[], i: number, j: number): boolean {
  if (TOLL_WORDS.has(tokens[j]?.normal ?? '') || (i > 0 && TOLL_WORDS.has(tokens[i - 1]!.normal))) return true
  // "the death toll rose from 10 to 12": six words back.
  for (let k = i - 1; k >= Math.max(0, i - 6); k--) {
    if (tokens[k]!.kind === 'punctuation') return false
    if (TOLL_NOUNS.has(tokens[k]!.normal)) return true
  }
  return false
}

/** A currency symbol before a number: "$", "€", "£", "¥", and a dollar named by its country ("US$", "C$", "A$", "HK$"). */
const CURRENCY_SYMBOL = /^(?:[$€£¥]|[A-Z]{1,3}\$)$/

/** The month (its first three letters) that the tokens from `j` name: "March", "Mar.", "of March"; or null. */
function monthAfter(tokens: readonly Token[], j: number): string | null {
  const at = tokens[j]?.normal === 'of' ? j + 1 : j
  const month = tokens[at]?.normal.replace(/\.$/, '')
  // "the 19 Sept. 11 hijackers": a month with its own day after it is that day's ("Sept. 11"), not this number's.
  const dayAfter = tokens[at + 1]?.kind === 'number' && Number(tokens[at + 1]!.text.replace(ORDINAL_SUFFIX, '')) <= 31
  return month !== undefined && MONTHS.has(month) && /^\p{Lu}/u.test(tokens[at]!.text) && !dayAfter ? month.slice(0, 3) : null
}

/**
 * Whether the tokens from `j` write "percent": "%", "percent", "per cent" (not "per day"), or the "pc" written onto
 * the number ("3.5pc", British papers).
 */
function isPercent(tokens: readonly Token[], j: number): boolean {
  const t = tokens[j]!
  if (t.text === '%' || t.normal === 'percent') return true
  if (t.normal === 'per') return tokens[j + 1]?.normal === 'cent'
  return t.normal === 'pc' && t.begin === tokens[j - 1]!.end
}

function parseNumber(token: Token): number | null {
  if (token.kind === 'number') {
    const digits = token.text.replace(/,/g, '').replace(ORDINAL_SUFFIX, '')
    const value = Number(digits)
    if (Number.isFinite(value)) return value
    return NUMBER_WORDS.get(token.normal) ?? null
  }
  if (token.kind === 'word' && token.pos === 'NUM') return NUMBER_WORDS.get(token.normal) ?? null
  return null
}
