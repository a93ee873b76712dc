/**
 * `npm test`: the same checks and tests as before, arranged to take less
 * wall time (issue 15):
 *
 * 1. typecheck (three projects), lint and the build, side by side (each is
 *    mostly one busy thread). Each keeps a cache in .tmp/ (TypeScript's
 *    incremental build info, ESLint's content cache) and the build is skipped
 *    when out/ was built from exactly these sources (scripts/build-if-stale.mjs),
 *    so a second run only redoes what changed; a clean clone does all of it.
 * 2. vitest (unit and integration), then
 * 3. Playwright (the UI in Chromium), then the one-line summary.
 *
 * Stops at the first phase that fails, as the `&&` chain it replaces did.
 * Each step's output is printed when it ends, with its time.
 *
 *   npm test                      everything
 *   node scripts/test.mjs --checks   phase 1 only (typecheck, lint, build)
 */
import { spawn } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const bin = (name) => resolve(root, 'node_modules', '.bin', name)

/** Phase 1, longest first. */
const CHECKS = [
  { name: 'typecheck renderer (vue-tsc)', command: bin('vue-tsc'), args: ['-p', 'tsconfig.web.json', '--noEmit', '--incremental', '--tsBuildInfoFile', '.tmp/tsc/web.tsbuildinfo'] },
  { name: 'typecheck node (tsc)', command: bin('tsc'), args: ['-p', 'tsconfig.node.json', '--noEmit', '--incremental', '--tsBuildInfoFile', '.tmp/tsc/node.tsbuildinfo'] },
  { name: 'lint (eslint)', command: bin('eslint'), args: ['.', '--cache', '--cache-strategy', 'content', '--cache-location', '.tmp/eslintcache'] },
  { name: 'build (when out/ is stale)', command: process.execPath, args: ['scripts/build-if-stale.mjs'] },
  { name: 'typecheck widgets (tsc)', command: bin('tsc'), args: ['-p', 'tsconfig.widgets.json', '--noEmit', '--incremental', '--tsBuildInfoFile', '.tmp/tsc/widgets.tsbuildinfo'] }
]

const TESTS = [
  { name: 'vitest', command: bin('vitest'), args: ['run', '--reporter=default', '--reporter=json', '--outputFile.json=.tmp/vitest.json'], stream: true },
  { name: 'playwright', command: bin('playwright'), args: ['test'], stream: true }
]

function run(step) {
  return new Promise((resolvePromise) => {
    const started = performance.now()
    const child = spawn(step.command, step.args, { cwd: root, stdio: step.stream ? 'inherit' : ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0') } })
    let output = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    child.on('error', (error) => (output += `${error.message}\n`))
    child.on('close', (code) => resolvePromise({ step, code: code ?? 1, output, seconds: (performance.now() - started) / 1000 }))
  })
}

function report({ step, code, output, seconds }) {
  if (output.trim()) process.stdout.write(`${output.trimEnd()}\n`)
  process.stdout.write(`${code === 0 ? '✓' : '✗'} ${step.name}: ${seconds.toFixed(1)} s${code === 0 ? '' : ` (exit ${code})`}\n\n`)
}

/** Runs steps at most `limit` at a time, reporting each as it ends. */
async function pool(steps, limit) {
  const queue = [...steps]
  const outcomes = []
  const worker = async () => {
    for (let step = queue.shift(); step; step = queue.shift()) {
      const outcome = await run(step)
      report(outcome)
      outcomes.push(outcome)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, steps.length) }, worker))
  return outcomes
}

const started = performance.now()
const phases = []
const checks = await pool(CHECKS, Math.max(2, availableParallelism()))
phases.push(['typecheck + lint + build', (performance.now() - started) / 1000])
let failed = checks.some((c) => c.code !== 0)
for (const step of process.argv.includes('--checks') ? [] : TESTS) {
  if (failed) break
  process.stdout.write(`── ${step.name}\n`)
  const outcome = await run(step)
  report(outcome)
  phases.push([step.name, outcome.seconds])
  failed = outcome.code !== 0
}
if (!failed && !process.argv.includes('--checks')) {
  const summary = await run({ name: 'summary', command: process.execPath, args: ['scripts/test-summary.mjs'], stream: true })
  failed = summary.code !== 0
}
process.stdout.write(`npm test: ${((performance.now() - started) / 1000).toFixed(0)} s wall (${phases.map(([name, s]) => `${name} ${s.toFixed(0)} s`).join(', ')})\n`)
process.exitCode = failed ? 1 : 0
