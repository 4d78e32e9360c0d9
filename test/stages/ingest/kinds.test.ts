// The input kinds: one module each, chosen by one table, which the corpus reader asks which files are articles.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { MessageLog } from '../../../core/messages.js'
import { readCorpus } from '../../../pipeline/corpus.js'
import { ARTICLE_EXTENSIONS, ingest, INPUT_KINDS, inputKindOf } from '../../../stages/ingest/index.js'
import { ROOT, SOURCE_FOLDERS, sourceFiles } from '../../architecture/imports.js'

describe('INPUT_KINDS', () => {
  it('names each kind once, by endings that are lower case, distinct and no one the tail of another', () => {
    const kinds = INPUT_KINDS.map((k) => k.kind)
    const endings = INPUT_KINDS.flatMap((k) => k.extensions)
    expect(kinds).toEqual(['text', 'html', 'jsonl', 'csv'])
    expect(endings.filter((e) => !/^\.[a-z0-9]+$/.test(e))).toEqual([])
    expect(endings.filter((e, i) => endings.some((f, j) => i !== j && f.endsWith(e)))).toEqual([])
  })

  it('gives the endings of article files, in the order messages list them', () => {
    expect(ARTICLE_EXTENSIONS).toEqual(['.txt', '.md', '.html', '.htm'])
  })

  it('chooses a kind by the ending of a name, case aside', () => {
    const of = (name: string) => inputKindOf(name)?.kind ?? null
    expect(['a.txt', 'b.MD', 'c.Html', 'd.htm', 'e.jsonl', 'f.json', 'g.CSV', 'h.pdf', 'txt'].map(of)).toEqual(['text', 'text', 'html', 'html', 'jsonl', 'jsonl', 'csv', null, null])
  })

  it('is what ingest reads a source by: a page is extracted only as kind `html`', () => {
    const page = Buffer.from('<html><head><title>Pier</title></head><body><p>The pier reopened on Monday after repairs.</p></body></html>')
    const log = new MessageLog()
    const [asHtml, asText] = ingest(
      [
        { kind: 'html', file: 'pier/a.html', story: 'pier', id: 'a', bytes: page },
        { kind: 'text', file: 'pier/b.txt', story: 'pier', id: 'b', bytes: page },
      ],
      log,
    )
    expect([asHtml!.title, asHtml!.text, asText!.title, asText!.text.startsWith('<html>')]).toEqual(['Pier', 'The pier reopened on Monday after repairs.', null, true])
  })

  it('throws a TypeError with a code for a source of no kind (a programmer error, not bad input)', () => {
    const source = { kind: 'pdf', file: 'x.pdf', bytes: new Uint8Array(0) } as unknown as Parameters<typeof ingest>[0][number]
    expect(() => ingest([source], new MessageLog())).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE' }))
  })
})

describe('the corpus reader', () => {
  it('reads each article file of a story folder as the kind its ending names', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-kinds-'))
    try {
      await mkdir(path.join(dir, 'pier'))
      for (const name of ['a.txt', 'b.md', 'c.HTML', 'd.htm', 'e.csv']) await writeFile(path.join(dir, 'pier', name), 'The pier reopened on Monday.')
      const log = new MessageLog()
      const corpus = await readCorpus(dir, log)
      const sources = await corpus.load('pier')
      corpus.close()
      expect({ kinds: sources.map((s) => [s.file, s.kind]), messages: log.messages.map(String) }).toEqual({
        kinds: [
          [path.join('pier', 'a.txt'), 'text'],
          [path.join('pier', 'b.md'), 'text'],
          [path.join('pier', 'c.HTML'), 'html'],
          [path.join('pier', 'd.htm'), 'html'],
        ],
        messages: [`${path.join('pier', 'e.csv')}: info: Unexpected file type; ignored (articles end in .txt, .md, .html, .htm) [read/unsupported-file]`],
      })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('is the only place, with ingest, that looks at file endings (they come from the table)', () => {
    const offenders = sourceFiles(SOURCE_FOLDERS)
      .filter((file) => !file.startsWith('stages/ingest/'))
      .flatMap((file) =>
        readFileSync(path.join(ROOT, file), 'utf8')
          .split('\n')
          .map((line, i) => (/\\\.(?:txt|md|html?|jsonl?|csv)\b|\bextname\(/.test(line) ? `${file}:${i + 1}` : null))
          .filter((x): x is string => x !== null),
      )
    expect(offenders).toEqual([])
  })
})
