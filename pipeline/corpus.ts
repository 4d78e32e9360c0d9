// Reading a corpus from disk: a folder tree of stories, a flat folder as one story, or a JSON Lines or CSV file.
// The corpus is indexed first (which stories, which files or which byte ranges of the big file) and each story's
// input is read only when that story runs, so that memory grows with the stories in flight, not with the corpus.
// Some 520 lines: the three readers (folders, JSON Lines, CSV) share the Corpus they return and the article reader
// the job queue's workers use too.
import { closeSync, createWriteStream, fstatSync, readSync, rmSync } from 'node:fs'
import { lstat, mkdtemp, readdir, realpath, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import pMap from 'p-map'
import { ARTICLE_EXTENSIONS, DEFAULT_MAX_BYTES, ingest, INPUT_KINDS, inputKindOf } from '../stages/ingest/index.js'
import { cleanName } from '../stages/ingest/input.js'
import { jsonlInput } from '../stages/ingest/jsonl.js'
import { recordStory, reportLatin1Records } from '../stages/ingest/rows.js'
import type { MessageLog } from '../core/messages.js'
import { quoteJson, quoteValue } from '../core/messages.js'
import { openRecords, type RecordFormat } from '../stages/ingest/records.js'
import type { ArticleMeta, CsvHeader, InputKindName, RawSource, TextEncoding } from '../core/types.js'
import { checkJson, FileSource, formatSize, kindOf, lineAndColumn, NotAFileError, openRegularSync, readBounded, readHead } from './read.js'
import { LOCK_FILE, STATE_FILE } from './folders.js'

/** Deepest folder below a story folder whose articles are read (a story folder's sub-folders are level 1). */
export const MAX_FOLDER_DEPTH = 8

/** Largest `story.json` read (16 MB: a story of a thousand articles has some 300 KB of metadata). */
export const STORY_JSON_MAX_BYTES = 16 * 1024 * 1024

export interface ReadOptions {
  /** Files larger than this are not read past it (default: 5 MB); `ingest` reports them. */
  readonly maxBytes?: number
  /** Files read at once (default: 8). */
  readonly concurrency?: number
  /** Follow symbolic links whose target lies outside the corpus folder (default: `false`: such links are reported). */
  readonly followOutsideLinks?: boolean
  /** The name messages give a corpus file (default: its base name; `<stdin>` for `--corpus -`). */
  readonly name?: string
}

/** One input file of the corpus, as run.json lists it. */
export interface CorpusInput {
  readonly file: string
  readonly story: string | null
  readonly article: string | null
  readonly bytes: number
}

/** A corpus indexed: its stories, and each story's input read on demand. */
export interface Corpus {
  readonly kind: 'folder' | 'jsonl' | 'csv'
  /** Every story found, in the order found, with about how many bytes its input holds. */
  readonly stories: ReadonlyMap<string, { readonly bytes: number }>
  /** Every input file, for run.json. */
  readonly inputs: readonly CorpusInput[]
  /**
   * Read one story's input now: its article files (a file that cannot be read carries why, for `ingest` to report
   * in the story), or its JSON Lines or CSV records, each one source with its line.
   */
  load(story: string): Promise<RawSource[]>
  /** Release the corpus file (JSON Lines, CSV); the folder reader holds nothing open. */
  close(): void
  /**
   * Where one story's article files are (folder corpora; none for JSON Lines and CSV), so that a worker of the job
   * queue sharing the file system reads them itself with `loadArticles`, as `load` would.
   */
  refs(story: string): ArticleRef[]
}

/** One article file of a folder corpus: what `loadArticles` needs to read it as `load` does. Plain JSON. */
export interface ArticleRef {
  readonly kind: InputKindName
  /** Its path relative to the corpus, for messages. */
  readonly rel: string
  /** The path to open (absolute when the corpus path was). */
  readonly open: string
  readonly size: number
  readonly id: string
  readonly meta?: Partial<ArticleMeta>
}

/** Read a story's article files from their references (see `Corpus.refs`), as `Corpus.load` reads them. */
export async function loadArticles(story: string, refs: readonly ArticleRef[], maxBytes: number = DEFAULT_MAX_BYTES): Promise<RawSource[]> {
  return pMap(refs, async (ref) => readArticle({ kind: ref.kind, rel: ref.rel, open: ref.open, size: ref.size }, story, ref.id, ref.meta, maxBytes), { concurrency: 8 })
}

const SOURCE = 'read'

// What a corpus may be besides a folder, for messages: "a `.jsonl` or a `.csv`" (the kinds that hold records).
const CORPUS_FILES = INPUT_KINDS.filter((k) => k.holds === 'records').map((k) => `a \`${k.extensions[0]}\``).join(' or ')

/** What `--corpus -` means: JSON Lines read from stdin. */
export const STDIN = '-'

/** The name messages and run.json give the corpus read from stdin: `<stdin>:12` is its line 12. */
export const STDIN_NAME = '<stdin>'

/**
 * Every form `--corpus` accepts, in words, from the input kinds table (so that a new kind is listed too): a folder
 * of article files, each corpus file kind, and stdin. For `--help` and the message about a corpus not found.
 */
export const CORPUS_FORMS: readonly string[] = [
  `a folder of story folders, or one flat folder (one story), of article files (${INPUT_KINDS.filter((k) => k.holds === 'article')
    .map((k) => `${k.label}: ${k.extensions.join(', ')}`)
    .join('; ')})`,
  ...INPUT_KINDS.filter((k) => k.holds === 'records').map((k) => `a ${k.label} file (${k.extensions.join(', ')}), one article per ${k.kind === 'csv' ? 'row below a header row' : 'line'}`),
  `\`${STDIN}\`: ${jsonlInput.label} on stdin`,
]

/**
 * Why `--corpus -` cannot read `stdin`: nothing is piped in (a terminal, or no stream), so `command` would wait on the
 * terminal for JSON Lines typed by hand; null when it can.
 */
export function stdinRefusal(stdin: NodeJS.ReadableStream | undefined, command: string): string | null {
  if (stdin !== undefined && (stdin as { isTTY?: boolean }).isTTY !== true) return null
  return `Expected JSON Lines on stdin with \`--corpus ${STDIN}\`, got a terminal; pipe them in: \`corroborate ${command} --corpus - < articles.jsonl\``
}

/**
 * Copy JSON Lines from a stream (`--corpus -`) into a private temporary file as they come, so that memory stays
 * bounded whatever the stream's size; the corpus is then indexed and read story by story as any corpus file is.
 * `remove` deletes the copy.
 */
export async function spoolStdin(stream: NodeJS.ReadableStream): Promise<{ readonly file: string; readonly remove: () => void }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-stdin-'))
  const remove = () => rmSync(dir, { recursive: true, force: true })
  const file = path.join(dir, 'stdin.jsonl')
  try {
    await pipeline(stream, createWriteStream(file, { flags: 'wx', mode: 0o600 }))
  } catch (error) {
    remove()
    throw error
  }
  return { file, remove }
}

