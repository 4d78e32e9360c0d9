// A story's reports depend on the story alone: analysed first thing in a fresh process, or after other stories in
// any order, every report file comes out byte for byte the same. Each "process" here is a fresh module registry
// (`jest.isolateModules`), so that wink-nlp, the stem ids and every memo start empty, as in a new process or thread.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { loadVectors } from '../pipeline/tables.js'
import { ingest } from '../stages/ingest/index.js'
import { MessageLog } from '../core/messages.js'
import type { Article } from '../core/types.js'

type Stages = {
  clean: typeof import('../stages/clean/index.js').clean
  segment: typeof import('../stages/segment/index.js').segment
  align: typeof import('../stages/align/index.js').align
  scoreStory: typeof import('../stages/score/index.js').scoreStory
  report: typeof import('../stages/report/index.js').report
  MessageLog: typeof MessageLog
}

/** The stages as a new process loads them: nothing learned, no memo filled. */
function freshProcess(): Stages {
  let stages: Stages | undefined
  jest.isolateModules(() => {
    stages = {
      clean: require('../stages/clean/index.js').clean,
      segment: require('../stages/segment/index.js').segment,
      align: require('../stages/align/index.js').align,
      scoreStory: require('../stages/score/index.js').scoreStory,
      report: require('../stages/report/index.js').report,
      MessageLog: require('../core/messages.js').MessageLog,
    }
  })
  return stages!
}

const vectors = loadVectors()
const TOOL = { name: 'corroborate', version: 'test' }

/** Every report file of one story, as `analyze` writes it. */
function reports(stages: Stages, story: string, articles: readonly Article[]): Record<string, string> {
  const log = new stages.MessageLog(story)
  const documents = stages.segment(stages.clean(articles, log), log)
  const ledger = stages.scoreStory(story, documents, stages.align(documents, log, { vectors }), log)
  return Object.fromEntries(stages.report(ledger, log.messages, TOOL))
}

/** The stories read one after another in `order` by one process. */
function batch(stories: ReadonlyMap<string, readonly Article[]>, order: readonly string[]): Map<string, Record<string, string>> {
  const stages = freshProcess()
  return new Map(order.map((id) => [id, reports(stages, id, stories.get(id)!)]))
}

/** A seeded permutation (mulberry32), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed
  const random = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy
}

/** Articles of a story from JSON Lines records. */
function articlesOf(records: readonly Record<string, string>[]): Map<string, Article[]> {
  const log = new MessageLog()
  const bytes = Buffer.from(records.map((r) => JSON.stringify(r)).join('\n'))
  const byStory = new Map<string, Article[]>()
  for (const a of ingest([{ kind: 'jsonl', file: 'stories.jsonl', bytes }], log)) byStory.set(a.story, [...(byStory.get(a.story) ?? []), a])
  return byStory
}

// The story that changed others: "41" glued to a period ("was.41.") is read as a word, and wink-nlp kept reading
// every later "41" as a word, so a later story's numbers (and its number conflict) changed.
const TEACHER = [
  ['times', 'Times', 'Police said his blood-alcohol level was.41. He faces charges of vehicular homicide, DWI, and driving with a suspended license.\n\nThe crash on Route 9 killed two people at 10am on Sunday, police said.'],
  ['ledger', 'Ledger', 'His blood-alcohol level was.41., police said. Prosecutors filed charges of homicide, DWI, and driving with a revoked license.\n\nTwo people died in the Route 9 crash on Sunday morning, according to police.'],
]
const VICTIM = [
  ['courier', 'Courier', 'The county recorded 41 crashes on the bridge last year, the highway agency said.\n\nThe agency plans to lower the speed limit to 41 miles per hour in March.'],
  ['herald', 'Herald', 'The county recorded 38 crashes on the bridge last year, the highway agency said.\n\nThe agency plans to lower the speed limit on the bridge in March.'],
]

