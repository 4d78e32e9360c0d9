// report: turn a story's ledger into the contents of its report files (CSV and JSON), byte for byte the same on reruns.
import { isConflict } from '../score/relate.js'
import { unitsOf } from '../segment/index.js'
import { stringify } from 'csv-stringify/sync'
import { DEFAULT_LEXICONS, type DistinctiveTerm, type FramingRow } from '../framing/index.js'
import type { Message } from '../../core/messages.js'
import type { Ledger } from '../../core/types.js'
import { round } from '../../core/numbers.js'

/** Version of the report layout: bumped whenever a field or column is renamed or removed. */
export const SCHEMA_VERSION = 2

/** Name and version written into every report. */
export interface ToolInfo {
  readonly name: string
  readonly version: string
}

/** CSV writing options. */
export interface CsvOptions {
  /** Start each CSV with a UTF-8 byte order mark and end lines with CRLF, as Excel prefers (default: `false`). */
  readonly excel?: boolean
}

/** A CSV cell: text, a number, empty, or a list of texts (written `; `-separated). */
export type Cell = string | number | null | readonly string[]
type Row = Record<string, Cell>

/** A file name (relative to the story's folder) and its full contents. */
export type ReportFiles = ReadonlyMap<string, string>

/** Framing measures, one column each; then one `frame_<name>` column per frame of the lexicon. */
const FRAMING_MEASURES = [
  'outlet', 'articles', 'words', 'sentences', 'corroborated_sentences', 'coverage', 'exclusive_sentences', 'tone_per_100w', 'tone_sd',
  'hedges_per_100w', 'weasels_per_100w', 'modals_per_100w', 'intensifiers_per_100w', 'loaded_per_100w', 'neutral_verbs_per_100w',
  'loaded_verbs_per_100w', 'loaded_verb_share', 'report_verbs', 'quotes', 'quotes_per_100w', 'quoted_word_share', 'distinct_speakers',
  'named_sources', 'anonymous_per_100w', 'official_share', 'entities_per_100w', 'numbers_per_100w', 'lead_statement', 'lead_support',
  'shared_position',
] as const
// The frame columns of the shipped frames lexicon; a replaced lexicon brings its own frame names.
const FRAMING_COLUMNS = [...FRAMING_MEASURES, ...Object.keys(DEFAULT_LEXICONS.frames).map((name) => `frame_${name}`)] as string[]

/** Columns of each per-story CSV, in order: the contract documented in the README. */
export const COLUMNS = {
  'statements.csv': ['statement_id', 'support', 'independent_support', 'origin_share', 'consistency', 'conflicts', 'headlines', 'outlets', 'articles', 'members', 'mean_similarity', 'min_similarity', 'relations', 'text'],
  'alignments.csv': ['statement_id', 'article_id', 'outlet', 'unit', 'sentence_index', 'position', 'role', 'similarity', 'relation', 'begin', 'end', 'text'],
  'outlet_pairs.csv': ['outlet_a', 'outlet_b', 'shared_statements', 'statements_a', 'statements_b', 'agreement', 'mean_similarity', 'agreements', 'conflicts'],
  'framing.csv': FRAMING_COLUMNS,
  'framing_articles.csv': ['article_id', ...FRAMING_COLUMNS],
  'entity_tone.csv': ['outlet', 'entity', 'sentences', 'tone_per_100w'],
  'terms.csv': ['outlet', 'term', 'count', 'others', 'log_odds', 'z'],
  'wording.csv': [
    'statement_id', 'outlet', 'article_id', 'sentence_index', 'report_verb', 'verb_kind', 'hedges', 'hedge_change', 'loaded_words',
    'attribution', 'attribution_change', 'tone_per_100w', 'tone_difference', 'text',
  ],
  'conflicts.csv': ['statement_id', 'relation', 'kind', 'outlet_a', 'outlet_b', 'value_a', 'value_b', 'article_a', 'sentence_a', 'article_b', 'sentence_b', 'text_a', 'text_b'],
  'quotes.csv': ['quote_group', 'speaker', 'outlet', 'article_id', 'sentence_index', 'fidelity', 'speaker_agrees', 'text'],
  'omissions.csv': ['outlet', 'statement_id', 'support', 'independent_support', 'text'],
  'headlines.csv': ['outlet', 'article_id', 'statement_id', 'support', 'independent_support', 'corroborated', 'relation', 'tone_per_100w', 'loaded_words', 'headline'],
} as const

