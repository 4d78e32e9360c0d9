// score: the agreement ledger: support and independent support per statement, outlet pairs, coverage, framing.
import { unitsOf } from '../segment/index.js'
import type { MessageLog } from '../../core/messages.js'
import { digest } from './digest.js'
import { framing } from '../framing/index.js'
import { DEFAULT_LEXICONS } from '../../lang/en/lexicons/index.js'
import { groupQuotes } from './quotes.js'
import { isConflict, isListed } from './relate.js'
import type { Alignment, ArticleSummary, Lexicons, Conflict, Document, Ledger, Omission, OutletPair, ScoredStatement, Sentence, Statement } from '../../core/types.js'
import { round } from '../../core/numbers.js'

export interface ScoreOptions {
  /** Share of the smaller article's sentences that must be identical to another's for both to count as one origin (default: `0.5`). */
  readonly syndicationShare?: number
  /** List every pair of outlets up to this many outlets (default: `100`); beyond, each outlet's closest partners. */
  readonly allPairsUpTo?: number
  /** Partners listed per outlet beyond `allPairsUpTo` outlets (default: `10`). */
  readonly topPartners?: number
  /** Most words of the digest's corroborated part (default: `DEFAULT_DIGEST_WORDS`, 250). */
  readonly digestWords?: number
  /** Word lists of the framing measures (default: the shipped ones). */
  readonly lexicons?: Lexicons
}

const SOURCE = 'score'

/** Score a story's alignment: who carries each statement, how independent they are, and how outlets compare. */
export function scoreStory(storyId: string, documents: readonly Document[], alignment: Alignment, log: MessageLog, options: ScoreOptions = {}): Ledger {
  const syndicationShare = options.syndicationShare ?? 0.5
  const wires = new Map(documents.map((d) => [d.article.id, wireOf(d)]))
  const origins = findOrigins(documents, alignment, syndicationShare, wires)
  for (const [article, origin] of origins) {
    if (article !== origin) log.info(SOURCE, 'syndicated-copy', `Article \`${article}\` repeats the text of \`${origin}\`${wires.get(article) ? ` (${wires.get(article)})` : ''}: counted as one origin`, { article })
  }
  const totalOrigins = new Set(origins.values()).size
  const sentenceById = new Map(documents.flatMap((d) => unitsOf(d).map((s) => [s.id, s] as const)))
  const statementOf = new Map<string, string>()
  const conflicts: Conflict[] = []
  const statements: ScoredStatement[] = alignment.statements.map((statement) => {
    for (const m of statement.members) statementOf.set(m.sentence, statement.id)
    const outlets = unique(statement.members.map((m) => m.outlet))
    const originIds = unique(statement.members.map((m) => origins.get(m.article)!))
    const similarities = statement.pairs.map((p) => p.similarity)
    const outletOf = new Map(statement.members.map((m) => [m.sentence, m.outlet]))
    let conflicting = 0
    for (const p of statement.pairs) {
      if (!isListed(p.relation)) continue
      if (isConflict(p.relation)) conflicting++
      conflicts.push({
        statement: statement.id,
        relation: p.relation,
        a: p.a,
        b: p.b,
        outletA: outletOf.get(p.a)!,
        outletB: outletOf.get(p.b)!,
        valueA: p.values?.[0] ?? '',
        valueB: p.values?.[1] ?? '',
        textA: sentenceById.get(p.a)!.text,
        textB: sentenceById.get(p.b)!.text,
      })
    }
    const independentSupport = Math.min(outlets.length, independentCount(statement, origins, (id) => isReusedText(sentenceById.get(id)!)))
    return {
      ...statement,
      support: outlets.length,
      independentSupport,
      outlets,
      origins: originIds,
      meanSimilarity: round(mean(similarities)),
      minSimilarity: round(similarities.length > 0 ? Math.min(...similarities) : 0),
      conflicts: conflicting,
      originShare: round(independentSupport / Math.max(1, totalOrigins)),
      consistency: round(statement.pairs.length > 0 ? 1 - conflicting / statement.pairs.length : 1),
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
      wire: wires.get(d.article.id)!,
      removed: d.article.removed,
    }
  })

  const outlets = unique(documents.map((d) => d.article.outlet)).sort()
  const quotes = groupQuotes(documents)
  return {
    story: {
      id: storyId,
      articleCount: documents.length,
      outletCount: outlets.length,
      sentenceCount: documents.reduce((sum, d) => sum + d.sentences.length, 0),
      statementCount: statements.length,
      corroboratedCount: statements.filter((s) => s.independentSupport >= 2).length,
      conflictCount: conflicts.length,
      quotesChanged: quotes.filter((q) => q.fidelity === 'changed').length,
      comparedPairs: alignment.comparedPairs,
      possiblePairs: alignment.possiblePairs,
    },
    articles,
    documents,
    statements,
    outletPairs: outletPairs(outlets, statements, options.allPairsUpTo ?? 100, options.topPartners ?? 10),
    framing: framing(documents, statements, { lexicons: options.lexicons }),
    conflicts,
    quotes,
    omissions: omissions(outlets, statements, totalOrigins),
    digest: digest(storyId, documents, statements, conflicts, { digestWords: options.digestWords, loaded: loadedWords(options.lexicons ?? DEFAULT_LEXICONS) }),
  }
}

/**
 * Independent origins behind a statement: members from articles of one origin count once, and so do members
 * with the same wording when that wording is evidence of reuse ("partial reuse": an outlet that rewrote a wire
 * story but kept a paragraph). A quotation printed word for word by several newsrooms is not reuse: quotes are
 * the same by nature.
 */
