/**
 * Every generated backend, run for real where its runtime is on this
 * machine: it must serve GET /qrvey-token, obtain a token the sandbox
 * accepts, and send exactly the workbench's body (permissions included),
 * as checked by a recording proxy in front of the sandbox, with hostile
 * values in every field (QRVEY.md §1: POST /devapi/v4/core/login/token with x-api-key).
 */
import { spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CODE_CONTRACT, findCodeLanguage, type CodeRequest } from '../../../../src/shared/codegen'
import { SANDBOX_PATHS } from '../../../../src/shared/sandbox-api'
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'
import { freePort, hostileRequest, runProgram, startRecordingProxy, stopPrograms, waitForLine, type RecordingProxy } from '../../../support/codegen-fixtures'

const KEY = `codegen-key-${process.pid}-7f3a`

let sandbox: SandboxHandle
let proxy: RecordingProxy
let folder: string

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: KEY, port: 0 })
  proxy = await startRecordingProxy(sandbox.url)
  folder = await mkdtemp(join(tmpdir(), 'qwb-codegen-'))
})
afterAll(async () => {
  await proxy?.close()
  await sandbox?.close()
  await rm(folder, { recursive: true, force: true })
})
afterEach(stopPrograms)

function runtime(command: string, versionArgs: string[]): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' })
  if (found.status !== 0) return undefined
  const version = spawnSync(command, versionArgs, { encoding: 'utf8' })
  return `${version.stdout}${version.stderr}`.split('\n')[0].trim()
}

const hasModule = (python: string, module: string) => spawnSync(python, ['-c', `import ${module}`]).status === 0

interface Case {
  id: string
  /** Runtime version, or why it cannot run here. */
  runtime: string | undefined
  missing: string
  start: (dir: string, file: string, env: Record<string, string>) => Promise<string>
}

const listening = new RegExp(`${CODE_CONTRACT.listeningPrefix}(http://127\\.0\\.0\\.1:\\d+)`)

async function startAndRead(command: string, args: string[], dir: string, env: Record<string, string>, timeoutMs = 60_000) {
  const program = runProgram(command, args, dir, { ...env, PORT: '0' })
  return (await waitForLine(program, listening, timeoutMs))[1]
}

const python = runtime('python3', ['--version'])
const php = runtime('php', ['--version'])
const phpCurl = php ? spawnSync('php', ['-m'], { encoding: 'utf8' }).stdout.split('\n').includes('curl') : false

const CASES: Case[] = [
  { id: 'node-fetch', runtime: process.version, missing: '', start: (dir, file, env) => startAndRead(process.execPath, [file], dir, env) },
  {
    id: 'node-axios',
    runtime: process.version,
    missing: '',
    // The project's own axios: the generated file imports "axios", resolved from a node_modules link beside it.
    start: (dir, file, env) => startAndRead(process.execPath, [file], dir, env)
  },
  {
    id: 'python',
    runtime: python && hasModule('python3', 'requests') ? python : undefined,
    missing: 'python3 with the requests package is not on this machine',
    start: (dir, file, env) => startAndRead('python3', [file], dir, env)
  },
  {
    id: 'java',
    runtime: runtime('java', ['-version']),
    missing: 'no java on this machine (install openjdk-17-jdk-headless)',
    start: (dir, file, env) => startAndRead('java', [file], dir, env, 90_000)
  },
  {
    id: 'go',
    runtime: runtime('go', ['version']),
    missing: 'no go on this machine (.ci/run installs golang-go)',
    start: (dir, file, env) => startAndRead('go', ['run', file], dir, { ...env, GOCACHE: join(tmpdir(), 'qwb-go-cache'), GOFLAGS: '-mod=mod', GO111MODULE: 'off' }, 180_000)
  },
  {
    id: 'php',
    runtime: php && phpCurl ? php : undefined,
    missing: php ? 'php has no curl extension (install php-curl)' : 'no php on this machine (.ci/run installs php-cli php-curl)',
    start: async (dir, file, env) => {
      // php -S cannot listen on port 0: take a free one.
      const port = await freePort()
      const program = runProgram('php', ['-S', `127.0.0.1:${port}`, file], dir, env)
      await waitForLine(program, /Development Server .* started/, 30_000)
      return `http://127.0.0.1:${port}`
    }
  },
  {
    id: 'ruby',
    runtime: runtime('ruby', ['--version']),
    missing: 'no ruby on this machine (.ci/run installs ruby)',
    start: (dir, file, env) => startAndRead('ruby', [file], dir, env)
  }
]

