// One story through every stage, from its input to its report folder: what a worker thread (or the main thread,
// with `--concurrency 1`) does for each story. Everything it needs comes in as plain data, and everything it
// finds goes back as plain data, so the result is the same on any thread and in any order.
import { createHash } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { align } from '../stages/align/index.js'
import { clean } from '../stages/clean/index.js'
import type { Lexicons } from '../stages/framing/index.js'
import { ingest } from '../stages/ingest/index.js'
import { Message, MessageLog, quoteValue } from '../core/messages.js'
import { type IndexRow, report, type ToolInfo } from '../stages/report/index.js'
import { scoreStory } from '../stages/score/index.js'
import { segment } from '../stages/segment/index.js'
import type { SimilarityModel } from '../stages/similarity/index.js'
import type { Article, RawSource } from '../core/types.js'
import type { WordVectors } from '../resources/vectors.js'
import { STATE_FILE } from './folders.js'
import { textChunks, writeFolderAtomic } from './write.js'

export { STATE_FILE } from './folders.js'

/** The stages whose time run.json reports. */
export const STAGES = ['read', 'ingest', 'clean', 'segment', 'align', 'score', 'report', 'write'] as const
export type StageName = (typeof STAGES)[number]

/** What is the same for every story of a run. */
export interface StorySettings {
  readonly out: string
  readonly tool: ToolInfo
  readonly model?: SimilarityModel
  readonly lexicons?: Lexicons
  readonly digestWords?: number
  readonly excel?: boolean
  readonly maxBytes?: number
}

/** One story to analyse: its files (folder corpus) or its decoded articles (JSON Lines or CSV corpus). */
export interface StoryJob {
  readonly storyId: string
  readonly folder: string
  /** The story's key; written into its state file so that an unchanged re-run can skip it. */
  readonly key: string
  readonly sources: readonly RawSource[]
  readonly articles: readonly Article[]
}

/** Term counts per outlet, sorted, as the state file keeps them. */
export type TermCounts = Readonly<Record<string, Readonly<Record<string, number>>>>

/** What analysing a story gave: its index row, messages, term counts and the time spent per stage. */
export interface StoryOutcome {
  readonly row: IndexRow
  readonly messages: readonly Message[]
  readonly terms: TermCounts
  readonly timings: Readonly<Partial<Record<StageName, number>>>
  /** True when the run was stopped before the story's reports were written: nothing of it was kept. */
  readonly abandoned?: boolean
}

/** What the state file holds. */
export interface StoryState {
  readonly key: string
  readonly row: IndexRow
  /** Term counts per outlet, for the corpus-wide distinctive terms. */
  readonly terms: TermCounts
  /** The SHA-256 of each report file of the folder, so that a damaged or deleted one is noticed and redone. */
  readonly files?: Readonly<Record<string, string>>
}

/** The SHA-256 (hex) of a report file's content, as the state file records it. */
export function contentHash(content: string | Uint8Array): string {
  if (typeof content !== 'string') return createHash('sha256').update(content).digest('hex')
  const hash = createHash('sha256')
  for (const chunk of textChunks(content)) hash.update(chunk, 'utf8')
  return hash.digest('hex')
}

/** Thrown between stages once the run is being stopped: the story is abandoned, its old reports kept. */
class Abandoned extends Error {}

/**
 * Run the stages over one story and write its report folder; bad input and failures become messages. `stopping`
 * is asked before each stage: once it says yes, the story is abandoned (`abandoned: true`) and nothing is written.
 */
