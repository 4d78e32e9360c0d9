// score: the agreement ledger: support and independent support per statement, outlet pairs, coverage, framing.
import type { MessageLog } from './messages.js'
import type { Alignment, ArticleSummary, Document, Ledger, OutletFraming, OutletPair, ScoredStatement } from './types.js'

export interface ScoreOptions {
  /** Share of the smaller article's sentences that must be identical to another's for both to count as one origin (default: `0.5`). */
  readonly syndicationShare?: number
  /** List every pair of outlets up to this many outlets (default: `100`); beyond, each outlet's closest partners. */
  readonly allPairsUpTo?: number
  /** Partners listed per outlet beyond `allPairsUpTo` outlets (default: `10`). */
  readonly topPartners?: number
}

const SOURCE = 'score'

/** Score a story's alignment: who carries each statement, how independent they are, and how outlets compare. */
export function scoreStory(storyId: string, documents: readonly Document[], alignment: Alignment, log: MessageLog, options: ScoreOptions = {}): Ledger {
  const syndicationShare = options.syndicationShare ?? 0.5
  const origins = findOrigins(documents, alignment, syndicationShare)
  for (const [article, origin] of origins) {
    if (article !== origin) log.info(SOURCE, 'syndicated-copy', `Article \`${article}\` repeats the text of \`${origin}\`: counted as one origin`, { article })
  }
  const statementOf = new Map<string, string>()
  const statements: ScoredStatement[] = alignment.statements.map((statement) => {
    for (const m of statement.members) statementOf.set(m.sentence, statement.id)
    const outlets = unique(statement.members.map((m) => m.outlet))
    const originIds = unique(statement.members.map((m) => origins.get(m.article)!))
    const similarities = statement.pairs.map((p) => p.similarity)
    return {
      ...statement,
      support: outlets.length,
      independentSupport: Math.min(outlets.length, originIds.length),
      outlets,
      origins: originIds,
      meanSimilarity: round(mean(similarities)),
      minSimilarity: round(similarities.length > 0 ? Math.min(...similarities) : 0),
    }
  })

  const articles: ArticleSummary[] = documents.map((d) => {
    const corroborated = d.sentences.filter((s) => statementOf.has(s.id)).length
    return {
      id: d.article.id,
      outlet: d.article.outlet,
      title: d.article.headline,
      url: d.article.url,
      published: d.article.published,
      source: d.article.source,
      dateline: d.article.dateline,
      words: d.words,
      sentences: d.sentences.length,
      corroborated,
      coverage: round(d.sentences.length > 0 ? corroborated / d.sentences.length : 0),
      origin: origins.get(d.article.id)!,
      removed: d.article.removed,
    }
  })

  const outlets = unique(documents.map((d) => d.article.outlet)).sort()
  return {
    story: {
      id: storyId,
      articleCount: documents.length,
      outletCount: outlets.length,
      sentenceCount: documents.reduce((sum, d) => sum + d.sentences.length, 0),
      statementCount: statements.length,
      corroboratedCount: statements.filter((s) => s.independentSupport >= 2).length,
      conflictCount: 0,
      comparedPairs: alignment.comparedPairs,
      possiblePairs: alignment.possiblePairs,
    },
    articles,
    documents,
    statements,
    outletPairs: outletPairs(outlets, statements, options.allPairsUpTo ?? 100, options.topPartners ?? 10),
    framing: outlets.map((outlet) => framing(outlet, documents, statementOf, statements)),
  }
}

