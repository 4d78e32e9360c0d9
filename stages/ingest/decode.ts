// decode: what encoding a text file is in (byte order mark, the pattern of its NUL bytes) and its bytes as text,
// invalid UTF-8 read as Windows-1252 one line at a time, so that one bad byte never garbles the lines around it.
import type { TextEncoding } from '../../core/types.js'

/** What `sniffEncoding` found: an encoding (and the byte order mark to skip), or bytes that are not text. */
export type Sniffed =
  | {
      readonly encoding: TextEncoding
      /** Bytes of the byte order mark at the start (0 without one). */
      readonly bom: number
      /** How it was told: a byte order mark, the pattern of NUL bytes (UTF-16 or UTF-32 without one), or the default. */
      readonly by: 'bom' | 'nul-pattern' | 'default'
    }
  | {
      readonly encoding: null
      readonly bom: 0
      readonly by: 'nul-bytes'
      /** Share of the sample's bytes that are control characters other than tab, line ends and form feed. */
      readonly controlShare: number
    }

/** Human names of the encodings, for messages. */
export const ENCODING_NAMES: Readonly<Record<TextEncoding, string>> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (Latin-1)',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'utf-32le': 'UTF-32 LE',
  'utf-32be': 'UTF-32 BE',
}

/** Bytes per code unit: how a line end or a quote is found in a file of this encoding. */
export function unitWidth(encoding: TextEncoding): 1 | 2 | 4 {
  return encoding.startsWith('utf-16') ? 2 : encoding.startsWith('utf-32') ? 4 : 1
}

/**
 * Tell a file's encoding from its first bytes: a byte order mark (UTF-8, UTF-16, UTF-32), else NUL bytes in the
 * pattern of UTF-32 or UTF-16 text (ASCII in UTF-16 LE is every other byte 0), else UTF-8. NUL bytes in no such
 * pattern: not text, or a text file with a few stray NULs (`controlShare` tells them apart). `whole`: the sample
 * is the whole file.
 */
export function sniffEncoding(sample: Uint8Array, whole: boolean): Sniffed {
  const b = sample
  // The whole file: its length must be a whole number of units; a sample may end inside one.
  const units = (width: number, skip: number) => !whole || (b.length - skip) % width === 0
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bom: 3, by: 'bom' }
  // FF FE 00 00 is the UTF-32 LE mark, or UTF-16 LE's mark followed by a NUL character: UTF-32 when the rest reads so.
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0 && units(4, 4) && utf32Like(b.subarray(4), false)) return { encoding: 'utf-32le', bom: 4, by: 'bom' }
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'utf-32be', bom: 4, by: 'bom' }
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bom: 2, by: 'bom' }
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bom: 2, by: 'bom' }
  if (!b.includes(0)) return { encoding: 'utf-8', bom: 0, by: 'default' }
  for (const big of [false, true]) if (units(4, 0) && utf32Like(b, big)) return { encoding: big ? 'utf-32be' : 'utf-32le', bom: 0, by: 'nul-pattern' }
  for (const big of [false, true]) if (units(2, 0) && utf16Like(b, big)) return { encoding: big ? 'utf-16be' : 'utf-16le', bom: 0, by: 'nul-pattern' }
  return { encoding: null, bom: 0, by: 'nul-bytes', controlShare: controlShare(b) }
}

/** Every whole 4-byte unit a scalar value other than NUL, and the text they spell not mostly control characters. */
function utf32Like(b: Uint8Array, big: boolean): boolean {
  const units = Math.floor(b.length / 4)
  if (units === 0) return false
  for (let i = 0; i < units * 4; i += 4) {
    const cp = big ? ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0 : ((b[i + 3]! << 24) | (b[i + 2]! << 16) | (b[i + 1]! << 8) | b[i]!) >>> 0
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false
  }
  return controlShareOfText(decodeUtf32(b.subarray(0, units * 4), big)) <= 0.02
}

/**
 * UTF-16 without a byte order mark: no NUL character (a 00 00 unit), zero bytes on one side of the units only (the
 * high byte of Latin letters, digits and punctuation), and the text not mostly control characters.
 */
function utf16Like(b: Uint8Array, big: boolean): boolean {
  const units = Math.floor(b.length / 2)
  if (units === 0) return false
  let zeroHigh = 0
  let zeroLow = 0
  for (let i = 0; i < units * 2; i += 2) {
    const hi = big ? b[i]! : b[i + 1]!
    const lo = big ? b[i + 1]! : b[i]!
    if (hi === 0 && lo === 0) return false
    if (hi === 0) zeroHigh++
    if (lo === 0) zeroLow++
  }
  if (zeroHigh * 10 < units || zeroLow * 4 > zeroHigh) return false
  return controlShareOfText(new TextDecoder(big ? 'utf-16be' : 'utf-16le').decode(b.subarray(0, units * 2))) <= 0.02
}

