// Word vectors in a compact binary table: what the similarity features read, and the format it is stored in.
import { quoteValue } from '../core/messages.js'
import type { WordNet } from './wordnet.js'

/** Word vectors looked up by lower-case word; vectors are unit length. */
export interface WordVectors {
  /** Identity of the table (source and size), recorded in models trained with it. */
  readonly name: string
  readonly dimensions: number
  /** The unit vector of a word, or `undefined` when the table has no such word. */
  vector(word: string): Float32Array | undefined
  /** Frequency rank of the word in the source corpus (0 = most frequent), or `undefined`. */
  rank(word: string): number | undefined
  /** WordNet, loaded with the shipped table: the WordNet features need it (without it they see stems only). */
  readonly wordnet?: WordNet
}

const MAGIC = 'CORROBORATE-VECTORS 1\n'

/**
 * Serialise a table: a magic line, a JSON header line, the words separated by `\n`, a NUL, then for each word
 * `dimensions` signed bytes and a float32 scale (int8 quantisation: ~4× smaller than float32, cosines within
 * about 0.01). Words are stored in rank order.
 */
export function encodeVectorTable(name: string, words: readonly string[], vectors: readonly ArrayLike<number>[]): Buffer {
  const dimensions = vectors[0]?.length ?? 0
  const header = Buffer.from(`${MAGIC}${JSON.stringify({ name, dimensions, count: words.length })}\n${words.join('\n')}\u0000`, 'utf8')
  const pad = (4 - (header.length % 4)) % 4
  const body = Buffer.alloc(pad + words.length * dimensions + words.length * 4)
  const scales = new Float32Array(words.length)
  words.forEach((_, w) => {
    const v = vectors[w]!
    let norm = 0
    for (let i = 0; i < dimensions; i++) norm += v[i]! * v[i]!
    norm = Math.sqrt(norm) || 1
    let max = 0
    for (let i = 0; i < dimensions; i++) max = Math.max(max, Math.abs(v[i]! / norm))
    const scale = max > 0 ? max / 127 : 1
    scales[w] = scale
    for (let i = 0; i < dimensions; i++) body.writeInt8(Math.round(v[i]! / norm / scale), pad + w * dimensions + i)
  })
  Buffer.from(scales.buffer).copy(body, pad + words.length * dimensions)
  return Buffer.concat([header, body])
}

/** Read a table written by `encodeVectorTable`; throws a TypeError with a code when the bytes are not one. */
export function decodeVectorTable(bytes: Buffer): WordVectors {
  if (bytes.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) throw Object.assign(new TypeError('Expected a corroborate vector table, got other bytes'), { code: 'ERR_VECTOR_TABLE' })
  const headerEnd = bytes.indexOf(10, MAGIC.length)
  const headerLine = bytes.subarray(MAGIC.length, headerEnd < 0 ? bytes.length : headerEnd).toString('utf8')
  let header: { name: string; dimensions: number; count: number }
  try {
    header = JSON.parse(headerLine) as typeof header
  } catch {
    throw Object.assign(new TypeError(`Expected a JSON header line in the vector table, got ${quoteValue(headerLine)}`), { code: 'ERR_VECTOR_TABLE' })
  }
  const wordsEnd = bytes.indexOf(0, headerEnd + 1)
  if (headerEnd < 0 || wordsEnd < 0) throw Object.assign(new TypeError('Expected a NUL after the words of the vector table, got none'), { code: 'ERR_VECTOR_TABLE' })
  // An empty table has no word, not one empty word.
  const words = wordsEnd === headerEnd + 1 ? [] : bytes.subarray(headerEnd + 1, wordsEnd).toString('utf8').split('\n')
  if (words.length !== header.count) throw Object.assign(new TypeError(`Expected ${header.count} words in the vector table, got ${words.length}`), { code: 'ERR_VECTOR_TABLE' })
  const start = wordsEnd + 1 + ((4 - ((wordsEnd + 1) % 4)) % 4)
  const dims = header.dimensions
  // A file cut short must fail here: typed arrays over `bytes.buffer` would read past its end (small buffers share a pool).
  const size = start + header.count * dims + header.count * 4
  if (bytes.length !== size) throw Object.assign(new TypeError(`Expected ${size} bytes in the vector table, got ${bytes.length}`), { code: 'ERR_VECTOR_TABLE' })
  const data = new Int8Array(bytes.buffer, bytes.byteOffset + start, header.count * dims)
  const scaleOffset = bytes.byteOffset + start + header.count * dims
  const scales = new Float32Array(bytes.buffer.slice(scaleOffset, scaleOffset + header.count * 4))
  const index = new Map<string, number>()
  for (let w = 0; w < words.length; w++) if (!index.has(words[w]!)) index.set(words[w]!, w)
  const cache = new Map<number, Float32Array>()
  return {
    name: header.name,
    dimensions: dims,
    rank: (word) => index.get(word),
    vector(word) {
      const w = index.get(word)
      if (w === undefined) return undefined
      let v = cache.get(w)
      if (!v) {
        v = new Float32Array(dims)
        const scale = scales[w]!
        let norm = 0
        for (let i = 0; i < dims; i++) {
          v[i] = data[w * dims + i]! * scale
          norm += v[i]! * v[i]!
        }
        norm = Math.sqrt(norm) || 1
        for (let i = 0; i < dims; i++) v[i]! /= norm
        if (cache.size > 100_000) cache.clear()
        cache.set(w, v)
      }
      return v
    },
  }
}

/** Cosine of two unit vectors. */
export function dot(a: Float32Array, b: Float32Array): number {
  // Four running sums: about 1.5 times as fast as one in V8, and the soft alignment takes up to 144 per pair.
  let s0 = 0
  let s1 = 0
  let s2 = 0
  let s3 = 0
  const n = a.length
  let i = 0
  for (; i + 3 < n; i += 4) {
    s0 += a[i]! * b[i]!
    s1 += a[i + 1]! * b[i + 1]!
    s2 += a[i + 2]! * b[i + 2]!
    s3 += a[i + 3]! * b[i + 3]!
  }
  for (; i < n; i++) s0 += a[i]! * b[i]!
  return s0 + s1 + s2 + s3
}
