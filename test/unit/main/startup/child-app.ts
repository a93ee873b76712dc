/**
 * A workbench main process in a child process, for the two-process tests:
 * `node --import tsx child-app.ts <dataDir> [workspaceDir]`. Starts the real
 * composition on the folder, prints one JSON line ({ready, pid} or
 * {error, name, message}), then answers IPC calls given as JSON lines on
 * stdin ({n, channel, payload}) with JSON lines ({n, result}). Exits when
 * stdin closes.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createMainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { createNodeCipher } from '../../../../src/main/secrets/node-cipher'

const [dataDir, workspaceDir] = process.argv.slice(2)
const ORIGIN = 'app://workbench'
const trusted = { url: `${ORIGIN}/index.html`, isMainFrame: true }

async function main(): Promise<void> {
  if (workspaceDir) {
    // The workspace folder a user chose (settings are how the app learns it at start).
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ settingsFormatVersion: 2, workspace: { path: workspaceDir, recent: [workspaceDir] } }))
  }
  let app
  try {
    // One cipher key for every process (safeStorage's key belongs to the OS user, not the process).
    app = await createMainApp({ ...nodeMainAppOptions(dataDir, { rendererOrigin: ORIGIN, version: 'child' }), cipher: createNodeCipher(Buffer.alloc(32, 5)) })
  } catch (error) {
    const e = error as Error
    process.stdout.write(`${JSON.stringify({ error: true, name: e.name, message: e.message })}\n`)
    process.exit(3)
  }
  process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid })}\n`)
  const lines = createInterface({ input: process.stdin })
  lines.on('line', (line) => {
    const { n, channel, payload } = JSON.parse(line) as { n: number; channel: string; payload: unknown }
    void app.registry.invoke(channel, payload, trusted).then((result) => process.stdout.write(`${JSON.stringify({ n, result })}\n`))
  })
  lines.on('close', () => {
    void app.close().then(() => process.exit(0))
  })
}

void main()
