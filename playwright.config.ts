import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'

/**
 * The whole UI in Debian's Chromium, with window.workbench bridged to the
 * real main-process handlers (test/support/harness.ts). Never downloads a
 * browser: CHROMIUM_PATH or /usr/bin/chromium (apt-get install chromium); where
 * neither exists (the desktop workflow on macOS and Windows), the browser that
 * `npx playwright install chromium` put there.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.tmp/playwright.json' }]],
  use: {
    headless: true,
    viewport: { width: 1440, height: 900 },
    // A failed test keeps its trace: every action with the DOM snapshots before and after it, the
    // network and the console. Not the screencast (screenshots: false): recording a JPEG film strip
    // of every page made the whole e2e run about 1.6 times as long on two cores (issue 15; 15 tests:
    // 140 s with it, 86 s without, 64 s with no trace at all), and the snapshots show the same screens.
    trace: { mode: 'retain-on-failure', screenshots: false },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
      // Without these, Chromium keeps trying to reach Google's services on
      // this offline machine.
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu']
    }
  }
})
