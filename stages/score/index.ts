// score: the agreement ledger: support and independent support per statement, outlet pairs, coverage, framing.
// scoreStory assembles it from the score modules: origins (who backs a statement), outlet-pairs, omissions,
// quotes and digest, with relate's conflict relations and the framing stage.
import { unitsOf } from '../segment/index.js'
import type { MessageLog } from '../../core/messages.js'
import { digest } from './digest.js'
import { framing } from '../framing/index.js'
import { DEFAULT_LEXICONS } from '../../lang/en/lexicons/index.js'
import { groupQuotes } from './quotes.js'
import { isConflict, isListed } from './relate.js'
import { findOrigins, independentCount, isReusedText, wireOf } from './origins.js'
import { outletPairs } from './outlet-pairs.js'
import { omissions, publishedDays } from './omissions.js'
import type { Alignment, ArticleSummary, Conflict, Document, Ledger, Lexicons, ScoredStatement } from '../../core/types.js'
import { round } from '../../core/numbers.js'

/** Options of `scoreStory`. */
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
  const withBody = documents.filter((d) => d.sentences.length > 0)
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
    omissions: omissions(outlets, statements, totalOrigins, new Set(withBody.map((d) => d.article.outlet)), publishedDays(withBody.map((d) => d.article))),
    digest: digest(storyId, documents, statements, conflicts, { digestWords: options.digestWords, loaded: loadedWords(options.lexicons ?? DEFAULT_LEXICONS) }),
  }
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
