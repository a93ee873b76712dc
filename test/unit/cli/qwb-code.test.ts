/**
 * `qwb code`: the same code as the Code tab for a saved setup, through the
 * real bin (bin/qwb.mjs, as `npx qwb` runs it) and in-process for the errors.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/main'
import { buildCodeRequest, generateCode } from '../../../src/shared/codegen'
import { serializeSetup, setupSchema, tokenBodyOfSetup } from '../../../src/shared/setup'
import { findWidget } from '../../../src/shared/widget-catalog'
import { HOSTILE } from '../../support/codegen-fixtures'
import { makeTempDir } from '../../support/temp-dir'

const ROOT = resolve(import.meta.dirname, '../../..')
const temp = makeTempDir('qwb-cli-')
afterAll(() => temp.cleanup())

const setup = setupSchema.parse({
  formatVersion: 1,
  name: 'Acme',
  environment: 'Acme prod',
  widget: 'single-panel',
  qrvey86OrNewer: false,
  token: {
    userid: `u ${HOSTILE}`,
    appid: '59VShVtjM',
    expiresIn: '10m',
    permissions: [{ dataset_id: '*', record_permissions: [{ security_name: 'region', validation_type: 'EQUAL', values: [HOSTILE] }] }],
    extra: { orgId: HOSTILE }
  },
  widgetFields: { qrveyId: 'sales', type: 'CHART', chartId: 'revenue-by-region' }
})
mkdirSync(join(temp.dir, 'setups'))
const setupFile = join(temp.dir, 'setups', 'acme.json')
writeFileSync(setupFile, serializeSetup(setup))
writeFileSync(join(temp.dir, 'environments.json'), JSON.stringify({ environments: [{ id: 'e1', name: 'Acme prod', domain: 'https://acme.qrveyapp.com', kind: 'remote' }] }))

const expected = (lang: string, domain = 'https://acme.qrveyapp.com') =>
  generateCode(
    lang,
    buildCodeRequest({ widget: findWidget('single-panel')!, domain, body: tokenBodyOfSetup(setup), qrvey86OrNewer: false, fields: setup.widgetFields })
  )

async function inProcess(argv: string[]) {
  let out = ''
  let err = ''
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) })
  return { code, out, err }
}

describe('qwb code', () => {
  it('prints the Code tab output through the real bin, the domain from the workspace environments.json', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/qwb.mjs'), 'code', setupFile, '--lang', 'python'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t))
    child.stderr.setEncoding('utf8').on('data', (t: string) => (err += t))
    const [code] = (await once(child, 'exit')) as [number]
    expect(err).toBe('')
    expect(code).toBe(0)
    expect(out).toBe(expected('python'))
  }, 30_000)

  it.each(['curl', 'java', 'vue', 'angular'])('%s: same text as the generator', async (lang) => {
    const result = await inProcess(['code', setupFile, '-l', lang, '--domain', 'https://other.example.com/'])
    expect(result.code).toBe(0)
    expect(result.out).toBe(expected(lang, 'https://other.example.com'))
  })

  it('explains each mistake, with exit code 2 for usage and 1 for a bad file', async () => {
    expect(await inProcess(['code', setupFile])).toMatchObject({ code: 2, err: expect.stringContaining('--lang is required') })
    expect(await inProcess(['code', setupFile, '--lang', 'cobol'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown language "cobol"') })
    expect(await inProcess(['code', '--lang', 'go'])).toMatchObject({ code: 2, err: expect.stringContaining('which setup file?') })
    expect(await inProcess(['code', join(temp.dir, 'nope.json'), '--lang', 'go'])).toMatchObject({ code: 1, err: expect.stringContaining('ENOENT') })
    expect(await inProcess(['frobnicate'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown command "frobnicate"') })
    const bad = join(temp.dir, 'bad.json')
    writeFileSync(bad, '{"formatVersion": 1, "name": "x", "token": {"userid": 5}}')
    expect(await inProcess(['code', bad, '--lang', 'go'])).toMatchObject({ code: 1, err: expect.stringContaining('userid must be a text') })
    const noEnv = join(temp.dir, 'setups', 'elsewhere.json')
    writeFileSync(noEnv, serializeSetup({ ...setup, environment: 'Staging' }))
    expect(await inProcess(['code', noEnv, '--lang', 'go'])).toMatchObject({ code: 2, err: expect.stringContaining('"Staging" is not in') })
  })

  it('--help lists every language and the subcommands', async () => {
    const top = await inProcess(['--help'])
    // The name column widens with the longest command name (run, sandbox, doctor came later).
    expect(top).toMatchObject({ code: 0, out: expect.stringMatching(/^ {2}code +print backend or front-end code/m) })
    const help = await inProcess(['code', '--help'])
    expect(help.code).toBe(0)
    for (const id of ['curl', 'node-fetch', 'node-axios', 'python', 'java', 'csharp', 'go', 'php', 'ruby', 'html', 'react', 'vue', 'angular']) expect(help.out).toContain(id)
  })
})
