// Labelled cross-outlet unit pairs of BASIL (bench/labels/README.md): references into ../shared/data/basil plus a
// hash of each unit's text, resolved and checked against the data set when loaded.
import { createHash } from 'node:crypto'

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
