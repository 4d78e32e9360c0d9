// Every pair of units across the articles of each sample story, labelled blind by the guide (test/fixtures/sample-
// pairs.tsv): the references still name the labelled texts, and the labels follow the guide's vocabulary.
import path from 'node:path'
import { hashText, readTsv } from '../bench/labels/labels.js'
import { unitsOf } from '../stages/segment/index.js'
import { analyseFolder } from './helpers.js'

describe('the labelled pairs of the sample corpus', () => {
  const rows = readTsv(path.join(__dirname, 'fixtures', 'sample-pairs.tsv'))

  it('name units of the sample corpus whose texts hash as labelled', async () => {
    const stories = await analyseFolder(path.join(__dirname, '..', 'corpus'))
    const units = new Map([...stories.values()].flatMap((s) => s.documents.flatMap((d) => unitsOf(d).map((u) => [u.id, u] as const))))
    const offenders = rows.filter((r) => hashText(units.get(r.a!)?.text ?? '') !== r.a_hash || hashText(units.get(r.b!)?.text ?? '') !== r.b_hash)
    expect(offenders.map((r) => r.pair)).toEqual([])
  })

  it('give every same or partial pair a relation and every partial pair its fuller side, and nothing else', () => {
    const offenders = rows.filter((r) => !['same', 'partial', 'related', 'no'].includes(r.label!) || (r.relation !== '') !== (r.label === 'same' || r.label === 'partial') || (r.more !== '') !== (r.label === 'partial'))
    expect(offenders.map((r) => r.pair)).toEqual([])
  })
})
