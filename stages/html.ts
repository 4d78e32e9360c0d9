// html: the main text of a web page, boilerplate (navigation, ads, footers) left behind, one paragraph per block.
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'

/** A page's title and main text; paragraphs separated by blank lines. */
export interface ExtractedPage {
  readonly title: string | null
  readonly text: string
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td'

/**
 * Extract the article from an HTML page with Mozilla's Readability (Firefox Reader View) on a linkedom document;
 * a page Readability finds no article in falls back to the text of its body's blocks.
 */
export function extractHtml(html: string): ExtractedPage {
  const { document } = parseHTML(html)
  const title = document.querySelector('title')?.textContent?.trim() || null
  let article: { title?: string | null; content?: string | null } | null = null
  try {
    article = new Readability(document as unknown as Document).parse()
  } catch {
    article = null
  }
  const source = article?.content ? parseHTML(`<html><body>${article.content}</body></html>`).document : parseHTML(html).document
  // Scripts, styles and templates hold no reading text.
  for (const el of [...source.querySelectorAll('script, style, noscript, template')]) el.remove()
  const blocks = [...source.querySelectorAll(BLOCKS)]
    // A block inside another block (a <p> in an <li>) is read with its parent.
    .filter((el) => !el.parentElement?.closest(BLOCKS))
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter((t) => t !== '')
  const text = blocks.length > 0 ? blocks.join('\n\n') : (source.body?.textContent ?? '').replace(/[ \t]+/g, ' ').trim()
  return { title: article?.title?.trim() || title, text }
}
