// Where the ledger loses same-claim pairs, by class, out of fold: a unit the stages dropped, a pair the candidate
// index never proposes, a candidate the same-claim stage scores under its threshold, or a pair linked strongly
// enough that the grouping still keeps apart (a statement already holding a unit of the other's article, or the
// linkage test). Counts for every half of the labelled stories; the texts of the dev half's misses and false
// alignments only (`splitOf`), never the held-out half's.
//
//   node dist/bench/labels/losses.js [--threshold T (default: the shipped one)] [--align '{"linkage":0.5}'] [--show FILE]
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { loadVectors } from '../../pipeline/tables.js'
import { align, type AlignOptions, CONTEXT_FEATURES, sameClaimRows } from '../../stages/align/index.js'
import { MessageLog } from '../../core/messages.js'
import { shareStatement, statementsOfUnits } from '../../core/statements.js'
import { predict } from '../../resources/model.js'
import { DEFAULT_MODEL, FEATURES } from '../../stages/similarity/index.js'
import { findUnit, FOLDS, foldOf, splitOf, storyDocuments } from './evaluate.js'
import { fitSameClaim, withoutStage, withStage } from './fit.js'
import { type BasilRecord, isSameClaim, loadLabelledPairs, readBasilRecords } from './labels.js'

const root = path.join(__dirname, '..', '..', '..')
const basilFile = path.join(root, '..', 'shared', 'data', 'basil', 'basil.jsonl')
const argument = (name: string) => {
  const at = process.argv.indexOf(name)
  return at >= 0 ? process.argv[at + 1] : undefined
}
const threshold = Number(argument('--threshold') ?? DEFAULT_MODEL.threshold)
const show = argument('--show')
const alignOptions = JSON.parse(argument('--align') ?? '{}') as AlignOptions
const pairs = loadLabelledPairs(basilFile, path.join(root, 'bench', 'labels', 'basil-pairs.tsv'), path.join(root, 'bench', 'labels', 'basil-labels.tsv'))
const byStory = new Map<string, BasilRecord[]>()
for (const r of readBasilRecords(basilFile)) byStory.set(r.story, [...(byStory.get(r.story) ?? []), r])
const vectors = loadVectors()
const base = withoutStage(DEFAULT_MODEL)

const rows = new Array<Float64Array | null>(pairs.length).fill(null)
const candidate = new Array<boolean>(pairs.length).fill(false)
for (const story of [...new Set(pairs.map((p) => p.story))].sort()) {
  const documents = storyDocuments(byStory.get(story)!)
  const own = pairs.map((p, i) => [p, i] as const).filter(([p]) => p.story === story)
  const flags: boolean[] = []
  const found = sameClaimRows(documents, own.map(([p]) => [findUnit(documents, p.a)?.id ?? '', findUnit(documents, p.b)?.id ?? ''] as const), { model: base, vectors }, flags)
  let k = 0
  own.forEach(([, i], m) => {
    rows[i] = found[m]!
    if (found[m]) candidate[i] = flags[k++]!
  })
}

const at = (name: (typeof CONTEXT_FEATURES)[number]) => FEATURES.length + CONTEXT_FEATURES.indexOf(name)
/** The link `align` gives a pair from its row (see linkStrength). */
const linkOf = (learner: Parameters<typeof predict>[0], row: Float64Array): number => {
  if (row[at('s1')]! < 0.08 && row[at('statesMore')]! === 0 && row[at('sameQuote')]! === 0) return 0
  const p = predict(learner, row)
  if (p >= threshold) return p
  if (row[at('statesMore')]! > 0 || row[at('sameQuote')]! > 0 || row[at('polarity')]! >= base.threshold || row[at('claim')]! >= base.threshold) return threshold
  return p
}

