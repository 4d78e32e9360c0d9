// Readers for the benchmark data sets in ../shared/data: MSRP and STS-B pairs, BASIL articles.
import { readFileSync, writeFileSync } from 'node:fs'

/** A sentence pair of a benchmark data set and its gold figure in `label`: 0/1 (MSRP) or a 0–5 score (STS-B). */
export interface DatasetPair {
  readonly a: string
  readonly b: string
  readonly label: number
}

/** MSRP: tab-separated `Quality, #1 ID, #2 ID, #1 String, #2 String`, UTF-8 with BOM; split on tabs only. */
export function readMsrp(file: string): DatasetPair[] {
  const lines = readFileSync(file, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/).slice(1)
  return lines
    .map((line) => line.split('\t'))
    .filter((cells) => cells.length >= 5)
    .map((cells) => ({ label: Number(cells[0]), a: cells[3]!, b: cells[4]! }))
}

/** STS-B: tab-separated `genre, file, year, id, score, sentence1, sentence2` (a few rows carry extra columns). */
export function readStsb(file: string): DatasetPair[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.split('\t'))
    .filter((cells) => cells.length >= 7 && cells[4] !== '' && Number.isFinite(Number(cells[4])))
    .map((cells) => ({ label: Number(cells[4]), a: cells[5]!, b: cells[6]! }))
}

/** A BASIL article as JSON Lines gives it. */
export interface BasilArticle {
  readonly story: string
  readonly id: string
  readonly outlet: string
  readonly text: string
}

/** BASIL: one article per line. */
export function readBasil(file: string): BasilArticle[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as BasilArticle)
}

/** A pseudo-random generator with a fixed seed, so generated stories are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/**
 * A large story of `count` articles as JSONL, made from one BASIL story's articles: each generated article takes
 * a random ~85% of one source article's paragraphs, drops a word here and there, and adds eight paragraphs from
 * other stories, so it has copies, near-copies and unrelated text, like many outlets on one event.
 */
export function generateStory(basil: string, count: number, file: string): void {
  const articles = readBasil(basil)
  const stories = [...new Set(articles.map((a) => a.story))]
  const base = articles.filter((a) => a.story === stories[0])
  const others = articles.filter((a) => a.story !== stories[0])
  const next = random(count)
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    const source = base[i % base.length]!
    const paragraphs = source.text.split(/\n\s*\n/).filter(() => next() < 0.85)
    for (let k = 0; k < 8; k++) {
      const noise = others[Math.floor(next() * others.length)]!.text.split(/\n\s*\n/)
      paragraphs.splice(Math.floor(next() * (paragraphs.length + 1)), 0, noise[Math.floor(next() * noise.length)]!)
    }
    const text = paragraphs.map((p) => p.split(' ').filter(() => next() > 0.03).join(' ')).join('\n\n')
    lines.push(JSON.stringify({ story: 'generated', id: `a${String(i).padStart(5, '0')}`, outlet: `outlet-${i}`, text }))
  }
  writeFileSync(file, `${lines.join('\n')}\n`)
}
