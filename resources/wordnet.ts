// WordNet: which words are synonyms, which are related (hypernym, derivation, similar adjective…), and how far
// apart two nouns or verbs sit in the hypernym tree. Read from the WordNet database files into a compact binary
// table once, then loaded by every process that scores sentence pairs.
import { quoteValue } from '../core/messages.js'

/** Parts of speech WordNet knows, by the letter its files use. */
export type WordNetPos = 'n' | 'v' | 'a' | 'r'
const POS_LETTERS: readonly WordNetPos[] = ['n', 'v', 'a', 'r']
const UNKNOWN = -3

/** How two words relate, from `WordNet.relation`. */
export interface WordRelation {
  /** 2: a shared sense (synonyms); 1: senses one link apart (hypernym, hyponym, derivation, similar…); 0: neither. */
  readonly link: 0 | 1 | 2
  /** 1 / (1 + the shortest path between their senses through a common hypernym), 0 when none (or not nouns/verbs). */
  readonly path: number
  /** True when a sense of one is an antonym of a sense of the other. */
  readonly antonym: boolean
}

/** Lemma entries and their senses: what `relation` reads. */
export interface WordNet {
  readonly name: string
  /** The entry of a word (lower case, inflected or not) in the given part of speech, or -1 when WordNet lacks it. */
  lookup(word: string, pos: WordNetPos): number
  relation(x: number, y: number): WordRelation
  /** The same packed in an integer, without allocating: read it with linkOf, pathOf and antonymOf. */
  relationCode(x: number, y: number): number
}

/** The database read into arrays: lemmas ("n:dog") with their synsets, and each synset's links. */
export interface WordNetTable {
  readonly name: string
  readonly lemmas: readonly string[]
  /** CSR lists: lemma i's synsets are synsets[synsetStart[i]…synsetStart[i+1]). */
  readonly synsetStart: Int32Array
  readonly synsets: Int32Array
  /** Per synset: hypernyms (class and instance). */
  readonly parentStart: Int32Array
  readonly parents: Int32Array
  /** Per synset: synsets one link away (any of RELATED). */
  readonly relatedStart: Int32Array
  readonly related: Int32Array
  /** Per synset: antonyms. */
  readonly antonymStart: Int32Array
  readonly antonyms: Int32Array
}

// Pointer symbols counted as one link: hypernym and hyponym (class and instance), similar to, derivationally
// related, also see, pertainym, attribute, verb group, entailment, cause.
const RELATED = new Set(['@', '@i', '~', '~i', '&', '+', '^', '\\', '=', '$', '*', '>'])
const PARENT = new Set(['@', '@i'])
const FILES: Readonly<Record<WordNetPos, string>> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' }

/**
 * Parse the WordNet database (`read(name)` gives the text of `index.noun`, `data.noun`, …). Lemmas of several
 * words ("ice_cream") are left out: tokens are single words.
 */