/**
 * Index a corpus (never throwing for bad input: it becomes a message). Folder corpora are walked, every file or
 * folder passed over gets a message, links leaving the corpus are not followed unless asked, and folders written by
 * corroborate are never read as stories; JSON Lines and CSV files are scanned record by record.
 */
export async function readCorpus(corpusPath: string, log: MessageLog, options: ReadOptions = {}): Promise<Corpus> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const info = await stat(corpusPath)
  if (info.isDirectory()) return readFolder(corpusPath, log, maxBytes, options)
  const name = options.name ?? path.basename(corpusPath)
  const kind = kindOf(info)
  if (kind !== null) {
    log.fatal(SOURCE, 'not-a-file', `Expected a folder, ${CORPUS_FILES} file, got ${kind}`, { file: name })
    return emptyCorpus('folder')
  }
  // A corpus file is read by the kind of records its name ends in, else as JSON Lines, with a warning.
  const named = inputKindOf(corpusPath)
  const records = named?.holds === 'records' ? named : jsonlInput
  if (records !== named) log.warn(SOURCE, 'unexpected-extension', `Expected a folder, ${CORPUS_FILES} file, got ${quoteValue(name)}; reading it as JSON Lines`, { file: corpusPath })
  // The kinds that hold records are the record formats (jsonl, csv).
  return readRecordFile(corpusPath, name, records.kind as RecordFormat, records.label, log, maxBytes)
}

