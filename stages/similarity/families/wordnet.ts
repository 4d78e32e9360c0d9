// The wordnet family: synonyms, links and path similarity of the words of two sentences in WordNet.
import { type FeatureFamily, type FeatureSpec, type NamesOf, slotsOf, both } from './family.js'
import type { Idf } from '../idf.js'
import { NOUN_CLASS, type SentenceFeatures, VERB_CLASS } from '../sentence.js'
import { contains } from '../sorted.js'
import { antonymOf, linkOf, pathOf } from '../../../resources/wordnet.js'

const features = [
  { name: 'wordnetSynonymMin', doc: 'IDF-weighted share of the words WordNet knows the class of (nouns, verbs, adjectives, adverbs) with the same stem or a WordNet synonym in the other sentence, the lower side' },
  { name: 'wordnetSynonymMax', doc: 'the same, the higher side' },
  { name: 'wordnetRelatedMin', doc: 'the same with words one WordNet link away counted too (hypernym, hyponym, derivation, similar, also see…), the lower side' },
  { name: 'wordnetRelatedMax', doc: 'the same, the higher side' },
  { name: 'wordnetPathMin', doc: 'IDF-weighted mean best WordNet path similarity, 1 / (1 + hypernym path length), of each word to the other sentence, the lower side' },
  { name: 'wordnetPathMax', doc: 'the same, the higher side' },
  { name: 'wordnetNounPathMin', doc: 'mean best WordNet path similarity of the common nouns, the lower side (1: no noun)' },
  { name: 'wordnetNounPathMax', doc: 'the same, the higher side' },
  { name: 'wordnetVerbPathMin', doc: 'mean best WordNet path similarity of the verbs, the lower side (1: no verb)' },
  { name: 'wordnetVerbPathMax', doc: 'the same, the higher side' },
  { name: 'wordnetUnrelatedWeightMin', doc: 'IDF weight of the words with no WordNet link and path similarity below 0.2 to any word of the other sentence, the smaller side' },
  { name: 'wordnetUnrelatedWeightMax', doc: 'the same, the larger side' },
  { name: 'wordnetUnrelatedNounsMin', doc: 'common nouns with neither their stem nor a WordNet link in the other sentence, the fewer side' },
  { name: 'wordnetUnrelatedNounsMax', doc: 'the same, the more side' },
  { name: 'wordnetCombinedMin', doc: 'IDF-weighted mean of each word\'s best match by stem, word-vector cosine or WordNet path, the lower side', alsoNeeds: 'vectors' },
  { name: 'wordnetCombinedMax', doc: 'the same, the higher side', alsoNeeds: 'vectors' },
  { name: 'wordnetContrastMin', doc: 'words with a close word vector (cosine ≥ 0.5) in the other sentence but no WordNet link to it, as "man" and "woman": the fewer side', alsoNeeds: 'vectors' },
  { name: 'wordnetContrastMax', doc: 'the same, the more side', alsoNeeds: 'vectors' },
  { name: 'wordnetAntonym', doc: '1 when a word of one sentence is a WordNet antonym of a word of the other' },
] as const satisfies readonly FeatureSpec[]
const slot = slotsOf(features)

/** WordNet synonyms, links, path similarity, unrelated and contrasting words, antonyms. */
export const wordnet: FeatureFamily<NamesOf<typeof features>> = {
  name: 'wordnet',
  features,
  needs: 'wordnet',
  ablation: null,
  fill(pair, out, at) {
    wordnetFeatures(pair.a, pair.b, pair.bestA, pair.bestB, pair.idf, out, at)
  },
}

// Per-word WordNet matches of the pair being scored (see `wordnetFeatures`), reused from pair to pair.
let wordnetScratch = wordnetBuffers(64)
function wordnetBuffers(n: number) {
  return { linkA: new Uint8Array(n), linkB: new Uint8Array(n), pathA: new Float64Array(n), pathB: new Float64Array(n), stemMatchedB: new Uint8Array(n) }
}


