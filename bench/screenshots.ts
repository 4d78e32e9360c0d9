// `make screenshots`: the seed story's page as a reader first sees it, at 1280 and 390 px wide, into docs/ for the
// README. Analyses ../shared/seeds into a temporary folder and photographs its report.html in Debian's Chromium
// (playwright-core; no browser is downloaded).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { main } from '../pipeline/cli.js'

const ROOT = path.join(__dirname, '..', '..')
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'

/** The shots: file name under docs/, window width and the height photographed from the top. */
const SHOTS = [
  { file: 'seed-story.png', width: 1280, height: 1500 },
  { file: 'seed-story-390.png', width: 390, height: 1500 },
] as const

async function run(): Promise<void> {
  const seeds = path.join(ROOT, '..', 'shared', 'seeds')
  if (!existsSync(seeds)) throw new Error(`Expected the seed articles at ${seeds}, got none`)
  if (!existsSync(CHROMIUM)) throw new Error(`Expected Chromium at ${CHROMIUM} (apt-get install -y chromium fonts-liberation), got none`)
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-screenshots-'))
  try {
    const out = path.join(dir, 'out')
    const code = await main(['analyze', '--corpus', seeds, '--out', out, '--quiet', '--concurrency', '1'])
    if (code !== 0) throw new Error(`Expected analyze to exit 0 on the seeds, got ${code}`)
    const row = readFileSync(path.join(out, 'index.csv'), 'utf8').trim().split('\n')[1]!
    const page = path.join(out, row.slice(row.lastIndexOf(',') + 1), 'report.html')
    mkdirSync(path.join(ROOT, 'docs'), { recursive: true })
    for (const shot of SHOTS) {
      const context = await chromium.launchPersistentContext(path.join(dir, `profile-${shot.width}`), {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars'],
        viewport: { width: shot.width, height: shot.height },
      })
      const tab = await context.newPage()
      await tab.goto(`file://${page}`, { waitUntil: 'load' })
      await tab.screenshot({ path: path.join(ROOT, 'docs', shot.file) })
      await context.close()
      process.stderr.write(`wrote docs/${shot.file}\n`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`screenshots: ${(error as Error).message}\n`)
  process.exitCode = 1
})
