// segment/left-out: the sentences segment leaves out (another script, too short, no words), listed in the
// article's `removed` so that no text goes missing unseen.
import type { MessageLog } from '../../core/messages.js'
import type { CleanArticle, RemovalReason } from '../../core/types.js'
import type { SentenceDraft } from './sentences.js'

const SOURCE = 'segment'

// Scripts named in the message about sentences left out for their script.
const SCRIPTS = ['Arabic', 'Hebrew', 'Cyrillic', 'Greek', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Devanagari', 'Bengali', 'Thai', 'Armenian', 'Georgian', 'Ethiopic', 'Tamil'] as const
const SCRIPT_TESTS = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const)

/**
 * The article with the sentences `segment` leaves out added to its `removed` list (offsets into its text), so that
 * no text goes missing unseen: an Arabic or Hebrew paragraph in an English article (`other-script`, with an info
 * message naming the script), a sentence of fewer than `minWords` words (`short-sentence`: "Ok.", a lone "12"), a
 * line of emoji or symbols (`no-words`).
 */
export function withLeftOut(article: CleanArticle, left: readonly SentenceDraft[], log: MessageLog): CleanArticle {
  const added = left.map((d) => {
    const p = d.paragraph
    const begin = article.paragraphOffsets[p]! + (d.begin - article.paragraphs[p]!)
    const end = begin + (d.end - d.begin)
    const text = article.text.slice(begin, end)
    // Letters the tokenizer made no words of: another script than the Latin the English model reads.
    const foreign = [...text].some((c) => /\p{L}/u.test(c) && !/\p{Script=Latin}/u.test(c))
    const reason: RemovalReason = foreign ? 'other-script' : /[\p{L}\p{N}]/u.test(text) ? 'short-sentence' : 'no-words'
    return { text, reason, begin, end }
  })
  const foreign = added.filter((r) => r.reason === 'other-script')
  if (foreign.length > 0) {
    const scripts = SCRIPT_TESTS.filter(([, test]) => foreign.some((r) => test.test(r.text))).map(([name]) => name)
    log.info(
      SOURCE,
      'other-script',
      `Expected text in the Latin script, got ${foreign.length} sentence(s) in ${scripts.length > 0 ? scripts.join(', ') : 'another script'}; left out, listed in \`removed\``,
      { ...article.source, article: article.id, begin: foreign[0]!.begin, end: foreign[0]!.end },
    )
  }
  return { ...article, removed: [...article.removed, ...added].sort((a, b) => a.begin - b.begin) }
}
