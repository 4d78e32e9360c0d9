// The tool's name and version, read from the package.json that ships with it.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { CorroborateError } from '../core/messages.js'
import type { ToolInfo } from '../stages/report/index.js'

let cached: ToolInfo | null = null

/** Name and version from the nearest package.json above this module (works from source and from dist/). */
export function toolInfo(): ToolInfo {
  if (cached) return cached
  let dir = __dirname
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'package.json')
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string }
      cached = { name: pkg.name, version: pkg.version }
      return cached
    }
    dir = path.dirname(dir)
  }
  // A broken installation (dist/ copied without the package): the user's to fix, said without a stack.
  throw new CorroborateError('ERR_INSTALL', `Expected the package.json of corroborate within 5 folders above \`${__dirname}\`, got none; reinstall it`)
}
