/**
 * Regenerates examples/host-app from the code generators (the Node (fetch)
 * starter), so the example is the generator's output, never a hand-written
 * twin. `npm run example:host-app`; test/unit/shared/codegen/host-app-example.test.ts
 * fails when the folder and the generator disagree.
 */
import { rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import { buildStarter } from '../src/shared/codegen/starter'
import { HOST_APP_EXAMPLE_DIR, HOST_APP_EXAMPLE_LANGUAGE, hostAppExampleRequest } from '../src/shared/codegen/host-app-example'
import { writeStarter } from '../src/main/starter/write-starter'

const folder = resolve(import.meta.dirname, '..', HOST_APP_EXAMPLE_DIR)
await rm(folder, { recursive: true, force: true })
const written = await writeStarter(folder, buildStarter(HOST_APP_EXAMPLE_LANGUAGE, hostAppExampleRequest()))
console.log(`Wrote ${HOST_APP_EXAMPLE_DIR}: ${written.join(', ')}`)
