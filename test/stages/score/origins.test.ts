// origins: the articles that are copies of one text, and how many independent origins back a statement.
import { findOrigins, independentCount, isReusedText, wireOf } from '../../../stages/score/origins.js'
import { sentenceFromText } from '../../../stages/segment/index.js'
import type { Alignment, Document, PairRelation, Statement } from '../../../core/types.js'
import { documentsOf } from './documents.js'

const BODY = [
  'The harbor bridge closed on Monday after inspectors found cracks in two support beams.',
  'Engineers said the repairs would take at least six weeks to finish.',
  'Ferries will run every half hour while the bridge stays shut to traffic.',
  'The city council meets on Thursday to discuss the cost of the repairs.',
]

/** An alignment whose statements are the given pairs, one statement each. */
function alignmentOf(pairs: readonly [a: string, b: string, relation: PairRelation['relation']][]): Alignment {
  const statements: Statement[] = pairs.map(([a, b, relation], i) => ({
    id: `s${i + 1}`,
    text: '',
    representative: a,
    members: [],
    pairs: [{ a, b, similarity: 1, relation, values: null }],
    near: [],
  }))
  return { statements, comparedPairs: pairs.length, possiblePairs: pairs.length }
}

const wires = (documents: readonly Document[]) => new Map(documents.map((d) => [d.article.id, wireOf(d)]))

describe('wireOf', () => {
  it('reads the agency a dateline credits, and an agency byline by its short name', () => {
    const documents = documentsOf('bridge', [
      { id: 'a', outlet: 'Tribune', text: `PORT ALDER (CPA) — ${BODY.join(' ')}` },
      { id: 'b', outlet: 'Beacon', text: `By Jane Doe, Associated Press\n\n${BODY.join(' ')}` },
      { id: 'c', outlet: 'Courier', text: BODY.join(' ') },
    ])
    expect(documents.map(wireOf)).toEqual(['CPA', 'AP', null])
  })

  it('reads the agency of a wire dateline with a date, of an agency alone and of one spelled out', () => {
    const documents = documentsOf('bridge', [
      { id: 'a', outlet: 'Tribune', text: `PORT ALDER, May 4 (Reuters) - ${BODY.join(' ')}` },
      { id: 'b', outlet: 'Beacon', text: `(CNN) -- ${BODY.join(' ')}` },
      { id: 'c', outlet: 'Courier', text: `PORT ALDER (Associated Press) — ${BODY.join(' ')}` },
      { id: 'd', outlet: 'Herald', text: `PORT ALDER (AP) _ ${BODY.join(' ')}` },
    ])
    expect(documents.map(wireOf)).toEqual(['Reuters', 'CNN', 'AP', 'AP'])
  })
})

describe('findOrigins', () => {
  it('makes two articles one origin when at least three and half of the smaller one’s sentences are identical', () => {
    const documents = documentsOf('bridge', ['a', 'b', 'c'].map((id) => ({ id, outlet: id.toUpperCase(), text: BODY.join('\n\n') })))
    const copies = alignmentOf([['a#0', 'b#0', 'identical'], ['a#1', 'b#1', 'identical'], ['a#2', 'b#2', 'identical'], ['a#3', 'c#3', 'identical'], ['b#0', 'c#0', 'paraphrase']])
    expect([...findOrigins(documents, copies, 0.5, wires(documents))]).toEqual([['a', 'a'], ['b', 'a'], ['c', 'c']])
    // Three of four sentences are under a share of 0.8: no copy.
    expect([...findOrigins(documents, copies, 0.8, wires(documents)).values()]).toEqual(['a', 'b', 'c'])
  })

  it('makes articles credited to the same agency one origin even when edited', () => {
    const documents = documentsOf('bridge', [
      { id: 'a', outlet: 'Tribune', text: `PORT ALDER (CPA) — ${BODY[0]}` },
      { id: 'b', outlet: 'Beacon', text: `PORT ALDER (CPA) — ${BODY[1]}` },
      { id: 'c', outlet: 'Courier', text: BODY[2]! },
    ])
    expect([...findOrigins(documents, alignmentOf([]), 0.5, wires(documents))]).toEqual([['a', 'a'], ['b', 'a'], ['c', 'c']])
  })
})

describe('independentCount', () => {
  const statement: Statement = {
    id: 's1',
    text: '',
    representative: 'a#0',
    members: ['a', 'b', 'c', 'd'].map((article, index) => ({ sentence: `${article}#0`, article, outlet: article, index, similarity: 1, relation: 'identical', representative: index === 0, attached: false })),
    pairs: [{ a: 'c#0', b: 'd#0', similarity: 1, relation: 'identical', values: null }],
    near: [],
  }
  const origins = new Map([['a', 'a'], ['b', 'a'], ['c', 'c'], ['d', 'd']])

  it('counts the members of one origin once, and two identical members once when their wording shows reuse', () => {
    expect([independentCount(statement, origins, () => true), independentCount(statement, origins, () => false)]).toEqual([2, 3])
  })
})

describe('isReusedText', () => {
  it('takes twelve words or more, mostly outside quotation marks, for reuse', () => {
    expect([
      isReusedText(sentenceFromText(BODY[0]!)),
      isReusedText(sentenceFromText('The bridge closed on Monday.')),
      isReusedText(sentenceFromText('"We will rebuild the pier before the summer season whatever it costs," the mayor said.')),
    ]).toEqual([true, false, false])
  })
})
