/**
 * API-key mode on the data routes: Qrvey documents the key in the widget
 * config as a development option ("API Key — for dev & testing only",
 * partner-portal docs/software-developer/04-Widgets/widget-authentication.md;
 * QRVEY.md §2), so the sandbox lets its own key in as `x-api-key` where a
 * widget would otherwise send a token. Real HTTP against a started sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_KEY_DEFAULT_USER, AUTH_MESSAGES } from '../../../../src/sandbox/server/bearer-auth'
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'
import { SANDBOX_CLIENT_ID_HEADER, SANDBOX_PATHS, SANDBOX_SELF_ID, type SandboxApp } from '../../../../src/shared/sandbox-api'
import { call, qrveyError } from './sandbox-client'

const APP = '59VShVtjM'
let sandbox: SandboxHandle

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: 'api-key-mode-key' })
})

afterAll(async () => {
  await sandbox?.close()
})

describe('data routes in API-key mode', () => {
  it('answer a request carrying the sandbox key as x-api-key and no token, for the URL user and app', async () => {
    const response = await call(sandbox, SANDBOX_PATHS.app('dev-user', APP), { headers: { 'x-api-key': sandbox.apiKey } })
    expect(response.status).toBe(200)
    const app = (await response.json()) as SandboxApp
    expect(app.appId).toBe(APP)
  })

  it('take "me" as a default user, since the Vue and Angular samples send only appid and apikey', async () => {
    const response = await call(sandbox, SANDBOX_PATHS.dashboard(SANDBOX_SELF_ID, APP, 'overview'), { headers: { 'x-api-key': sandbox.apiKey } })
    expect(response.status).toBe(200)
    expect(API_KEY_DEFAULT_USER).toBe('api-key-user')
  })

  it('refuse a wrong key with 401 without echoing it, and a key without an app with 400', async () => {
    const wrong = await call(sandbox, SANDBOX_PATHS.app('u', APP), { headers: { 'x-api-key': 'SENTINEL-wrong-key' } })
    expect(wrong.status).toBe(401)
    const text = await wrong.clone().text()
    expect(text).not.toContain('SENTINEL')
    expect(await qrveyError(wrong)).toEqual([AUTH_MESSAGES.badKey])
    const noApp = await call(sandbox, SANDBOX_PATHS.app(SANDBOX_SELF_ID, SANDBOX_SELF_ID), { headers: { 'x-api-key': sandbox.apiKey } })
    expect(noApp.status).toBe(400)
    expect((await qrveyError(noApp))[0]).toMatch(/API-key mode needs the app.*appId/)
  })

  it('refuse even the right key while the "reject key" rehearsal mode is on', async () => {
    sandbox.control.set({ rejectKey: true })
    try {
      const response = await call(sandbox, SANDBOX_PATHS.app('u', APP), { headers: { 'x-api-key': sandbox.apiKey } })
      expect(response.status).toBe(401)
    } finally {
      sandbox.control.reset()
    }
  })

  it('keep personalisation apart per page clientid (the API-key stand-in for the token clientid)', async () => {
    const headers = (clientId: string) => ({ 'x-api-key': sandbox.apiKey, [SANDBOX_CLIENT_ID_HEADER]: clientId })
    const path = SANDBOX_PATHS.dashboard('u', APP, 'products')
    const original = (await (await call(sandbox, path, { headers: headers('a') })).json()) as { name: string; panels: unknown[] }
    const saved = await call(sandbox, path, { method: 'PUT', body: { ...original, name: 'Renamed by a' }, headers: headers('a') })
    expect(saved.status).toBe(200)
    const forA = (await (await call(sandbox, path, { headers: headers('a') })).json()) as { name: string }
    const forB = (await (await call(sandbox, path, { headers: headers('b') })).json()) as { name: string }
    expect([forA.name, forB.name]).toEqual(['Renamed by a', original.name])
  })
})
