// digest: the story in brief: what independent outlets agree on, what is disputed, and what one outlet alone reports.
import { digest, shownText } from '../../../stages/score/digest.js'
import { unitsOf } from '../../../stages/segment/index.js'
import type { Conflict, Relation, ScoredStatement, Sentence } from '../../../core/types.js'
import { documentsOf } from './documents.js'

const DOCUMENTS = documentsOf('ferncliff-pier', [
  {
    id: 'tribune-1',
    outlet: 'Tribune',
    title: 'Storm closes Ferncliff pier',
    text: `The town council closed the Ferncliff pier on Monday after the storm damaged its deck.

Repairs will cost about $2 million, the council said.

The lighthouse museum will stay closed until Friday, director Ana Pell said.

Harbor master Tomas Ruiz said 42 boats were moved to the inner harbor.`,
  },
  {
    id: 'beacon-1',
    outlet: 'Beacon',
    // A headline that reads like a whole sentence of the most readable length: still never the digest's wording.
    title: 'Ferncliff council shuts the pier on Monday after a storm damaged its deck, and repairs may take months.',
    text: `Ferncliff's council shut the pier on Monday because the storm damaged the deck.

The repairs are expected to cost $3 million, officials said.

It was a long and anxious day for everyone in town.`,
  },
  {
    id: 'gazette-1',
    outlet: 'Gazette',
    text: `The council closed the pier in Ferncliff on Monday, saying the storm had wrecked the deck.

Officials slammed the ferry company for its chaotic response to the storm on Monday.

The ferry company said its boats would return on Tuesday.`,
  },
])
const UNITS = new Map(DOCUMENTS.flatMap((d) => unitsOf(d).map((u) => [u.text, u] as const)))

/** The unit (sentence or headline) whose text starts with `start`. */
function unit(start: string): Sentence {
  const found = [...UNITS.values()].filter((u) => u.text.startsWith(start))
  if (found.length !== 1) throw new Error(`Expected one unit starting with \`${start}\`, got ${found.length}`)
  return found[0]!
}

/** A scored statement of these units, the first its representative, the others at `similarity` to it. */
function statement(id: string, units: readonly Sentence[], independentSupport: number, similarity = 0.8): ScoredStatement {
  const outlets = [...new Set(units.map((u) => u.outlet))]
  return {
    id,
    text: units[0]!.text,
    representative: units[0]!.id,
    members: units.map((u, i) => ({ sentence: u.id, article: u.article, outlet: u.outlet, index: u.index, similarity: i === 0 ? 1 : similarity, relation: 'paraphrase', representative: i === 0, attached: false })),
    pairs: [],
    near: [],
    support: outlets.length,
    independentSupport,
    outlets,
    origins: outlets.slice(0, independentSupport),
    meanSimilarity: similarity,
    minSimilarity: similarity,
    conflicts: 0,
    originShare: 1,
    consistency: 1,
  }
}

/** A conflict between two units of a statement. */
function conflict(statementId: string, relation: Relation, a: Sentence, b: Sentence, valueA: string, valueB: string): Conflict {
  return { statement: statementId, relation, a: a.id, b: b.id, outletA: a.outlet, outletB: b.outlet, valueA, valueB, textA: a.text, textB: b.text }
}

const CLOSED = [unit('The town council closed'), unit("Ferncliff's council shut"), unit('The council closed the pier')]
const COST = [unit('Repairs will cost'), unit('The repairs are expected')]

