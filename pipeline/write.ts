// Writing reports so that a crash never leaves a half-written file or folder.
import { randomBytes } from 'node:crypto'
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'

/** Write `content` to `file` whole or not at all: a temporary file in the same folder, flushed, then renamed. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  const handle = await open(temp, 'w')
  try {
    await handle.writeFile(content, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/**
 * Replace the folder `outDir/name` by one holding exactly `files`: the new folder is written beside it under a
 * temporary name, then swapped in by renames, so readers see the old reports or the new ones, never a mix.
 */
export async function writeFolderAtomic(outDir: string, name: string, files: ReadonlyMap<string, string>): Promise<void> {
  const target = path.join(outDir, name)
  const suffix = `${process.pid}.${randomBytes(4).toString('hex')}`
  const temp = path.join(outDir, `.${name}.new.${suffix}`)
  const old = path.join(outDir, `.${name}.old.${suffix}`)
  await mkdir(temp, { recursive: true })
  try {
    // All at once: the file system can then commit their flushes together.
    await Promise.all([...files].map(([file, content]) => writeFileAtomic(path.join(temp, file), content)))
    const exists = await stat(target).then(
      () => true,
      () => false,
    )
    if (exists) await rename(target, old)
    await rename(temp, target)
    if (exists) await rm(old, { recursive: true, force: true })
  } catch (error) {
    await rm(temp, { recursive: true, force: true })
    throw error
  }
}

/**
 * Finish what a killed run left: a story folder moved aside (`.name.old.*`) with no folder in its place is moved
 * back; unfinished temporary folders and files are removed.
 */
export async function recoverOutput(outDir: string): Promise<string[]> {
  const recovered: string[] = []
  let names: string[]
  try {
    names = await readdir(outDir)
  } catch {
    return recovered
  }
  for (const name of names.sort()) {
    const old = /^\.(.+)\.old\.\d+\.[0-9a-f]+$/.exec(name)
    if (old) {
      const target = path.join(outDir, old[1]!)
      const exists = await stat(target).then(
        () => true,
        () => false,
      )
      if (exists) await rm(path.join(outDir, name), { recursive: true, force: true })
      else {
        await rename(path.join(outDir, name), target)
        recovered.push(old[1]!)
      }
    } else if (/^\..+\.new\.\d+\.[0-9a-f]+$/.test(name) || /^\..+\.\d+\.[0-9a-f]+\.tmp$/.test(name)) {
      await rm(path.join(outDir, name), { recursive: true, force: true })
    }
  }
  return recovered
}