export function parseWordNet(name: string, read: (file: string) => string): WordNetTable {
  const synsetIds = new Map<string, number>()
  const idOf = (pos: string, offset: string): number => {
    const key = `${pos === 's' ? 'a' : pos}${offset}`
    let id = synsetIds.get(key)
    if (id === undefined) synsetIds.set(key, (id = synsetIds.size))
    return id
  }
  const lemmas: string[] = []
  const lemmaSynsets: number[][] = []
  const links = new Map<number, { parents: number[]; related: number[]; antonyms: number[] }>()
  for (const pos of POS_LETTERS) {
    for (const line of read(`index.${FILES[pos]}`).split('\n')) {
      if (line === '' || line.startsWith(' ')) continue
      const f = line.split(' ')
      const lemma = f[0]!
      if (lemma.includes('_')) continue
      const senses = Number(f[2])
      const pointers = Number(f[3])
      const first = 4 + pointers + 2
      lemmas.push(`${pos}:${lemma}`)
      lemmaSynsets.push(f.slice(first, first + senses).map((offset) => idOf(pos, offset)))
    }
    for (const line of read(`data.${FILES[pos]}`).split('\n')) {
      if (line === '' || line.startsWith(' ')) continue
      const f = line.split(' ')
      const id = idOf(f[2]!, f[0]!)
      const words = Number.parseInt(f[3]!, 16)
      let k = 4 + 2 * words
      const count = Number(f[k++])
      const entry = { parents: [] as number[], related: [] as number[], antonyms: [] as number[] }
      for (let i = 0; i < count; i++, k += 4) {
        const symbol = f[k]!
        const target = idOf(f[k + 2]!, f[k + 1]!)
        if (PARENT.has(symbol)) entry.parents.push(target)
        if (RELATED.has(symbol)) entry.related.push(target)
        if (symbol === '!') entry.antonyms.push(target)
      }
      links.set(id, entry)
    }
  }
  const csr = (lists: readonly (readonly number[])[]): [Int32Array, Int32Array] => {
    const start = new Int32Array(lists.length + 1)
    lists.forEach((l, i) => (start[i + 1] = start[i]! + l.length))
    const values = new Int32Array(start[lists.length]!)
    lists.forEach((l, i) => values.set([...new Set(l)].sort((x, y) => x - y), start[i]!))
    return [start, values.subarray(0, values.length)]
  }
  const perSynset = (pick: (e: { parents: number[]; related: number[]; antonyms: number[] }) => number[]) =>
    Array.from({ length: synsetIds.size }, (_, id) => {
      const e = links.get(id)
      return e ? [...new Set(pick(e))] : []
    })
  const [synsetStart, synsets] = csr(lemmaSynsets.map((s) => [...new Set(s)]))
  const [parentStart, parents] = csr(perSynset((e) => e.parents))
  const [relatedStart, related] = csr(perSynset((e) => e.related))
  const [antonymStart, antonyms] = csr(perSynset((e) => e.antonyms))
  return { name, lemmas, synsetStart, synsets, parentStart, parents, relatedStart, related, antonymStart, antonyms }
}

const MAGIC = 'CORROBORATE-WORDNET 1\n'
const ARRAYS = ['synsetStart', 'synsets', 'parentStart', 'parents', 'relatedStart', 'related', 'antonymStart', 'antonyms'] as const

/** Serialise a table: a magic line, a JSON header line, the lemmas separated by `\n`, a NUL, then the int32 arrays. */
export function encodeWordNet(table: WordNetTable): Buffer {
  const lengths = ARRAYS.map((k) => table[k].length)
  const header = Buffer.from(`${MAGIC}${JSON.stringify({ name: table.name, lemmas: table.lemmas.length, lengths })}\n${table.lemmas.join('\n')}\u0000`, 'utf8')
  const pad = Buffer.alloc((4 - (header.length % 4)) % 4)
  return Buffer.concat([header, pad, ...ARRAYS.map((k) => Buffer.from(table[k].buffer, table[k].byteOffset, table[k].byteLength))])
}

/** Read a table written by `encodeWordNet`; throws a TypeError with a code when the bytes are not one. */
export function decodeWordNet(bytes: Buffer): WordNetTable {
  const fail = (reason: string): never => {
    throw Object.assign(new TypeError(`Expected a corroborate WordNet table, got ${reason}`), { code: 'ERR_WORDNET_TABLE' })
  }
  if (bytes.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) fail('other bytes')
  const headerEnd = bytes.indexOf(10, MAGIC.length)
  const lemmasEnd = bytes.indexOf(0, headerEnd + 1)
  if (headerEnd < 0 || lemmasEnd < 0) fail('a table cut short')
  let header: { name: string; lemmas: number; lengths: number[] } = { name: '', lemmas: 0, lengths: [] }
  try {
    header = JSON.parse(bytes.subarray(MAGIC.length, headerEnd).toString('utf8')) as typeof header
  } catch {
    fail(`the header ${quoteValue(bytes.subarray(MAGIC.length, headerEnd).toString('utf8').slice(0, 80))}`)
  }
  const lemmas = lemmasEnd === headerEnd + 1 ? [] : bytes.subarray(headerEnd + 1, lemmasEnd).toString('utf8').split('\n')
  if (lemmas.length !== header.lemmas || header.lengths.length !== ARRAYS.length) fail(`${lemmas.length} lemmas where the header says ${header.lemmas}`)
  let at = lemmasEnd + 1 + ((4 - ((lemmasEnd + 1) % 4)) % 4)
  const total = header.lengths.reduce((s, n) => s + n, 0)
  if (bytes.length !== at + 4 * total) fail(`${bytes.length} bytes where the header says ${at + 4 * total}`)
  // Copied into a fresh buffer: the file's bytes need not be aligned for an Int32Array view.
  const body = new Int32Array(total)
  Buffer.from(body.buffer).set(bytes.subarray(at, at + 4 * total))
  at = 0
  const arrays = header.lengths.map((n) => {
    const array = body.subarray(at, at + n)
    at += n
    return array
  })
  const table = Object.fromEntries(ARRAYS.map((k, i) => [k, arrays[i]!])) as Record<(typeof ARRAYS)[number], Int32Array>
  return { name: header.name, lemmas, ...table }
}