function emptyCorpus(kind: Corpus['kind']): Corpus {
  return { kind, stories: new Map(), inputs: [], load: async () => [], close: () => {}, refs: () => [] }
}

// ---- JSON Lines and CSV ---------------------------------------------------------------------------------------

/** Where a record is: the byte range read again when its story runs, and its line for messages. */
interface RecordRef {
  readonly offset: number
  readonly length: number
  readonly line: number
}

/** A story's records as flat triples (offset, length, line): some 30 bytes a record, whatever the record's size. */
interface StoryRecords {
  readonly refs: number[]
  bytes: number
}

/**
 * Scan a JSON Lines or CSV file once, keeping for each story only where its records are; a record that belongs to
 * no story (malformed, no `story`) is reported now, the others when their story is ingested.
 */
function readRecordFile(corpusPath: string, name: string, format: RecordFormat, label: string, log: MessageLog, maxBytes: number): Corpus {
  let fd: number
  try {
    fd = openRegularSync(corpusPath)
  } catch (error) {
    log.fatal(SOURCE, error instanceof NotAFileError ? 'not-a-file' : 'unreadable-file', error instanceof NotAFileError ? `Expected a regular file, got ${error.kind}` : `Cannot read file: ${describeError(error)}`, { file: name })
    return emptyCorpus(format)
  }
  const size = fstatSync(fd).size
  const source = new FileSource(fd)
  const stories = new Map<string, StoryRecords>()
  const file = openRecords(source, log, { format, file: name, maxBytes })
  let encoding: TextEncoding = file?.encoding ?? 'utf-8'
  const header: CsvHeader | undefined = file?.header
  const counts: { latin1: boolean; nonAscii: boolean }[] = []
  const storyless: RawSource[] = []
  if (file) {
    for (const record of file.records) {
      if (record.nonAscii) counts.push({ latin1: record.latin1, nonAscii: true })
      const story = recordStory(record.value)
      const ref = { offset: record.offset, length: record.length, line: record.line }
      if (story === null) {
        // Ingested now, alone, so that the message says why it has no story.
        storyless.push(recordSource(name, format, ref, readExact(fd, ref.offset, ref.length), encoding, header))
        continue
      }
      let entry = stories.get(story)
      if (!entry) stories.set(story, (entry = { refs: [], bytes: 0 }))
      entry.refs.push(ref.offset, ref.length, ref.line)
      entry.bytes += ref.length
    }
  }
  // A file whose every non-ASCII record is invalid UTF-8 is Windows-1252: said once, and read so, line by line.
  if (reportLatin1Records(counts, name, log)) encoding = 'windows-1252'
  ingest(storyless, log, { maxBytes })
  if (file && stories.size === 0 && !log.messages.some((m) => m.place.file === name && m.severity === 'fatal')) {
    log.fatal('ingest', 'empty-article', `Unexpected ${label} file without any article`, { file: name })
  }
  return {
    kind: format,
    stories: new Map([...stories].map(([id, e]) => [id, { bytes: e.bytes }])),
    inputs: [{ file: name, story: null, article: null, bytes: size }],
    load: async (story) => {
      const refs = stories.get(story)?.refs ?? []
      const sources: RawSource[] = []
      for (let i = 0; i < refs.length; i += 3) {
        const ref = { offset: refs[i]!, length: refs[i + 1]!, line: refs[i + 2]! }
        sources.push(recordSource(name, format, ref, readExact(fd, ref.offset, ref.length), encoding, header))
      }
      return sources
    },
    close: () => closeSync(fd),
    refs: () => [],
  }
}

function recordSource(file: string, kind: RecordFormat, ref: RecordRef, bytes: Uint8Array, encoding: TextEncoding, header: CsvHeader | undefined): RawSource {
  return { kind, file, line: ref.line, bytes, encoding, header }
}

