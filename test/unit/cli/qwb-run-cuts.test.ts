/**
 * `qwb run` cuts what a server and its pages say to a line for the report
 * (a console error's first 300 characters in the check's message, each
 * detail line at 500, a refusal of the sandbox's data API at 300). The key
 * is removed before each cut: cut first, a key across the cut was no longer
 * whole, and its first part was printed and written to the JUnit file
 * (found in review). A real server on loopback (any loopback domain counts
 * as a sandbox, so its data API is asked for a persona's values), real
 * Chromium.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../support/failure-servers'
import { demoSetup, runQwb, writeEnvironments, writePersona, writeSetup } from '../../support/qwb-run-fixtures'
import { makeTempDir } from '../../support/temp-dir'

const KEY = 'qrvkAbcDEF0123456789abcdef0042'
const temp = makeTempDir('qwb-run-cuts-')
const ws = temp.dir
let server: RunningServer
let layeredServer: RunningServer
let received = ''

/** \u of %XX of %XX: three layers the detector undoes, holding backslashes a JSON report escapes once more. */
const layered = (k: string) =>
  [...[...Buffer.from([...Buffer.from(k, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''), 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')]
    .map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('')

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url?.startsWith('/devapi/v4/core/login/token')) {
      received = String(req.headers['x-api-key'] ?? '')
      res.writeHead(200, { 'content-type': 'application/json' })
      return void res.end(JSON.stringify({ token: 'opaque-token-abcdefghijklmnopqrstuvwxyz' }))
    }
    if (req.url?.split('?')[0].endsWith('.js')) {
      // The widget's script: one console error with the key across character 300, one across 500.
      res.writeHead(200, { 'content-type': 'application/javascript' })
      return void res.end([285, 485].map((pad) => `console.error(${JSON.stringify(`${'x'.repeat(pad)}${received} end`)});`).join('\n'))
    }
    // The data API (the persona's values): a refusal with the key across character 300.
    res.writeHead(401, { 'content-type': 'text/plain' })
    res.end(`${'x'.repeat(280)}${received} was the key used earlier`)
  })
  // A loopback "sandbox" whose data API refuses with a JSON message holding the key in three layers.
  layeredServer = await startServer((req, res) => {
    if (req.url?.startsWith('/devapi/v4/core/login/token')) {
      received = String(req.headers['x-api-key'] ?? '')
      res.writeHead(200, { 'content-type': 'application/json' })
      return void res.end(JSON.stringify({ token: 'opaque-token-abcdefghijklmnopqrstuvwxyz' }))
    }
    res.writeHead(401, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ errors: [{ message: `refused; key ${layered(received)}` }] }))
  })
  writeEnvironments(ws, [
    { name: 'Hostile', domain: server.url },
    { name: 'Layered', domain: layeredServer.url }
  ])
  writePersona(ws, 'p.json', { name: 'P', token: { userid: 'u1' } })
  writeSetup(join(ws, 'cuts'), 'cuts.json', demoSetup('page-view', { environment: 'Hostile', name: 'Cuts', personas: [{ persona: 'P', expect: [{ kind: 'no-rows' as const, dataset: 'sales-orders' }] }] }))
})

afterAll(async () => {
  await Promise.all([server?.close(), layeredServer?.close()])
  temp.cleanup()
})

describe('qwb run: a key across a cut', () => {
  it('no part of it is printed or written: console errors, their detail lines, a data API refusal', async () => {
    const out = join(ws, 'cuts.xml')
    const result = await runQwb([join(ws, 'cuts'), '--workspace', ws, '--reporter', 'junit', '--out', out, '--timeout', '5'], { QWB_KEY_HOSTILE: KEY }, join(ws, 'data'))
    const junit = readFileSync(out, 'utf8')
    const all = `${result.out}\n${result.err}\n${junit}`
    expect(received).toBe(KEY)
    // Each path really ran: the console errors are reported, the refusal is quoted.
    expect(junit).toContain(`first: ${'x'.repeat(285)}`)
    expect(junit).toContain('x'.repeat(485))
    expect(junit).toMatch(/refused this token \(401\): x{200}/)
    expect(all).toContain('[redacted, ends in 0042]')
    for (const part of [KEY.slice(0, 8), KEY.slice(8, 16), KEY.slice(16, 24), KEY.slice(-8)]) expect(all, part).not.toContain(part)
  }, 90_000)

  it('a JSON report: a key in three layers in a server message is removed before JSON escapes it once more (found in the second review)', async () => {
    const out = join(ws, 'layered.json')
    const result = await runQwb([join(ws, 'cuts'), '--env', 'Layered', '--workspace', ws, '--reporter', 'json', '--out', out, '--timeout', '5'], { QWB_KEY_LAYERED: KEY }, join(ws, 'data'))
    const report = readFileSync(out, 'utf8')
    expect(received).toBe(KEY)
    expect(report).toContain('refused; key')
    const all = `${result.out}\n${result.err}\n${report}`
    // The three-layer form as the JSON report would write it, and as it reads.
    for (const form of [JSON.stringify(layered(KEY)).slice(1, 41), layered(KEY).slice(0, 40)]) expect(all).not.toContain(form)
  }, 90_000)
})
