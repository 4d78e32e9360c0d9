// report.html: the story's page for a reader, beside the CSVs: the same analysed story drawn as a page (see html/).
import { storyPage } from './html/story-page.js'
import type { TextFile } from './report-file.js'

/** report.html: the story as a self-contained page (no request, readable without JavaScript). */
export const reportHtml: TextFile = {
  file: 'report.html',
  about: 'the story as a page to open in a browser: at a glance, headlines, coverage, the ledger, quotes, omissions, framing, the digest',
  text: (input) => storyPage(input),
}