/** Exactly `length` bytes at `offset` (fewer if the file was cut since it was indexed). */
function readExact(fd: number, offset: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length)
  let got = 0
  while (got < length) {
    const n = readSync(fd, buffer, got, length - got, offset + got)
    if (n === 0) break
    got += n
  }
  return buffer.subarray(0, got)
}

// ---- Folders ----------------------------------------------------------------------------------------------------

/** One article file found by the walk: its path relative to the corpus, and the path to open (a link's target). */
interface FoundFile {
  /** The article's input kind, by its ending. */
  readonly kind: InputKindName
  readonly rel: string
  readonly open: string
  readonly size: number
}

/** What the walk knows of the corpus root: its real path, to tell links that leave it. */
interface Walk {
  readonly root: string
  readonly followOutsideLinks: boolean
}

async function readFolder(corpusPath: string, log: MessageLog, maxBytes: number, options: ReadOptions): Promise<Corpus> {
  const walk: Walk = { root: await realpath(corpusPath), followOutsideLinks: options.followOutsideLinks ?? false }
  const concurrency = options.concurrency ?? 8
  const top = await listDir(corpusPath, '', log, walk)
  if (top.output) {
    log.fatal(SOURCE, 'output-folder', `Unexpected corroborate output folder as the corpus (it holds ${quoteValue(top.output)}); not read`, { file: '.' })
    return emptyCorpus('folder')
  }
  const storyDirs = top.entries.filter((e) => e.kind === 'dir')
  const topFiles = top.entries.filter((e) => e.kind === 'file' && isArticle(e.name))
  const stories: { id: string; dir: string; rel: string }[] = []
  const withArticles: Entry[] = []
  for (const d of storyDirs) if (((await walkFiles(path.join(corpusPath, d.name), d.name, null, 0, walk)) ?? []).length > 0) withArticles.push(d)
  for (const e of top.entries) if (e.kind !== 'file' && e.kind !== 'dir') notAFile(e, e.name, log)
  if (topFiles.length > 0 && withArticles.length === 0) {
    stories.push({ id: path.basename(path.resolve(corpusPath)), dir: corpusPath, rel: '' })
  } else {
    for (const f of top.entries.filter((e) => e.kind === 'file')) {
      if (!isArticle(f.name)) log.info(SOURCE, 'unsupported-file', `Unexpected file type beside story folders; ignored (articles end in ${ARTICLE_EXTENSIONS.join(', ')})`, { file: f.name })
      // A corpus README beside the story folders is documentation, not an article.
      else if (/^(readme|license|licence|notice|changelog)\b/i.test(f.name)) log.info(SOURCE, 'documentation-file', 'Documentation beside story folders; not read as an article', { file: f.name })
      else log.warn(SOURCE, 'stray-file', 'Unexpected article file beside story folders; ignored (put it in a story folder)', { file: f.name })
    }
    for (const d of storyDirs) stories.push({ id: d.name, dir: path.join(corpusPath, d.name), rel: d.name })
  }

  const index = new Map<string, { files: { file: FoundFile; id: string }[]; meta: Map<string, Partial<ArticleMeta>> | undefined }>()
  const inputs: CorpusInput[] = []
  for (const story of stories) {
    // A folder name is the story id as it is, but for control characters, which no report should hold.
    const id = cleanName(story.id)
    if (id !== story.id) log.warn(SOURCE, 'control-character', `Unexpected control characters in the story folder's name ${quoteJson(story.id)}; the story is ${quoteJson(id)}`, { file: story.rel })
    if (index.has(id)) {
      log.fatal(SOURCE, 'duplicate-story', `Unexpected second story folder named ${quoteJson(id)} once its control characters are left out; skipped`, { file: story.rel })
      continue
    }
    const files = await walkFiles(story.dir, story.rel, log, 0, walk)
    // A folder corroborate wrote (reports put inside the corpus): reported by the walk, and no story.
    if (files === null) continue
    const meta = await readStoryJson(story.dir, story.rel, log, walk)
    if (files.length === 0) log.fatal(SOURCE, 'empty-story', `Expected article files (${ARTICLE_EXTENSIONS.join(', ')}) in story folder, got none`, { file: story.rel || '.' })
    const entries: { file: FoundFile; id: string }[] = []
    for (const file of files) {
      const inStory = story.rel ? file.rel.slice(story.rel.length + 1) : file.rel
      const articleId = inStory.replace(/\.[^./]+$/, '').split(path.sep).join('/')
      entries.push({ file, id: articleId })
      inputs.push({ file: file.rel, story: id, article: articleId, bytes: file.size })
    }
    const ids = new Set(entries.map((e) => e.id))
    if (meta) for (const metaId of meta.keys()) if (!ids.has(metaId)) log.warn(SOURCE, 'unknown-article', `Unexpected metadata for article ${quoteValue(metaId)}, which has no file`, { file: path.join(story.rel, 'story.json') })
    index.set(id, { files: entries, meta })
  }
  return {
    kind: 'folder',
    stories: new Map([...index].map(([id, e]) => [id, { bytes: e.files.reduce((sum, f) => sum + f.file.size, 0) }])),
    inputs,
    load: async (story) => {
      const entry = index.get(story)
      if (!entry) return []
      return pMap(entry.files, async ({ file, id }) => readArticle(file, story, id, entry.meta?.get(id), maxBytes), { concurrency })
    },
    close: () => {},
    refs: (story) => (index.get(story)?.files ?? []).map(({ file, id }) => ({ kind: file.kind, rel: file.rel, open: file.open, size: file.size, id, ...(index.get(story)!.meta?.has(id) ? { meta: index.get(story)!.meta!.get(id) } : {}) })),
  }
}

