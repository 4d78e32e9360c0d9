// The sample corpus: its designed alignment (written down by its author) and the invariants every report keeps.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Sentence } from '../core/types.js'
import {
  type AnalysedStory,
  analyseFolder,
  asymmetricRelationOffenders,
  emptyTokenOffenders,
  offsetOffenders,
  scoreOffenders,
  statementOffenders,
} from './helpers.js'

interface Ref {
  readonly article: string
  readonly contains: string
}
interface StoryFixture {
  readonly mustAlign: readonly [Ref, Ref][]
  readonly mustNotAlign: readonly [Ref, Ref][]
}
interface Boilerplate extends Ref {
  readonly kind: string
}

const root = path.join(__dirname, '..')
const fixture = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'sample-alignment.json'), 'utf8')) as Record<string, StoryFixture> & {
  designed: { boilerplate: Boilerplate[]; otherStories: Record<string, { boilerplate: Boilerplate[] }> }
}
const storyIds = Object.keys(fixture).filter((k) => k !== 'designed')

let stories: Map<string, AnalysedStory>
beforeAll(async () => {
  stories = await analyseFolder(path.join(root, 'corpus'))
})

function find(story: AnalysedStory, ref: Ref): Sentence {
  const matches = story.documents.filter((d) => d.article.id === ref.article).flatMap((d) => d.sentences.filter((s) => s.text.includes(ref.contains)))
  if (matches.length !== 1) throw new Error(`Expected one sentence of ${ref.article} containing "${ref.contains}", got ${matches.length}`)
  return matches[0]!
}

function statementOf(story: AnalysedStory, sentence: Sentence): string | null {
  return story.ledger.statements.find((s) => s.members.some((m) => m.sentence === sentence.id))?.id ?? null
}

describe('sample corpus alignment against its written-down expectation', () => {
  it('finds every story of the fixture', () => {
    expect([...stories.keys()].sort()).toEqual([...storyIds].sort())
  })

  it('aligns the pairs that must align with recall ≥ 0.75 and precision ≥ 0.95 over the labelled pairs', () => {
    let truePositives = 0
    let falseNegatives = 0
    let falsePositives = 0
    const missed: string[] = []
    const wrong: string[] = []
    for (const id of storyIds) {
      const story = stories.get(id)!
      for (const [a, b] of fixture[id]!.mustAlign) {
        const sa = find(story, a)
        const sb = find(story, b)
        const same = statementOf(story, sa) !== null && statementOf(story, sa) === statementOf(story, sb)
        if (same) truePositives++
        else {
          falseNegatives++
          missed.push(`${sa.id} ~ ${sb.id}`)
        }
      }
      for (const [a, b] of fixture[id]!.mustNotAlign) {
        const sa = find(story, a)
        const sb = find(story, b)
        if (statementOf(story, sa) !== null && statementOf(story, sa) === statementOf(story, sb)) {
          falsePositives++
          wrong.push(`${sa.id} ~ ${sb.id}`)
        }
      }
    }
    const recall = truePositives / (truePositives + falseNegatives)
    const precision = truePositives / (truePositives + falsePositives)
    expect({ recall: recall >= 0.75, precision: precision >= 0.95, wrong }).toEqual({ recall: true, precision: true, wrong: [] })
    expect(missed.length).toBeLessThan(fixture[storyIds[0]!]!.mustAlign.length)
  })

  it('removes every planted boilerplate line and keeps it in `removed`', () => {
    const planted = [
      ...fixture.designed.boilerplate.map((b) => ({ ...b, story: 'harbor-bridge' })),
      ...Object.entries(fixture.designed.otherStories).flatMap(([story, o]) => o.boilerplate.map((b) => ({ ...b, story }))),
    ]
    const kept: string[] = []
    const notRecorded: string[] = []
    for (const b of planted) {
      const story = stories.get(b.story)!
      const doc = story.documents.find((d) => d.article.id === b.article)!
      if (doc.sentences.some((s) => s.text.includes(b.contains))) kept.push(`${b.article}: ${b.contains}`)
      if (!doc.article.removed.some((r) => r.text.includes(b.contains))) notRecorded.push(`${b.article}: ${b.contains}`)
    }
    expect({ kept, notRecorded }).toEqual({ kept: [], notRecorded: [] })
  })
})

describe('sample corpus invariants', () => {
  it('keeps every offset inside the text it indexes', () => {
    expect([...stories.values()].flatMap((s) => offsetOffenders(s.documents))).toEqual([])
  })

  it('has no empty token', () => {
    expect([...stories.values()].flatMap((s) => emptyTokenOffenders(s.documents))).toEqual([])
  })

  it('keeps every score in [0, 1]', () => {
    expect([...stories.values()].flatMap((s) => scoreOffenders(s.ledger))).toEqual([])
  })

  it('spans at least two outlets with one sentence per article in every statement', () => {
    expect([...stories.values()].flatMap((s) => statementOffenders(s.ledger))).toEqual([])
  })

  it('gives the same relation whichever way round a pair is read', () => {
    expect([...stories.values()].flatMap((s) => asymmetricRelationOffenders(s.documents, s.ledger))).toEqual([])
  })

  it('compares far fewer pairs than all pairs', () => {
    const story = stories.get('harbor-bridge')!
    expect(story.ledger.story.comparedPairs).toBeLessThan(story.ledger.story.possiblePairs / 2)
  })
})