function independentCount(statement: Statement, origins: ReadonlyMap<string, string>, reusable: (sentence: string) => boolean): number {
  const { find, union } = unionFind(statement.members.map((m) => m.sentence))
  const byOrigin = new Map<string, string>()
  for (const m of statement.members) {
    const origin = origins.get(m.article)!
    const first = byOrigin.get(origin)
    if (first) union(first, m.sentence)
    else byOrigin.set(origin, m.sentence)
  }
  for (const p of statement.pairs) if (p.relation === 'identical' && reusable(p.a)) union(p.a, p.b)
  return new Set(statement.members.map((m) => find(m.sentence))).size
}

/** Wording that, repeated word for word, shows copied text: twelve words or more, mostly outside quotation marks. */
function isReusedText(sentence: Sentence): boolean {
  const words = sentence.tokens.filter((t) => t.kind === 'word' || t.kind === 'number')
  if (words.length < 12) return false
  const quoted = words.filter((t) => sentence.quotes.some((q) => t.begin >= q.begin && t.end <= q.end)).length
  return quoted < words.length / 2
}

/** Disjoint sets over string keys; the root of a set is its smallest key, so results never depend on order. */
function unionFind(keys: readonly string[]): { find: (x: string) => string; union: (a: string, b: string) => void } {
  const parent = new Map(keys.map((k) => [k, k]))
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!
    return x
  }
  const union = (a: string, b: string) => {
    const ra = find(a)
    const rb = find(b)
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb)
  }
  return { find, union }
}

/** The news agency an article credits: "(AP)", "(Reuters)" in its dateline, or an agency byline. */
function wireOf(document: Document): string | null {
  const dateline = document.article.dateline ?? ''
  const credit = /\(([A-Z][A-Za-z.]{1,20}(?: [A-Z][A-Za-z]+){0,2})\)/.exec(dateline)
  if (credit) return credit[1]!
  for (const r of document.article.removed) {
    if (r.reason !== 'byline') continue
    const agency = /\b(Associated Press|Reuters|Agence France-Presse|AFP|Bloomberg|AP)\b/.exec(r.text)
    if (agency) return agency[1] === 'Associated Press' ? 'AP' : agency[1]!
  }
  return null
}

/**
 * What each outlet leaves out: statements carried by more than half of the other outlets, or by at least half
 * of the story's independent origins (two at the least). Counting origins rather than outlets keeps a statement
 * that three reprints of one wire carry from being called an omission of everybody else.
 */
function omissions(outlets: readonly string[], statements: readonly ScoredStatement[], totalOrigins: number): Omission[] {
  const result: Omission[] = []
  const wanted = statements.filter((s) => s.support > (outlets.length - 1) / 2 || s.independentSupport >= Math.max(2, totalOrigins / 2))
  // An outlet with a unit close to the statement may report it in other words: never called an omission.
  const carriers = new Map(wanted.map((s) => [s.id, new Set([...s.outlets, ...s.near])]))
  for (const outlet of outlets)
    for (const s of wanted) {
      if (carriers.get(s.id)!.has(outlet)) continue
      result.push({ outlet, statement: s.id, support: s.support, independentSupport: s.independentSupport, text: s.text })
    }
  return result
}

/** Origins: articles whose sentences are mostly identical to another article's, or that credit the same wire, are copies of one text. */
function findOrigins(documents: readonly Document[], alignment: Alignment, share: number, wires: ReadonlyMap<string, string | null>): Map<string, string> {
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
  const { find, union } = unionFind(documents.map((d) => d.article.id))
  for (const [key, count] of [...identical].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const [a, b] = key.split('\u0000') as [string, string]
    if (count >= 3 && count >= share * Math.min(size.get(a)!, size.get(b)!)) union(a, b)
  }
  // Copies credited to the same agency ("PORT ALDER (CPA) —") are one origin even when edited.
  const byWire = new Map<string, string>()
  for (const d of documents) {
    const wire = wires.get(d.article.id)
    if (!wire) continue
    const first = byWire.get(wire)
    if (first) union(first, d.article.id)
    else byWire.set(wire, d.article.id)
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
  const conflicts = pairTable(n)
  const disagreeing = pairTable(n)
  const cell = (a: number, b: number) => (a < b ? a * n + b : b * n + a)
  for (const s of statements) {
    const ids = s.outlets.map((o) => index.get(o)!)
    for (const i of ids) carried[i]!++
    for (let x = 0; x < ids.length; x++) for (let y = x + 1; y < ids.length; y++) shared.add(cell(ids[x]!, ids[y]!), 1)
    const outletOf = new Map(s.members.map((m) => [m.sentence, index.get(m.outlet)!]))
    const disputed = new Set<number>()
    for (const p of s.pairs) {
      const a = outletOf.get(p.a)!
      const b = outletOf.get(p.b)!
      if (a === b) continue
      similarity.add(cell(a, b), p.similarity)
      pairs.add(cell(a, b), 1)
      if (isConflict(p.relation)) {
        conflicts.add(cell(a, b), 1)
        disputed.add(cell(a, b))
      }
    }
    for (const c of disputed) disagreeing.add(c, 1)
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
      agreements: both - disagreeing.get(c),
      conflicts: conflicts.get(c),
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


function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)]
}

function mean(values: readonly number[]): number {
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : 0
}


/** Words the digest avoids when it chooses a statement's wording: loaded words and intensifiers. */
function loadedWords(lexicons: Lexicons): ReadonlySet<string> {
  return new Set([...lexicons.loaded, ...lexicons.intensifiers, ...lexicons.reportVerbs.loaded].map((w) => w.toLowerCase()))
}
