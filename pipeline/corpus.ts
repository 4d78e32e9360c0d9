// Reading a corpus from disk: a folder tree of stories, a flat folder as one story, or a JSONL file.
import { lstat, readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import pMap from 'p-map'
import type { MessageLog } from '../stages/messages.js'
import { quoteValue } from '../stages/messages.js'
import type { ArticleMeta, RawSource } from '../stages/types.js'

/** File endings read as articles. */
export const ARTICLE_EXTENSIONS = ['.txt', '.md', '.html', '.htm']

export interface ReadOptions {
  /** Files larger than this are not read (default: 5 MB); `ingest` reports them. */
  readonly maxBytes?: number
  /** Files read at once (default: 8). */
  readonly concurrency?: number
}

/** The raw sources of a corpus, grouped by story for folder input; a JSONL file is one source. */
export interface Corpus {
  readonly kind: 'folder' | 'jsonl' | 'csv'
  readonly sources: readonly RawSource[]
}

const SOURCE = 'read'

/** Read every article file of the corpus (never throwing for a bad file: it becomes a message). */
export async function readCorpus(corpusPath: string, log: MessageLog, options: ReadOptions = {}): Promise<Corpus> {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024
  const concurrency = options.concurrency ?? 8
  const info = await stat(corpusPath)
  if (info.isFile()) {
    const bytes = await readFile(corpusPath)
    if (/\.csv$/i.test(corpusPath)) return { kind: 'csv', sources: [{ kind: 'csv', file: path.basename(corpusPath), bytes }] }
    if (!/\.jsonl?$/i.test(corpusPath)) log.warn(SOURCE, 'unexpected-extension', `Expected a folder, a \`.jsonl\` or a \`.csv\` file, got ${quoteValue(path.basename(corpusPath))}; reading it as JSON Lines`, { file: corpusPath })
    return { kind: 'jsonl', sources: [{ kind: 'jsonl', file: path.basename(corpusPath), bytes }] }
  }

  const entries = await listDir(corpusPath, '', log)
  const storyDirs = entries.filter((e) => e.dir)
  const topFiles = entries.filter((e) => !e.dir && isArticle(e.name))
  const stories: { id: string; dir: string; rel: string }[] = []
  const withArticles: typeof storyDirs = []
  for (const d of storyDirs) if ((await walk(path.join(corpusPath, d.name), d.name, null, 0)).length > 0) withArticles.push(d)
  if (topFiles.length > 0 && withArticles.length === 0) {
    stories.push({ id: path.basename(path.resolve(corpusPath)), dir: corpusPath, rel: '' })
  } else {
    for (const f of topFiles) {
      // A corpus README beside the story folders is documentation, not an article.
      if (/^(readme|license|licence|notice|changelog)\b/i.test(f.name)) log.info(SOURCE, 'documentation-file', 'Documentation beside story folders; not read as an article', { file: f.name })
      else log.warn(SOURCE, 'stray-file', 'Unexpected article file beside story folders; ignored (put it in a story folder)', { file: f.name })
    }
    for (const d of storyDirs) stories.push({ id: d.name, dir: path.join(corpusPath, d.name), rel: d.name })
  }

  const jobs: { story: string; file: string; rel: string; id: string; meta: Partial<ArticleMeta> | undefined }[] = []
  for (const story of stories) {
    const files = await walk(story.dir, story.rel, log, 0)
    const meta = await readStoryJson(story.dir, story.rel, log)
    if (files.length === 0) log.fatal(SOURCE, 'empty-story', `Expected article files (${ARTICLE_EXTENSIONS.join(', ')}) in story folder, got none`, { file: story.rel || '.' })
    const ids = new Set<string>()
    for (const file of files) {
      const inStory = story.rel ? file.slice(story.rel.length + 1) : file
      const id = inStory.replace(/\.[^./]+$/, '').split(path.sep).join('/')
      ids.add(id)
      jobs.push({ story: story.id, file: path.join(corpusPath, file), rel: file, id, meta: meta?.get(id) })
    }
    if (meta) for (const id of meta.keys()) if (!ids.has(id)) log.warn(SOURCE, 'unknown-article', `Unexpected metadata for article ${quoteValue(id)}, which has no file`, { file: path.join(story.rel, 'story.json') })
  }
  const sources = await pMap(
    jobs,
    async (job): Promise<RawSource | null> => {
      try {
        const size = (await stat(job.file)).size
        const bytes = size > maxBytes ? new Uint8Array(0) : await readFile(job.file)
        return { kind: 'text', file: job.rel, story: job.story, id: job.id, bytes, size, meta: job.meta }
      } catch (error) {
        log.fatal(SOURCE, 'unreadable-file', `Cannot read file: ${describeError(error)}; skipped`, { file: job.rel })
        return null
      }
    },
    { concurrency },
  )
  return { kind: 'folder', sources: sources.filter((s): s is RawSource => s !== null) }
}

interface Entry {
  readonly name: string
  readonly dir: boolean
}

async function listDir(dir: string, rel: string, log: MessageLog | null): Promise<Entry[]> {
  let names: string[]
  try {
    names = (await readdir(dir)).sort()
  } catch (error) {
    log?.fatal(SOURCE, 'unreadable-folder', `Cannot read folder: ${describeError(error)}`, { file: rel || dir })
    return []
  }
  const entries: Entry[] = []
  for (const name of names) {
    if (name.startsWith('.')) continue
    const full = path.join(dir, name)
    try {
      const link = await lstat(full)
      // Symbolic links to folders are not followed: a link loop would never end.
      if (link.isSymbolicLink()) {
        const target = await stat(full).catch(() => null)
        if (!target) {
          log?.warn(SOURCE, 'broken-link', 'Unexpected broken symbolic link; ignored', { file: path.join(rel, name) })
          continue
        }
        if (target.isDirectory()) {
          log?.warn(SOURCE, 'linked-folder', 'Unexpected symbolic link to a folder; not followed', { file: path.join(rel, name) })
          continue
        }
        entries.push({ name, dir: false })
      } else entries.push({ name, dir: link.isDirectory() })
    } catch (error) {
      log?.warn(SOURCE, 'unreadable-file', `Cannot read: ${describeError(error)}; ignored`, { file: path.join(rel, name) })
    }
  }
  return entries
}

/** Article files below `dir` (paths relative to the corpus), sorted; other files are reported on `log` when given. */
async function walk(dir: string, rel: string, log: MessageLog | null, depth: number): Promise<string[]> {
  const found: string[] = []
  const entries = await listDir(dir, rel, log)
  for (const entry of entries) {
    const relPath = rel ? path.join(rel, entry.name) : entry.name
    if (entry.dir) {
      if (depth < 8) found.push(...(await walk(path.join(dir, entry.name), relPath, log, depth + 1)))
    } else if (isArticle(entry.name)) found.push(relPath)
    else if (entry.name !== 'story.json' && log) {
      log.info(SOURCE, 'unsupported-file', 'Unexpected file type; ignored', { file: relPath })
    }
  }
  return found
}

function isArticle(name: string): boolean {
  return ARTICLE_EXTENSIONS.includes(path.extname(name).toLowerCase())
}

async function readStoryJson(dir: string, rel: string, log: MessageLog): Promise<Map<string, Partial<ArticleMeta>> | undefined> {
  const file = path.join(dir, 'story.json')
  const relFile = path.join(rel, 'story.json')
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    log.warn(SOURCE, 'unreadable-file', `Cannot read story metadata: ${describeError(error)}; outlets default to article ids`, { file: relFile })
    return undefined
  }
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\ufeff/, ''))
  } catch (error) {
    log.warn(SOURCE, 'malformed-story-json', `Unexpected malformed JSON (${(error as Error).message}); outlets default to article ids`, { file: relFile })
    return undefined
  }
  const articles = (value as { articles?: unknown } | null)?.articles
  if (typeof articles !== 'object' || articles === null || Array.isArray(articles)) {
    log.warn(SOURCE, 'malformed-story-json', 'Expected an object `articles` mapping article ids to metadata; outlets default to article ids', { file: relFile })
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
      const v = (fields as Record<string, unknown>)[name]
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