// Inflection endings tried in turn when a word is not a lemma itself (WordNet's morphy rules).
const ENDINGS: Readonly<Record<WordNetPos, readonly (readonly [string, string])[]>> = {
  n: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  v: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  a: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  r: [],
}

/** Hypernym levels searched above each sense for a common ancestor. */
const MAX_DEPTH = 25
/** Slots of the memo of word-pair relations, as a power of two: it starts small, doubles when half full up to the
 * largest size, and is emptied when that is half full. */
const MEMO_FIRST_BITS = 14
const MEMO_LAST_BITS = 21

/** What `relation` needs of a lemma: its senses, their one-link neighbours, antonyms and hypernym ancestors. */
interface Entry {
  readonly pos: string
  readonly senses: Int32Array
  readonly related: Int32Array
  readonly antonyms: Int32Array
  /** Ancestor synsets (the senses themselves at depth 0), sorted, with the least depth at which each is reached. */
  readonly ancestors: Int32Array
  readonly depths: Uint8Array
}

/** The WordNet lookups of a table. Lookups and relations are memoised; results never depend on call order. */
export function wordNet(table: WordNetTable): WordNet {
  const index = new Map<string, number>()
  table.lemmas.forEach((lemma, i) => index.set(lemma, i))
  const entries: (Entry | undefined)[] = []
  const words = new Map<string, Int32Array>()
  let memoBits = MEMO_FIRST_BITS
  let memo = new Int32Array(3 << memoBits).fill(-1)
  let memoSize = 0
  const slotOf = (x: number, y: number) => (Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 1, 0x85ebca6b)) >>> (32 - memoBits)
  const store = (x: number, y: number, code: number) => {
    let slot = slotOf(x, y)
    while (memo[3 * slot] !== -1) slot = (slot + 1) & ((1 << memoBits) - 1)
    memo[3 * slot] = x
    memo[3 * slot + 1] = y
    memo[3 * slot + 2] = code
    memoSize++
  }
  const list = (start: Int32Array, values: Int32Array, s: number) => values.subarray(start[s]!, start[s + 1]!)
  const union = (parts: readonly Int32Array[]) => Int32Array.from(new Set(parts.flatMap((p) => [...p]))).sort()

  const entry = (i: number): Entry => {
    let e = entries[i]
    if (e) return e
    const senses = table.synsets.slice(table.synsetStart[i]!, table.synsetStart[i + 1]!).sort()
    const depth = new Map<number, number>()
    let frontier = [...senses]
    for (const s of senses) depth.set(s, 0)
    for (let d = 1; frontier.length > 0 && d <= MAX_DEPTH; d++) {
      const next: number[] = []
      for (const s of frontier)
        for (const p of list(table.parentStart, table.parents, s))
          if (!depth.has(p)) {
            depth.set(p, d)
            next.push(p)
          }
      frontier = next
    }
    const ancestors = Int32Array.from(depth.keys()).sort()
    e = {
      pos: table.lemmas[i]!.slice(0, 1),
      senses,
      related: union([...senses].map((s) => list(table.relatedStart, table.related, s))),
      antonyms: union([...senses].map((s) => list(table.antonymStart, table.antonyms, s))),
      ancestors,
      depths: Uint8Array.from(ancestors, (s) => depth.get(s)!),
    }
    entries[i] = e
    return e
  }

  return {
    name: table.name,
    lookup(word: string, pos: WordNetPos): number {
      // Known words: one lookup by the word itself, its entries per part of speech side by side (UNKNOWN: not yet).
      let known = words.get(word)
      if (!known) words.set(word, (known = new Int32Array(4).fill(UNKNOWN)))
      const p = POS_LETTERS.indexOf(pos)
      if (known[p] !== UNKNOWN) return known[p]!
      let found = index.get(`${pos}:${word}`) ?? -1
      for (const [ending, replacement] of ENDINGS[pos]) {
        if (found >= 0) break
        if (!word.endsWith(ending)) continue
        const base = `${word.slice(0, word.length - ending.length)}${replacement}`
        if (base !== '') found = index.get(`${pos}:${base}`) ?? -1
      }
      known[p] = found
      return found
    },
    relation(x: number, y: number): WordRelation {
      const code = this.relationCode(x, y)
      return { link: linkOf(code), path: pathOf(code), antonym: antonymOf(code) }
    },
    relationCode(x: number, y: number): number {
      if (x > y) return this.relationCode(y, x)
      // Open addressing in typed arrays: no object or boxed key per lookup, which a Map of a million pairs costs.
      // Each slot holds x, y and the code side by side: one cache line per probe.
      const mask = (1 << memoBits) - 1
      for (let slot = slotOf(x, y); ; slot = (slot + 1) & mask) {
        const at = 3 * slot
        const k = memo[at]!
        if (k === -1) break
        if (k === x && memo[at + 1] === y) return memo[at + 2]!
      }
      const code = computeCode(entry(x), entry(y))
      if (memoSize >= 1 << (memoBits - 1)) {
        const old = memo
        if (memoBits < MEMO_LAST_BITS) memoBits++
        memo = new Int32Array(3 << memoBits).fill(-1)
        memoSize = 0
        // Grown: the pairs known so far move over; at the largest size the memo starts again empty.
        if (memo.length > old.length) for (let at = 0; at < old.length; at += 3) if (old[at] !== -1) store(old[at]!, old[at + 1]!, old[at + 2]!)
      }
      store(x, y, code)
      return code
    },
  }
}

