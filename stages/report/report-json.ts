// report.json: everything the CSVs say plus the detail scripts need (offsets, entities, pairs, messages), texts
// exactly as written.
import { statementsOfUnits } from '../../core/statements.js'
import type { TextFile } from './report-file.js'

/** Version of the report layout: bumped whenever a field or column is renamed or removed, or its meaning changes. */
export const SCHEMA_VERSION = 4

/** report.json: the whole ledger, its field order fixed. */
export const reportJson: TextFile = {
  file: 'report.json',
  about: 'everything above plus the detail scripts need, texts exactly as written',
  text: ({ ledger, messages, tool }) => {
    const statementsOf = statementsOfUnits(ledger.statements)
    const statementOf = (id: string) => statementsOf.get(id)?.[0]?.id ?? null
    const alsoReports = (id: string) => (statementsOf.get(id) ?? []).slice(1).map((s) => s.id)
    // Written in pieces, each list's items one at a time (see `jsonInPieces`): the same bytes as the whole object
    // through `JSON.stringify(value, null, 2)`, without a copy of every sentence and statement alive at once.
    const value = {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: tool.name, version: tool.version },
      story: ledger.story,
      articles: items(ledger.articles, (a) => ({
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
      sentences: items(
        ledger.documents.flatMap((d) => d.sentences),
        (s) => ({
          id: s.id,
          article: s.article,
          index: s.index,
          paragraph: s.paragraph,
          begin: s.begin,
          end: s.end,
          text: s.text,
          statement: statementOf(s.id),
          alsoReports: alsoReports(s.id),
          entities: s.entities.map((e) => ({ text: e.text, name: e.name, type: e.type, begin: e.begin, end: e.end })),
          numbers: s.numbers.map((n) => ({ text: n.text, value: n.value, unit: n.unit, begin: n.begin, end: n.end })),
          quotes: s.quotes.map((q) => ({ text: q.text, speaker: q.speaker, begin: q.begin, end: q.end })),
          attribution: s.attribution,
        }),
      ),
      headlines: ledger.documents.flatMap((d) =>
        d.headline ? [{ id: d.headline.id, article: d.article.id, outlet: d.article.outlet, text: d.headline.text, statement: statementOf(d.headline.id), alsoReports: alsoReports(d.headline.id) }] : [],
      ),
      statements: items(ledger.statements, (s) => ({
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
        alignments: s.members.map((m) => ({ sentence: m.sentence, article: m.article, outlet: m.outlet, similarity: m.similarity, relation: m.relation, representative: m.representative, attached: m.attached })),
        pairs: s.pairs,
      })),
      outletPairs: items(ledger.outletPairs, same),
      framing: items(ledger.framing.outlets, same),
      framingArticles: items(ledger.framing.articles, same),
      entityTone: items(ledger.framing.entityTone, same),
      terms: items(ledger.framing.terms, same),
      wording: items(ledger.framing.wording, same),
      conflicts: items(ledger.conflicts, same),
      quotes: items(ledger.quotes, same),
      omissions: items(ledger.omissions, same),
      digest: {
        words: ledger.digest.words,
        corroborated: ledger.digest.corroborated,
        disputed: ledger.digest.disputed,
        singleSource: ledger.digest.singleSource,
      },
      messages: messages.map((m) => m.toJSON()),
    }
    return jsonInPieces(value)
  },
}

/** A list of report.json written item by item: `make` turns each of `list` into its JSON value just before it is written. */
class Items<T> {
  constructor(
    readonly list: readonly T[],
    readonly make: (item: T) => unknown,
  ) {}
}

const same = <T>(item: T): T => item

function items<T>(list: readonly T[], make: (item: T) => unknown): Items<T> {
  return new Items(list, make)
}

/** Items of a list stringified at a time by `jsonInPieces`. */
const CHUNK_ITEMS = 256

/**
 * `JSON.stringify(value, null, 2)` of an object whose fields may be `Items`, as if each were the array of its made
 * items, followed by a line break: each field, and each list a chunk of items at a time, stringified on its own
 * inside a one-field object, so that JSON.stringify indents it to its depth itself, and the pieces joined once.
 */
function jsonInPieces(value: Readonly<Record<string, unknown>>): string {
  // `JSON.stringify({ k: [x, …] }, null, 2)` is `{\n  "k": [\n` + the items at depth 2 + `\n  ]\n}`.
  const LIST_HEAD = '{\n  "k": [\n'.length
  const LIST_TAIL = '\n  ]\n}'.length
  const FIELD_HEAD = '{\n  "k": '.length
  const FIELD_TAIL = '\n}'.length
  // Every piece goes into one list, joined once: the text is made flat in one go, never copied again.
  const out: string[] = []
  for (const [key, field] of Object.entries(value)) {
    const name = `${out.length === 0 ? '{\n' : ',\n'}  ${JSON.stringify(key)}: `
    if (field instanceof Items) {
      if (field.list.length === 0) {
        out.push(name, '[]')
        continue
      }
      out.push(name, '[\n')
      for (let at = 0; at < field.list.length; at += CHUNK_ITEMS) {
        const text = JSON.stringify({ k: field.list.slice(at, at + CHUNK_ITEMS).map((item) => field.make(item)) }, null, 2)
        out.push(at === 0 ? '' : ',\n', text.slice(LIST_HEAD, text.length - LIST_TAIL))
      }
      out.push('\n  ]')
    } else {
      // A field whose value JSON leaves out (undefined) is left out here too.
      const text = JSON.stringify({ k: field }, null, 2)
      if (text !== '{}') out.push(name, text.slice(FIELD_HEAD, text.length - FIELD_TAIL))
    }
  }
  out.push(out.length === 0 ? '{}\n' : '\n}\n')
  return out.join('')
}
