// statements.csv: one row per statement, the groups of sentences from different outlets that state one claim.
import type { CsvFile } from './report-file.js'

/** statements.csv: one row per statement. */
export const statementsCsv: CsvFile = {
  file: 'statements.csv',
  about: 'one row per statement',
  columns: [
    { name: 'statement_id', doc: '`s1`, `s2`, … in order of first appearance (article order, then sentence order)' },
    { name: 'support', doc: 'how many distinct outlets carry it' },
    { name: 'independent_support', doc: 'independent origins behind it: copies of one text and word-for-word reprints count once' },
    { name: 'origin_share', doc: "in [0, 1]: the share of the story's independent origins that back the statement" },
    { name: 'consistency', doc: 'in [0, 1]: the share of its sentence pairs (across articles) that do not dispute each other' },
    { name: 'conflicts', doc: 'disputing sentence pairs in the statement: number, negation and quote conflicts' },
    { name: 'headlines', doc: 'how many of its units are headlines' },
    { name: 'outlets', doc: 'the outlets, `; `-separated' },
    { name: 'articles', doc: 'the article ids, `; `-separated' },
    { name: 'members', doc: 'how many sentences the statement groups' },
    { name: 'mean_similarity', doc: 'mean similarity over all pairs of its sentences' },
    { name: 'min_similarity', doc: "the weakest pair's similarity" },
    { name: 'relations', doc: 'counts of pair relations, e.g. `identical:1; paraphrase:2`' },
    { name: 'text', doc: 'the representative sentence: the member closest to all the others' },
  ],
  rows: ({ ledger, unitById }) =>
    ledger.statements.map((s) => ({
      statement_id: s.id,
      support: s.support,
      independent_support: s.independentSupport,
      origin_share: s.originShare,
      consistency: s.consistency,
      conflicts: s.conflicts,
      headlines: s.members.filter((m) => unitById.get(m.sentence)!.unit === 'headline').length,
      outlets: s.outlets,
      articles: [...new Set(s.members.map((m) => m.article))],
      members: s.members.length,
      mean_similarity: s.meanSimilarity,
      min_similarity: s.minSimilarity,
      relations: countRelations(s.pairs.map((p) => p.relation)),
      text: s.text,
    })),
}

// `identical:1; paraphrase:2`: sorted by relation, so that the cell reads the same on every run.
function countRelations(relations: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const r of relations) counts.set(r, (counts.get(r) ?? 0) + 1)
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([r, n]) => `${r}:${n}`).join('; ')
}
