/**
 * A seeded, bounded fuzzer for the IPC handler registry (issue 7): random
 * and hostile payloads to every channel of the real composition
 * (createMainApp on temp folders), as a compromised renderer could send
 * them. Checked for every call:
 *  - the reply is a Result ({ok: true, value} or {ok: false, error: {code, message}}), never a throw;
 *  - a refused call (an input problem: INVALID_INPUT, NOT_FOUND, ...) leaves every
 *    file of the data folder byte-identical (the log aside: it records refusals).
 * Used by test/unit/main/ipc/ipc-fuzz.test.ts (a few hundred payloads per
 * channel) and scripts/fuzz-ipc.ts (the long run: --count, --seed).
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createMainApp, type MainApp } from '../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../src/main/app/node-options'
import { IPC_REQUEST_SCHEMAS, type Channel } from '../../src/shared/ipc-contract'
import { seededRandom, type Random } from '../../src/sandbox/data/prng'
import { makeTempDir } from './temp-dir'

export const FUZZ_ORIGIN = 'app://workbench'
const TRUSTED = { url: `${FUZZ_ORIGIN}/index.html`, isMainFrame: true }
const SENDERS = [
  { url: 'http://127.0.0.1:5999/preview/x', isMainFrame: false },
  { url: `${FUZZ_ORIGIN}/index.html`, isMainFrame: false },
  { url: 'https://evil.example/', isMainFrame: true },
  { url: 'app://workbench.evil/', isMainFrame: true },
  { url: '', isMainFrame: true }
]

/** Codes that mean "refused: the request was wrong", after which nothing may have changed on disk. */
export const REFUSAL_CODES = new Set(['INVALID_INPUT', 'INVALID_URL', 'FORBIDDEN_SENDER', 'UNKNOWN_CHANNEL', 'NOT_FOUND', 'CONFLICT', 'NO_API_KEY', 'UNSUPPORTED'])

export const CHANNELS = Object.keys(IPC_REQUEST_SCHEMAS) as Channel[]

// ------------------------------------------------------------------ payloads

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\u202eevil',
  '👩‍💻',
  '../../../../etc/passwd',
  '..\\..\\Windows\\win.ini',
  'CON',
  'setups/../../x',
  '%00',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '__proto__',
  'constructor',
  'https://169.254.169.254/latest/meta-data',
  'http://evil.localhost:1',
  'http://127.0.0.1:1',
  'https://127.0.0.1:1',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln',
  'SENTINEL-fuzz-key-0001',
  'sandbox',
  'page-view',
  'replace',
  'keep-both',
  'all'
]
const HOSTILE_NUMBERS = [0, -0, -1, 1, 0.5, 99, 100, 120_000, 120_001, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]

const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)]

function randomString(r: Random): string {
  const roll = r()
  if (roll < 0.6) return pick(r, HOSTILE_STRINGS)
  if (roll < 0.75) return pick(r, HOSTILE_STRINGS).repeat(1 + Math.floor(r() * 2000))
  let out = ''
  const length = Math.floor(r() * 40)
  for (let i = 0; i < length; i++) out += String.fromCharCode(Math.floor(r() * (r() < 0.9 ? 128 : 0xffff)))
  return out
}

/** Nested ~depth levels: arrays or objects (the issue: permissions ~1,000 deep made the registry throw). */
function deep(r: Random, depth: number): unknown {
  let value: unknown = pick(r, ['leaf', 1, null])
  const asObject = r() < 0.5
  for (let i = 0; i < depth; i++) value = asObject ? { record_permissions: [value], security_name: 'region', values: ['x'] } : [value]
  return value
}

