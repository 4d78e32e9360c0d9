// align, step 0: which units are copies of one another. A sentence reprinted word for word (wire copy) has the
// features of its first copy, so the scorer computes them, and the similarities of copied pairs, once.
import type { Sentence } from '../../core/types.js'

/**
 * Classes of units that the features cannot tell apart: the same text, tokens, entities, numbers and quotations
 * (offsets taken from the unit's start). `unitClass[i]` is unit i's class, `firsts[c]` the first unit of class c.
 */
export function unitClasses(sentences: readonly Sentence[]): { unitClass: Int32Array; firsts: number[] } {
  // The classes of each text: almost always one (the same words tagged the same way).
  const byText = new Map<string, number[]>()
  const firsts: number[] = []
  const unitClass = new Int32Array(sentences.length)
  sentences.forEach((s, i) => {
    let list = byText.get(s.text)
    if (!list) byText.set(s.text, (list = []))
    let c = list.find((k) => sameUnit(sentences[firsts[k]!]!, s))
    if (c === undefined) {
      c = firsts.length
      firsts.push(i)
      list.push(c)
    }
    unitClass[i] = c
  })
  return { unitClass, firsts }
}

/** True when two units have the same text, tokens, entities, numbers and quotations, offsets from each one's start. */
export function sameUnit(a: Sentence, b: Sentence): boolean {
  const x = a.begin
  const y = b.begin
  if (a.text !== b.text || a.tokens.length !== b.tokens.length || a.entities.length !== b.entities.length || a.numbers.length !== b.numbers.length || a.quotes.length !== b.quotes.length) return false
  for (let k = 0; k < a.tokens.length; k++) {
    const s = a.tokens[k]!
    const t = b.tokens[k]!
    if (s.text !== t.text || s.begin - x !== t.begin - y || s.end - x !== t.end - y || s.normal !== t.normal || s.stem !== t.stem || s.pos !== t.pos || s.kind !== t.kind || s.stop !== t.stop) return false
  }
  for (let k = 0; k < a.entities.length; k++) {
    const s = a.entities[k]!
    const t = b.entities[k]!
    if (s.text !== t.text || s.name !== t.name || s.type !== t.type || s.begin - x !== t.begin - y || s.end - x !== t.end - y) return false
  }
  for (let k = 0; k < a.numbers.length; k++) {
    const s = a.numbers[k]!
    const t = b.numbers[k]!
    if (s.text !== t.text || !Object.is(s.value, t.value) || s.unit !== t.unit || s.begin - x !== t.begin - y || s.end - x !== t.end - y) return false
  }
  for (let k = 0; k < a.quotes.length; k++) {
    const s = a.quotes[k]!
    const t = b.quotes[k]!
    if (s.text !== t.text || s.speaker !== t.speaker || s.begin - x !== t.begin - y || s.end - x !== t.end - y) return false
  }
  return true
}