/** One article file read now, or why it could not be (for `ingest` to report in the story). */
async function readArticle(file: FoundFile, story: string, id: string, meta: Partial<ArticleMeta> | undefined, maxBytes: number): Promise<RawSource> {
  const base = { kind: file.kind, file: file.rel, story, id, meta }
  try {
    const read = await readBounded(file.open, maxBytes)
    // Too large: not read past the limit; ingest reports the size.
    return read.bytes ? { ...base, bytes: read.bytes, size: read.size } : { ...base, bytes: new Uint8Array(0), size: read.size }
  } catch (error) {
    if (error instanceof NotAFileError) return { ...base, bytes: new Uint8Array(0), unreadable: { ruleId: 'not-a-file', reason: `Expected a regular file, got ${error.kind}; skipped` } }
    return { ...base, bytes: new Uint8Array(0), unreadable: { ruleId: 'unreadable-file', reason: `Cannot read file: ${describeError(error)}; skipped` } }
  }
}

/** An entry of a folder: a file (or a link to one), a folder, or something else (`kind` then says what). */
interface Entry {
  readonly name: string
  readonly kind: 'file' | 'dir' | string
  /** The path to open: the entry's own, or a link's real target. */
  readonly open: string
  readonly size: number
}

/**
 * The entries of a folder, sorted, with a message for each one passed over: hidden names, broken links, links to
 * folders (a loop would never end) and links that leave the corpus. `output` names the file that marks a folder
 * written by corroborate (its state file, its lock, or its run.json), which is never read as articles.
 */
async function listDir(dir: string, rel: string, log: MessageLog | null, walk: Walk): Promise<{ entries: Entry[]; output: string | null }> {
  let names: string[]
  try {
    names = (await readdir(dir)).sort()
  } catch (error) {
    log?.fatal(SOURCE, 'unreadable-folder', `Cannot read folder: ${describeError(error)}`, { file: rel || dir })
    return { entries: [], output: null }
  }
  const output = await outputMarker(dir, names)
  if (output) return { entries: [], output }
  const entries: Entry[] = []
  for (const name of names) {
    if (name.startsWith('.')) log?.info(SOURCE, 'hidden-file', 'Hidden file or folder; not read', { file: path.join(rel, name) })
    else {
      const entry = await resolveEntry(dir, name, rel, log, walk)
      if (entry) entries.push(entry)
    }
  }
  return { entries, output: null }
}

