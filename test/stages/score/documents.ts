// Made-up articles through the real ingest → clean → segment, for the score stage's tests.
import { clean } from '../../../stages/clean/index.js'
import { ingest } from '../../../stages/ingest/index.js'
import { MessageLog } from '../../../core/messages.js'
import { segment } from '../../../stages/segment/index.js'
import type { Document, RawSource } from '../../../core/types.js'

/** A made-up article: its id, its outlet and its text (paragraphs separated by blank lines). */
export interface MadeUpArticle {
  readonly id: string
  readonly outlet: string
  readonly text: string
  readonly title?: string
  readonly published?: string
}

/** The documents of a made-up story: each article read, cleaned and segmented as `analyze` does. */
export function documentsOf(story: string, articles: readonly MadeUpArticle[]): Document[] {
  const log = new MessageLog(story)
  const sources: RawSource[] = articles.map((a) => ({
    kind: 'text',
    file: `${story}/${a.id}.txt`,
    story,
    id: a.id,
    bytes: Buffer.from(a.text),
    meta: { outlet: a.outlet, ...(a.title === undefined ? {} : { title: a.title }), ...(a.published === undefined ? {} : { published: a.published }) },
  }))
  return segment(clean(ingest(sources, log), log), log)
}
