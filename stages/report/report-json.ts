// report.json: everything the CSVs say plus the detail scripts need (offsets, entities, pairs, messages), texts
// exactly as written.
import type { TextFile } from './report-file.js'

/** Version of the report layout: bumped whenever a field or column is renamed or removed. */
export const SCHEMA_VERSION = 3

/** report.json: the whole ledger, its field order fixed. */
export const reportJson: TextFile = {
  file: 'report.json',
  about: 'everything above plus the detail scripts need, texts exactly as written',
  text: ({ ledger, messages, tool }) => {
    const statementOf = new Map<string, string>()
    for (const s of ledger.statements) for (const m of s.members) statementOf.set(m.sentence, s.id)
    const value = {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: tool.name, version: tool.version },
      story: ledger.story,
      articles: ledger.articles.map((a) => ({
        id: a.id,
        outlet: a.outlet,
        title: a.title,
        url: a.url,
        published: a.published,
        source: a.source,
        dateline: a.dateline,
        origin: a.origin,
        wire: a.wire,
        words: a.words,
        sentences: a.sentences,
        corroborated: a.corroborated,
        coverage: a.coverage,
        removed: a.removed.map((r) => ({ text: r.text, reason: r.reason, begin: r.begin, end: r.end })),
      })),
      sentences: ledger.documents.flatMap((d) =>
        d.sentences.map((s) => ({
          id: s.id,
          article: s.article,
          index: s.index,
          paragraph: s.paragraph,
          begin: s.begin,
          end: s.end,
          text: s.text,
          statement: statementOf.get(s.id) ?? null,
          entities: s.entities.map((e) => ({ text: e.text, name: e.name, type: e.type, begin: e.begin, end: e.end })),
          numbers: s.numbers.map((n) => ({ text: n.text, value: n.value, unit: n.unit, begin: n.begin, end: n.end })),
          quotes: s.quotes.map((q) => ({ text: q.text, speaker: q.speaker, begin: q.begin, end: q.end })),
          attribution: s.attribution,
        })),
      ),
      headlines: ledger.documents.flatMap((d) =>
        d.headline ? [{ id: d.headline.id, article: d.article.id, outlet: d.article.outlet, text: d.headline.text, statement: statementOf.get(d.headline.id) ?? null }] : [],
      ),
      statements: ledger.statements.map((s) => ({
        id: s.id,
        text: s.text,
        representative: s.representative,
        support: s.support,
        independentSupport: s.independentSupport,
        outlets: s.outlets,
        origins: s.origins,
        originShare: s.originShare,
        consistency: s.consistency,
        conflicts: s.conflicts,
        meanSimilarity: s.meanSimilarity,
        minSimilarity: s.minSimilarity,
        members: s.members.map((m) => m.sentence),
        alignments: s.members.map((m) => ({ sentence: m.sentence, article: m.article, outlet: m.outlet, similarity: m.similarity, relation: m.relation, representative: m.representative })),
        pairs: s.pairs,
      })),
      outletPairs: ledger.outletPairs,
      framing: ledger.framing.outlets,
      framingArticles: ledger.framing.articles,
      entityTone: ledger.framing.entityTone,
      terms: ledger.framing.terms,
      wording: ledger.framing.wording,
      conflicts: ledger.conflicts,
      quotes: ledger.quotes,
      omissions: ledger.omissions,
      digest: {
        words: ledger.digest.words,
        corroborated: ledger.digest.corroborated,
        disputed: ledger.digest.disputed,
        singleSource: ledger.digest.singleSource,
      },
      messages: messages.map((m) => m.toJSON()),
    }
    return `${JSON.stringify(value, null, 2)}\n`
  },
}