function check(request: CodeRequest, recordedBefore: number) {
  const sent = proxy.requests.slice(recordedBefore).filter((r) => r.url === CODE_CONTRACT.tokenPath)
  expect(sent).toHaveLength(1)
  expect(sent[0].method).toBe('POST')
  expect(sent[0].headers['x-api-key']).toBe(KEY)
  expect(sent[0].headers['content-type']).toMatch(/^application\/json/)
  // The same body, value for value: the hostile userid, clientid, permissions and extra fields all arrive intact.
  expect(JSON.parse(sent[0].body)).toEqual(request.body)
}

async function acceptedBySandbox(token: string, request: CodeRequest) {
  const answer = await fetch(`${sandbox.url}${SANDBOX_PATHS.app(request.body.userid, request.body.appid)}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(10_000)
  })
  expect(answer.status).toBe(200)
  const verified = await sandbox.issuer.verify(token)
  expect(verified.ok).toBe(true)
  if (verified.ok) {
    expect(verified.claims.userid).toBe(request.body.userid)
    expect(verified.claims.permissions).toEqual(request.body.permissions)
  }
}

describe('generated backends, run against the sandbox', () => {
  for (const c of CASES) {
    const language = findCodeLanguage(c.id)!
    const title = c.runtime ? `${language.label} on ${c.runtime}` : `${language.label} (skipped: ${c.missing})`
    it.skipIf(!c.runtime)(title, async () => {
      const request = hostileRequest(proxy.url)
      const code = language.generate(request)
      expect(code).not.toContain(KEY)
      const dir = await mkdtemp(join(folder, `${c.id}-`))
      await writeFile(join(dir, language.fileName), code, 'utf8')
      if (c.id === 'node-axios') {
        await writeFile(join(dir, 'package.json'), '{"type":"module"}')
        const { symlink } = await import('node:fs/promises')
        await symlink(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'), 'dir')
      }
      const env = { [CODE_CONTRACT.apiKeyEnv]: KEY, [CODE_CONTRACT.domainEnv]: proxy.url }
      const base = await c.start(dir, language.fileName, env)
      const before = proxy.requests.length
      const response = await fetch(`${base}${CODE_CONTRACT.endpoint}`, { signal: AbortSignal.timeout(30_000) })
      const text = await response.text()
      expect(response.status, text).toBe(200)
      expect(text).not.toContain(KEY)
      const answer = JSON.parse(text) as { token: string; domain: string }
      expect(answer.domain).toBe(proxy.url)
      check(request, before)
      await acceptedBySandbox(answer.token, request)

      // A wrong key: the backend reports Qrvey's refusal, never the key.
      stopPrograms()
      const wrong = await c.start(dir, language.fileName, { ...env, [CODE_CONTRACT.apiKeyEnv]: 'wrong-key-5150' })
      const refused = await fetch(`${wrong}${CODE_CONTRACT.endpoint}`, { signal: AbortSignal.timeout(30_000) })
      expect(refused.status).toBe(502)
      const refusal = await refused.text()
      expect(refusal).toContain('401')
      expect(refusal).not.toContain('wrong-key-5150')
    }, 240_000)
  }

  it('cURL: the script sends the same body with the key from $QRVEY_API_KEY', async () => {
    const request = hostileRequest(proxy.url)
    const language = findCodeLanguage('curl')!
    const code = language.generate(request)
    expect(code).not.toContain(KEY)
    const dir = await mkdtemp(join(folder, 'curl-'))
    await writeFile(join(dir, language.fileName), code, 'utf8')
    const before = proxy.requests.length
    // Asynchronously: the recording proxy runs in this process and must answer while curl waits.
    const program = runProgram('sh', [language.fileName], dir, { [CODE_CONTRACT.apiKeyEnv]: KEY, [CODE_CONTRACT.domainEnv]: proxy.url })
    const [exitCode] = (await once(program.child, 'exit')) as [number | null]
    expect(exitCode, program.output()).toBe(0)
    check(request, before)
    await acceptedBySandbox((JSON.parse(program.output()) as { token: string }).token, request)
  }, 60_000)
})
