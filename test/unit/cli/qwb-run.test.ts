/**
 * `qwb run` against real servers: the sandbox on port 0 (normal, and in a
 * rehearsal mode that issues expired tokens), a server that echoes the key,
 * real Chromium. Exit codes, the JUnit file as a JUnit parser reads it, and
 * the key nowhere in any output, in any encoding (issue 13; sentinel and
 * encodings from the security tests, issue 7).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SandboxControl } from '../../../src/sandbox/server/control'
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/server/server'
import { startServer, type RunningServer } from '../../support/failure-servers'
import { HOSTILE_CASES } from '../../support/hostile-servers'
import { findKeyEncodings, makeSentinel } from '../../support/key-encodings'
import { demoSetup, readJunit, runQwb, writeEnvironments, writePersona, writeSetup, type Captured } from '../../support/qwb-run-fixtures'
import { salesPermissions } from '../../../src/sandbox/data/demo-setups'
import { makeTempDir } from '../../support/temp-dir'
import { chromiumPath, launchChromium } from '../../../src/main/headless/chromium'

const KEY = makeSentinel()
const WRONG_KEY = makeSentinel()
const temp = makeTempDir('qwb-run-')
const ws = temp.dir
let sandbox: SandboxHandle
let expiring: SandboxHandle
let echo: RunningServer
/** What the browser that `qwb run` starts says its version is, asked of that browser directly. */
let BROWSER_VERSION = ''
const outputs: Array<{ what: string; text: string }> = []

/** Every output of every run is kept and scanned for both keys at the end. */
async function run(what: string, argv: string[], env: NodeJS.ProcessEnv = { QWB_KEY_TEST_SANDBOX: KEY }): Promise<Captured> {
  const result = await runQwb(argv, env, join(ws, 'data'))
  outputs.push({ what: `${what} stdout`, text: result.out }, { what: `${what} stderr`, text: result.err })
  return result
}

function junitText(path: string): string {
  const text = readFileSync(path, 'utf8')
  outputs.push({ what: path, text })
  return text
}

beforeAll(async () => {
  const browser = await launchChromium(chromiumPath(process.env))
  BROWSER_VERSION = browser.version()
  await browser.close()
  sandbox = await startSandbox({ apiKey: KEY, port: 0 })
  // Rehearsal mode: the issuer's clock runs two hours behind, so every 1-hour token is already expired.
  expiring = await startSandbox({ apiKey: KEY, port: 0, control: new SandboxControl({ clockSkewSeconds: -7200 }) })
  echo = await startServer(HOSTILE_CASES[0].behaviour)
  writeEnvironments(ws, [
    { name: 'Test sandbox', domain: sandbox.url },
    { name: 'Expired tokens', domain: expiring.url },
    { name: 'Echo server', domain: echo.url }
  ])
  writeSetup(ws, 'good.json', demoSetup('page-view', { environment: 'Test sandbox', name: 'Good page view' }))
  writeSetup(ws, 'panel.json', demoSetup('single-panel', { environment: 'Test sandbox', name: 'Good single panel' }))
  writeSetup(join(ws, 'broken'), 'wrong-dashboard.json', demoSetup('page-view', { environment: 'Test sandbox', name: 'Wrong dashboard', widgetFields: { dashboardId: 'no-such-dashboard' } }))
  // Personas (issue 12): three users of the same page view, each with what it must see.
  writePersona(ws, 'europe.json', { name: 'Europe only', token: { userid: 'eu-manager', permissions: salesPermissions({ region: { validation_type: 'EQUAL', values: ['Europe'] } }) } })
  writePersona(ws, 'everything.json', { name: 'All regions', token: { userid: 'ceo', permissions: salesPermissions() } })
  writePersona(ws, 'nothing.json', { name: 'No permissions', token: { userid: 'nobody' } })
  const personas = (europeValues: string[]) => [
    { persona: 'Europe only', expect: [{ kind: 'only-values' as const, column: 'region', values: europeValues }, { kind: 'page-visible' as const, page: 'overview' }] },
    { persona: 'all regions', expect: [{ kind: 'renders' as const }, { kind: 'event' as const, name: 'qvDSHItemsLoaded' }] },
    { persona: 'No permissions', expect: [{ kind: 'no-rows' as const, dataset: 'sales-orders' }] }
  ]
  writeSetup(join(ws, 'personas-ok'), 'rls.json', demoSetup('page-view', { environment: 'Test sandbox', name: 'RLS lab', personas: personas(['Europe']) }))
  writeSetup(join(ws, 'personas-wrong'), 'rls.json', demoSetup('page-view', { environment: 'Test sandbox', name: 'RLS lab', personas: personas(['Asia Pacific']) }))
  writeSetup(join(ws, 'personas-missing'), 'rls.json', demoSetup('page-view', { environment: 'Test sandbox', name: 'RLS lab', personas: [{ persona: 'Nobody here', expect: [] }] }))
  writeSetup(join(ws, 'bad'), 'malformed.json', '{"formatVersion": 1, "name": "Cut off", "token": {')
})

