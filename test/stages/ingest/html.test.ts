// HTML articles: the main text extracted with Readability, the page's boilerplate left behind.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { main } from '../../../pipeline/cli.js'
import { type ExtractedPage, extractHtml } from '../../../stages/ingest/html.js'
import { ingest } from '../../../stages/ingest/index.js'
import { MessageLog } from '../../../core/messages.js'

const page = (title: string, paragraphs: string[]) => `<!doctype html><html><head><title>${title}</title></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/login">Log in</a></nav>
<div class="ad">ADVERTISEMENT</div>
<article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/x">Council delays vote on road repaving</a></li></ul></aside>
<footer>© 2026 Harbor Gazette. All rights reserved.</footer>
</body></html>`

const PARAGRAPHS = [
  'The city closed the Calder Street Bridge on Tuesday after inspectors found cracks in a steel beam beneath its eastern span.',
  'Mayor Diane Whitlock said the closure would last at least three months while engineers assess the damage to the structure.',
  'Repairs will cost about $12 million, according to a preliminary estimate from the city engineer’s office released on Tuesday.',
]

describe('extractHtml', () => {
  it('keeps the article’s paragraphs, one per block, and leaves navigation, ads, related links and the footer', () => {
    expect(extractHtml(page('Bridge closed for repairs', PARAGRAPHS))).toEqual({ title: 'Bridge closed for repairs', text: PARAGRAPHS.join('\n\n') })
  })

  it('falls back to the body’s blocks for a page Readability finds no article in', () => {
    expect((extractHtml('<html><body><p>Short note one.</p><p>Short note two.</p></body></html>') as ExtractedPage).text).toBe('Short note one.\n\nShort note two.')
  })
})

describe('HTML articles in a corpus', () => {
  it('takes the page title as the title and skips a page without text with a message', () => {
    const log = new MessageLog()
    const articles = ingest(
      [
        { kind: 'html', file: 'bridge/gazette.html', story: 'bridge', id: 'gazette', bytes: Buffer.from(page('Bridge closed', PARAGRAPHS)) },
        { kind: 'html', file: 'bridge/blank.html', story: 'bridge', id: 'blank', bytes: Buffer.from('<html><body><script>var x = 1</script></body></html>') },
      ],
      log,
    )
    expect({ articles: articles.map((a) => [a.id, a.title, a.text.split('\n\n').length]), messages: log.messages.map(String) }).toEqual({
      articles: [['gazette', 'Bridge closed', 3]],
      messages: ['bridge/blank.html: warning: Unexpected empty article (no text in the page); skipped [ingest/empty-article]'],
    })
  })

  it('analyses a story of HTML pages from the command line', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-html-'))
    await mkdir(path.join(dir, 'bridge'))
    await writeFile(path.join(dir, 'bridge', 'gazette.html'), page('Bridge closed', PARAGRAPHS))
    await writeFile(
      path.join(dir, 'bridge', 'herald.html'),
      page('Calder Street Bridge shut', [
        'Officials shut the Calder Street Bridge on Tuesday when inspectors discovered cracks in a steel beam under the eastern span.',
        'Repairs are expected to cost about $12 million, the city engineer’s office said in a preliminary estimate on Tuesday.',
      ]),
    )
    const code = await main(['analyze', '--corpus', dir, '--out', `${dir}-out`, '--quiet'], { stdout: () => {}, stderr: () => {} })
    const report = JSON.parse(await readFile(path.join(`${dir}-out`, 'bridge', 'report.json'), 'utf8')) as { sentences: { text: string }[]; statements: unknown[] }
    expect({ code, boilerplate: report.sentences.filter((s) => /ADVERTISEMENT|All rights reserved|Log in|repaving/.test(s.text)), statements: report.statements.length > 0 }).toEqual({
      code: 0,
      boilerplate: [],
      statements: true,
    })
  })
})