export function randomValue(r: Random, depth = 0): unknown {
  const roll = r()
  if (depth > 4 || roll < 0.35) {
    const kind = Math.floor(r() * 6)
    if (kind === 0) return randomString(r)
    if (kind === 1) return pick(r, HOSTILE_NUMBERS)
    if (kind === 2) return r() < 0.5
    if (kind === 3) return null
    if (kind === 4) return undefined
    return pick(r, [new Date(0), new Uint8Array([1, 2, 3]), new Map([['a', 1]]), new Set([1]), 10n ** 30n])
  }
  if (roll < 0.5) return Array.from({ length: Math.floor(r() * 5) }, () => randomValue(r, depth + 1))
  if (roll < 0.55) return deep(r, pick(r, [50, 1000, 3000]))
  const out: Record<string, unknown> = {}
  const keys = Math.floor(r() * 5)
  for (let i = 0; i < keys; i++) {
    const key = r() < 0.3 ? pick(r, ['__proto__', 'constructor', 'prototype', 'toString', 'apiKey', 'id', 'text', 'setup', 'body']) : randomString(r).slice(0, 20)
    Object.defineProperty(out, key, { value: randomValue(r, depth + 1), enumerable: true, writable: true, configurable: true })
  }
  return out
}

/** A copy of a valid payload with one thing wrong (or made hostile). */
export function mutate(r: Random, sample: unknown, depth = 0): unknown {
  if (sample === null || typeof sample !== 'object' || depth > 6) return r() < 0.5 ? randomValue(r, 3) : sample
  const copy: Record<string, unknown> = Array.isArray(sample) ? ([...sample] as unknown as Record<string, unknown>) : { ...(sample as Record<string, unknown>) }
  const keys = Object.keys(copy)
  const roll = r()
  if (keys.length === 0 || roll < 0.15) {
    Object.defineProperty(copy, r() < 0.5 ? '__proto__' : randomString(r).slice(0, 12) || 'extra', { value: randomValue(r, 2), enumerable: true, writable: true, configurable: true })
  } else if (roll < 0.3) {
    delete copy[pick(r, keys)]
  } else if (roll < 0.65) {
    copy[pick(r, keys)] = randomValue(r, 2)
  } else {
    const key = pick(r, keys)
    copy[key] = mutate(r, copy[key], depth + 1)
  }
  return copy
}

/** A record permission group nested `depth` levels deep. */
function deepPermission(depth: number): unknown {
  let value: unknown = { security_name: 'region', validation_type: 'EQUAL', values: ['North'] }
  for (let i = 0; i < depth; i++) value = { operator: 'AND', record_permissions: [value] }
  return value
}

