import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HistoryStore, type HistoryInput } from '../../../../src/main/history/history-store'
import { sha256Hex, summarizeToken } from '../../../../src/main/history/token-summary'
import { createSecretGuard } from '../../../../src/main/workspace/secret-guard'
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'
import { createHttpClient } from '../../../../src/main/http/http-client'
import { TokenService } from '../../../../src/main/tokens/token-service'
import { ok } from '../../../../src/shared/result'
import { makeTempDir } from '../../../support/temp-dir'

const SENTINEL = 'SENTINEL-history-0a9f-5521'
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
const JWS = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ userid: 'u1', exp: 2000000000 })}.c2lnbmF0dXJl`

const temps: Array<{ cleanup(): void }> = []
let sandbox: SandboxHandle | undefined
afterEach(async () => {
  temps.splice(0).forEach((t) => t.cleanup())
  await sandbox?.close()
  sandbox = undefined
})

function open(options: { file?: string; limit?: number } = {}) {
  let file = options.file
  if (!file) {
    const temp = makeTempDir('qwb-history-')
    temps.push(temp)
    file = join(temp.dir, 'history.jsonl')
  }
  let tick = 0
  const clock = () => new Date(Date.UTC(2025, 0, 1, 0, 0, tick++))
  return new HistoryStore({ file, limit: options.limit, clock, guard: createSecretGuard(() => [SENTINEL]) })
}

const success = (over: Partial<HistoryInput> = {}): HistoryInput => ({
  kind: 'token',
  status: 'success',
  setupName: 'Acme staging',
  environmentName: 'Acme env',
  widget: 'page-view',
  httpStatus: 200,
  timings: { total: 120, request: 110 },
  ...over
})

describe('summarizeToken', () => {
  it('keeps header and claims of a JWS, and its hash', () => {
    expect(summarizeToken(JWS)).toEqual({ format: 'JWS', header: { alg: 'HS256', typ: 'JWT' }, claims: { userid: 'u1', exp: 2000000000 }, sha256: sha256Hex(JWS), length: JWS.length })
  })

  it('keeps only the header of a JWE, and of an opaque token only the hash', () => {
    const jwe = `${b64({ alg: 'dir', enc: 'A256GCM' })}..aXY.Y3Q.dGFn`
    expect(summarizeToken(jwe)).toMatchObject({ format: 'JWE', header: { alg: 'dir', enc: 'A256GCM' } })
    expect(summarizeToken(jwe).claims).toBeUndefined()
    expect(summarizeToken('opaque-token-value')).toEqual({ format: 'opaque', sha256: sha256Hex('opaque-token-value'), length: 18 })
  })
})

describe('HistoryStore on a real file', () => {
  it('records a real sandbox token request as header + hash, never the token or the key', async () => {
    sandbox = await startSandbox({ apiKey: SENTINEL })
    const domain = sandbox.url
    const service = new TokenService(createHttpClient(), { resolveTarget: () => ok({ domain, apiKey: SENTINEL, timeoutMs: 5000, name: 'Sandbox' }) })
    const result = await service.generate({ environmentId: 'sandbox', body: { userid: 'u1', appid: 'a1' } })
    if (!result.ok) throw new Error(result.error.message)
    const history = open()
    const entry = history.add(success({ token: result.value.token, timings: { total: result.value.durationMs } }))
    expect(entry).toMatchObject({ ok: true, value: { token: { format: 'JWE', sha256: sha256Hex(result.value.token) } } })
    const text = readFileSync(history.file, 'utf8')
    expect(text).not.toContain(result.value.token)
    expect(text).not.toContain(result.value.token.split('.')[0])
    expect(text).not.toContain(SENTINEL)
  })

  it('refuses an entry that would contain a known key or a full token, and writes nothing', () => {
    const history = open()
    expect(history.add(success({ status: 'failure', error: `server said: bad key ${SENTINEL}` }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('API key (ending in 5521)') } })
    expect(history.add(success({ status: 'failure', error: `echoed ${JWS}. Try again` }))).toMatchObject({ ok: false, error: { message: expect.stringContaining('full token') } })
    expect(history.size).toBe(0)
    expect(() => readFileSync(history.file, 'utf8')).toThrow()
  })

  it('keeps the last 1,000 entries, newest first, across a restart, with a bounded file', () => {
    const first = open()
    for (let i = 0; i < 2500; i++) first.add(success({ setupName: `setup ${i}` }))
    expect(first.size).toBe(1000)
    const list = first.list()
    expect(list[0].setupName).toBe('setup 2499')
    expect(list.at(-1)?.setupName).toBe('setup 1500')
    const lines = readFileSync(first.file, 'utf8').trimEnd().split('\n').length
    expect(lines).toBeLessThan(2000)
    const again = open({ file: first.file })
    expect(again.size).toBe(1000)
    expect(again.list(1)[0].setupName).toBe('setup 2499')
    expect(readFileSync(first.file, 'utf8').trimEnd().split('\n')).toHaveLength(1000)
  })

  it('searches setup, environment, widget, status and error, with filters', () => {
    const history = open()
    history.add(success({ setupName: 'Acme staging' }))
    history.add(success({ kind: 'preview', setupName: 'Globex', environmentName: 'Globex env', widget: 'analytic-suite', timings: { total: 900, launcher: 300 } }))
    history.add({ kind: 'token', status: 'failure', setupName: 'Acme prod', environmentName: 'Acme env', errorCode: 'HTTP_401', error: 'The API key was rejected', timings: { total: 40 } })
    expect(history.query({ text: 'acme' }).map((e) => e.setupName)).toEqual(['Acme prod', 'Acme staging'])
    expect(history.query({ text: 'rejected' }).map((e) => e.setupName)).toEqual(['Acme prod'])
    expect(history.query({ text: 'http_401 acme' })).toHaveLength(1)
    expect(history.query({ text: 'failure' })).toHaveLength(1)
    expect(history.query({ text: 'analytic' }).map((e) => e.kind)).toEqual(['preview'])
    expect(history.query({ kind: 'token', status: 'success' })).toHaveLength(1)
    expect(history.query({ text: 'acme', limit: 1 })).toHaveLength(1)
  })

  it('skips a truncated last line (a crash mid-append) and keeps everything else', () => {
    const first = open()
    first.add(success({ setupName: 'kept 1' }))
    first.add(success({ setupName: 'kept 2' }))
    appendFileSync(first.file, '{"id":"x","time":"2025-01-01T00:00:00.000Z","kind":"tok')
    const again = open({ file: first.file })
    // Since issue 7 the skipped line is kept, byte for byte, in a backup next to the file.
    expect(again.loadReport).toEqual({ entries: 2, skippedLines: 1, skippedBackup: expect.stringMatching(/history\.corrupt-.*\.jsonl$/) })
    expect(readFileSync(again.loadReport.skippedBackup!, 'utf8')).toBe('{"id":"x","time":"2025-01-01T00:00:00.000Z","kind":"tok\n')
    again.add(success({ setupName: 'after' }))
    expect(open({ file: first.file }).list().map((e) => e.setupName)).toEqual(['after', 'kept 2', 'kept 1'])
  })

  it('clears', () => {
    const history = open()
    history.add(success())
    history.clear()
    expect(history.size).toBe(0)
    expect(readFileSync(history.file, 'utf8')).toBe('')
    writeFileSync(history.file, '')
    expect(open({ file: history.file }).size).toBe(0)
  })
})
