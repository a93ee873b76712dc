#!/usr/bin/env node
// The `qwb` command line (src/cli). Runs the TypeScript sources through tsx,
// which `npm ci` installs, so it works in a fresh clone without a build step.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2), { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) })