/** Valid payloads for each channel, with ids from the app's current state. */
export function samplePayloads(ids: { environmentId: string; setupId: string; importText: string; personaId: string }): Record<Channel, unknown[]> {
  const persona = { formatVersion: 1, name: 'Fuzz persona', description: 'd', token: { userid: 'p1', roles: ['Finance'], permissions: [{ dataset_id: '*', record_permissions: [{ security_name: 'region', values: ['Europe'] }] }] } }
  const setup = { formatVersion: 1, name: 'Fuzz setup', environment: 'Offline sandbox', widget: 'page-view', token: { userid: 'u1', appid: '59VShVtjM' }, widgetFields: { dashboardId: 'overview' } }
  const body = { userid: 'u1', appid: '59VShVtjM', expiresIn: '1h', permissions: [{ dataset_id: 'sales-orders', record_permissions: [{ security_name: 'region', validation_type: 'EQUAL', values: ['North'] }] }] }
  return {
    'app:info': [undefined, null, {}],
    'environments:list': [undefined],
    'environments:create': [{ name: 'Fuzz env', domain: 'https://127.0.0.1:1', apiKey: 'fuzz-key-12345678', timeoutMs: 1000 }],
    'environments:update': [{ id: ids.environmentId, name: 'Renamed', timeoutMs: 2000 }],
    'environments:set-key': [{ id: ids.environmentId, apiKey: 'another-key-12345678' }],
    'environments:remove-key': [{ id: ids.environmentId }],
    'environments:delete': [{ id: ids.environmentId }],
    'environments:select': [{ id: ids.environmentId }],
    'tokens:generate': [
      { environmentId: ids.environmentId, body, context: { setupName: 'x', widgetId: 'page-view' }, timeoutMs: 2000 },
      // The case: permissions nested ~1,000 deep made the registry throw a RangeError.
      { environmentId: ids.environmentId, body: { ...body, permissions: [{ dataset_id: 'ds', record_permissions: [deepPermission(1000)] }] } }
    ],
    'tokens:cancel': [{ requestId: '00000000-0000-4000-8000-000000000000' }, { requestId: 'not-a-uuid' }],
    'preview:create': [{ environmentId: ids.environmentId, widgetId: 'page-view', token: 'eyJhbGciOiJkaXIifQ..aXY.Y3Q.dGFn', fields: { dashboardId: 'overview' }, qrvey86OrNewer: true }],
    'preview:pop-out': [{ url: 'http://127.0.0.1:1/preview/x' }],
    'sandbox:modes': [undefined],
    'sandbox:set-modes': [{ latencyMs: 0, failureRate: 0.5, rejectKey: false }],
    'sandbox:reset-modes': [undefined],
    'workspace:info': [undefined],
    'workspace:reload': [undefined],
    'workspace:choose-folder': [undefined],
    'workspace:open-folder': [{ path: '/nonexistent-fuzz-folder' }],
    'workspace:search': [{ query: 'fuzz', limit: 10 }],
    'workspace:page': [{ query: 'fuzz', offset: 0, limit: 50 }, { offset: 10_000, limit: 500 }],
    'workspace:summaries': [{ ids: [ids.setupId, 'no-such-setup'] }],
    'workspace:get': [{ id: ids.setupId }],
    'workspace:save': [{ setup }, { id: ids.setupId, setup }, { setup: { ...setup, name: 'Deep', token: { ...setup.token, permissions: [{ dataset_id: 'ds', record_permissions: [deepPermission(1000)] }] } } }],
    'workspace:rename': [{ id: ids.setupId, name: 'Renamed setup' }],
    'workspace:duplicate': [{ id: ids.setupId }],
    'workspace:delete': [{ ids: [ids.setupId] }],
    'workspace:restore': [{ undoToken: '00000000-0000-4000-8000-000000000000' }],
    'workspace:export': [{ ids: 'all' }, { ids: [ids.setupId] }],
    'workspace:share-text': [{ id: ids.setupId }],
    'workspace:import-preview': [{ text: ids.importText, onConflict: 'keep-both' }],
    'workspace:import-apply': [{ importId: '00000000-0000-4000-8000-000000000000' }],
    'history:list': [{ text: 'fuzz', limit: 5 }],
    'history:clear': [undefined],
    'history:record-preview': [{ environmentId: ids.environmentId, widgetId: 'page-view', status: 'success', timings: { total: 10 } }],
    'settings:get': [undefined],
    'settings:update': [{ ui: { theme: 'dark' } }, { history: { enabled: false } }, { sandbox: { port: 4301 } }],
    'code:export-starter': [{ languageId: 'python', widgetId: 'page-view', domain: 'https://acme.qrveyapp.com', body, fields: { dashboardId: 'overview' }, qrvey86OrNewer: true }],
    'code:starter-zip': [{ languageId: 'python', widgetId: 'page-view', domain: 'https://acme.qrveyapp.com', body, fields: { dashboardId: 'overview' }, qrvey86OrNewer: true }],
    'sandbox:expire-token': [{ token: 'eyJhbGciOiJkaXIifQ..aXY.Y3Q.dGFn' }],
    'drafts:get': [undefined],
    'drafts:put': [
      {
        setupId: null,
        draftName: '',
        environment: 'Offline sandbox',
        form: { widgetId: 'page-view', widgetValues: {}, fields: { userid: 'u1', appid: 'a', clientid: '', expiresIn: '1h' }, timeoutText: '', permissionsText: '', extraText: '', qrvey86: true }
      }
    ],
    'drafts:clear': [undefined],
    'discovery:list': [{ environmentId: ids.environmentId, kind: 'apps', userid: 'u1' }, { environmentId: ids.environmentId, kind: 'panels', appid: '59VShVtjM', datasetId: 'sales-orders' }],
    'demos:list': [undefined],
    // Issue 12: the compare view.
    'compare:start': [
      {
        environmentId: ids.environmentId,
        widgetId: 'page-view',
        fields: { dashboardId: 'overview' },
        qrvey86OrNewer: true,
        base: { userid: 'u1', appid: '59VShVtjM', expiresIn: '1h' },
        personas: [
          { name: 'All regions', token: { userid: 'all', permissions: body.permissions } },
          { name: 'Nobody', token: { userid: 'nobody' } }
        ]
      }
    ],
    'compare:values': [{ environmentId: ids.environmentId, tokens: ['eyJhbGciOiJkaXIifQ..aXY.Y3Q.dGFn'] }],
    'personas:list': [undefined],
    'personas:get': [{ id: ids.personaId }],
    'personas:save': [{ persona }, { id: ids.personaId, persona }, { persona: { ...persona, name: 'Deep', token: { userid: 'u', permissions: [{ dataset_id: 'ds', record_permissions: [deepPermission(1000)] }] } } }],
    'personas:rename': [{ id: ids.personaId, name: 'Renamed persona' }],
    'personas:duplicate': [{ id: ids.personaId }],
    'personas:delete': [{ ids: [ids.personaId] }],
    'personas:restore': [{ undoToken: '00000000-0000-4000-8000-000000000000' }],
    'personas:export': [{ ids: 'all' }, { ids: [ids.personaId] }],
    'personas:share-text': [{ id: ids.personaId }],
    'personas:demos': [undefined],
    'personas:add-demos': [undefined],
    'doctor:run': [{ environmentId: ids.environmentId, runId: 'fuzz-run' }],
    'support:bundle': [
      {
        environmentId: ids.environmentId,
        setup: { name: 'Fuzz', widgetId: 'page-view', body, fields: { dashboardId: 'overview' }, qrvey86OrNewer: true },
        request: { method: 'POST', url: 'https://127.0.0.1:1/devapi/v4/core/login/token', headers: { 'x-api-key': '…5678' }, body },
        tokenHeader: { alg: 'dir', enc: 'A256GCM', kid: 'k1' },
        preview: { widgetId: 'page-view', log: [{ time: 1, kind: 'event', name: 'qvDSHItemsLoaded', message: 'loaded' }] }
      }
    ]
  }
}