function wordnetFeatures(a: SentenceFeatures, b: SentenceFeatures, bestA: Float64Array, bestB: Float64Array, idf: Idf, out: Float64Array, at: number): void {
  const nA = a.content.length
  const nB = b.content.length
  if (wordnetScratch.linkA.length < nA || wordnetScratch.linkB.length < nB) {
    const n = Math.max(nA, nB, 2 * wordnetScratch.linkA.length)
    wordnetScratch = wordnetBuffers(n)
  }
  const { linkA, linkB, pathA, pathB, stemMatchedB } = wordnetScratch
  // Stem matches first (link 2, path 1: bestA is exactly 1 for them), then WordNet for the rest.
  for (let i = 0; i < nA; i++) {
    const same = bestA[i] === 1 && contains(b.ids, a.content[i]!.id)
    linkA[i] = same ? 2 : 0
    pathA[i] = same ? 1 : 0
  }
  for (let j = 0; j < nB; j++) {
    const same = bestB[j] === 1 && contains(a.ids, b.content[j]!.id)
    linkB[j] = same ? 2 : 0
    pathB[j] = same ? 1 : 0
    stemMatchedB[j] = same ? 1 : 0
  }
  let antonym = 0
  const wordnet = a.wordnet
  if (wordnet && wordnet === b.wordnet)
    for (let i = 0; i < nA; i++) {
      const x = a.senses[i]!
      // WordNet is asked about the words without a stem match only, on both sides: in sentences worth comparing
      // most words match by stem, and a matched word is already at its best (a synonym at path 1).
      if (x < 0 || pathA[i] === 1) continue
      for (let j = 0; j < nB; j++) {
        const y = b.senses[j]!
        if (y < 0 || stemMatchedB[j] === 1) continue
        const code = wordnet.relationCode(x, y)
        const link = linkOf(code)
        const path = pathOf(code)
        if (link > linkA[i]!) linkA[i] = link
        if (link > linkB[j]!) linkB[j] = link
        if (path > pathA[i]!) pathA[i] = path
        if (path > pathB[j]!) pathB[j] = path
        if (antonymOf(code)) antonym = 1
      }
    }
  const x = wordnetSide(a, bestA, linkA, pathA, idf)
  const y = wordnetSide(b, bestB, linkB, pathB, idf)
  both(out, at + slot.wordnetSynonymMin, x.synonym, y.synonym)
  both(out, at + slot.wordnetRelatedMin, x.related, y.related)
  both(out, at + slot.wordnetPathMin, x.path, y.path)
  both(out, at + slot.wordnetNounPathMin, x.nounPath, y.nounPath)
  both(out, at + slot.wordnetVerbPathMin, x.verbPath, y.verbPath)
  both(out, at + slot.wordnetUnrelatedWeightMin, x.unrelatedWeight, y.unrelatedWeight)
  both(out, at + slot.wordnetUnrelatedNounsMin, x.unrelatedNouns, y.unrelatedNouns)
  both(out, at + slot.wordnetCombinedMin, x.combined, y.combined)
  both(out, at + slot.wordnetContrastMin, x.contrast, y.contrast)
  out[at + slot.wordnetAntonym] = antonym
}

/** One side's WordNet figures from its words' best link and path (see the docs of `features`). */
function wordnetSide(s: SentenceFeatures, best: Float64Array, link: Uint8Array, path: Float64Array, idf: Idf) {
  let total = 0
  let synonym = 0
  let related = 0
  let pathSum = 0
  let combined = 0
  let unrelatedWeight = 0
  let unrelatedNouns = 0
  let contrast = 0
  let nouns = 0
  let nounPath = 0
  let verbs = 0
  let verbPath = 0
  for (let i = 0; i < s.content.length; i++) {
    if (s.senses[i] === -2) continue
    const w = idf.weightOf(s.content[i]!.id)
    const l = link[i]!
    const p = l === 2 ? 1 : path[i]!
    total += w
    if (l === 2) synonym += w
    if (l > 0) related += w
    pathSum += w * p
    combined += w * Math.max(p, best[i]!)
    if (l === 0 && p < 0.2) unrelatedWeight += w
    if (l === 0 && best[i]! >= 0.5) contrast++
    if (s.classes[i] === NOUN_CLASS) {
      nouns++
      nounPath += p
      if (l === 0) unrelatedNouns++
    } else if (s.classes[i] === VERB_CLASS) {
      verbs++
      verbPath += p
    }
  }
  if (total === 0) return { synonym: 1, related: 1, path: 1, nounPath: 1, verbPath: 1, unrelatedWeight: 0, unrelatedNouns: 0, combined: 1, contrast: 0 }
  return {
    synonym: synonym / total,
    related: related / total,
    path: pathSum / total,
    nounPath: nouns > 0 ? nounPath / nouns : 1,
    verbPath: verbs > 0 ? verbPath / verbs : 1,
    unrelatedWeight,
    unrelatedNouns,
    combined: combined / total,
    contrast,
  }
}