afterAll(async () => {
  await Promise.all([sandbox?.close(), expiring?.close(), echo?.close()])
  temp.cleanup()
})

describe('qwb run', () => {
  it('passes a working setup: exit 0, one summary line, a progress line, a JUnit file that parses with every check passed', async () => {
    const out = join(ws, 'good.xml')
    const result = await run('good', [join(ws, 'setups', 'good.json'), '--reporter', 'junit', '--out', out])
    expect(result.code, result.err).toBe(0)
    expect(result.out).toMatch(/^PASS {2}Good page view \(page-view, Test sandbox, [\d.]+ s\)$/m)
    expect(result.err).toContain('[1/1] Good page view…')
    const junit = readJunit(out)
    // Each suite names the browser it rendered in: the one chromiumPath picks here, with its version.
    expect(junitText(out)).toContain(`<property name="browser" value="Chromium ${BROWSER_VERSION} (${chromiumPath(process.env)})"/>`)
    expect(junit.status).toBe('PASS')
    expect(junit.total).toBe(5)
    expect(junit.suites[0].cases.map((c) => c.name)).toEqual(['token obtained', 'widget rendered', 'no console errors', 'no failed requests', 'expected events'])
    expect(junit.suites[0].cases.every((c) => c.status === 'PASS')).toBe(true)
  }, 60_000)

  it('a folder runs every setup in it (its workspace: the setups/ folder\'s parent); json reporter on stdout, summaries on stderr', async () => {
    const result = await run('folder', [join(ws, 'setups'), '--reporter', 'json'])
    expect(result.code, result.err).toBe(0)
    const report = JSON.parse(result.out) as { ok: boolean; browser: unknown; cases: Array<{ name: string; ok: boolean; checks: Array<{ name: string; message: string }> }> }
    expect(report.ok).toBe(true)
    expect(report.browser).toEqual({ version: BROWSER_VERSION, executable: chromiumPath(process.env) })
    // The summaries (stderr here) end with the browser, then the totals.
    expect(result.err).toContain(`rendered in Chromium ${BROWSER_VERSION} (${chromiumPath(process.env)})\npassed: 2 of 2 passed`)
    expect(report.cases.map((c) => c.name)).toEqual(['Good page view', 'Good single panel'])
    expect(report.cases[0].checks.find((c) => c.name === 'expected events')?.message).toContain('qvDSHPageLoaded and qvDSHItemsLoaded')
    expect(result.err).toMatch(/^PASS {2}Good single panel/m)
  }, 60_000)

  it('a wrong key fails at the token (401 explained), the rest skipped: exit 1', async () => {
    const out = join(ws, 'wrong-key.xml')
    const result = await run('wrong key', [join(ws, 'setups', 'good.json'), '--reporter', 'junit', '--out', out], { QWB_KEY_TEST_SANDBOX: WRONG_KEY })
    expect(result.code).toBe(1)
    expect(result.out).toMatch(/^FAIL {2}Good page view .*token obtained: .*401/m)
    const junit = readJunit(out)
    junitText(out)
    expect(junit.status).toBe('FAIL')
    const cases = junit.suites[0].cases
    expect(cases[0].status).toBe('FAIL')
    expect(cases[0].failure).toMatch(/401|API key/)
    expect(cases.slice(1).every((c) => c.status === 'SKIP')).toBe(true)
  }, 60_000)

  it('a wrong dashboard fails the render and names the dashboard id: exit 1', async () => {
    const out = join(ws, 'wrong-dashboard.xml')
    const result = await run('wrong dashboard', [join(ws, 'broken'), '--workspace', ws, '--reporter', 'junit', '--out', out])
    expect(result.code, result.out).toBe(1)
    const junit = readJunit(out)
    junitText(out)
    const byName = Object.fromEntries(junit.suites[0].cases.map((c) => [c.name, c]))
    expect(byName['token obtained'].status).toBe('PASS')
    // Qrvey's docs do not say what an unknown dashboardId does; the sandbox opens the first dashboard and
    // warns (accept and warn), so the widget loads, but not what the setup asks: the render check fails
    // and names the id.
    expect(byName['widget rendered'].status).toBe('FAIL')
    expect(byName['widget rendered'].failure).toContain('no-such-dashboard')
  }, 60_000)

  it('a rehearsal mode that breaks the widget (expired tokens): qvTokenExpired, exit 1', async () => {
    const result = await run('expired', [join(ws, 'setups', 'good.json'), '--env', 'Expired tokens'], { QWB_KEY_EXPIRED_TOKENS: KEY })
    expect(result.code).toBe(1)
    expect(result.out).toMatch(/^FAIL {2}Good page view \(page-view, Expired tokens/m)
    expect(result.out).toMatch(/widget rendered: the widget reported qvTokenExpired/)
    expect(result.out).toMatch(/expected events: .*qvTokenExpired was dispatched/)
  }, 60_000)

  it('personas: one case per persona, expectations met against the values the sandbox shows each token: exit 0', async () => {
    const out = join(ws, 'personas.xml')
    const result = await run('personas', [join(ws, 'personas-ok'), '--workspace', ws, '--reporter', 'junit', '--out', out])
    expect(result.code, result.out).toBe(0)
    const junit = readJunit(out)
    junitText(out)
    expect(junit.suites.map((s) => s.name)).toEqual(['RLS lab', 'RLS lab / persona Europe only', 'RLS lab / persona All regions', 'RLS lab / persona No permissions'])
    const europe = junit.suites[1].cases.map((c) => [c.name, c.status])
    expect(europe).toEqual(expect.arrayContaining([['expect: sees only region Europe', 'PASS'], ['expect: page overview visible', 'PASS']]))
    expect(junit.suites[3].cases.find((c) => c.name.startsWith('expect: no rows'))?.status).toBe('PASS')
    expect(junit.status).toBe('PASS')
  }, 90_000)

  it('an expectation not met fails its persona with what was seen: exit 1', async () => {
    const out = join(ws, 'personas-wrong.xml')
    const result = await run('personas wrong', [join(ws, 'personas-wrong'), '--workspace', ws, '--reporter', 'junit', '--out', out])
    expect(result.code).toBe(1)
    expect(result.out).toMatch(/^FAIL {2}RLS lab \/ persona Europe only .*expect: sees only region Asia Pacific/m)
    expect(result.out).toMatch(/^PASS {2}RLS lab \/ persona No permissions/m)
    const junit = readJunit(out)
    junitText(out)
    const failed = junit.suites[1].cases.find((c) => c.status === 'FAIL')
    expect(failed?.name).toBe('expect: sees only region Asia Pacific')
    expect(failed?.failure).toContain('Europe')
  }, 90_000)

  it('the offline sandbox needs no key: started in-process on a free port, by either name', async () => {
    const sandboxSetup = (name: string, environment: string) => writeSetup(join(ws, 'in-process'), `${name}.json`, demoSetup('single-panel', { environment, name }))
    sandboxSetup('one', 'Offline sandbox')
    sandboxSetup('two', 'sandbox')
    const result = await run('sandbox', [join(ws, 'in-process'), '--workspace', ws], {})
    expect(result.code, result.out + result.err).toBe(0)
    expect(result.out).toMatch(/^PASS {2}one \(single-panel, Offline sandbox/m)
    expect(result.out).toMatch(/^PASS {2}two \(single-panel, Offline sandbox/m)
  }, 60_000)

  it('a server that echoes the key: the failure is reported, the key is not', async () => {
    const out = join(ws, 'echo.xml')
    const result = await run('echo', [join(ws, 'setups', 'good.json'), '--env', 'Echo server', '--reporter', 'junit', '--out', out], { QWB_KEY_ECHO_SERVER: KEY })
    expect(result.code).toBe(1)
    expect(echo.requests.length).toBeGreaterThan(0)
    expect(junitText(out)).toContain('token obtained')
  }, 60_000)

  describe('bad input: one clear line, exit 2, nothing written', () => {
    const cases: Array<{ what: string; argv: () => string[]; env?: NodeJS.ProcessEnv; message: RegExp }> = [
      { what: 'a missing key variable', argv: () => [join(ws, 'setups', 'good.json')], env: {}, message: /no API key for "Test sandbox": set QWB_KEY_TEST_SANDBOX/ },
      { what: 'a missing --key-env variable', argv: () => [join(ws, 'setups', 'good.json'), '--key-env', 'MY_KEY'], env: { QWB_KEY_TEST_SANDBOX: KEY }, message: /MY_KEY/ },
      { what: 'an unknown environment', argv: () => [join(ws, 'setups', 'good.json'), '--env', 'Nowhere'], message: /no environment "Nowhere"/ },
      { what: 'an unknown setup', argv: () => ['No such setup', '--workspace', ws], message: /no setup "No such setup"/ },
      { what: 'a persona that is not in the workspace', argv: () => [join(ws, 'personas-missing'), '--workspace', ws], message: /lists persona "Nobody here", which is not in .*personas \(there: / },
      { what: 'a malformed setup file', argv: () => [join(ws, 'bad', 'setups', 'malformed.json')], message: /malformed\.json is not a valid setup: .*(JSON|cut off)/i },
      { what: 'an unreachable Chromium', argv: () => [join(ws, 'setups', 'good.json')], env: { QWB_KEY_TEST_SANDBOX: KEY, CHROMIUM_PATH: join(ws, 'no-chromium') }, message: /Chromium not found at .*no-chromium: install Chromium/ },
      { what: 'a Chromium that does not start', argv: () => [join(ws, 'setups', 'good.json')], env: { QWB_KEY_TEST_SANDBOX: KEY, CHROMIUM_PATH: '/bin/false' }, message: /Chromium at \/bin\/false did not start .*CHROMIUM_PATH/ },
      { what: 'a key given as --key-env value', argv: () => [join(ws, 'setups', 'good.json'), '--key-env', KEY], message: /--key-env takes the NAME of an environment variable/ },
      { what: 'an unknown reporter', argv: () => [join(ws, 'setups', 'good.json'), '--reporter', 'tap'], message: /unknown reporter "tap"/ }
    ]
    for (const c of cases) {
      it(c.what, async () => {
        const out = join(ws, `bad-${c.what.replace(/\W+/g, '-')}.xml`)
        const argv = c.argv()
        const result = await run(c.what, [...argv, ...(argv.includes('--reporter') ? [] : ['--reporter', 'junit']), '--out', out], c.env ?? { QWB_KEY_TEST_SANDBOX: KEY })
        expect(result.code).toBe(2)
        expect(result.out).toBe('')
        expect(result.err.trimEnd().split('\n')).toHaveLength(1)
        expect(result.err).toMatch(c.message)
        expect(existsSync(out)).toBe(false)
      }, 30_000)
    }
  })

  it('never lets the key out: no encoding of either key in any stdout, stderr or JUnit file', () => {
    expect(outputs.length).toBeGreaterThan(10)
    for (const { what, text } of outputs) {
      expect(findKeyEncodings(text, KEY), what).toEqual([])
      expect(findKeyEncodings(text, WRONG_KEY), what).toEqual([])
    }
  })
})