/** Origins: articles whose sentences are mostly identical to another article's are copies of one text. */
function findOrigins(documents: readonly Document[], alignment: Alignment, share: number): Map<string, string> {
  const identical = new Map<string, number>()
  for (const statement of alignment.statements)
    for (const pair of statement.pairs) {
      if (pair.relation !== 'identical') continue
      const a = pair.a.slice(0, pair.a.lastIndexOf('#'))
      const b = pair.b.slice(0, pair.b.lastIndexOf('#'))
      const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`
      identical.set(key, (identical.get(key) ?? 0) + 1)
    }
  const size = new Map(documents.map((d) => [d.article.id, d.sentences.length]))
  const parent = new Map(documents.map((d) => [d.article.id, d.article.id]))
  const find = (x: string): string => {
    let root = x
    while (parent.get(root) !== root) root = parent.get(root)!
    return root
  }
  for (const [key, count] of [...identical].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const [a, b] = key.split('\u0000') as [string, string]
    if (count >= 3 && count >= share * Math.min(size.get(a)!, size.get(b)!)) {
      const ra = find(a)
      const rb = find(b)
      if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb)
    }
  }
  return new Map(documents.map((d) => [d.article.id, find(d.article.id)]))
}

/**
 * Agreement per pair of outlets, counted statement by statement into a table indexed by outlet number. Every
 * pair is listed up to `allPairsUpTo` outlets; beyond, each outlet's `topPartners` closest partners (by shared
 * statements), so the table grows with the outlets, not with their square (1,000 outlets have 499,500 pairs).
 */
function outletPairs(outlets: readonly string[], statements: readonly ScoredStatement[], allPairsUpTo: number, topPartners: number): OutletPair[] {
  const n = outlets.length
  const index = new Map(outlets.map((o, i) => [o, i]))
  const carried = new Uint32Array(n)
  // Shared statements, similarity sums and pair counts per ordered pair (i < j).
  const shared = pairTable(n)
  const similarity = pairTable(n)
  const pairs = pairTable(n)
  const cell = (a: number, b: number) => (a < b ? a * n + b : b * n + a)
  for (const s of statements) {
    const ids = s.outlets.map((o) => index.get(o)!)
    for (const i of ids) carried[i]!++
    for (let x = 0; x < ids.length; x++) for (let y = x + 1; y < ids.length; y++) shared.add(cell(ids[x]!, ids[y]!), 1)
    const outletOf = new Map(s.members.map((m) => [m.sentence, index.get(m.outlet)!]))
    for (const p of s.pairs) {
      const a = outletOf.get(p.a)!
      const b = outletOf.get(p.b)!
      if (a === b) continue
      similarity.add(cell(a, b), p.similarity)
      pairs.add(cell(a, b), 1)
    }
  }
  let chosen: number[]
  if (n <= allPairsUpTo) {
    chosen = []
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) chosen.push(i * n + j)
  } else {
    const picked = new Set<number>()
    for (let i = 0; i < n; i++) {
      const partners: number[] = []
      for (let j = 0; j < n; j++) if (j !== i && shared.get(cell(i, j)) > 0) partners.push(j)
      partners.sort((x, y) => shared.get(cell(i, y)) - shared.get(cell(i, x)) || x - y)
      for (const j of partners.slice(0, topPartners)) picked.add(cell(i, j))
    }
    chosen = [...picked].sort((x, y) => x - y)
  }
  return chosen.map((c) => {
    const i = Math.floor(c / n)
    const j = c - i * n
    const both = shared.get(c)
    const union = carried[i]! + carried[j]! - both
    return {
      outletA: outlets[i]!,
      outletB: outlets[j]!,
      statementsA: carried[i]!,
      statementsB: carried[j]!,
      sharedStatements: both,
      agreement: round(union > 0 ? both / union : 0),
      meanSimilarity: round(pairs.get(c) > 0 ? similarity.get(c) / pairs.get(c) : 0),
    }
  })
}

interface PairTable {
  get(cell: number): number
  add(cell: number, value: number): void
}

/** A number per pair of `n` outlets: a flat n × n table up to 2,048 outlets (at most 32 MB each), a map beyond. */
function pairTable(n: number): PairTable {
  if (n <= 2048) {
    const table = new Float64Array(n * n)
    return { get: (c) => table[c]!, add: (c, v) => void (table[c]! += v) }
  }
  const map = new Map<number, number>()
  return { get: (c) => map.get(c) ?? 0, add: (c, v) => void map.set(c, (map.get(c) ?? 0) + v) }
}

function framing(outlet: string, documents: readonly Document[], statementOf: ReadonlyMap<string, string>, statements: readonly ScoredStatement[]): OutletFraming {
  const docs = documents.filter((d) => d.article.outlet === outlet)
  const sentences = docs.flatMap((d) => d.sentences)
  const words = docs.reduce((sum, d) => sum + d.words, 0)
  const corroborated = sentences.filter((s) => statementOf.has(s.id)).length
  const quotes = sentences.flatMap((s) => s.quotes)
  const quotedWords = quotes.reduce((sum, q) => sum + q.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length, 0)
  const speakers = new Set(quotes.map((q) => q.speaker).filter((s): s is string => s !== null))
  const entities = sentences.reduce((sum, s) => sum + s.entities.length, 0)
  const numbers = sentences.reduce((sum, s) => sum + s.numbers.length, 0)
  const first = docs[0]?.sentences[0]
  const lead = first ? statementOf.get(first.id) ?? null : null
  const per100 = (count: number) => round(words > 0 ? (100 * count) / words : 0)
  return {
    outlet,
    articles: docs.length,
    words,
    sentences: sentences.length,
    corroboratedSentences: corroborated,
    coverage: round(sentences.length > 0 ? corroborated / sentences.length : 0),
    exclusiveSentences: sentences.length - corroborated,
    // Count quotations once, not once per sentence they span.
    quotes: new Set(quotes.map((q) => `${q.speaker ?? ''}\u0000${q.begin}`)).size,
    quotesPer100w: per100(quotes.length),
    quotedWordShare: round(words > 0 ? Math.min(1, quotedWords / words) : 0),
    distinctSpeakers: speakers.size,
    entitiesPer100w: per100(entities),
    numbersPer100w: per100(numbers),
    leadStatement: lead,
    leadSupport: lead ? statements.find((s) => s.id === lead)!.support : 0,
  }
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)]
}

function mean(values: readonly number[]): number {
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : 0
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000
}
