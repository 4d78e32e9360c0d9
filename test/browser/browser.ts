// The browser the page tests drive: Debian's Chromium through playwright-core (no browser is downloaded), one per
// test file, with a fresh profile, no network services and every request and console message recorded.
import { existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

/** Where the tests expect Chromium (Debian's package; `.ci/run` installs it on a fresh machine). */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'

/**
 * Launch Chromium with a fresh profile. Throws (so the test fails, never skips) when it is not installed.
 * `javaScript: false` opens pages with scripts off.
 */
export async function launch(options: { readonly javaScript?: boolean; readonly width?: number; readonly height?: number } = {}): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`Expected Chromium at ${CHROMIUM} for the browser tests (apt-get install -y chromium fonts-liberation; .ci/run does it), got none`)
  return chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'corroborate-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    javaScriptEnabled: options.javaScript ?? true,
  })
}

/** What a page did while it was open: console errors, page errors, requests that left `file://`, dialogs opened. */
export interface PageLog {
  readonly errors: string[]
  readonly requests: string[]
  readonly dialogs: string[]
}

/** Open a file in a new page of `context`, recording what it does. */
export async function open(context: BrowserContext, file: string): Promise<{ page: Page; log: PageLog }> {
  const page = await context.newPage()
  const log: PageLog = { errors: [], requests: [], dialogs: [] }
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text())
  })
  page.on('pageerror', (e) => log.errors.push(e.message))
  page.on('request', (r) => {
    if (!r.url().startsWith('file://')) log.requests.push(r.url())
  })
  page.on('dialog', (d) => {
    log.dialogs.push(d.message())
    void d.dismiss()
  })
  await page.goto(`file://${path.resolve(file)}`, { waitUntil: 'load' })
  return { page, log }
}