describe('digest', () => {
  it('lists the statements two or more independent origins back: the widest backing first, then the most outlets, then by id number', () => {
    const statements = [
      statement('s10', COST, 2),
      statement('s2', CLOSED, 2),
      statement('s3', [unit('Harbor master'), unit('It was a long')], 1),
      statement('s4', [unit('The lighthouse museum'), unit('Officials slammed')], 2),
      statement('s5', [unit('Harbor master'), unit('It was a long'), unit('The ferry company said')], 3),
    ]
    expect(digest('ferncliff-pier', DOCUMENTS, statements, []).corroborated.map((c) => [c.statement, c.independentSupport, c.outlets.length])).toEqual([
      ['s5', 3, 3],
      ['s2', 2, 3],
      ['s4', 2, 2],
      ['s10', 2, 2],
    ])
  })

  it('words a statement as a whole body sentence, never its headline, even when the headline represents it', () => {
    const statements = [statement('s1', [unit('Ferncliff council shuts'), CLOSED[0]!], 2)]
    expect(digest('ferncliff-pier', DOCUMENTS, statements, []).corroborated.map((c) => c.text)).toEqual([CLOSED[0]!.text])
  })

  it('shows a sentence that begins inside a quotation opened before it with an opening mark and an ellipsis', () => {
    const docs = documentsOf('pier-advice', [
      { id: 'courier-1', outlet: 'Courier', text: `"When it comes to the pier, it is wise to follow the old rule 'measure twice.' With this council, my advice is to 'build but check,'" Mayor Ana Pell said.` },
      { id: 'ledger-1', outlet: 'Ledger', text: 'Mayor Ana Pell said her advice to the council was to build but check the work.' },
    ])
    const units = docs.flatMap((d) => unitsOf(d))
    const inside = units.find((u) => u.text.startsWith('With this council'))!
    const whole = units.find((u) => u.text.startsWith('"When it comes'))!
    const shown = digest('pier-advice', docs, [statement('s1', [inside, units.find((u) => u.outlet === 'Ledger' && u.unit === 'sentence')!], 2, 1)], []).corroborated.map((c) => c.text)
    expect([shownText(inside), shownText(whole)]).toEqual([`"… ${inside.text}`, whole.text])
    // A quotation in single marks, as British outlets write it, is opened with a single mark.
    const [british] = documentsOf('pier-british', [{ id: 'gazette-1', outlet: 'Gazette', text: '‘We will build it. The council will check it,’ Mayor Ana Pell said.' }])
    const second = unitsOf(british!).find((u) => u.text.startsWith('The council'))!
    expect(shownText(second)).toBe(`‘… ${second.text}`)
    // Whichever member words the statement, the quotation's second sentence never shows with its closing mark alone.
    expect(shown).toHaveLength(1)
    expect(shown).not.toContain(inside.text)
  })

  it('words a statement with the member using the fewest loaded words', () => {
    const statements = [statement('s1', [unit('Officials slammed'), unit('The ferry company said')], 2, 1)]
    const loaded = new Set(['slammed', 'chaotic'])
    expect([digest('ferncliff-pier', DOCUMENTS, statements, [], { loaded }), digest('ferncliff-pier', DOCUMENTS, statements, [])].map((d) => d.corroborated[0]!.text)).toEqual([
      'The ferry company said its boats would return on Tuesday.',
      'Officials slammed the ferry company for its chaotic response to the storm on Monday.',
    ])
  })

  it('stops before the statement that would pass the word limit, but always lists one, and counts the words it used', () => {
    const statements = [statement('s1', CLOSED, 3), statement('s2', COST, 2)]
    const words = (limit: number) => {
      const d = digest('ferncliff-pier', DOCUMENTS, statements, [], { digestWords: limit })
      return [d.corroborated.map((c) => c.statement), d.words]
    }
    expect([words(250), words(17), words(5)]).toEqual([
      [['s1', 's2'], 16 + 10],
      [['s1'], 16],
      [['s1'], 16],
    ])
  })

  it('lists each disputed statement with every version once, and leaves an attribution difference out', () => {
    const statements = [statement('s1', CLOSED, 3), statement('s2', COST, 2)]
    const conflicts = [conflict('s2', 'number_conflict', COST[0]!, COST[1]!, '$2 million', '$3 million'), conflict('s1', 'attribution_differs', CLOSED[0]!, CLOSED[1]!, 'council', 'officials')]
    expect(digest('ferncliff-pier', DOCUMENTS, statements, conflicts).disputed).toEqual([
      {
        statement: 's2',
        relation: 'number_conflict',
        versions: [
          { outlet: 'Tribune', value: '$2 million', text: COST[0]!.text },
          { outlet: 'Beacon', value: '$3 million', text: COST[1]!.text },
        ],
      },
    ])
  })

  it("lists each outlet's notable single-source sentences (numbers, quotes, names), the most notable first up to `perOutlet`, in outlet order", () => {
    const statements = [statement('s1', CLOSED, 3), statement('s2', COST, 2)]
    const single = (perOutlet?: number) => digest('ferncliff-pier', DOCUMENTS, statements, [], perOutlet === undefined ? {} : { perOutlet }).singleSource.map((s) => [s.outlet, s.text.slice(0, 20)])
    expect({ all: single(), one: single(1) }).toEqual({
      all: [
        ['Gazette', 'Officials slammed th'],
        ['Tribune', 'The lighthouse museu'],
        ['Tribune', 'Harbor master Tomas '],
      ],
      one: [
        ['Gazette', 'Officials slammed th'],
        ['Tribune', 'Harbor master Tomas '],
      ],
    })
  })

  it('writes the three parts as Markdown, a disputed statement under "Disputed" only (no one version of it is agreed on)', () => {
    const statements = [statement('s1', CLOSED, 3), statement('s2', COST, 2)]
    const conflicts = [conflict('s2', 'number_conflict', COST[0]!, COST[1]!, '$2 million', '$3 million')]
    expect(digest('ferncliff-pier', DOCUMENTS, statements, conflicts, { perOutlet: 1 }).markdown.split('\n')).toEqual([
      '# ferncliff-pier: digest',
      '',
      '## What independent outlets agree on',
      '',
      '- The council closed the pier in Ferncliff on Monday, saying the storm had wrecked the deck. *(3 independent: Tribune, Beacon, Gazette; s1)*',
      '',
      '## Disputed',
      '',
      '### s2: numbers differ',
      '',
      '- **Tribune** ($2 million): Repairs will cost about $2 million, the council said.',
      '- **Beacon** ($3 million): The repairs are expected to cost $3 million, officials said.',
      '',
      '## Reported by one outlet only',
      '',
      '**Gazette**',
      '',
      '- Officials slammed the ferry company for its chaotic response to the storm on Monday.',
      '',
      '**Tribune**',
      '',
      '- Harbor master Tomas Ruiz said 42 boats were moved to the inner harbor.',
      '',
    ])
  })

  it('says so when no statement is corroborated, none disputed and no outlet reports anything notable alone', () => {
    const documents = documentsOf('quiet-day', [
      { id: 'a', outlet: 'Tribune', text: 'It was a quiet and uneventful day in town.' },
      { id: 'b', outlet: 'Beacon', text: 'It was a long and anxious day for everyone in town.' },
    ])
    expect(digest('quiet-day', documents, [], []).markdown).toEqual(
      [
        '# quiet-day: digest',
        '',
        '## What independent outlets agree on',
        '',
        'No statement is backed by two or more independent origins.',
        '',
        '## Disputed',
        '',
        'No conflict between outlets reporting the same statement.',
        '',
        '## Reported by one outlet only',
        '',
        'Nothing notable.',
        '',
      ].join('\n'),
    )
  })

  it('escapes every text from the input: the story id, outlets, sentences and values', () => {
    const documents = documentsOf('<b>pier</b>', [
      { id: 'a', outlet: '[Tribune](javascript:alert(1))', text: 'The council closed the pier on Monday after *storm* damage to its deck.\n\nRepairs will cost _$2 million_, the council said.' },
      { id: 'b', outlet: '<img src=x onerror=alert(1)>', text: 'The council closed the pier on Monday after storm damage to the deck.\n\nRepairs will cost `$3 million`, the council said.' },
    ])
    const [a, b] = documents.map((d) => d.sentences[0]!)
    const [c, d] = documents.map((d) => d.sentences[1]!)
    const markdown = digest('<b>pier</b>', documents, [statement('s1', [a!, b!], 2), statement('s2', [c!, d!], 2)], [conflict('s2', 'number_conflict', c!, d!, '_$2 million_', '`$3 million`')]).markdown
    expect(markdown.split('\n').filter((line) => line.startsWith('#') || line.startsWith('- '))).toEqual([
      '# &lt;b&gt;pier&lt;/b&gt;: digest',
      '## What independent outlets agree on',
      '- The council closed the pier on Monday after storm damage to the deck. *(2 independent: \\[Tribune\\](javascript:alert(1)), &lt;img src=x onerror=alert(1)&gt;; s1)*',
      '## Disputed',
      '### s2: numbers differ',
      '- **\\[Tribune\\](javascript:alert(1))** (\\_$2 million\\_): Repairs will cost \\_$2 million\\_, the council said.',
      '- **&lt;img src=x onerror=alert(1)&gt;** (\\`$3 million\\`): Repairs will cost \\`$3 million\\`, the council said.',
      '## Reported by one outlet only',
    ])
  })
})
