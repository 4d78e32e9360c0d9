#!/usr/bin/env node
'use strict'
// The corroborate command: all logic lives in pipeline/cli.ts (built to dist/).
require('../dist/pipeline/cli.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code
  })