// Odd tokens that tokenizers learn in one context and meet in another: glued periods and numbers, spaced hyphens,
// abbreviations before commas, numbers glued to words, all-caps words, URLs, e-mail addresses, hashtags.
const ODD = [
  'was.41.', 'hit -and-run', 'DWI,', 'DWI.', '10am', '3x', '5pm.', 'NASA-led', 'FBI', 'ATF', 'https://news.example.com/a.b?c=1', 'tips@news.example.org',
  '#Breaking', '@CityHall', '.41', 'No.1', 'U.S.-led', 'ok.The', 'Dr.Smith', '1990s', 'e.g.,', 'Jan.5', '$5m', 'x-ray', 'Obama’s', 'can’t',
]
const PLAIN = ['the', 'police', 'said', 'level', 'was', 'charges', 'of', 'and', 'people', 'bridge', 'council', 'voted', 'on', 'Monday', 'crash', '41', '38', '12']

function oddStories(seed: number, count: number): Record<string, string>[] {
  const records: Record<string, string>[] = []
  for (let s = 0; s < count; s++) {
    // Each story has half of the odd tokens: what one story teaches, another meets in another context.
    const words = shuffled([...shuffled(ODD, seed * 13 + s).slice(0, ODD.length / 2), ...PLAIN, ...PLAIN], seed + s)
    const facts = Array.from({ length: 6 }, (_, k) => {
      const pick = shuffled(words, seed * 31 + s * 7 + k).slice(0, 10)
      return `${pick[0]!.replace(/^\p{Ll}/u, (c) => c.toUpperCase())} ${pick.slice(1).join(k % 3 === 0 ? ' ' : k % 3 === 1 ? ', ' : ' ')} ${k} more${k % 2 ? '.' : '!'}`
    })
    for (const [o, outlet] of ['Wire', 'Post', 'DAILY'].entries())
      records.push({ story: `odd-${seed}-${s}`, id: `${outlet.toLowerCase()}-${s}`, outlet, text: shuffled(facts, seed + o).slice(0, 5).join(o === 1 ? ' ' : '\n\n') })
  }
  return records
}

function expectSameEverywhere(stories: ReadonlyMap<string, readonly Article[]>, orders: readonly (readonly string[])[]): void {
  const alone = new Map([...stories.keys()].map((id) => [id, batch(stories, [id]).get(id)!]))
  for (const order of orders) {
    const together = batch(stories, order)
    const differing = order.filter((id) => JSON.stringify(together.get(id)) !== JSON.stringify(alone.get(id)))
    expect({ order, differing }).toEqual({ order, differing: [] })
  }
}

