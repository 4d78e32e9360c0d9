// Writes the labelled pairs the default model is fitted on, from ../shared/data, as one TSV for `calibrate`:
// MSRP train (news sentence pairs, label 0/1) and STS-B train (graded 0–5). Usage: node dist/bench/training-data.js OUT.tsv
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { readMsrp, readStsb } from './data.js'

const shared = path.join(__dirname, '..', '..', '..', 'shared', 'data')
const out = process.argv[2]
if (!out) {
  process.stderr.write('usage: node dist/bench/training-data.js OUT.tsv\n')
  process.exit(2)
}
const clean = (text: string) => text.replace(/[\t\r\n]+/g, ' ')
const rows = ['source\ttext_a\ttext_b\tlabel\tscore']
for (const p of readMsrp(path.join(shared, 'msrp', 'msr_paraphrase_train.txt'))) rows.push(`msrp\t${clean(p.a)}\t${clean(p.b)}\t${p.label}\t`)
for (const p of readStsb(path.join(shared, 'stsb', 'sts-train.csv'))) rows.push(`stsb\t${clean(p.a)}\t${clean(p.b)}\t\t${p.label}`)
writeFileSync(out, `${rows.join('\n')}\n`)
process.stderr.write(`wrote ${rows.length - 1} pairs to ${out}\n`)
