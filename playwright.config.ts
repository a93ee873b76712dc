import { defineConfig } from '@playwright/test'
import { findChromiumExecutable } from './src/main/headless/chromium-path'

/**
 * The whole UI in Debian's Chromium, with window.workbench bridged to the
 * real main-process handlers (test/support/harness.ts). Never downloads a
 * browser: CHROMIUM_PATH, else chromium-headless-shell (apt-get install
 * chromium-headless-shell: the same engine without the browser's window
 * layer; the suite takes ~38 % less time in it, 18 tests 34.5 s instead of
 * 55.8), else /usr/bin/chromium (apt-get install chromium), as `qwb run` picks
 * (src/main/headless/chromium-path.ts). Where none exists (the desktop
 * workflow on macOS and Windows), the browser that `npx playwright install
 * chromium` put there. The benchmarks stay in the full browser, which is what
 * users have (bench/).
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // out/ built from these sources before any test opens it (test/e2e/global-setup.ts says why).
  globalSetup: './test/e2e/global-setup.ts',
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
    // QWB_E2E_TRACE=off records none: .ci/run sets it, since a CI machine's trace files are never
    // opened (what CI reports is its printed output) and recording them cost ~13 % of the run
    // (27 tests, two rounds each: 63 / 65 s with, 51 / 60 s without).
    trace: process.env.QWB_E2E_TRACE === 'off' ? 'off' : { mode: 'retain-on-failure', screenshots: false },
    launchOptions: {
      executablePath: findChromiumExecutable(process.env),
      // Without these, Chromium keeps trying to reach Google's services on
      // this offline machine.
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu']
    }
  }
})