// ------------------------------------------------------------------ files

/** sha256 of every file below `dir` (path and bytes), the log folder aside. */
export function hashFolder(dir: string): string {
  const hash = createHash('sha256')
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name)
      if (statSync(path).isDirectory()) {
        if (relative(dir, path) !== 'logs') walk(path)
      } else {
        hash.update(relative(dir, path)).update('\0').update(readFileSync(path)).update('\0')
      }
    }
  }
  walk(dir)
  return hash.digest('hex')
}

// ------------------------------------------------------------------ the run

export interface FuzzFinding {
  channel: string
  payload: string
  problem: string
}

export interface FuzzReport {
  calls: number
  /** Payloads skipped because no renderer could send them (structured clone fails). */
  unsendable: number
  refused: number
  accepted: number
  byCode: Record<string, number>
  /** Broken promises: a throw, a reply that is not a Result, a refused call that changed a file. */
  findings: FuzzFinding[]
  /** Calls answered INTERNAL (a Result, but a handler failed instead of naming the problem). */
  internal: FuzzFinding[]
}

function describePayload(payload: unknown): string {
  try {
    const text = JSON.stringify(payload, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Map || v instanceof Set ? `[${v.constructor.name}]` : v))
    return (text ?? String(payload)).slice(0, 300)
  } catch (error) {
    return `(unprintable: ${String(error)})`
  }
}

function isResult(value: unknown): value is { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } } {
  if (typeof value !== 'object' || value === null) return false
  const v = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } }
  if (v.ok === true) return 'value' in v
  return v.ok === false && typeof v.error?.code === 'string' && typeof v.error.message === 'string'
}

