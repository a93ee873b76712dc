/**
 * The API key sentinel travels through the real app composition (vault,
 * environments in the workspace file, a real token request to a sandbox that
 * accepts only that key) and must appear in no workspace file, export,
 * history entry or share text; nor may the full token.
 */
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMainApp, type MainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { HistoryStore } from '../../../../src/main/history/history-store'
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'
import { parseImportInput } from '../../../../src/main/workspace/import-file'
import { createSecretGuard } from '../../../../src/main/workspace/secret-guard'
import { exportableEnvironments, WorkspaceStore } from '../../../../src/main/workspace/workspace-store'
import { base64urlToText } from '../../../../src/shared/base64url'
import { readAllFiles } from '../../../support/temp-dir'
import { tempDir, value } from './helpers'

const SENTINEL = 'SENTINEL-apikey-e2e-71c3-90ab'

let app: MainApp | undefined
let sandbox: SandboxHandle | undefined
const workspaces: WorkspaceStore[] = []
afterEach(async () => {
  await Promise.all(workspaces.splice(0).map((w) => w.close()))
  await app?.close()
  await sandbox?.close()
})

describe('the API key sentinel never leaves the vault', () => {
  it('is absent from workspace files, exports, history and share text; so is the full token', async () => {
    const appData = tempDir('qwb-appdata-')
    app = await createMainApp(nodeMainAppOptions(appData, { rendererOrigin: 'app://workbench' }))
    // The app's own workspace: environment records in it, activeId and keys in the app's data folder.
    const workspace = app.workspace.store
    sandbox = await startSandbox({ apiKey: SENTINEL })
    const env = value(app.environments.create({ name: 'Customer sandbox', domain: sandbox.url, apiKey: SENTINEL }))
    const environmentId = env.activeId

    const body = { userid: 'u1', appid: 'a1', clientid: 'c@example.com', expiresIn: '10m' }
    const generated = value(await app.tokens.generate({ environmentId, body }))
    const token = generated.token
    const wrongKey = value(app.environments.create({ name: 'Wrong key', domain: sandbox.url, apiKey: `${SENTINEL}-not` })).activeId
    const refused = await app.tokens.generate({ environmentId: wrongKey, body })
    expect(refused.ok).toBe(false)

    const history = new HistoryStore({ file: join(appData, 'history.jsonl'), guard: createSecretGuard(() => [SENTINEL]) })
    value(history.add({ kind: 'token', status: 'success', setupName: 'Ticket 1', environmentName: 'Customer sandbox', widget: 'page-view', httpStatus: generated.status, timings: { total: generated.durationMs }, token }))
    if (!refused.ok) value(history.add({ kind: 'token', status: 'failure', environmentName: 'Wrong key', errorCode: refused.error.code, error: refused.error.message, timings: { total: 1 } }))
    // A server echoing the key in its error is refused, not stored.
    expect(history.add({ kind: 'token', status: 'failure', error: `bad key ${SENTINEL}`, timings: {} }).ok).toBe(false)

    const saved = value(
      await workspace.save({
        setup: { formatVersion: 1, name: 'Ticket 1', environment: 'Customer sandbox', widget: 'page-view', token: { ...body, extra: { apiKey: SENTINEL, 'x-api-key': SENTINEL, qvToken: token } }, widgetFields: { dashboardId: 'd1' } }
      })
    )
    expect(saved.dropped.map((d) => d.path)).toEqual(['token.extra.apiKey', 'token.extra.x-api-key', 'token.extra.qvToken'])
    expect(await workspace.save({ setup: { formatVersion: 1, name: 'Notes leak', notes: `key: ${SENTINEL}` } })).toMatchObject({ ok: false })
    expect(await workspace.save({ setup: { formatVersion: 1, name: 'Token leak', notes: `token: ${token}` } })).toMatchObject({ ok: false })

    const environments = exportableEnvironments(app.environments.state().environments)
    const single = value(workspace.exportSetups([saved.summary.id], environments)).text
    const whole = value(workspace.exportSetups('all', environments)).text
    const share = value(workspace.shareText(saved.summary.id, environments))
    const shareDecoded = base64urlToText(share.split('.')[1])
    if (!shareDecoded.ok) throw new Error(shareDecoded.message)

    // Round trip of the share text still carries the environment, for the importer to create (asking for its key).
    const imported = parseImportInput(share)
    expect(imported).toMatchObject({ ok: true, document: { environments: [{ name: 'Customer sandbox', domain: sandbox.url }] } })

    const texts: Array<[string, string]> = [
      ['single export', single],
      ['workspace export', whole],
      ['share text', share],
      ['decoded share text', shareDecoded.text],
      ['history list', JSON.stringify(history.list())],
      ...readAllFiles(workspace.dir).map((f): [string, string] => [f.path, f.text]),
      ...readAllFiles(appData).map((f): [string, string] => [f.path, f.text])
    ]
    expect(texts.length).toBeGreaterThan(8)
    for (const [where, text] of texts) {
      expect(text.includes(SENTINEL), `${where} contains the API key`).toBe(false)
      expect(text.includes(token), `${where} contains the full token`).toBe(false)
      expect(text.includes(token.split('.').slice(2).join('.')), `${where} contains the token's encrypted part`).toBe(false)
    }
    expect(history.list()[1].token).toMatchObject({ format: 'JWE', header: expect.objectContaining({ enc: expect.any(String) }) })
  })
})
