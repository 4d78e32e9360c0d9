// Test helpers: file system faults (a full disk, a read-only folder) injected into the code under test, which calls
// node:fs/promises through the module object, so that a spy on it is seen. Worker threads do not see them: tests
// that use these run on one thread (`--concurrency 1`).
import fsp = require('node:fs/promises')
import { existsSync } from 'node:fs'
import path from 'node:path'

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
}

/** An error as Node makes it for a failed system call: `ENOSPC: no space left on device, write`. */
export function errno(code: string, syscall: string, file?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${REASONS[code] ?? 'error'}, ${syscall}${file === undefined ? '' : ` '${file}'`}`), { code, syscall, errno: -1, ...(file === undefined ? {} : { path: file }) })
}

type Restore = () => void

/**
 * A full disk for files whose path `match` accepts: they are created, as on a real full disk, but writing their
 * content fails with ENOSPC.
 */
export function diskFull(match: (file: string) => boolean): Restore {
  const realOpen = fsp.open
  const spy = jest.spyOn(fsp, 'open').mockImplementation((async (file: Parameters<typeof fsp.open>[0], flags?: string | number, mode?: number) => {
    const handle = await realOpen(file, flags, mode)
    if (!match(String(file)) || !/[wa+]/.test(String(flags ?? 'r'))) return handle
    return new Proxy(handle, {
      get(target, prop) {
        if (prop === 'writeFile' || prop === 'write') return () => Promise.reject(errno('ENOSPC', 'write'))
        const value = Reflect.get(target, prop) as unknown
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
      },
    })
  }) as typeof fsp.open)
  return () => spy.mockRestore()
}

/**
 * Every change below `root` fails with `code` (EROFS: a read-only mount; EPERM: an immutable folder), as the
 * kernel fails it even for root; reading still works, and so does `mkdir` of a folder that already exists.
 */
export function readOnly(root: string, code = 'EROFS'): Restore {
  const inside = (file: unknown) => {
    const rel = path.relative(root, path.resolve(String(file)))
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
  }
  const calls = ['open', 'mkdir', 'writeFile', 'appendFile', 'link', 'symlink', 'rename', 'rm', 'rmdir', 'unlink', 'utimes', 'copyFile', 'cp'] as const
  const spies = calls.map((name) => {
    const real = fsp[name] as (...a: unknown[]) => Promise<unknown>
    return jest.spyOn(fsp, name).mockImplementation(((file: unknown, ...rest: unknown[]) => {
      const writes = name !== 'open' || /[wa+]/.test(String(rest[0] ?? 'r'))
      const exists = name === 'mkdir' && existsSync(String(file))
      if (writes && !exists && (inside(file) || (rest.length > 0 && typeof rest[0] === 'string' && (name === 'rename' || name === 'link') && inside(rest[0])))) {
        return Promise.reject(errno(code, name, String(file)))
      }
      return real(file, ...rest)
    }) as never)
  })
  return () => {
    for (const spy of spies) spy.mockRestore()
  }
}
