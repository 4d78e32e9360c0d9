// Readers for the benchmark data sets in ../shared/data: MSRP and STS-B pairs, BASIL articles.
import { readFileSync } from 'node:fs'

/** A labelled sentence pair: `label` 0/1 (MSRP) or `score` 0–5 (STS-B). */
export interface LabelledPair {
  readonly a: string
  readonly b: string
  readonly label: number
}

/** MSRP: tab-separated `Quality, #1 ID, #2 ID, #1 String, #2 String`, UTF-8 with BOM; split on tabs only. */
export function readMsrp(file: string): LabelledPair[] {
  const lines = readFileSync(file, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/).slice(1)
  return lines
    .map((line) => line.split('\t'))
    .filter((cells) => cells.length >= 5)
    .map((cells) => ({ label: Number(cells[0]), a: cells[3]!, b: cells[4]! }))
}

/** STS-B: tab-separated `genre, file, year, id, score, sentence1, sentence2` (a few rows carry extra columns). */
export function readStsb(file: string): LabelledPair[] {
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
