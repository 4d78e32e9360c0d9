// jsonl: a JSON Lines corpus file, one article per line (`story`, `id`, `text` and the optional metadata fields).
import type { InputKind } from './input.js'
import { readRows } from './rows.js'

/** JSON Lines (`.jsonl`, `.json`); a corpus file of another ending is read as JSON Lines too, with a warning. */
export const jsonlInput: InputKind = {
  kind: 'jsonl',
  extensions: ['.jsonl', '.json'],
  holds: 'records',
  label: 'JSONL',
  read: (source, log, context) => readRows(source, jsonlInput, 'jsonl', log, context),
}
