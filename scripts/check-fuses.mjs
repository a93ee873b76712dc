/**
 * Reads the fuses of the app electron-builder just packaged and compares them
 * with electron-builder.json: proof that what ships has RunAsNode,
 * NODE_OPTIONS and --inspect off, cookie encryption and ASAR integrity on.
 * `node scripts/check-fuses.mjs [outputDir]`; exits 1 on any difference.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import fuses from '@electron/fuses'
import { packagedExecutable } from './lib/packaged-app.mjs'

const { FuseV1Options, getCurrentFuseWire } = fuses
// The wire stores each fuse as an ASCII digit (@electron/fuses' FuseState, not exported by its index).
const ENABLED = '1'.charCodeAt(0)
const DISABLED = '0'.charCodeAt(0)
const root = resolve(import.meta.dirname, '..')
const wanted = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8')).electronFuses
const names = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges
}

const app = packagedExecutable(process.argv[2] ? resolve(process.argv[2]) : undefined)
const wire = await getCurrentFuseWire(app)
let wrong = 0
for (const [name, value] of Object.entries(wanted)) {
  const state = wire[names[name]]
  const actual = state === ENABLED ? true : state === DISABLED ? false : `state ${state}`
  const ok = actual === value
  if (!ok) wrong++
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${actual}${ok ? '' : ` (wanted ${value})`}`)
}
console.log(`${app}: ${wrong === 0 ? 'all fuses as configured' : `${wrong} fuse(s) differ`}`)
process.exit(wrong === 0 ? 0 : 1)
