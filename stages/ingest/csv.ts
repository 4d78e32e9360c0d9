// csv: a CSV corpus file, one article per row, the JSON Lines fields as columns (header row first; `,`, `;` or tab).
import type { InputKind } from './input.js'
import { readRows } from './rows.js'

/** CSV (`.csv`). */
export const csvInput: InputKind = {
  kind: 'csv',
  extensions: ['.csv'],
  holds: 'records',
  label: 'CSV',
  read: (source, log, context) => readRows(source, csvInput, 'csv', log, context),
}