type Class = 'hit' | 'dropped' | 'not candidate' | 'not candidate, would link' | 'below threshold' | 'grouping: article taken' | 'grouping: linkage'
const tally = new Map<string, number>()
const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1)
const lines: string[] = []
for (let f = 0; f < FOLDS; f++) {
  const learner = fitSameClaim(rows, pairs, pairs.map((_, i) => i).filter((i) => foldOf(pairs[i]!.story) !== f))
  const model = withStage(base, learner, threshold)
  for (const story of [...new Set(pairs.filter((p) => foldOf(p.story) === f).map((p) => p.story))].sort()) {
    const documents = storyDocuments(byStory.get(story)!)
    const statements = align(documents, new MessageLog(story), { ...alignOptions, model, vectors }).statements
    const statementsOf = statementsOfUnits(statements)
    // The first statement (in order) holding each unit: which one a miss is checked against for "article taken".
    const statementOf = new Map<string, (typeof statements)[number]>()
    for (const s of statements) for (const m of s.members) if (!statementOf.has(m.sentence)) statementOf.set(m.sentence, s)
    const half = splitOf(story)
    pairs.forEach((p, i) => {
      if (p.story !== story) return
      const a = findUnit(documents, p.a)
      const b = findUnit(documents, p.b)
      const sa = a ? statementOf.get(a.id) : undefined
      const sb = b ? statementOf.get(b.id) : undefined
      const aligned = a !== null && b !== null && shareStatement(statementsOf, a.id, b.id)
      const gold = isSameClaim(p.label)
      const head = p.a.field === 'title' || p.b.field === 'title' ? 'headline' : 'body'
      const link = rows[i] ? linkOf(learner, rows[i]!) : 0
      let cls: Class
      if (!a || !b || !rows[i]) cls = 'dropped'
      else if (aligned) cls = 'hit'
      else if (!candidate[i]) cls = link >= threshold ? 'not candidate, would link' : 'not candidate'
      else if (link < threshold) cls = 'below threshold'
      else {
        const taken = (s: (typeof statements)[number] | undefined, other: string) => s !== undefined && s.members.some((m) => m.article === other)
        cls = taken(sa, b.article) || taken(sb, a.article) ? 'grouping: article taken' : 'grouping: linkage'
      }
      const byRule = rows[i] !== null && link >= threshold && predict(learner, rows[i]!) < threshold
      const kind = gold ? cls : aligned ? (candidate[i] && link >= threshold ? 'false: direct link' : 'false: through the group') : 'true negative'
      // Links that only the shape rules make (statesMore, sameQuote, polarity, a clause said within the other).
      count(`${half}\trule\t${gold ? 'positive' : 'negative'}\t${aligned ? 'aligned' : 'apart'}\t${byRule ? 'by rule' : 'by stage'}`)
      // A same-claim pair found: through its own link, or only through the statement's other members.
      if (gold && aligned) count(`${half}\thits\t${head}\t${candidate[i] && link >= threshold ? 'direct link' : 'through the group'}`)
      for (const h of ['all', half]) {
        count(`${h}\t${gold ? 'positive' : 'negative'}\t${kind}`)
        count(`${h}\t${head}\t${gold ? 'positive' : 'negative'}\t${kind}`)
      }
      if (half === 'dev' && show && (kind !== 'hit' && kind !== 'true negative')) {
        const r = rows[i]
        lines.push(
          [
            `${p.pair} ${p.label}${p.more ? `(${p.more})` : ''} ${p.relation ?? ''} [${kind}] ${head} ${p.stratum} s1 ${r ? r[at('s1')]!.toFixed(2) : '-'} p ${r ? predict(learner, r).toFixed(2) : '-'} link ${link.toFixed(2)}`,
            `  a ${p.a.field === 'title' ? 'H' : p.a.index}: ${p.a.text}`,
            `  b ${p.b.field === 'title' ? 'H' : p.b.index}: ${p.b.text}`,
          ].join('\n'),
        )
      }
    })
  }
  process.stderr.write(`fold ${f + 1}/${FOLDS}\n`)
}
for (const [key, n] of [...tally].sort()) console.log(`${key}\t${n}`)
for (const h of ['all', 'dev', 'held-out']) {
  const n = (k: string) => tally.get(`${h}\t${k}`) ?? 0
  const tp = n('positive\thit')
  const fp = n('negative\tfalse: direct link') + n('negative\tfalse: through the group')
  const pos = [...tally].filter(([k]) => k.startsWith(`${h}\tpositive\t`)).reduce((s, [, v]) => s + v, 0)
  const P = tp / (tp + fp)
  const R = tp / pos
  console.log(`${h}: P ${P.toFixed(3)} R ${R.toFixed(3)} F1 ${((2 * P * R) / (P + R)).toFixed(3)}`)
}
if (show) writeFileSync(show, `${lines.join('\n\n')}\n`)