/**
 * How two entries relate, packed in an integer: the link (0, 1, 2) in bits 0–1, the antonym flag in bit 2, and
 * above them the shortest hypernym path between the senses (NO_PATH when none): see linkOf, pathOf, antonymOf.
 */
function computeCode(a: Entry, b: Entry): number {
  const link = intersects(a.senses, b.senses) ? 2 : intersects(a.related, b.senses) || intersects(b.related, a.senses) ? 1 : 0
  let shortest = NO_PATH
  if (link === 2) shortest = 0
  else if (a.pos === b.pos && (a.pos === 'n' || a.pos === 'v')) {
    for (let i = 0, j = 0; i < a.ancestors.length && j < b.ancestors.length; ) {
      if (a.ancestors[i]! < b.ancestors[j]!) i++
      else if (a.ancestors[i]! > b.ancestors[j]!) j++
      else {
        shortest = Math.min(shortest, a.depths[i]! + b.depths[j]!)
        i++
        j++
      }
    }
  }
  const antonym = intersects(a.antonyms, b.senses) || intersects(b.antonyms, a.senses) ? 4 : 0
  return link | antonym | (shortest << 3)
}

const NO_PATH = 2 * MAX_DEPTH + 1
const PATHS = Float64Array.from({ length: NO_PATH + 1 }, (_, n) => (n === NO_PATH ? 0 : 1 / (1 + n)))

/** The link of a relation code: 2 synonyms, 1 one link apart, 0 neither. */
export function linkOf(code: number): 0 | 1 | 2 {
  return (code & 3) as 0 | 1 | 2
}

/** The path similarity of a relation code: 1 / (1 + the shortest path), 0 when there is none. */
export function pathOf(code: number): number {
  return PATHS[code >>> 3]!
}

export function antonymOf(code: number): boolean {
  return (code & 4) !== 0
}

/** True when two sorted arrays share a value. */
function intersects(x: Int32Array, y: Int32Array): boolean {
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i]! < y[j]!) i++
    else if (x[i]! > y[j]!) j++
    else return true
  }
  return false
}
