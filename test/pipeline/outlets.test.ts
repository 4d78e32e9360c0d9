// Outlet names: the config's `outlets` map applied before anything is counted, the url's host when an article names
// no outlet, and one message per run on how to name outlets.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { MessageLog } from '../../core/messages.js'
import { main } from '../../pipeline/cli.js'
import { ingest } from '../../stages/ingest/index.js'
import { MARKET_STORY } from '../helpers.js'

const TRIBUNE = MARKET_STORY.tribune.join('\n\n')
const HERALD = MARKET_STORY.herald.join('\n\n')

function jsonl(records: readonly Record<string, string>[]): RawSourceLike {
  return { kind: 'jsonl', file: 'stories.jsonl', bytes: Buffer.from(records.map((r) => JSON.stringify(r)).join('\n')) }
}
type RawSourceLike = Parameters<typeof ingest>[0][number]

describe('ingest: outlets', () => {
  it("names an article without an outlet after its url's host (without `www.`), else its id, and says so once", () => {
    const log = new MessageLog('market')
    const articles = ingest(
      [
        jsonl([
          { story: 'market', id: 'a1', url: 'https://www.Harbor-Tribune.example/market', text: TRIBUNE },
          { story: 'market', id: 'a2', url: 'not a url', text: HERALD },
          { story: 'market', id: 'a3', outlet: 'Herald', url: 'https://herald.example/x', text: HERALD },
        ]),
      ],
      log,
      { noteUnnamedOutlets: true },
    )
    expect({ outlets: articles.map((a) => a.outlet), messages: log.messages.map(String) }).toEqual({
      outlets: ['harbor-tribune.example', 'a2', 'Herald'],
      messages: [
        "market: info: Expected an outlet for every article, got none for `a1`, `a2`: named after the url's host, else the article id; name outlets with `outlet` in story.json or in the JSON Lines or CSV records, or map names with the config's `outlets` [ingest/unnamed-outlets]",
      ],
    })
  })

  it('renames outlets by the `outlets` map, the names from urls included', () => {
    const log = new MessageLog('market')
    const outlets = { NYT: 'New York Times', 'herald.example': 'Herald', constructor: 'Constructor Weekly' }
    const articles = ingest(
      [
        jsonl([
          { story: 'market', id: 'a1', outlet: 'NYT', text: TRIBUNE },
          { story: 'market', id: 'a2', url: 'https://herald.example/x', text: HERALD },
          { story: 'market', id: 'a3', outlet: 'New York Times', text: HERALD },
          { story: 'market', id: 'a4', outlet: 'toString', text: HERALD },
        ]),
      ],
      log,
      { outlets },
    )
    expect(articles.map((a) => a.outlet)).toEqual(['New York Times', 'Herald', 'New York Times', 'toString'])
  })
})

describe('analyze: outlets', () => {
  async function corpus(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-outlets-'))
    // BASIL spells one outlet two ways in different stories: `NYT` here, `New York Times` there.
    const records = [
      { story: 'market', id: 'm1', outlet: 'NYT', text: TRIBUNE },
      { story: 'market', id: 'm2', url: 'https://www.herald.example/m', text: HERALD },
      { story: 'pier', id: 'p1', outlet: 'New York Times', text: TRIBUNE },
      { story: 'pier', id: 'p2', text: HERALD },
    ]
    await writeFile(path.join(dir, 'stories.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'))
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({ outlets: { NYT: 'New York Times' } }))
    return dir
  }

  it('counts an outlet spelled two ways under the name the config maps it to, in every table', async () => {
    const dir = await corpus()
    const out = path.join(dir, 'out')
    const err: string[] = []
    const code = await main(['analyze', '--concurrency', '1', '--verbose', '--config', path.join(dir, 'config.json'), '--corpus', path.join(dir, 'stories.jsonl'), '--out', out], {
      stdout: () => {},
      stderr: (s) => err.push(s),
    })
    const framing = parse(await readFile(path.join(out, 'framing.csv'), 'utf8'), { columns: true }) as Record<string, string>[]
    const terms = parse(await readFile(path.join(out, 'terms.csv'), 'utf8'), { columns: true }) as Record<string, string>[]
    const said = err.join('').split('\n').filter((line) => line.includes('[ingest/unnamed-outlets]'))
    expect({
      code,
      framing: framing.map((r) => [r.story_id, r.outlet]),
      terms: [...new Set(terms.map((r) => r.outlet))].sort(),
      said,
    }).toEqual({
      code: 0,
      framing: [
        ['market', 'New York Times'],
        ['market', 'herald.example'],
        ['pier', 'New York Times'],
        ['pier', 'p2'],
      ],
      terms: ['New York Times', 'herald.example', 'p2'].sort(),
      said: [
        "<corpus>: info: 2 stories have articles without an outlet field, named after their url's host, else their article id; name outlets with `outlet` in story.json or in the JSON Lines or CSV records, or map names with the config's `outlets` [ingest/unnamed-outlets]",
      ],
    })
  })

  it('rejects an `outlets` map whose names are not strings', async () => {
    const dir = await corpus()
    await writeFile(path.join(dir, 'bad.json'), JSON.stringify({ outlets: { NYT: 3 } }))
    const err: string[] = []
    const code = await main(['analyze', '--config', path.join(dir, 'bad.json'), '--corpus', path.join(dir, 'stories.jsonl'), '--out', path.join(dir, 'out')], { stdout: () => {}, stderr: (s) => err.push(s) })
    expect([code, err.join('')]).toEqual([2, `corroborate: ${path.join(dir, 'bad.json')}: Expected \`outlets.NYT\` to be a non-empty string, got \`3\`\n`])
  })
})