/** Columns of `index.csv`, one row per story. */
export const INDEX_COLUMNS = ['story_id', 'status', 'articles', 'outlets', 'sentences', 'statements', 'corroborated_statements', 'conflicts', 'quotes_changed', 'fatal', 'warnings', 'folder'] as const

/** One row of `index.csv`. */
export interface IndexRow {
  readonly storyId: string
  readonly status: 'ok' | 'too-few-articles' | 'failed'
  readonly articles: number
  readonly outlets: number
  readonly sentences: number
  readonly statements: number
  readonly corroborated: number
  readonly conflicts: number
  readonly quotesChanged: number
  readonly fatal: number
  readonly warnings: number
  readonly folder: string
}

/** The files of one story: report.json, the CSVs and digest.md. */
export function report(ledger: Ledger, messages: readonly Message[], tool: ToolInfo, options: CsvOptions = {}): ReportFiles {
  const files = new Map<string, string>()
  files.set('report.json', reportJson(ledger, messages, tool))
  const sentencesIn = new Map(ledger.documents.map((d) => [d.article.id, d.sentences.length]))
  // Where a sentence stands in its article: 0 the first, 1 the last.
  const positionOf = (id: string) => {
    const s = sentenceById.get(id)!
    const count = sentencesIn.get(s.article)!
    return count > 1 ? round(s.index / (count - 1)) : 0
  }
  const sentenceById = new Map(ledger.documents.flatMap((d) => unitsOf(d).map((s) => [s.id, s] as const)))

  files.set(
    'statements.csv',
    csv(
      COLUMNS['statements.csv'],
      ledger.statements.map((s) => ({
        statement_id: s.id,
        support: s.support,
        independent_support: s.independentSupport,
        origin_share: s.originShare,
        consistency: s.consistency,
        conflicts: s.conflicts,
        headlines: s.members.filter((m) => sentenceById.get(m.sentence)!.unit === 'headline').length,
        outlets: s.outlets,
        articles: [...new Set(s.members.map((m) => m.article))],
        members: s.members.length,
        mean_similarity: s.meanSimilarity,
        min_similarity: s.minSimilarity,
        relations: countRelations(s.pairs.map((p) => p.relation)),
        text: s.text,
      })),
      options,
    ),
  )
  files.set(
    'alignments.csv',
    csv(
      COLUMNS['alignments.csv'],
      ledger.statements.flatMap((s) =>
        s.members.map((m) => {
          const sentence = sentenceById.get(m.sentence)!
          return {
            statement_id: s.id,
            article_id: m.article,
            outlet: m.outlet,
            unit: sentence.unit,
            sentence_index: sentence.unit === 'headline' ? null : m.index,
            position: sentence.unit === 'headline' ? null : positionOf(m.sentence),
            role: m.representative ? 'representative' : 'member',
            similarity: m.similarity,
            relation: m.relation,
            begin: sentence.begin,
            end: sentence.end,
            text: sentence.text,
          }
        }),
      ),
      options,
    ),
  )
  files.set(
    'outlet_pairs.csv',
    csv(
      COLUMNS['outlet_pairs.csv'],
      ledger.outletPairs.map((p) => ({
        outlet_a: p.outletA,
        outlet_b: p.outletB,
        shared_statements: p.sharedStatements,
        statements_a: p.statementsA,
        statements_b: p.statementsB,
        agreement: p.agreement,
        mean_similarity: p.meanSimilarity,
        agreements: p.agreements,
        conflicts: p.conflicts,
      })),
      options,
    ),
  )
  const frameNames = ledger.framing.outlets[0] ? Object.keys(ledger.framing.outlets[0].frames) : []
  const framingRow = (f: FramingRow) => ({
    article_id: f.article,
    outlet: f.outlet,
    articles: f.articles,
    words: f.words,
    sentences: f.sentences,
    corroborated_sentences: f.corroboratedSentences,
    coverage: f.coverage,
    exclusive_sentences: f.exclusiveSentences,
    tone_per_100w: f.tonePer100w,
    tone_sd: f.toneSd,
    hedges_per_100w: f.hedgesPer100w,
    weasels_per_100w: f.weaselsPer100w,
    modals_per_100w: f.modalsPer100w,
    intensifiers_per_100w: f.intensifiersPer100w,
    loaded_per_100w: f.loadedPer100w,
    neutral_verbs_per_100w: f.neutralVerbsPer100w,
    loaded_verbs_per_100w: f.loadedVerbsPer100w,
    loaded_verb_share: f.loadedVerbShare,
    report_verbs: f.reportVerbs,
    quotes: f.quotes,
    quotes_per_100w: f.quotesPer100w,
    quoted_word_share: f.quotedWordShare,
    distinct_speakers: f.distinctSpeakers,
    named_sources: f.namedSources,
    anonymous_per_100w: f.anonymousPer100w,
    official_share: f.officialShare,
    entities_per_100w: f.entitiesPer100w,
    numbers_per_100w: f.numbersPer100w,
    lead_statement: f.leadStatement,
    lead_support: f.leadSupport,
    shared_position: f.sharedPosition,
    ...Object.fromEntries(frameNames.map((name) => [`frame_${name}`, Object.hasOwn(f.frames, name) ? f.frames[name]! : 0])),
  })
  const columns = [...FRAMING_MEASURES, ...frameNames.map((name) => `frame_${name}`)]
  files.set('framing.csv', csv(columns, ledger.framing.outlets.map(framingRow), options))
  files.set('framing_articles.csv', csv(['article_id', ...columns], ledger.framing.articles.map(framingRow), options))
  files.set(
    'entity_tone.csv',
    csv(
      COLUMNS['entity_tone.csv'],
      ledger.framing.entityTone.map((e) => ({ outlet: e.outlet, entity: e.entity, sentences: e.sentences, tone_per_100w: e.tonePer100w })),
      options,
    ),
  )
  files.set('terms.csv', termsCsv(ledger.framing.terms, options))
  files.set(
    'wording.csv',
    csv(
      COLUMNS['wording.csv'],
      ledger.framing.wording.map((w) => ({
        statement_id: w.statement,
        outlet: w.outlet,
        article_id: w.article,
        sentence_index: sentenceById.get(w.sentence)!.index,
        report_verb: w.reportVerb,
        verb_kind: w.verbKind,
        hedges: w.hedges,
        hedge_change: w.hedgeChange,
        loaded_words: w.loaded,
        attribution: w.attribution,
        attribution_change: w.attributionChange,
        tone_per_100w: w.tonePer100w,
        tone_difference: w.toneDifference,
        text: sentenceById.get(w.sentence)!.text,
      })),
      options,
    ),
  )
  const indexOf = (sentence: string) => sentenceById.get(sentence)!.index
  const statementOfUnit = new Map(ledger.statements.flatMap((s) => s.members.map((m) => [m.sentence, { s, m }] as const)))
  files.set(
    'headlines.csv',
    csv(
      COLUMNS['headlines.csv'],
      ledger.framing.headlines.map((h) => {
        const found = statementOfUnit.get(h.unit)
        return {
          outlet: h.outlet,
          article_id: h.article,
          statement_id: found?.s.id ?? null,
          support: found?.s.support ?? 1,
          independent_support: found?.s.independentSupport ?? 1,
          corroborated: found && found.s.independentSupport >= 2 ? 1 : 0,
          relation: found?.m.relation ?? null,
          tone_per_100w: h.tonePer100w,
          loaded_words: h.loaded,
          headline: h.text,
        }
      }),
      options,
    ),
  )
  files.set(
    'conflicts.csv',
    csv(
      COLUMNS['conflicts.csv'],
      ledger.conflicts.map((c) => ({
        statement_id: c.statement,
        relation: c.relation,
        kind: isConflict(c.relation) ? 'dispute' : 'sourcing',
        outlet_a: c.outletA,
        outlet_b: c.outletB,
        value_a: c.valueA,
        value_b: c.valueB,
        article_a: sentenceById.get(c.a)!.article,
        sentence_a: indexOf(c.a),
        article_b: sentenceById.get(c.b)!.article,
        sentence_b: indexOf(c.b),
        text_a: c.textA,
        text_b: c.textB,
      })),
      options,
    ),
  )
  files.set(
    'quotes.csv',
    csv(
      COLUMNS['quotes.csv'],
      ledger.quotes.map((q) => ({
        quote_group: q.group,
        speaker: q.speaker,
        outlet: q.outlet,
        article_id: q.article,
        sentence_index: indexOf(q.sentence),
        fidelity: q.fidelity,
        speaker_agrees: q.speakerAgrees === null ? null : q.speakerAgrees ? 1 : 0,
        text: q.text,
      })),
      options,
    ),
  )
  files.set(
    'omissions.csv',
    csv(
      COLUMNS['omissions.csv'],
      ledger.omissions.map((o) => ({ outlet: o.outlet, statement_id: o.statement, support: o.support, independent_support: o.independentSupport, text: o.text })),
      options,
    ),
  )
  // The wide table: one column per outlet, 1 when it carries the statement.
  const outlets = ledger.framing.outlets.map((f) => f.outlet)
  files.set(
    'coverage.csv',
    csv(
      ['statement_id', 'support', 'independent_support', ...outlets, 'text'],
      ledger.statements.map((s) => {
        // Cells by position, not by name: an outlet may be called "text" or "support".
        const carried = new Set(s.outlets)
        return [s.id, s.support, s.independentSupport, ...outlets.map((o) => (carried.has(o) ? 1 : 0)), s.text]
      }),
      options,
    ),
  )
  files.set('digest.md', `${ledger.digest.markdown}\n`)
  return files
}

