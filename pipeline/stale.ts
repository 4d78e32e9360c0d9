// Story folders whose story is no longer in the corpus: found by their state file, listed as `not-in-corpus`, and
// with `--prune` moved under OUT/.pruned/<date>/ (never deleted).
import { lstat, readdir, rename } from 'node:fs/promises'
import path from 'node:path'
import type { IndexRow } from '../stages/report/index.js'
import { STATE_FILE } from './folders.js'
import { readState } from './state.js'
import { ensureDir, writeError } from './write.js'

/** Where pruned story folders go, under the output folder. */
export const PRUNED_FOLDER = '.pruned'

/** A story folder of the output folder whose story is not in the corpus: its name and its last index row. */
export interface StaleFolder {
  readonly folder: string
  /** The row its state file records, status `not-in-corpus`. */
  readonly row: IndexRow
}

/**
 * The story folders of `out` (those holding the state file) that no story of the corpus has, in name order. `owned`
 * holds the folder of every story of the corpus, picked by `--story` or not: a run of some stories calls no other
 * story's folder stale.
 */
export async function staleFolders(out: string, owned: ReadonlySet<string>): Promise<StaleFolder[]> {
  const names = await readdir(out).catch(() => [] as string[])
  const stale: StaleFolder[] = []
  for (const name of names.sort()) {
    // Hidden names are the tool's own (temporary folders, `.pruned`, the lock); no story folder starts with a dot.
    if (name.startsWith('.') || owned.has(name)) continue
    const info = await lstat(path.join(out, name)).catch(() => null)
    if (!info?.isDirectory()) continue
    const state = await readState(path.join(out, name, STATE_FILE))
    if (state === null) continue
    stale.push({ folder: name, row: { ...state.row, status: 'not-in-corpus', folder: name } })
  }
  return stale
}

/**
 * Move a stale story folder to `OUT/.pruned/<date>/<folder>` (`<folder>-2`, … when that is taken, by an earlier run of
 * the same day); returns where it went, relative to `out`. Throws `ERR_WRITE` when the move fails.
 */
export async function pruneFolder(out: string, folder: string, date: string): Promise<string> {
  const dir = path.join(out, PRUNED_FOLDER, date)
  try {
    await ensureDir(dir)
    for (let n = 1; ; n++) {
      const name = n === 1 ? folder : `${folder}-${n}`
      if (await lstat(path.join(dir, name)).catch(() => null)) continue
      await rename(path.join(out, folder), path.join(dir, name))
      return path.posix.join(PRUNED_FOLDER, date, name)
    }
  } catch (error) {
    throw writeError(error, `move the story folder \`${folder}\` to \`${dir}\``)
  }
}
