// Prints one closing line for the whole suite (vitest + Playwright), from the
// JSON reports both runners write into .tmp/, so CI shows a single count.
import { existsSync, readFileSync } from 'node:fs'

function read(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined
}

const totals = { passed: 0, failed: 0, skipped: 0 }

const vitest = read('.tmp/vitest.json')
if (vitest) {
  const skipped = (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0)
  console.log(`vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${skipped} skipped`)
  totals.passed += vitest.numPassedTests
  totals.failed += vitest.numFailedTests
  totals.skipped += skipped
}

const playwright = read('.tmp/playwright.json')
if (playwright) {
  const s = playwright.stats
  const failed = (s.unexpected ?? 0) + (s.flaky ?? 0)
  console.log(`playwright: ${s.expected} passed, ${failed} failed, ${s.skipped} skipped`)
  totals.passed += s.expected
  totals.failed += failed
  totals.skipped += s.skipped
}

console.log(`total: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed > 0 || (!vitest && !playwright) ? 1 : 0)