/**
 * One name in a folder, links followed only to files inside the corpus (or anywhere with `followOutsideLinks`);
 * null, with a message when a log is given, for a broken link, a link to a folder or out of the corpus. A name that
 * does not exist is null without a word.
 */
async function resolveEntry(dir: string, name: string, rel: string, log: MessageLog | null, walk: Walk): Promise<Entry | null> {
  const relPath = path.join(rel, name)
  const full = path.join(dir, name)
  try {
    const link = await lstat(full)
    if (!link.isSymbolicLink()) return { name, kind: link.isDirectory() ? 'dir' : link.isFile() ? 'file' : (kindOf(link) ?? 'file'), open: full, size: link.size }
    const target = await realpath(full).catch(() => null)
    if (target === null) {
      log?.warn(SOURCE, 'broken-link', 'Unexpected broken symbolic link; ignored', { file: relPath })
      return null
    }
    const inside = target === walk.root || target.startsWith(walk.root.endsWith(path.sep) ? walk.root : `${walk.root}${path.sep}`)
    if (!inside && !walk.followOutsideLinks) {
      log?.warn(SOURCE, 'outside-link', `Unexpected symbolic link to ${quoteValue(target)}, outside the corpus; not followed (\`--follow-outside-links\` follows such links)`, { file: relPath })
      return null
    }
    const info = await stat(target)
    if (info.isDirectory()) {
      // Symbolic links to folders are not followed: a link loop would never end.
      log?.warn(SOURCE, 'linked-folder', 'Unexpected symbolic link to a folder; not followed', { file: relPath })
      return null
    }
    // The target is what gets opened: the link could be changed to point elsewhere once checked.
    return { name, kind: info.isFile() ? 'file' : (kindOf(info) ?? 'file'), open: target, size: info.size }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    log?.warn(SOURCE, 'unreadable-file', `Cannot read: ${describeError(error)}; ignored`, { file: relPath })
    return null
  }
}