/** A fresh app on temp folders, with one environment with a key, one setup and one history line to fuzz against. */
export async function startFuzzApp(): Promise<{ app: MainApp; dir: string; ids: { environmentId: string; setupId: string; importText: string; personaId: string }; close(): Promise<void> }> {
  const temp = makeTempDir('qwb-fuzz-')
  const app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: FUZZ_ORIGIN }))
  const call = async (channel: string, payload: unknown) => {
    const result = await app.registry.invoke(channel, payload, TRUSTED)
    if (!result.ok) throw new Error(`fuzz set-up: ${channel} failed: ${result.error.message}`)
    return result.value as Record<string, unknown>
  }
  await call('environments:create', { name: 'Refusing host', domain: 'https://127.0.0.1:1', apiKey: 'SENTINEL-fuzz-key-0001', timeoutMs: 1000 })
  const saved = await call('workspace:save', { setup: { formatVersion: 1, name: 'Seed setup', environment: 'Offline sandbox', widget: 'page-view' } })
  const environmentId = (app.environments.state().environments.find((e) => e.name === 'Refusing host') as { id: string }).id
  await call('history:record-preview', { environmentId, widgetId: 'page-view', status: 'success', timings: { total: 1 } })
  const personaSaved = await call('personas:save', { persona: { formatVersion: 1, name: 'Seed persona', token: { userid: 'seed' } } })
  const exported = await call('workspace:export', { ids: 'all' })
  return {
    app,
    dir: temp.dir,
    ids: { environmentId, setupId: (saved.summary as { id: string }).id, importText: exported.text as string, personaId: (personaSaved.summary as { id: string }).id },
    close: async () => {
      await app.close()
      temp.cleanup()
    }
  }
}

/**
 * `count` payloads to `channel`: about a third valid samples mutated once,
 * a third mutated twice, the rest random values; one call in ten from a
 * sender that is not the workbench, one in twenty to a misspelt channel.
 */
export async function fuzzChannel(channel: Channel, options: { seed: number; count: number; app?: Awaited<ReturnType<typeof startFuzzApp>> }): Promise<FuzzReport> {
  const own = options.app ? undefined : await startFuzzApp()
  const { app, dir, ids } = options.app ?? (own as Awaited<ReturnType<typeof startFuzzApp>>)
  const r = seededRandom(options.seed ^ hashChannel(channel))
  const samples = samplePayloads(ids)[channel]
  const report: FuzzReport = { calls: 0, unsendable: 0, refused: 0, accepted: 0, byCode: {}, findings: [], internal: [] }
  try {
    while (report.calls < options.count) {
      const roll = r()
      const base = pick(r, samples)
      const payload = roll < 0.1 ? base : roll < 0.4 ? mutate(r, base) : roll < 0.7 ? mutate(r, mutate(r, base)) : randomValue(r)
      const senderRoll = r()
      const sender = senderRoll < 0.1 ? pick(r, SENDERS) : TRUSTED
      const target = senderRoll > 0.95 ? `${channel}${pick(r, [' ', 'x', ':', '\u0000'])}` : channel
      // What crosses real IPC is a structured clone: the same here (functions, getters and proxies cannot arrive).
      // What cannot be cloned (nested deeper than the cloner's stack) cannot be sent by a renderer either.
      let sent: unknown
      try {
        sent = structuredClone(payload)
      } catch {
        report.unsendable++
        continue
      }
      const before = hashFolder(dir)
      let result: unknown
      report.calls++
      try {
        result = await app.registry.invoke(target, sent, sender)
      } catch (error) {
        report.findings.push({ channel, payload: describePayload(payload), problem: `threw instead of returning a Result: ${String(error).slice(0, 200)}` })
        continue
      }
      if (!isResult(result)) {
        report.findings.push({ channel, payload: describePayload(payload), problem: `replied with something that is not a Result: ${describePayload(result)}` })
        continue
      }
      const code = result.ok ? 'ok' : result.error.code
      report.byCode[code] = (report.byCode[code] ?? 0) + 1
      if (result.ok) {
        report.accepted++
        continue
      }
      report.refused++
      // A Result all the same, but a handler failed where it should have said what was wrong: listed for the long run's report.
      if (code === 'INTERNAL') report.internal.push({ channel, payload: describePayload(payload), problem: 'a handler failed (INTERNAL)' })
      if ((REFUSAL_CODES.has(code) || code === 'INTERNAL') && hashFolder(dir) !== before) {
        report.findings.push({ channel, payload: describePayload(payload), problem: `refused (${code}: ${result.error.message.slice(0, 120)}) but changed files in the data folder` })
      }
    }
  } finally {
    await own?.close()
  }
  return report
}

function hashChannel(channel: string): number {
  let h = 2166136261
  for (let i = 0; i < channel.length; i++) h = Math.imul(h ^ channel.charCodeAt(i), 16777619)
  return h >>> 0
}