export async function analyseStory(job: StoryJob, settings: StorySettings, vectors: WordVectors | undefined, stopping: () => boolean = () => false): Promise<StoryOutcome> {
  const timings: Partial<Record<StageName, number>> = {}
  const time = async <T>(stage: StageName, run: () => T | Promise<T>): Promise<T> => {
    if (stopping()) throw new Abandoned()
    const start = performance.now()
    try {
      return await run()
    } finally {
      timings[stage] = (timings[stage] ?? 0) + performance.now() - start
    }
  }
  const { storyId, folder } = job
  const log = new MessageLog(storyId)
  const row = emptyCounts(storyId, folder)
  let status: IndexRow['status'] = 'ok'
  let terms: TermCounts = {}
  try {
    const articles = job.sources.length > 0 ? await time('ingest', () => ingest(job.sources, log, { maxBytes: settings.maxBytes })) : job.articles
    const cleaned = await time('clean', () => clean(articles, log))
    const documents = await time('segment', () => segment(cleaned, log))
    row.articles = documents.length
    row.outlets = new Set(documents.map((d) => d.article.outlet)).size
    if (documents.length < 2) {
      status = 'too-few-articles'
      log.fatal('analyze', 'too-few-articles', `Expected at least 2 usable articles in the story, got ${documents.length}; no report written`)
    } else {
      if (row.outlets < 2) log.warn('analyze', 'one-outlet', `Expected articles from at least 2 outlets, got 1 (${quoteValue(documents[0]!.article.outlet)}): no statement can be corroborated`)
      const alignment = await time('align', () => align(documents, log, { model: settings.model, vectors }))
      const ledger = await time('score', () => scoreStory(storyId, documents, alignment, log, { digestWords: settings.digestWords, lexicons: settings.lexicons }))
      terms = sortedTerms(ledger.framing.termCounts)
      const files = await time('report', () => report(ledger, log.messages, settings.tool, { excel: settings.excel }))
      row.sentences = ledger.story.sentenceCount
      row.statements = ledger.story.statementCount
      row.corroborated = ledger.story.corroboratedCount
      row.conflicts = ledger.story.conflictCount
      row.quotesChanged = ledger.story.quotesChanged
      const hashes = Object.fromEntries([...files].map(([name, content]) => [name, contentHash(content)]))
      const state: StoryState = { key: job.key, row: { ...row, status, fatal: countOf(log, 'fatal'), warnings: countOf(log, 'warning') }, terms, files: hashes }
      // The state goes into the folder with the reports, so both are swapped in together or not at all.
      const withState = new Map(files)
      withState.set(STATE_FILE, `${JSON.stringify(state)}\n`)
      await time('write', () => writeFolderAtomic(settings.out, folder, withState))
    }
  } catch (error) {
    if (error instanceof Abandoned) return { row: { ...row, status: 'failed', fatal: 0, warnings: 0 }, messages: [], terms: {}, timings, abandoned: true }
    status = 'failed'
    terms = {}
    const code = (error as { code?: string }).code
    // A full disk, a read-only folder, a folder the tool did not make: the user's to fix, said plainly.
    if (code === 'ERR_WRITE') log.fatal('write', 'write-failed', `${(error as Error).message}; the story's previous reports, if any, are kept`)
    else if (code === 'ERR_NOT_OURS') log.fatal('write', 'foreign-folder', (error as Error).message)
    else log.fatal('analyze', 'story-failed', `Unexpected error while analysing the story: ${(error as Error).stack ?? String(error)}`)
  }
  return { row: { ...row, status, fatal: countOf(log, 'fatal'), warnings: countOf(log, 'warning') }, messages: log.messages, terms, timings }
}

/** A story's index row before anything is counted. */
export function emptyCounts(storyId: string, folder: string) {
  return { storyId, folder, articles: 0, outlets: 0, sentences: 0, statements: 0, corroborated: 0, conflicts: 0, quotesChanged: 0 }
}

/** A Message after a trip through a worker thread's structured clone is a plain object; this makes it whole again. */
export function reviveMessage(m: Message | Pick<Message, 'severity' | 'reason' | 'source' | 'ruleId' | 'place' | 'story'>): Message {
  return m instanceof Message ? m : new Message(m.severity, m.reason, m.source, m.ruleId, m.place, m.story)
}

function sortedTerms(counts: ReadonlyMap<string, ReadonlyMap<string, number>>): TermCounts {
  const byName = <T>([a]: [string, T], [b]: [string, T]) => (a < b ? -1 : a > b ? 1 : 0)
  return Object.fromEntries([...counts].sort(byName).map(([outlet, c]) => [outlet, Object.fromEntries([...c].sort(byName))]))
}

function countOf(log: MessageLog, severity: 'fatal' | 'warning'): number {
  return log.messages.filter((m) => m.severity === severity).length
}
