// Preloaded into a benchmarked process (`node -r`): on exit, append its peak resident memory to $BENCH_RSS_FILE.
import { appendFileSync } from 'node:fs'

const file = process.env.BENCH_RSS_FILE
if (file) {
  process.on('exit', () => {
    // resourceUsage().maxRSS is in kilobytes.
    appendFileSync(file, `${process.resourceUsage().maxRSS}\n`)
  })
}