describe('a story analysed alone and amid other stories', () => {
  it('gives the same reports after the story that taught wink-nlp "41" as a word', () => {
    const records = [
      ...TEACHER.map(([id, outlet, text]) => ({ story: 'dwi-crash', id: id!, outlet: outlet!, text: text! })),
      ...VICTIM.map(([id, outlet, text]) => ({ story: 'bridge-crashes', id: id!, outlet: outlet!, text: text! })),
    ]
    const stories = articlesOf(records)
    // Alone, "41 crashes" and "38 crashes" conflict; the old code lost the conflict after the teacher.
    const conflicts = JSON.parse(batch(stories, ['bridge-crashes']).get('bridge-crashes')!['report.json']!).conflicts as { relation: string }[]
    expect(conflicts.map((c) => c.relation)).toContain('number_conflict')
    expectSameEverywhere(stories, [['dwi-crash', 'bridge-crashes'], ['bridge-crashes', 'dwi-crash']])
  })

  it('gives the same reports for generated stories full of odd tokens, in several orders', () => {
    const stories = articlesOf(oddStories(11, 6))
    const ids = [...stories.keys()]
    expectSameEverywhere(stories, [ids, [...ids].reverse(), shuffled(ids, 1), shuffled(ids, 2)])
  })

  it('gives the same reports for BASIL stories, in several orders', () => {
    const lines = readFileSync(path.join(__dirname, '..', '..', 'shared', 'data', 'basil', 'basil.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '')
    const all = articlesOf(lines.map((l) => JSON.parse(l) as Record<string, string>))
    // A seeded sample keeps the test short. With it: a story with "41 speeches", the story that taught "41" as a
    // word, and odd-token stories, so that BASIL stories are read after what they taught.
    const sample = [...new Set([...shuffled([...all.keys()].sort(), 5).slice(0, 6), '6e502405-bc90-4416-a787-3122918aa648'])]
    const teacher = articlesOf(TEACHER.map(([id, outlet, text]) => ({ story: 'dwi-crash', id: id!, outlet: outlet!, text: text! })))
    const stories = new Map([...sample.map((id) => [id, all.get(id)!] as const), ...teacher, ...articlesOf(oddStories(3, 2))])
    const ids = [...stories.keys()]
    expectSameEverywhere(stories, [['dwi-crash', ...ids.filter((id) => id !== 'dwi-crash')], shuffled(ids, 3), [...ids].reverse()])
  })
})

describe('process-wide state', () => {
  it('scores a sentence pair bit for bit the same whatever order the stem ids were given out in', () => {
    const a = 'The county council voted on Tuesday to close the old harbor bridge for repairs costing $3 million.'
    const b = 'Council members voted to shut the aging harbor bridge on Tuesday; repairs will cost about $3 million, the county said.'
    const others = ['Engineers found cracks in two steel girders last month.', 'The harbor market will reopen in the spring, officials said.']
    const score = (seed: readonly string[]) => {
      let values: unknown
      jest.isolateModules(() => {
        const { Idf, pairFeatures, sentenceFeatures, stemId } = require('../stages/similarity/index.js') as typeof import('../stages/similarity/index.js')
        const { sentenceFromText } = require('../stages/segment/index.js') as typeof import('../stages/segment/index.js')
        for (const stem of seed) stemId(stem)
        const features = [a, b, ...others].map((text, i) => sentenceFeatures(sentenceFromText(text, `t${i}#0`), vectors))
        const idf = new Idf()
        for (const f of features) idf.add(f)
        values = pairFeatures(features[0]!, features[1]!, idf)
      })
      return values
    }
    // Another process may have met the stems in another order: here, reversed, and after many others.
    const stems = [...new Set(`${a} ${b} ${others.join(' ')}`.toLowerCase().match(/[a-z]+/g)!.flatMap((w) => [w, w.replace(/s$/, ''), w.replace(/(?:ed|ing)$/, '')]))]
    expect(score(['zebra', ...stems.reverse()])).toEqual(score([]))
  })

  it('reads a text the same after wink-nlp has learned enough words to fill its packed features', () => {
    let seed = 1
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    const word = () => Array.from({ length: 3 }, () => String.fromCharCode(0x4e00 + Math.floor(random() * 20000))).join('')
    const probe = 'The agency said 東京 and 大阪 grew. Gen. Ortega met 北京 officials on Monday.\n\n中文 is spoken there, said Dr. Li.'
    // One paragraph with more distinct words than the packed indices hold, even in a pipeline just loaded.
    const huge = `The long list reads ${Array.from({ length: 9000 }, word).join(' ')}. The list ends here today.`
    const sentences = (stages: Stages, text: string) => {
      const log = new stages.MessageLog('probe')
      const articles = articlesOf([{ story: 'probe', id: 'p', outlet: 'P', text }]).get('probe')!
      return stages.segment(stages.clean(articles, log), log).map((d) => d.sentences.map((s) => [s.text, s.tokens.map((t) => [t.text, t.kind, t.pos])]))
    }
    const fresh = [sentences(freshProcess(), probe), sentences(freshProcess(), huge)]
    // 24,000 distinct Chinese words first: each is a shape and a prefix of its own, more than the 16,384 and 8,192
    // values wink-nlp's packed indices hold.
    const stages = freshProcess()
    const log = new stages.MessageLog('filler')
    for (let p = 0; p < 40; p++) stages.segment(stages.clean(articlesOf([{ story: 'filler', id: `f${p}`, outlet: 'F', text: `The filler says ${Array.from({ length: 600 }, word).join(' ')}.` }]).get('filler')!, log), log)
    expect([sentences(stages, probe), sentences(stages, huge)]).toEqual(fresh)
  })
})
