// Labelled cross-outlet unit pairs of BASIL (bench/labels/README.md): references into ../shared/data/basil plus a
// hash of each unit's text, resolved and checked against the data set when loaded.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

/** One BASIL record, as in basil.jsonl. */
export interface BasilRecord {
  readonly story: string
  readonly id: string
  readonly outlet: string
  readonly title: string | null
  readonly url: string | null
  readonly published: string | null
  readonly text: string
}

/** Where a unit sits in BASIL: the article, the field (`title` for its headline, `text` for a body sentence), offsets into that field and a hash of the text. */
export interface UnitRef {
  readonly article: string
  readonly field: 'title' | 'text'
  /** The sentence's index among the article's kept sentences; -1 for the headline. */
  readonly index: number
  readonly begin: number
  readonly end: number
  /** The first 12 hex digits of the SHA-256 of the unit's text. */
  readonly hash: string
}

/** A unit with its text, once resolved. */
export interface Unit extends UnitRef {
  readonly story: string
  readonly outlet: string
  readonly text: string
}

/** The first 12 hex digits of the SHA-256 of a text: enough to tell that a reference still points at the labelled text. */
export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12)
}

/** A key naming a unit uniquely. */
export function unitKey(u: UnitRef): string {
  return `${u.article}/${u.field}/${u.begin}`
}

/** A guide label (bench/labels/ANNOTATION.md). */
export type PairLabel = 'same' | 'partial' | 'related' | 'no'
/** A guide relation for `same` and `partial` pairs. */
export type GuideRelation = 'agree' | 'number_conflict' | 'negation_conflict' | 'quote_conflict' | 'attribution_differs' | 'update'

/** A labelled pair of units, resolved against BASIL. */
export interface LabelledUnitPair {
  readonly pair: string
  readonly story: string
  readonly stratum: string
  readonly a: Unit
  readonly b: Unit
  readonly label: PairLabel
  /** For `partial`: which unit says more. */
  readonly more: 'a' | 'b' | null
  readonly relation: GuideRelation | null
}

/** True for the labels the ledger must put into one statement. */
export function isSameClaim(label: PairLabel): boolean {
  return label === 'same' || label === 'partial'
}

const LABELS = new Set(['same', 'partial', 'related', 'no'])
const RELATIONS = new Set(['agree', 'number_conflict', 'negation_conflict', 'quote_conflict', 'attribution_differs', 'update'])

/** Parse a tab-separated file with a header row into records; tabs only, no quoting. */
export function readTsv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '')
  const columns = head!.split('\t')
  return lines.map((line) => Object.fromEntries(line.split('\t').map((cell, i) => [columns[i] ?? `column${i}`, cell])))
}

/** Resolve the references of a pairs file against BASIL, checking every text hash; throws naming the first pair that no longer matches. */
export function resolvePairs(basil: readonly BasilRecord[], refs: readonly Record<string, string>[]): Map<string, { story: string; stratum: string; a: Unit; b: Unit }> {
  const byId = new Map(basil.map((r) => [r.id, r]))
  const unit = (row: Record<string, string>, side: 'a' | 'b'): Unit => {
    const record = byId.get(row[`${side}_article`]!)
    if (!record) throw new Error(`${row.pair}: article ${row[`${side}_article`]} is not in BASIL`)
    const field = row[`${side}_field`] as 'title' | 'text'
    const begin = Number(row[`${side}_begin`])
    const end = Number(row[`${side}_end`])
    const text = (field === 'title' ? (record.title ?? '') : record.text).slice(begin, end)
    const hash = row[`${side}_hash`]!
    if (hashText(text) !== hash) throw new Error(`${row.pair}: unit ${side} (${record.id} ${field} ${begin}–${end}) does not hash to ${hash}: is ../shared/data/basil the labelled version?`)
    return { story: record.story, article: record.id, outlet: record.outlet, field, index: Number(row[`${side}_index`]), begin, end, hash, text }
  }
  return new Map(refs.map((row) => [row.pair!, { story: row.story!, stratum: row.stratum!, a: unit(row, 'a'), b: unit(row, 'b') }]))
}

/** Read BASIL JSON Lines. */
export function readBasilRecords(file: string): BasilRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as BasilRecord)
}

/** The labelled pairs: references resolved and checked, joined with the settled labels (`pair, label, more, relation`). */
export function loadLabelledPairs(basilFile: string, refsFile: string, labelsFile: string): LabelledUnitPair[] {
  const resolved = resolvePairs(readBasilRecords(basilFile), readTsv(refsFile))
  return readTsv(labelsFile).map((row, k) => {
    const ref = resolved.get(row.pair!)
    if (!ref) throw new Error(`${labelsFile}:${k + 2}: unknown pair ${row.pair}`)
    if (!LABELS.has(row.label!)) throw new Error(`${labelsFile}:${k + 2}: unknown label ${row.label}`)
    const relation = row.relation ? row.relation : null
    if (relation !== null && !RELATIONS.has(relation)) throw new Error(`${labelsFile}:${k + 2}: unknown relation ${relation}`)
    return { pair: row.pair!, ...ref, label: row.label as PairLabel, more: row.more === 'a' || row.more === 'b' ? row.more : null, relation: relation as GuideRelation | null }
  })
}