function reportJson(ledger: Ledger, messages: readonly Message[], tool: ToolInfo): string {
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
}

/** Distinctive terms, per story (terms.csv) or over the corpus (OUT/terms.csv). */
export function termsCsv(terms: readonly DistinctiveTerm[], options: CsvOptions = {}): string {
  return csv(
    COLUMNS['terms.csv'],
    terms.map((t) => ({ outlet: t.outlet, term: t.term, count: t.count, others: t.others, log_odds: t.logOdds, z: t.z })),
    options,
  )
}

/** index.csv: one row per story, sorted by story id. */
export function indexCsv(rows: readonly IndexRow[], options: CsvOptions = {}): string {
  const sorted = [...rows].sort((a, b) => (a.storyId < b.storyId ? -1 : a.storyId > b.storyId ? 1 : 0))
  return csv(
    INDEX_COLUMNS,
    sorted.map((r) => ({
      story_id: r.storyId,
      status: r.status,
      articles: r.articles,
      outlets: r.outlets,
      sentences: r.sentences,
      statements: r.statements,
      corroborated_statements: r.corroborated,
      conflicts: r.conflicts,
      quotes_changed: r.quotesChanged,
      fatal: r.fatal,
      warnings: r.warnings,
      folder: r.folder,
    })),
    options,
  )
}

