// clean/language: whether an article is written in another language than the one corroborate reads. Every signal
// (stems, word vectors, WordNet, the learners) is English: a Spanish article's sentences would align with nothing
// and its outlet would "omit" every statement of the story, so it is left out with a warning that names it.
import { franc } from 'franc-min'
import { COMMON_SHARE, COMMON_WORDS, LANGUAGE_CODE } from '../../lang/en/words.js'

/** Fewest words a text must have for its language to be judged: franc misreads one headline in five. */
export const LANGUAGE_MIN_WORDS = 30

/** Another language than English, found in a text: its ISO 639-3 code and English name, and its share of common English words. */
export interface OtherLanguage {
  readonly code: string
  readonly name: string
  readonly commonShare: number
}

const NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' })

/**
 * The language of `text` when it is surely not English, else null: franc (`franc-min`, trigrams of 82 languages)
 * must name another language and fewer than `COMMON_SHARE` of its words may be common English words. A text of
 * fewer than `LANGUAGE_MIN_WORDS` words is never judged: a headline or a short wire brief is too short to tell.
 */
export function otherLanguage(text: string): OtherLanguage | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? []
  if (words.length < LANGUAGE_MIN_WORDS) return null
  let common = 0
  for (const w of words) if (COMMON_WORDS.has(w)) common++
  const commonShare = common / words.length
  if (commonShare >= COMMON_SHARE) return null
  const code = franc(text, { minLength: 10 })
  if (code === LANGUAGE_CODE || code === 'und') return null
  return { code, name: languageName(code), commonShare }
}

function languageName(code: string): string {
  try {
    return NAMES.of(code) ?? code
  } catch {
    return code
  }
}
