// Random text through the whole chain (ingest → clean → segment → align → score → report): it never throws,
// keeps every offset valid, and gives the same reports twice.
import fc from 'fast-check'
import { loadVectors } from '../pipeline/tables.js'
import { align } from '../stages/align/index.js'
import { clean } from '../stages/clean/index.js'
import { ingest } from '../stages/ingest/index.js'
import { MessageLog } from '../core/messages.js'
import { report } from '../stages/report/index.js'
import { scoreStory } from '../stages/score/index.js'
import { segment } from '../stages/segment/index.js'
import type { RawSource } from '../core/types.js'
import { offsetOffenders, scoreOffenders, statementOffenders } from './helpers.js'

const WORDS = ['The', 'council', 'voted', 'on', 'Monday', 'to', 'close', 'the', 'bridge', '4,000', 'cars', 'said', 'Mayor', 'Ana', 'Ruiz', 'U.S.', 'Sen.', '"', '“', '”', '—', ',', '.', '?', 'not', 'ADVERTISEMENT', 'Related:', '\n', '\n\n', 'é', '😀', '$5 million', 'Jan. 13', 'MOSCOW —']
const text = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 80 }).map((parts) => parts.join(' '))

function run(texts: readonly string[]): { files: Map<string, string>; offenders: string[] } {
  const log = new MessageLog('fuzz')
  const sources: RawSource[] = texts.map((t, i) => ({ kind: 'text', file: `fuzz/a${i}.txt`, story: 'fuzz', id: `a${i}`, bytes: Buffer.from(t) }))
  const documents = segment(clean(ingest(sources, log), log), log)
  const ledger = scoreStory('fuzz', documents, align(documents, log, { vectors: loadVectors() }), log)
  const files = new Map(report(ledger, log.messages, { name: 'corroborate', version: 'test' }))
  return { files, offenders: [...offsetOffenders(documents), ...scoreOffenders(ledger), ...statementOffenders(ledger)] }
}

describe('random stories through every stage', () => {
  it('never throws, keeps offsets and scores valid, and is deterministic', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 2, maxLength: 4 }), (texts) => {
        const first = run(texts)
        expect(first.offenders).toEqual([])
        expect(run(texts).files).toEqual(first.files)
      }),
      { numRuns: 40 },
    )
  })
})
