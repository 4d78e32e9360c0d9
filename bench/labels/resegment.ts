// When `segment` changes where sentences end, some labelled units are no longer units: their text hash matches no
// sentence `analyze` makes now. This tool finds those pairs and points each lost unit at the sentence that now
// covers its text, so the pair can be labelled again, blind, on the units the ledger really aligns.
//
//   node dist/bench/labels/resegment.js --packet FILE   the pairs to label again (texts, in a random order, no score
//                                                       or stratum), for annotators; write it outside the repository
//   node dist/bench/labels/resegment.js --write         basil-pairs.tsv with those pairs' references moved to the
//                                                       sentences that cover them (their labels must follow)
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { random } from '../../resources/model.js'
import { type PlacedSentence, placedSentences } from './evaluate.js'
import { type BasilRecord, readBasilRecords, readTsv } from './labels.js'

const root = path.join(__dirname, '..', '..', '..')
const basilFile = path.join(root, '..', 'shared', 'data', 'basil', 'basil.jsonl')
const pairsFile = path.join(root, 'bench', 'labels', 'basil-pairs.tsv')
const records = readBasilRecords(basilFile)
const byId = new Map(records.map((r) => [r.id, r]))

const placesOf = new Map<string, PlacedSentence[]>()
/** An article's body sentences as `analyze` makes them now, with offsets into BASIL's text field (once per article). */
function places(record: BasilRecord): PlacedSentence[] {
  let found = placesOf.get(record.id)
  if (!found) placesOf.set(record.id, (found = placedSentences(record)))
  return found
}

/** The sentence that now stands for a labelled body unit: null when it is still one; the sentence overlapping it most otherwise. */
function moved(row: Record<string, string>, side: 'a' | 'b'): PlacedSentence | null {
  if (row[`${side}_field`] !== 'text') return null
  const list = places(byId.get(row[`${side}_article`]!)!)
  const hash = row[`${side}_hash`]!
  if (list.some((p) => p.hash === hash)) return null
  const begin = Number(row[`${side}_begin`])
  const end = Number(row[`${side}_end`])
  let best: PlacedSentence | null = null
  let most = 0
  for (const p of list) {
    const overlap = Math.min(end, p.end) - Math.max(begin, p.begin)
    if (overlap > most) [best, most] = [p, overlap]
  }
  if (!best) throw new Error(`${row.pair}: unit ${side} overlaps no sentence of ${row[`${side}_article`]} now`)
  return best
}

const rows = readTsv(pairsFile)
const changed = rows.map((row) => ({ row, a: moved(row, 'a'), b: moved(row, 'b') })).filter((c) => c.a !== null || c.b !== null)
process.stderr.write(`${changed.length} labelled pairs hold a unit that is no longer a sentence\n`)

const packetAt = process.argv.indexOf('--packet')
if (packetAt >= 0) {
  // A seeded order and side, so the packet is the same on every run and tells nothing of the pair's sampling.
  const next = random(20261201)
  const textOf = (row: Record<string, string>, side: 'a' | 'b', place: PlacedSentence | null) => {
    if (place) return place.sentence.text
    const r = byId.get(row[`${side}_article`]!)!
    return (row[`${side}_field`] === 'title' ? (r.title ?? '') : r.text).slice(Number(row[`${side}_begin`]), Number(row[`${side}_end`]))
  }
  const items = changed.map(({ row, a, b }) => {
    const story = records.find((r) => r.story === row.story && r.title)?.title ?? ''
    const flip = next() < 0.5
    const one = { text: textOf(row, 'a', a), headline: row.a_field === 'title' }
    const two = { text: textOf(row, 'b', b), headline: row.b_field === 'title' }
    return { key: next(), item: { pair: row.pair, flipped: flip, story, first: flip ? two : one, second: flip ? one : two } }
  })
  items.sort((x, y) => x.key - y.key)
  writeFileSync(process.argv[packetAt + 1]!, items.map((x) => JSON.stringify(x.item)).join('\n') + '\n')
}

if (process.argv.includes('--write')) {
  const byPair = new Map(changed.map((c) => [c.row.pair!, c]))
  const lines = readFileSync(pairsFile, 'utf8').split('\n')
  const columns = lines[0]!.split('\t')
  const out = lines.map((line, k) => {
    if (k === 0 || line === '') return line
    const cells = line.split('\t')
    const c = byPair.get(cells[0]!)
    if (!c) return line
    for (const side of ['a', 'b'] as const) {
      const p = c[side]
      if (!p) continue
      const set = (name: string, value: string | number) => (cells[columns.indexOf(`${side}_${name}`)] = String(value))
      set('index', p.sentence.index)
      set('begin', p.begin)
      set('end', p.end)
      set('hash', p.hash)
    }
    return cells.join('\t')
  })
  writeFileSync(pairsFile, out.join('\n'))
}
