// digest.md: the story in brief for a reader. score/digest builds (and escapes) the Markdown; this file writes it.
import type { TextFile } from './report-file.js'

/** digest.md: the digest's Markdown, ending with a line break. */
export const digestMd: TextFile = {
  file: 'digest.md',
  about: 'the story in brief: what independent outlets agree on, what is disputed, what one outlet alone reports',
  text: ({ ledger }) => `${ledger.digest.markdown}\n`,
}
