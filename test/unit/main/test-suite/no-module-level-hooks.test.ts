/**
 * The unit tests run without per-file isolation (vitest.config.ts, issue 15):
 * a module that test files share is evaluated once per worker, so a hook it
 * registers at its top level (afterEach, ...) belongs to the first test file
 * that imported it, and every later file in that worker silently runs
 * without it (a cleanup that never runs: folders, servers and watchers left
 * behind). Shared helpers register per test instead (onTestFinished). This
 * looks at every helper the tests share and fails on a top-level hook.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../../..')
const HOOK_AT_TOP_LEVEL = /^(?:beforeEach|afterEach|beforeAll|afterAll)\s*\(/m

/**
 * The setup files vitest.config.ts names: Vitest runs each before every test file, isolated or not,
 * so a hook at their top level belongs to that file, as it should (dom-file-boundary.ts).
 */
function setupFiles(): string[] {
  const config = readFileSync(join(root, 'vitest.config.ts'), 'utf8')
  return [...config.matchAll(/setupFiles:\s*\[([^\]]*)\]/g)].flatMap((match) => [...match[1].matchAll(/'([^']+)'/g)].map((name) => join(root, name[1])))
}

/** Test modules that are not test files themselves: what several test files import. */
function sharedHelpers(): string[] {
  const run = new Set(setupFiles())
  return ['test/unit', 'test/support'].flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true })
      .map(String)
      .filter((name) => /\.(ts|mts|js|mjs)$/.test(name) && !/\.test\.\w+$/.test(name))
      .map((name) => join(root, dir, name))
      .filter((path) => !run.has(path))
  )
}

describe('shared test helpers', () => {
  it('register no hook at their top level (it would run for the first test file of a worker only)', () => {
    const helpers = sharedHelpers()
    expect(helpers.length).toBeGreaterThan(10)
    const offenders = helpers.filter((path) => HOOK_AT_TOP_LEVEL.test(readFileSync(path, 'utf8'))).map((path) => relative(root, path))
    expect(offenders).toEqual([])
  })

  it('leaves out the setup files, which Vitest runs for every file (and finds them, so the list is not empty by mistake)', () => {
    const files = setupFiles().map((path) => relative(root, path))
    expect(files).toContain('test/unit/renderer/dom-file-boundary.ts')
    expect(sharedHelpers().map((path) => relative(root, path))).not.toContain('test/unit/renderer/dom-file-boundary.ts')
  })

  it('the check finds a helper written the old way (a module-level afterEach)', () => {
    expect(HOOK_AT_TOP_LEVEL.test("import { afterEach } from 'vitest'\nconst cleanups = []\nafterEach(async () => {\n  for (const c of cleanups) await c()\n})\n")).toBe(true)
    expect(HOOK_AT_TOP_LEVEL.test("export function tempDir() {\n  onTestFinished(() => cleanup())\n}\n")).toBe(false)
  })
})
