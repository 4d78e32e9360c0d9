// index.csv: one row per story of the run.
import { type IndexRow, INDEX_COLUMNS, indexCsv } from '../../../stages/report/index.js'
import { records } from './fixture.js'

describe('indexCsv', () => {
  const row = (storyId: string, status: IndexRow['status'] = 'ok'): IndexRow => ({
    storyId,
    status,
    articles: 3,
    outlets: 2,
    sentences: 20,
    statements: 4,
    corroborated: 3,
    conflicts: 0,
    quotesChanged: 0,
    fatal: 0,
    warnings: 1,
    folder: storyId,
  })

  it('writes the INDEX_COLUMNS header and one row per story', () => {
    expect(indexCsv([row('tide-mill'), row('quarry-fire', 'too-few-articles')])).toEqual(
      `${INDEX_COLUMNS.join(',')}\nquarry-fire,too-few-articles,3,2,20,4,3,0,0,0,1,quarry-fire\ntide-mill,ok,3,2,20,4,3,0,0,0,1,tide-mill\n`,
    )
  })

  it('sorts by story id in code-point order, whatever order the stories came in', () => {
    const ids = ['b', 'a-2', 'B', 'a', 'é', 'a-10']
    const sorted = ['B', 'a', 'a-10', 'a-2', 'b', 'é']
    const outputs = [ids, [...ids].reverse(), [...ids].sort()].map((order) => indexCsv(order.map((id) => row(id))))
    expect(outputs).toEqual([0, 1, 2].map(() => indexCsv(sorted.map((id) => row(id)))))
  })

  it('lists the stories in the sorted order', () => {
    const text = indexCsv(['b', 'a-2', 'B', 'a'].map((id) => row(id)))
    expect(records(text).map((r) => r.story_id)).toEqual(['B', 'a', 'a-2', 'b'])
  })

  it('writes a byte order mark and CRLF in Excel mode', () => {
    expect(indexCsv([row('x')], { excel: true })).toEqual(`\ufeff${INDEX_COLUMNS.join(',')}\r\nx,ok,3,2,20,4,3,0,0,0,1,x\r\n`)
  })
})
