// align's candidate index: which pairs of units are scored at all (prefix filtering on each unit's rarest stems).
import { candidatePairs, possiblePairs, type CandidateSettings } from '../../../stages/align/candidates.js'
import { unitsOf } from '../../../stages/segment/index.js'
import { Idf, sentenceFeatures } from '../../../stages/similarity/index.js'
import type { Document } from '../../../core/types.js'
import { documentsOf } from '../score/documents.js'

const DEFAULTS: CandidateSettings = { prefixSize: 32, maxPosting: 200, window: 16, maxCandidates: 12 }

/** The candidate pairs of a made-up story's units, each as `[unit id, unit id]` (lower index first). */
function candidates(documents: readonly Document[], settings: CandidateSettings = DEFAULTS): [string, string][] {
  const units = documents.flatMap((d) => unitsOf(d))
  const doc = units.map((u) => documents.findIndex((d) => d.article.id === u.article))
  const features = units.map((u) => sentenceFeatures(u))
  const idf = new Idf()
  for (const f of features) idf.add(f)
  const n = units.length
  return [...candidatePairs(features, doc, idf, settings)].map((key) => [units[Math.floor(key / n)]!.id, units[key % n]!.id])
}

/** One article per text, outlet `O<k>`, id `a<k>`. */
function story(...texts: string[]): Document[] {
  return documentsOf('candidates', texts.map((text, k) => ({ id: `a${k}`, outlet: `O${k}`, text })))
}

describe('candidatePairs', () => {
  it('proposes the pairs of units that share rare stems, and none within one article', () => {
    const documents = story(
      'Quorvex engineers repaired the cracked Calder bridge overnight.\n\nQuorvex engineers praised the cracked Calder bridge overnight.',
      'Quorvex engineers inspected the cracked Calder bridge overnight.',
      'A baker sold pumpkin bread downtown on Saturday.',
    )
    // a0#0 and a0#1 share every rare stem but are of one article: never a candidate.
    expect(candidates(documents)).toEqual([
      ['a0#0', 'a1#0'],
      ['a0#1', 'a1#0'],
    ])
  })

  it('indexes only each unit\'s rarest stems: a stem most units share pairs nobody', () => {
    // "council" is in every unit; "Zorblat" only in the first two, "Harlow" only in the last two.
    const documents = story('Zorblat council voted.', 'Zorblat council met.', 'Harlow council adjourned.', 'Harlow council resumed.')
    expect(candidates(documents, { ...DEFAULTS, prefixSize: 2 })).toEqual([
      ['a0#0', 'a1#0'],
      ['a2#0', 'a3#0'],
    ])
    expect(candidates(documents)).toHaveLength(6)
  })

  it('pairs each unit of a stem found in very many units only with its nearest predecessors in the list', () => {
    const names = ['Alvarez', 'Brennan', 'Castillo', 'Dorsey', 'Eriksen', 'Fontaine', 'Garroway', 'Halvorsen']
    const verbs = ['greeted', 'thanked', 'hired', 'met', 'called', 'visited', 'praised', 'joined']
    // Units of three stems: one shared stem is enough to be a candidate.
    const documents = story(...names.map((name, k) => `Zorblat ${verbs[k]} ${name}.`))
    const ids = documents.map((d) => `${d.article.id}#0`)
    // A list of 8 units, above `maxPosting`: each unit with its 2 predecessors only.
    expect(candidates(documents, { ...DEFAULTS, maxPosting: 4, window: 2 })).toEqual(
      ids.flatMap((_, x) => [x - 2, x - 1].filter((y) => y >= 0).map((y) => [ids[y]!, ids[x]!])).sort(),
    )
    // Within `maxPosting`, every pair of the list.
    expect(candidates(documents, { ...DEFAULTS, maxPosting: 8, window: 2 })).toHaveLength((8 * 7) / 2)
  })

  it('keeps each unit only its `maxCandidates` best, those sharing the most indexed stems', () => {
    const documents = story(
      'Quorvex engineers repaired the cracked Calder bridge overnight.',
      'Quorvex engineers repaired the cracked Calder bridge on Sunday.',
      'Quorvex engineers repaired a tunnel on Sunday.',
    )
    // a2#0 shares four stems with a1#0 ("Sunday") and three with a0#0: the pair a0#0 ~ a2#0 is no one's best.
    expect(candidates(documents)).toHaveLength(3)
    expect(candidates(documents, { ...DEFAULTS, maxCandidates: 1 })).toEqual([
      ['a0#0', 'a1#0'],
      ['a1#0', 'a2#0'],
    ])
  })
})

describe('possiblePairs', () => {
  it('counts the pairs of sentences across articles', () => {
    const documents = story('One sentence stands here.\n\nAnother sentence follows it.', 'A third sentence is here.', 'The fourth sentence ends it.')
    expect(possiblePairs(documents)).toBe(2 * 1 + 2 * 1 + 1 * 1)
  })
})
