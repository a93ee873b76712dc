/**
 * Runs the hostile-server matrix through the real composition
 * (createMainApp, the handler registry, real loopback servers, real files)
 * and says, per server behaviour, where the key turned up and in which
 * encodings: the Result of `tokens:generate`, a preview made from its token
 * (the page served and the host page copied), `history:list`, history.jsonl,
 * main.log and every other file in the data folder.
 */
import { readAllFiles, makeTempDir } from './temp-dir'
import { startServer } from './failure-servers'
import { HOSTILE_CASES, type HostileCase } from './hostile-servers'
import { allStrings, findKeyEncodings } from './key-encodings'
import { createMainApp, type MainApp } from '../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../src/main/app/node-options'

export const MATRIX_ORIGIN = 'app://workbench'
const SENDER = { url: `${MATRIX_ORIGIN}/`, isMainFrame: true }

export interface MatrixRow {
  name: string
  /** Where the key was found, e.g. `result: json-go` or `history.jsonl: url`. */
  leaks: string[]
  /** What the user was told: the Result's code and message. */
  outcome: string
  /** The key really reached the server. */
  keyArrived: boolean
}

function scan(where: string, text: string, key: string, leaks: string[]): void {
  for (const encoding of findKeyEncodings(text, key)) leaks.push(`${where}: ${encoding}`)
}

export async function runCase(c: HostileCase, key: string): Promise<MatrixRow> {
  const temp = makeTempDir('qwb-leak-')
  const server = await startServer(c.behaviour)
  let app: MainApp | undefined
  try {
    app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: MATRIX_ORIGIN, version: '0.0.0-matrix' }))
    const invoke = (channel: string, payload?: unknown) => app!.registry.invoke(channel, payload, SENDER)
    const created = (await invoke('environments:create', { name: 'Hostile', domain: server.url })) as { ok: boolean; value: { activeId: string } }
    if (!created.ok) throw new Error(`could not create the environment: ${JSON.stringify(created)}`)
    const id = created.value.activeId
    // The key goes in through the service: the IPC key rule refuses a space and é (see makeSentinel).
    app.environments.setKey(id, key)
    const leaks: string[] = []
    const result = (await invoke('tokens:generate', { environmentId: id, body: { userid: 'u1', appid: '59VShVtjM' } })) as {
      ok: boolean
      value?: { token: string }
      error?: { code: string; message: string }
    }
    for (const text of allStrings(result)) scan('result', text, key, leaks)
    scan('result (as JSON)', JSON.stringify(result), key, leaks)
    if (result.ok && result.value) {
      const preview = await invoke('preview:create', { environmentId: id, widgetId: 'dashboard-view', token: result.value.token, fields: { dashboardid: 'overview' }, qrvey86OrNewer: false })
      for (const text of allStrings(preview)) scan('preview:create', text, key, leaks)
      if (preview.ok) {
        const page = await fetch((preview.value as { url: string }).url)
        scan('preview page', await page.text(), key, leaks)
      }
    }
    for (const text of allStrings(await invoke('history:list', {}))) scan('history:list', text, key, leaks)
    for (const text of allStrings(await invoke('environments:list'))) scan('environments:list', text, key, leaks)
    await app.close()
    app = undefined
    for (const file of readAllFiles(temp.dir)) {
      const name = file.path.slice(temp.dir.length + 1)
      scan(name, file.text, key, leaks)
      // readAllFiles reads latin1; UTF-8 files are also read as UTF-8 so é is é.
      scan(name, Buffer.from(file.text, 'latin1').toString('utf8'), key, leaks)
    }
    const outcome = result.ok ? 'ok' : `${result.error?.code}: ${result.error?.message}`
    return { name: c.name, leaks: [...new Set(leaks)], outcome, keyArrived: server.requests.some((r) => r.headers['x-api-key'] === key) }
  } finally {
    await app?.close()
    await server.close()
    temp.cleanup()
  }
}

export async function runLeakMatrix(key: string, cases: HostileCase[] = HOSTILE_CASES): Promise<MatrixRow[]> {
  const rows: MatrixRow[] = []
  for (const c of cases) rows.push(await runCase(c, key))
  return rows
}
