#!/usr/bin/env node
'use strict'
// The corroborate command: all logic lives in pipeline/cli.ts, built to dist/ by `make build`.
let cli
try {
  cli = require('../dist/pipeline/cli.js')
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/pipeline/cli.js')) {
    process.stderr.write('corroborate: not built yet: run `make build` (or `make analyze`) first\n')
    process.exit(2)
  }
  throw error
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
