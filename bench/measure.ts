// Preloaded into a benchmarked process (`node -r`): on exit, write its peak resident memory (KB) and the CPU time
// of all its threads (ms) to $BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs'

const file = process.env.BENCH_RSS_FILE
if (file) {
  process.on('exit', () => {
    // resourceUsage() covers the whole process, worker threads included; maxRSS is in kilobytes, times in µs.
    const usage = process.resourceUsage()
    writeFileSync(file, `${usage.maxRSS} ${(usage.userCPUTime + usage.systemCPUTime) / 1000}\n`)
  })
}
