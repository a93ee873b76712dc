/**
 * `qwb doctor` and `qwb bundle` (issue 13, points 2 and 3) in-process, as
 * `npx qwb` runs them: a passing run against the sandbox (headless
 * Chromium renders the widget), a failing one that names the step and
 * exits 1, and bad input: one clear line, exit code 2, nothing written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { keyVariableName } from '../../../src/cli/environment'
import { main } from '../../../src/cli/main'
import type { DoctorReport } from '../../../src/shared/doctor'
import { containsCompactJose } from '../../../src/shared/jose-scan'
import { findWidget } from '../../../src/shared/widget-catalog'
import { serializeSetup } from '../../../src/shared/setup'
import { demoSetups } from '../../../src/sandbox/data/demo-setups'
import { FAKE_JWE, startQrveyLike, type RunningQrveyLike } from '../../support/doctor-servers'
import { findKeyEncodings, keyEncodings, makeSentinel } from '../../support/key-encodings'
import { makeTempDir } from '../../support/temp-dir'

const temp = makeTempDir('qwb-doctor-cli-')
const workspace = join(temp.dir, 'workspace')
const dataDir = join(temp.dir, 'data')
const servers: RunningQrveyLike[] = []
const setVars: string[] = []
afterEach(() => {
  for (const name of setVars.splice(0)) delete process.env[name]
})
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  temp.cleanup()
})

async function qwb(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) })
  return { code, out, err }
}

function environments(list: Array<{ name: string; domain: string }>) {
  mkdirSync(workspace, { recursive: true })
  writeFileSync(join(workspace, 'environments.json'), JSON.stringify({ environments: list.map((e, i) => ({ id: `env-${i}`, kind: 'remote', timeoutMs: 3000, ...e })) }))
}

function setKey(name: string, value: string) {
  process.env[name] = value
  setVars.push(name)
}

function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : []
}

describe('key variable names', () => {
  it('upper-cases the environment name and joins the rest with _', () => {
    expect(keyVariableName('Acme staging')).toBe('QWB_KEY_ACME_STAGING')
    expect(keyVariableName('eu-prod (v9)')).toBe('QWB_KEY_EU_PROD_V9')
    expect(keyVariableName('Café  Prod')).toBe('QWB_KEY_CAFE_PROD')
  })
})

describe('qwb doctor', () => {
  it('--help: usage, exit 0; listed in qwb --help', async () => {
    const help = await qwb('doctor', '--help')
    expect(help.code).toBe(0)
    expect(help.out).toMatch(/^Usage: qwb doctor --env <name>/)
    expect((await qwb('--help')).out).toMatch(/doctor\s+check an environment/)
  })

  it('passes every step against the offline sandbox, the widget rendered in headless Chromium', async () => {
    const run = await qwb('doctor', '--env', 'sandbox', '--json', '--data-dir', dataDir, '--workspace', workspace)
    expect(run.err).toBe('')
    const report = JSON.parse(run.out) as DoctorReport
    expect(report.steps.map((s) => `${s.id}:${s.status}`)).toEqual(['url:pass', 'dns:pass', 'tcp:pass', 'tls:skip', 'token:pass', 'launcher:pass', 'data-api:pass', 'widget:pass'])
    expect(report.steps.find((s) => s.id === 'widget')?.verdict).toContain('qvDSHItemsLoaded')
    expect(run.code).toBe(0)
  }, 60_000)

  it('a widget that sends no qvDSHItemsLoaded (Single Panel) passes on its own loaded state', async () => {
    const demo = demoSetups().find((d) => d.id === 'single-panel')!.setup
    const file = join(temp.dir, 'single-panel.json')
    writeFileSync(file, serializeSetup(demo))
    const run = await qwb('doctor', '--env', 'sandbox', '--setup', file, '--json', '--data-dir', dataDir, '--workspace', workspace)
    const report = JSON.parse(run.out) as DoctorReport
    expect(report.widgetId).toBe('single-panel')
    expect(report.steps.find((s) => s.id === 'launcher')?.detail).toContain('/qrvey-an-widgets/an-dashboard/andashboard/andashboard.esm.js')
    expect(report.steps.find((s) => s.id === 'widget')?.verdict).toContain('Single Panel rendered (the widget says it is ready)')
    expect(run.code).toBe(0)
  }, 60_000)

  it('a wrong key: fails at the token step, exit 1, says what to do, never prints the key', async () => {
    const server = await startQrveyLike({ apiKey: 'the-right-key-0000' })
    servers.push(server)
    environments([{ name: 'Acme staging', domain: server.url }])
    const key = makeSentinel()
    setKey('QWB_KEY_ACME_STAGING', key)
    const run = await qwb('doctor', '--env', 'acme staging', '--workspace', workspace, '--data-dir', dataDir)
    expect(run.code).toBe(1)
    expect(run.out).toContain('key from QWB_KEY_ACME_STAGING')
    expect(run.out).toMatch(/\[FAIL\] Token endpoint\s+The API key was rejected \(401\)/)
    expect(run.out).toContain('Failed at "Token endpoint"')
    expect(run.out).toContain('What to do: Use the API key of this very Qrvey instance')
    expect(findKeyEncodings(run.out + run.err, key)).toEqual([])
    expect(server.requests.find((r) => r.method === 'POST')?.headers['x-api-key']).toBe(key)
  })

  it('--key-env names the variable', async () => {
    const server = await startQrveyLike({ apiKey: 'custom-var-key-1234', launcher: 'no-cors' })
    servers.push(server)
    environments([{ name: 'Acme', domain: server.url }])
    setKey('MY_QRVEY_KEY', 'custom-var-key-1234')
    const run = await qwb('doctor', '--env', 'Acme', '--key-env', 'MY_QRVEY_KEY', '--workspace', workspace, '--data-dir', dataDir, '--json')
    const report = JSON.parse(run.out) as DoctorReport
    expect(report.failedStep).toBe('launcher')
    expect(run.code).toBe(1)
  })

  describe('bad input: one line, exit 2, nothing written', () => {
    it('a missing key variable', async () => {
      environments([{ name: 'Acme staging', domain: 'https://acme.example.com' }])
      const before = filesIn(temp.dir)
      const run = await qwb('doctor', '--env', 'Acme staging', '--workspace', workspace, '--data-dir', dataDir)
      expect(run.code).toBe(2)
      expect(run.out).toBe('')
      expect(run.err).toBe('qwb doctor: no API key for "Acme staging": set QWB_KEY_ACME_STAGING (or name another variable with --key-env NAME). See "qwb doctor --help".\n')
      expect(filesIn(temp.dir)).toEqual(before)
    })

    it('--key-env naming a variable that is not set', async () => {
      environments([{ name: 'Acme', domain: 'https://acme.example.com' }])
      const run = await qwb('doctor', '--env', 'Acme', '--key-env', 'NOT_SET_ANYWHERE_QWB', '--workspace', workspace, '--data-dir', dataDir)
      expect(run.code).toBe(2)
      expect(run.err.trim().split('\n')).toHaveLength(1)
      expect(run.err).toContain('NOT_SET_ANYWHERE_QWB (--key-env) is not set')
    })

    it('an unknown environment, listing the known ones', async () => {
      environments([{ name: 'Acme', domain: 'https://acme.example.com' }])
      const before = filesIn(temp.dir)
      const run = await qwb('doctor', '--env', 'Nope', '--workspace', workspace, '--data-dir', dataDir)
      expect(run.code).toBe(2)
      expect(run.err.trim().split('\n')).toHaveLength(1)
      expect(run.err).toContain('no environment "Nope"')
      expect(run.err).toContain('known: Offline sandbox, Acme')
      expect(filesIn(temp.dir)).toEqual(before)
    })

    it('a setup file that is not a setup', async () => {
      const file = join(temp.dir, 'broken-setup.json')
      writeFileSync(file, '{"formatVersion": 1, "name": 42}')
      const before = filesIn(temp.dir)
      const run = await qwb('doctor', '--env', 'sandbox', '--setup', file)
      expect(run.code).toBe(2)
      expect(run.err.trim().split('\n')).toHaveLength(1)
      expect(run.err).toContain('is not a setup: name:')
      expect(filesIn(temp.dir)).toEqual(before)
    })

    it('no --env, an unknown option', async () => {
      expect((await qwb('doctor')).code).toBe(2)
      const unknown = await qwb('doctor', '--key', 'abc')
      expect(unknown.code).toBe(2)
      expect(unknown.err).toContain("Unknown option '--key'")
    })
  })
})

describe('qwb bundle', () => {
  it('lists what goes in, then writes a file with no key and no token in any encoding', async () => {
    const key = makeSentinel()
    const server = await startQrveyLike({ apiKey: key })
    servers.push(server)
    environments([{ name: 'Acme', domain: server.url }])
    setKey('QWB_KEY_ACME', key)
    const out = join(temp.dir, 'bundle-ok.json')
    const run = await qwb('bundle', '--env', 'Acme', '--workspace', workspace, '--data-dir', dataDir, '--out', out)
    expect(run.code).toBe(0)
    const listedAt = run.out.indexOf('The support bundle holds')
    expect(listedAt).toBeGreaterThanOrEqual(0)
    expect(run.out.indexOf('Written to')).toBeGreaterThan(listedAt)
    for (const title of ['Setup', 'Environment', 'Token request as sent', 'Token header', 'Last preview', 'Doctor result', 'Versions']) expect(run.out).toContain(`  ${title}: `)
    const text = readFileSync(out, 'utf8')
    const bundle = JSON.parse(text)
    expect(bundle.requestAsSent.headers).toContain('x-api-key: (redacted)')
    expect(bundle.tokenHeader).toEqual({ alg: 'dir', enc: 'A256GCM', kid: 'test-kid' })
    expect(bundle.doctor.steps.map((s: { id: string }) => s.id)).toContain('launcher')
    expect(bundle.versions.runtime.node).toBe(process.versions.node)
    expect(findKeyEncodings(text, key)).toEqual([])
    expect(containsCompactJose(text)).toBe(false)
    expect(text).not.toContain(FAKE_JWE.split('.')[3])
  })

  it('a server that echoes the key in every encoding: none of them reaches the bundle', async () => {
    const key = makeSentinel()
    const server = await startQrveyLike({ apiKey: key, echoKey: (sent) => keyEncodings(sent).map((e) => e.form) })
    servers.push(server)
    environments([{ name: 'Echo', domain: server.url }])
    setKey('QWB_KEY_ECHO', key)
    const out = join(temp.dir, 'bundle-echo.json')
    const run = await qwb('bundle', '--env', 'Echo', '--workspace', workspace, '--data-dir', dataDir, '--out', out)
    expect(run.code).toBe(0)
    const text = readFileSync(out, 'utf8')
    const doctor = JSON.parse(text).doctor as DoctorReport
    expect(doctor.failedStep).toBe('token')
    // The server did echo it (the token service says so), and it was removed on the way.
    expect(doctor.steps.find((s) => s.id === 'token')?.verdict).toContain('the server echoed your API key back; it was removed')
    expect(findKeyEncodings(text, key)).toEqual([])
    expect(findKeyEncodings(run.out + run.err, key)).toEqual([])
  })

  it('the sandbox: the headless render stands in for the preview, and the CLI says so', async () => {
    const out = join(temp.dir, 'bundle-sandbox.json')
    const run = await qwb('bundle', '--env', 'sandbox', '--workspace', workspace, '--data-dir', dataDir, '--out', out)
    expect(run.code).toBe(0)
    const bundle = JSON.parse(readFileSync(out, 'utf8'))
    expect(bundle.lastPreview.source).toContain('the command line has no workbench preview')
    expect(bundle.lastPreview.events.map((e: { name: string }) => e.name)).toContain('qvDSHItemsLoaded')
    expect(bundle.setup.widgetId).toBe(findWidget('page-view')?.id)
  }, 60_000)

  it('bad input writes nothing: unknown environment, missing key variable, an existing --out', async () => {
    environments([{ name: 'Acme', domain: 'https://acme.example.com' }])
    const out = join(temp.dir, 'never.json')
    const unknown = await qwb('bundle', '--env', 'Nope', '--workspace', workspace, '--data-dir', dataDir, '--out', out)
    expect(unknown.code).toBe(2)
    const noKey = await qwb('bundle', '--env', 'Acme', '--workspace', workspace, '--data-dir', dataDir, '--out', out)
    expect(noKey.code).toBe(2)
    expect(noKey.err).toContain('set QWB_KEY_ACME')
    expect(existsSync(out)).toBe(false)
  })
})
