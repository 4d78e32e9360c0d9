// A story folder's state on disk: its key (what its reports were made from) and the hashes of its reports, so that
// a re-run keeps a story whose key is unchanged and whose reports are whole.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { lstat } from 'node:fs/promises'
import path from 'node:path'
import { quoteValue } from '../core/messages.js'
import { SCHEMA_VERSION } from '../stages/report/index.js'
import type { RawSource } from '../core/types.js'
import { STATE_FILE } from './folders.js'
import { readBounded } from './read.js'
import { contentHash, type StoryState } from './story.js'

/**
 * Why a story folder whose key is unchanged cannot be kept as it is: a report file its state names is missing, is
 * not a plain file, or differs from what was written; null when every one is whole.
 */
export async function damaged(dir: string, state: StoryState): Promise<string | null> {
  if (!state.files || typeof state.files !== 'object') return `its state file \`${STATE_FILE}\` does not list its reports' hashes (written by an older version)`
  // Reports of another layout (CSVs without \`story_id\`) would stack wrongly into the run-wide tables.
  if (state.schemaVersion !== SCHEMA_VERSION) {
    const was = state.schemaVersion === undefined ? 'an older schema version' : `schema version ${state.schemaVersion}`
    return `its reports have ${was}, this version writes ${SCHEMA_VERSION}`
  }
  for (const [name, hash] of Object.entries(state.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name === '' || name.includes('/') || name.includes('\\') || name.startsWith('.')) return `its state file \`${STATE_FILE}\` names an unexpected file ${quoteValue(name)}`
    const file = path.join(dir, name)
    const info = await lstat(file).catch(() => null)
    if (!info) return `its report \`${name}\` is missing`
    // Not followed: a link (to /dev/zero, say) in a report folder is damage, not a report.
    if (!info.isFile()) return `its report \`${name}\` is not a plain file`
    if ((await hashFile(file)) !== hash) return `its report \`${name}\` differs from what was written (damaged or edited)`
  }
  return null
}

/** The SHA-256 of a file, read in chunks. */
export async function hashFile(file: string): Promise<string | null> {
  const hash = createHash('sha256')
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  } catch {
    return null
  }
  return hash.digest('hex')
}

/** A story folder's state file, or null when there is none or it is not one of ours (a link, too big, not JSON). */
export async function readState(file: string): Promise<StoryState | null> {
  try {
    // A plain file of a sane size: a link to a device or a huge file is no state of ours. Read through the bounded
    // reader, so that a file swapped for a FIFO in between cannot hang the run either.
    const info = await lstat(file)
    if (!info.isFile()) return null
    const read = await readBounded(file, 256 * 1024 * 1024)
    if (read.bytes === null) return null
    const state = JSON.parse(read.bytes.toString('utf8')) as StoryState
    return typeof state.key === 'string' && typeof state.row === 'object' && typeof state.terms === 'object' ? state : null
  } catch {
    return null
  }
}

/** A story's key: the run's fingerprint, the story and the hash, name and metadata of each of its inputs. */
export function storyKey(fingerprint: string, storyId: string, folder: string, sources: readonly RawSource[]): string {
  const parts = sources.map((s) => [s.file, s.id ?? '', s.size ?? s.bytes.length, contentHash(s.bytes), JSON.stringify(s.meta ?? {}), ...(s.unreadable ? [s.unreadable.reason] : [])].join('\u0000'))
  return contentHash([fingerprint, storyId, folder, ...parts].join('\u0001'))
}