/** The file that marks `dir` as a folder corroborate wrote, if any. */
async function outputMarker(dir: string, names: readonly string[]): Promise<string | null> {
  for (const marker of [STATE_FILE, LOCK_FILE]) if (names.includes(marker)) return marker
  if (names.includes('run.json') && names.includes('index.csv')) {
    // run.json opens with the tool that wrote it: `{"schemaVersion": 1, "tool": {"name": "corroborate", ...`.
    const head = await readHead(path.join(dir, 'run.json'), 512)
      .then((bytes) => bytes.toString('utf8'))
      .catch(() => '')
    if (/"tool"\s*:\s*\{\s*"name"\s*:\s*"corroborate"/.test(head)) return 'run.json'
  }
  return null
}

/**
 * Article files below `dir` (paths relative to the corpus), sorted; every file or folder passed over is reported on
 * `log` when given: other file types, devices and FIFOs, folders too deep, folders corroborate wrote (null when
 * `dir` itself is one).
 */
async function walkFiles(dir: string, rel: string, log: MessageLog | null, depth: number, walk: Walk): Promise<FoundFile[] | null> {
  const found: FoundFile[] = []
  const { entries, output } = await listDir(dir, rel, log, walk)
  if (output) {
    log?.warn(SOURCE, 'output-folder', `Unexpected corroborate output folder (it holds ${quoteValue(output)}); not read as articles`, { file: rel || '.' })
    return null
  }
  for (const entry of entries) {
    const relPath = rel ? path.join(rel, entry.name) : entry.name
    if (entry.kind === 'dir') {
      if (depth < MAX_FOLDER_DEPTH) found.push(...((await walkFiles(path.join(dir, entry.name), relPath, log, depth + 1, walk)) ?? []))
      else log?.warn(SOURCE, 'deep-folder', `Expected articles at most ${MAX_FOLDER_DEPTH} folders below the story folder, got a folder deeper; not read`, { file: relPath })
    } else if (entry.kind !== 'file') {
      if (log) notAFile(entry, relPath, log)
    } else if (articleKind(entry.name)) found.push({ kind: articleKind(entry.name)!, rel: relPath, open: entry.open, size: entry.size })
    else if (!(entry.name === 'story.json' && depth === 0) && log) {
      log.info(SOURCE, 'unsupported-file', `Unexpected file type; ignored (articles end in ${ARTICLE_EXTENSIONS.join(', ')})`, { file: relPath })
    }
  }
  return found
}

/** A device, FIFO or socket among the articles: never opened (a FIFO blocks, /dev/zero never ends). */
function notAFile(entry: Entry, relPath: string, log: MessageLog): void {
  if (isArticle(entry.name)) log.fatal(SOURCE, 'not-a-file', `Expected a regular file, got ${entry.kind}; skipped`, { file: relPath })
  else log.info(SOURCE, 'not-a-file', `Not a regular file but ${entry.kind}; ignored`, { file: relPath })
}

/** The kind of an article file (one article per file) by its name's ending; null for any other file. */
function articleKind(name: string): InputKindName | null {
  const kind = inputKindOf(name)
  return kind?.holds === 'article' ? kind.kind : null
}

function isArticle(name: string): boolean {
  return articleKind(name) !== null
}

async function readStoryJson(dir: string, rel: string, log: MessageLog, walk: Walk): Promise<Map<string, Partial<ArticleMeta>> | undefined> {
  const relFile = path.join(rel, 'story.json')
  const fallback = 'outlets default to article ids'
  // story.json is checked as an article is: a link out of the corpus is not followed, a FIFO not opened.
  // (The walk of the story folder has reported a link it would not follow.)
  const entry = await resolveEntry(dir, 'story.json', rel, null, walk)
  if (!entry) return undefined
  let bytes: Buffer
  try {
    const read = await readBounded(entry.open, STORY_JSON_MAX_BYTES)
    if (read.bytes === null) {
      log.warn(SOURCE, 'oversized-story-json', `Expected story metadata of at most ${formatSize(STORY_JSON_MAX_BYTES)}, got ${formatSize(read.size)}; ${fallback}`, { file: relFile })
      return undefined
    }
    bytes = read.bytes
  } catch (error) {
    const reason = error instanceof NotAFileError ? `Expected a regular file, got ${error.kind}` : `Cannot read story metadata: ${describeError(error)}`
    log.warn(SOURCE, 'unreadable-file', `${reason}; ${fallback}`, { file: relFile })
    return undefined
  }
  const text = bytes.toString('utf8').replace(/^\ufeff/, '')
  const problem = checkJson(text, 64)
  if (problem) {
    const { line, column } = lineAndColumn(text, problem.offset)
    log.warn(SOURCE, 'malformed-story-json', `Unexpected malformed JSON (${problem.reason}, column ${column}); ${fallback}`, { file: relFile, line })
    return undefined
  }
  const value: unknown = JSON.parse(text)
  const articles = (value as { articles?: unknown } | null)?.articles
  if (typeof articles !== 'object' || articles === null || Array.isArray(articles)) {
    log.warn(SOURCE, 'malformed-story-json', `Expected an object \`articles\` mapping article ids to metadata; ${fallback}`, { file: relFile })
    return undefined
  }
  const meta = new Map<string, Partial<ArticleMeta>>()
  for (const [id, fields] of Object.entries(articles as Record<string, unknown>)) {
    if (typeof fields !== 'object' || fields === null) {
      log.warn(SOURCE, 'malformed-story-json', `Expected an object for article ${quoteValue(id)}, got ${quoteValue(typeof fields)}; ignored`, { file: relFile })
      continue
    }
    const record: Record<string, string> = {}
    for (const name of ['outlet', 'title', 'url', 'published'] as const) {
      const v = Object.hasOwn(fields, name) ? (fields as Record<string, unknown>)[name] : undefined
      if (v === undefined || v === null) continue
      if (typeof v === 'string') record[name] = v
      else log.warn(SOURCE, 'mistyped-field', `Expected ${quoteValue(name)} of article ${quoteValue(id)} to be a string, got ${quoteValue(typeof v)}; ignored`, { file: relFile })
    }
    meta.set(id, record)
  }
  return meta
}

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  return e.code ? `${e.code} (${e.message.replace(/^[A-Z]+: /, '')})` : String(e.message ?? error)
}
