/**
 * Parts of `qwb run` that the end-to-end runs cannot force: the output
 * scrubber on every encoding of a key, JUnit text with hostile characters as
 * a JUnit parser reads it, and what an expectation that cannot be checked
 * becomes (failed, or skipped with --allow-unknown).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { CliEnvironment } from '../../../src/cli/environment'
import { buildCases } from '../../../src/cli/run/build-cases'
import { junitReport } from '../../../src/cli/run/reporters/junit'
import type { RunResult } from '../../../src/cli/run/results'
import { Scrubber } from '../../../src/cli/run/scrubbed-io'
import { findKeyEncodings, keyEncodings, makeSentinel } from '../../support/key-encodings'
import { demoSetup, readJunit, writePersona } from '../../support/qwb-run-fixtures'
import { makeTempDir } from '../../support/temp-dir'

const temp = makeTempDir('qwb-run-parts-')
afterAll(() => temp.cleanup())

describe('Scrubber', () => {
  it('removes the key in every encoding the security tests know, and tokens', () => {
    const key = makeSentinel()
    const scrubber = new Scrubber()
    scrubber.addKey(key)
    const token = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..abc.def.ghi'
    scrubber.addToken(token)
    for (const { name, form } of keyEncodings(key)) {
      const out = scrubber.scrub(`before ${form} after ${token}`)
      expect(findKeyEncodings(out, key), name).toEqual([])
      expect(out).toContain('[token]')
    }
  })

  it('a "token" the server cut from the middle of the key does not cut the key in two before it is looked for', () => {
    // Found in review: tokens were replaced first, so `key[0:5] + [token] + key[25:]` was printed.
    const key = makeSentinel()
    const scrubber = new Scrubber()
    scrubber.addKey(key)
    const middle = key.slice(5, 25)
    scrubber.addToken(middle)
    for (const { name, form } of keyEncodings(key)) {
      const out = scrubber.scrub(`the key on file is ${form}; token ${middle}`)
      expect(findKeyEncodings(out, key), name).toEqual([])
      expect(out, name).not.toContain(key.slice(0, 5) + '[token]')
      expect(out, name).not.toContain(key.slice(-6))
      expect(out, name).toContain('token [token]')
    }
  })
})

describe('junitReport', () => {
  it('escapes hostile text so a JUnit parser reads every case and message back', () => {
    const hostile = 'a <b> & "c" \'d\' ]]> \u0001\u0008 \ud800 é 😀'
    const run: RunResult = {
      startedAt: '2026-12-01T00:00:00.000Z',
      durationMs: 1234,
      cases: [
        {
          name: `Setup ${hostile}`,
          setupName: hostile,
          setupFile: '/tmp/x.json',
          environment: 'Offline sandbox',
          widget: 'page-view',
          durationMs: 1000,
          checks: [
            { name: 'token obtained', verdict: 'passed', message: 'HTTP 200' },
            { name: 'widget rendered', verdict: 'failed', message: `broke: ${hostile}`, detail: [hostile, 'line 2'] },
            { name: 'no console errors', verdict: 'skipped', message: 'not run' }
          ]
        }
      ]
    }
    const file = join(temp.dir, 'hostile.xml')
    writeFileSync(file, junitReport(run))
    const junit = readJunit(file)
    // test-results-parser's total leaves skipped cases out.
    expect([junit.passed, junit.failed, junit.skipped]).toEqual([1, 1, 1])
    expect(junit.suites[0].cases.map((c) => c.status)).toEqual(['PASS', 'FAIL', 'SKIP'])
    const failed = junit.suites[0].cases[1]
    expect(failed.status).toBe('FAIL')
    expect(failed.failure).toContain('broke: a <b> & "c"')
  })
})

describe('expectations that cannot be checked (a real instance: values are not readable)', () => {
  const remote: CliEnvironment = { name: 'Acme', kind: 'remote', id: 'acme', domain: 'https://acme.example.com', timeoutMs: 1000, apiKey: 'x'.repeat(20), keySource: 'QWB_KEY_ACME', workspace: temp.dir, close: async () => {} }
  writePersona(temp.dir, 'eu.json', { name: 'EU', token: { userid: 'eu' } })
  const entry = { path: join(temp.dir, 'setups', 'a.json'), setup: demoSetup('page-view', { personas: [{ persona: 'EU', expect: [{ kind: 'only-values', column: 'region', values: ['Europe'] }, { kind: 'renders' }] }] }) }

  for (const allowUnknown of [false, true]) {
    it(`${allowUnknown ? 'with' : 'without'} --allow-unknown: ${allowUnknown ? 'skipped' : 'failed'}, saying why; what can be checked still is`, async () => {
      const cases = await buildCases([entry], () => remote, { workspace: temp.dir, allowUnknown })
      expect(cases.map((c) => c.persona?.name)).toEqual([undefined, 'EU'])
      const checks = await cases[1].persona!.check!({ token: 'a.b.c.d.e', domain: remote.domain, rendered: true, events: ['qvDSHItemsLoaded'], errors: [] })
      expect(checks[0]).toMatchObject({ name: 'expect: sees only region Europe', verdict: allowUnknown ? 'skipped' : 'failed' })
      expect(checks[0].message).toMatch(/cannot be checked here: .*values are only readable in the offline sandbox/)
      expect(checks[1]).toMatchObject({ verdict: 'passed' })
    })
  }
})