/** C0 controls other than tab, line feed, vertical tab, form feed and carriage return, and DEL. */
function isControl(c: number): boolean {
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d) || c === 0x7f
}

function controlShare(b: Uint8Array): number {
  let n = 0
  for (const c of b) if (isControl(c)) n++
  return b.length === 0 ? 0 : n / b.length
}

function controlShareOfText(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) n++
  return text.length === 0 ? 0 : n / text.length
}

/** Text decoded from bytes, and the lines (1-based) that were not valid UTF-8 and were read as Windows-1252. */
export interface Decoded {
  readonly text: string
  /** Lines read as Windows-1252 (UTF-8 only). */
  readonly latin1Lines: readonly number[]
  /** True when every line with a byte above 0x7F was one of them: the file is Windows-1252, not damaged UTF-8. */
  readonly allLatin1: boolean
}

/** Decode `bytes` (no byte order mark) as `encoding`; UTF-8 lines that are not valid are read as Windows-1252. */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): Decoded {
  switch (encoding) {
    case 'utf-8':
      return decodeUtf8Lines(bytes)
    case 'windows-1252':
      return { text: decodeWindows1252(bytes), latin1Lines: [], allLatin1: false }
    case 'utf-16le':
    case 'utf-16be':
      return { text: new TextDecoder(encoding).decode(bytes), latin1Lines: [], allLatin1: false }
    case 'utf-32le':
    case 'utf-32be':
      return { text: decodeUtf32(bytes, encoding === 'utf-32be'), latin1Lines: [], allLatin1: false }
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })

function decodeUtf8Lines(bytes: Uint8Array): Decoded {
  try {
    return { text: UTF8.decode(bytes), latin1Lines: [], allLatin1: false }
  } catch {
    // Not valid as a whole: decode line by line (a line end is never inside a UTF-8 sequence).
  }
  const parts: string[] = []
  const latin1Lines: number[] = []
  let nonAscii = 0
  let start = 0
  for (let line = 1; start <= bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start)
    if (end === -1) end = bytes.length
    const part = bytes.subarray(start, end)
    if (part.some((c) => c >= 0x80)) nonAscii++
    try {
      parts.push(UTF8.decode(part))
    } catch {
      parts.push(decodeWindows1252(part))
      latin1Lines.push(line)
    }
    start = end + 1
  }
  return { text: parts.join('\n'), latin1Lines, allLatin1: latin1Lines.length === nonAscii }
}

// Windows-1252 characters of bytes 0x80-0x9F (the five unassigned bytes keep their C1 code points).
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

/** Windows-1252 bytes to text; curly quotes, dashes and € are why a news file fails as UTF-8. */
export function decodeWindows1252(bytes: Uint8Array): string {
  // Node since 20.18.3 decodes `windows-1252` as Latin-1 (nodejs/node#60888), so "\x93open\x94" came out as C1
  // control characters instead of “open”: map 0x80-0x9F ourselves (a no-op where Node gets it right).
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!)
}

/** UTF-32 (which TextDecoder does not know); a unit that is no scalar value, or a trailing partial one, is U+FFFD. */
export function decodeUtf32(bytes: Uint8Array, big: boolean): string {
  const chars: string[] = []
  let i = 0
  for (; i + 4 <= bytes.length; i += 4) {
    const cp = big ? ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0 : ((bytes[i + 3]! << 24) | (bytes[i + 2]! << 16) | (bytes[i + 1]! << 8) | bytes[i]!) >>> 0
    chars.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\ufffd' : String.fromCodePoint(cp))
  }
  if (i < bytes.length) chars.push('\ufffd')
  return chars.join('')
}

// Half a UTF-16 surrogate pair (JSON's `\ud800` escapes allow them): no encoder writes one, so reports would spell it
// as U+FFFD in CSV and as `\ud800` in JSON.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** True when `text` has a lone surrogate. */
export function hasLoneSurrogate(text: string): boolean {
  LONE_SURROGATE.lastIndex = 0
  return LONE_SURROGATE.test(text)
}

/** `text` with every lone surrogate replaced by U+FFFD, as String.prototype.toWellFormed does (ES2024). */
export function toWellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd')
}