/**
 * RFC 4180 CSV with a header row. Every cell goes through `neutralise`, the header's included: a column may be
 * named after an outlet (coverage.csv), and an outlet named `=HYPERLINK(…)` must not become a live link.
 */
export function csv(columns: readonly string[], rows: readonly (Row | readonly Cell[])[], options: CsvOptions = {}): string {
  // Cells by name only when the row has them as its own: a column may be called "constructor" or "__proto__".
  const cellOf = (row: Row, column: string): Cell => (Object.hasOwn(row, column) ? row[column]! : null)
  const safe = rows.map((row) => (Array.isArray(row) ? (row as readonly Cell[]).map(neutralise) : columns.map((c) => neutralise(cellOf(row as Row, c)))))
  const text = stringify([columns.map((c) => String(neutralise(c))), ...safe], {
    record_delimiter: options.excel ? '\r\n' : '\n',
    // Given a record delimiter, csv-stringify quotes only cells holding that delimiter, so "a\rb" went out bare
    // and a spreadsheet broke the row at the CR: quote any cell with a CR or LF (RFC 4180).
    quote_record_delimiter: true,
    // Spreadsheets trim unquoted cells: quoting keeps leading and trailing spaces.
    quoted_match: /^\s|\s$/,
  })
  return options.excel ? `\ufeff${text}` : text
}

/**
 * What spreadsheets may take for the start of a formula: `=`, `+`, `-`, `@`, their full-width forms (＝ ＋ － ＠, which
 * East Asian input turns into formulas), small forms (﹦ ﹢ ﹣ ﹫) and the minus sign (−), also after white space or
 * invisible characters (an import that trims spaces, a zero-width space or a byte order mark left in a name); and a
 * tab or carriage return at the very start.
 */
export const FORMULA_START = /^(?:[\t\r]|[\s\p{Cf}\p{Cc}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212])/u

/**
 * Make a cell safe for a spreadsheet (OWASP CSV injection): text that `FORMULA_START` matches gets a leading `'`;
 * a list of texts (outlets, article ids, words) is joined with `; ` after each item is made safe, so that an outlet
 * reads the same in every file and every column; numbers are left as they are (a tone of -1.2 stays a number), and
 * null or a non-finite number is an empty cell.
 */
export function neutralise(cell: Cell): string | number {
  if (cell === null) return ''
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : ''
  if (typeof cell !== 'string') return cell.map((item) => neutralise(item)).join('; ')
  return FORMULA_START.test(cell) ? `'${cell}` : cell
}

function countRelations(relations: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const r of relations) counts.set(r, (counts.get(r) ?? 0) + 1)
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([r, n]) => `${r}:${n}`).join('; ')
}
