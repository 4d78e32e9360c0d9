// The JSON config file of `corroborate analyze --config FILE`: any analyze option of the settings table that has a
// config key, and replacement lexicons.
import { CorroborateError, quoteValue } from '../core/messages.js'
import { readJsonFile } from './read.js'
import { checkConfig, type RawConfig } from './settings.js'

/** Largest config file read (1 MB): a config is a few lines; a bigger file is the wrong file. */
export const CONFIG_MAX_BYTES = 1024 * 1024

/**
 * Read and validate a config file against the settings table; paths in it are relative to the file. Returns the
 * values by setting key. Throws a CorroborateError with code `ERR_INVALID_CONFIG` whose message names the file, the
 * key and what was wrong.
 */
export function readConfig(file: string): Readonly<Record<string, unknown>> {
  // Bounded in size and nesting, and a syntax error given by position only (its message names the file already).
  const value = readJsonFile(file, { what: 'config', maxBytes: CONFIG_MAX_BYTES })
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CorroborateError('ERR_INVALID_CONFIG', `${file}: Expected a JSON object, got ${quoteValue(Array.isArray(value) ? 'array' : typeof value)}`)
  }
  return checkConfig(value as RawConfig, file)
}
