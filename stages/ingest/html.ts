// html: the main text of a web page, boilerplate (navigation, ads, footers) left behind, one paragraph per block.
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import type { Article } from '../../core/types.js'
import type { InputKind } from './input.js'
import { readArticleFile } from './text.js'

/** A web page (`.html`, `.htm`), one article per file: its main text is the article, its title the fallback title. */
export const htmlInput: InputKind = {
  kind: 'html',
  extensions: ['.html', '.htm'],
  holds: 'article',
  label: 'HTML',
  read: (source, log, context) => [readArticleFile(source, log, context, extractHtml)].filter((a): a is Article => a !== null),
}

/** A page's title and main text; paragraphs separated by blank lines. */
export interface ExtractedPage {
  readonly title: string | null
  readonly text: string
}

/** A page left alone because extracting it would take too long: why, as a message says it. */
export interface SkippedPage {
  readonly skipped: string
}

/**
 * Bounds on the work per page. Readability's time grows with the square of the nesting (800 nested `<div>`s around
 * one paragraph took 6.7 s, 1,600 took 57 s) and linkedom's parse too beyond some thousands (200,000: 18 s), while
 * real pages nest 15 to 60 deep; 128 levels and 50,000 elements keep a page under about two seconds.
 */
export const HTML_LIMITS = { depth: 128, elements: 50_000 } as const

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td'

/**
 * Extract the article from an HTML page with Mozilla's Readability (Firefox Reader View) on a linkedom document;
 * a page Readability finds no article in falls back to the text of its body's blocks. A page nested deeper or
 * holding more elements than `HTML_LIMITS` is skipped: a cheap scan of the markup first (before any DOM is built),
 * then the parsed document's own depth and size.
 */
export function extractHtml(html: string): ExtractedPage | SkippedPage {
  const scanned = scanMarkup(html, HTML_LIMITS.depth * 4, HTML_LIMITS.elements)
  const tooBig = (depth: number, elements: number): SkippedPage | null =>
    depth > HTML_LIMITS.depth
      ? { skipped: `Expected a web page nested at most ${HTML_LIMITS.depth} elements deep, got ${depth} levels or more (extracting its text would take too long)` }
      : elements > HTML_LIMITS.elements
        ? { skipped: `Expected a web page of at most ${HTML_LIMITS.elements} elements, got more (extracting its text would take too long)` }
        : null
  const early = tooBig(scanned.depth, scanned.elements)
  if (early) return early
  const { document } = parseHTML(html)
  const measured = measure(document.documentElement as unknown as Node | null)
  const late = tooBig(measured.depth, measured.elements)
  if (late) return late
  const title = document.querySelector('title')?.textContent?.trim() || null
  let article: { title?: string | null; content?: string | null } | null = null
  try {
    article = new Readability(document as unknown as Document, { maxElemsToParse: HTML_LIMITS.elements }).parse()
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

// Elements without content (no end tag), elements whose content is text (not markup), and elements whose end tag
// may be left out (a `<p>` closes the open `<p>`): the last do not count towards the nesting the scan estimates.
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'basefont', 'frame'])
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes'])
const OPTIONAL_END = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'rt', 'rp', 'colgroup', 'caption', 'html', 'head', 'body'])

/**
 * An estimate of a page's nesting and element count from its tags alone, in one pass, stopping as soon as either
 * passes its bound (so a page of 200,000 nested `<div>`s costs a few milliseconds, not a DOM).
 */
function scanMarkup(html: string, maxDepth: number, maxElements: number): { depth: number; elements: number } {
  // Attributes run to the next `<` or `>`, so that no match can scan past another tag: one linear pass.
  const tag = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][^\s/<>]*)([^<>]*)>?/g
  const open: string[] = []
  let depth = 0
  let elements = 0
  for (let m = tag.exec(html); m !== null; m = tag.exec(html)) {
    if (m[2] === undefined) continue
    const name = m[2].toLowerCase()
    if (m[1] === '/') {
      const at = open.lastIndexOf(name)
      if (at !== -1) open.length = at
      continue
    }
    elements++
    if (elements > maxElements) break
    if (RAW_TEXT.has(name)) {
      // Its content is text up to its end tag, whatever `<` it holds.
      const end = new RegExp(`</${name}`, 'gi')
      end.lastIndex = tag.lastIndex
      tag.lastIndex = end.exec(html)?.index ?? html.length
      continue
    }
    if (VOID.has(name) || OPTIONAL_END.has(name) || m[3]!.endsWith('/')) continue
    open.push(name)
    if (open.length > depth) depth = open.length
    if (depth >= maxDepth) break
  }
  return { depth, elements }
}

/** The parsed document's depth and element count, walked without recursion (a deep page would overflow the stack). */
function measure(root: Node | null): { depth: number; elements: number } {
  let depth = 0
  let elements = 0
  const stack: [Element, number][] = root ? [[root as unknown as Element, 1]] : []
  while (stack.length > 0) {
    const [el, d] = stack.pop()!
    elements++
    if (d > depth) depth = d
    if (depth > HTML_LIMITS.depth || elements > HTML_LIMITS.elements) break
    for (let child = el.firstElementChild; child !== null; child = child.nextElementSibling) stack.push([child, d + 1])
  }
  return { depth, elements }
}
