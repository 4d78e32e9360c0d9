// CSV input, as spreadsheets export it: the JSON Lines fields as columns, one article per row.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { ingest } from '../../../stages/ingest/index.js'
import { MessageLog } from '../../../core/messages.js'

const HEADER = 'story,id,outlet,title,text,notes'
const row = (...cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')

function read(csv: string) {
  const log = new MessageLog()
  const articles = ingest([{ kind: 'csv', file: 'export.csv', bytes: Buffer.from(csv) }], log)
  return { articles: articles.map((a) => [a.story, a.id, a.outlet, a.title, a.text]), messages: log.messages.map(String) }
}

describe('CSV input', () => {
  it('reads one article per row, with quoted commas, quotes and line breaks, a BOM and extra columns', () => {
    const csv = `\ufeff${[HEADER, row('vote', 'courier', 'Valley Courier', 'Board votes', 'The board voted 5-2, after a "long" night.\n\nIt was late.', 'checked'), row('vote', 'times', '', '', 'Board members approved the plan.', '')].join('\r\n')}\r\n`
    expect(read(csv)).toEqual({
      articles: [
        ['vote', 'courier', 'Valley Courier', 'Board votes', 'The board voted 5-2, after a "long" night.\n\nIt was late.'],
        ['vote', 'times', 'times', null, 'Board members approved the plan.'],
      ],
      messages: [],
    })
  })

  it('treats an empty cell as an absent field and names the row of a missing required one', () => {
    expect(read([HEADER, row('vote', '', 'Courier', '', 'Text without an id.', ''), row('vote', 'b', '', '', 'Kept.', '')].join('\n')).messages).toEqual([
      'export.csv:2: fatal: Expected field `id`, got none; skipped [ingest/missing-field]',
    ])
  })

  it('skips a malformed file with a message naming it, and reads other inputs', () => {
    const log = new MessageLog()
    const articles = ingest(
      [
        { kind: 'csv', file: 'broken.csv', bytes: Buffer.from('story,id,text\nvote,a,"never closed\n') },
        { kind: 'csv', file: 'good.csv', bytes: Buffer.from('story,id,text\nvote,a,Fine text here.\n') },
      ],
      log,
    )
    expect({ ids: articles.map((a) => a.id), messages: log.messages.map((m) => `${m.place.file} ${m.ruleId}`) }).toEqual({ ids: ['a'], messages: ['broken.csv malformed-csv'] })
  })

  it('is analysed like JSON Lines from the command line', async () => {
    const { main } = await import('../../../pipeline/cli.js')
    const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-csv-'))
    const file = path.join(dir, 'stories.csv')
    await writeFile(
      file,
      [
        'story,id,outlet,text',
        row('market', 'a', 'Tribune', 'The council voted on Monday to close the harbor market for repairs.\n\nRepairs will cost about $3 million, the city said.'),
        row('market', 'b', 'Herald', 'The harbor market will close after the council voted on Monday for repairs.\n\nThe city estimates repairs at $3 million.'),
      ].join('\n'),
    )
    const code = await main(['analyze', '--corpus', file, '--out', path.join(dir, 'out'), '--quiet'], { stdout: () => {}, stderr: () => {} })
    expect(code).toBe(0)
    expect((await readFile(path.join(dir, 'out', 'index.csv'), 'utf8')).split('\n')[1]).toMatch(/^market,ok,2,2,/)
  })
})
