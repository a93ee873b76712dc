import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseSandboxArgs } from '../../../../src/main/sandbox/cli-args'
import { generateDemoKey } from '../../../../src/main/sandbox/demo-key'

describe('parseSandboxArgs', () => {
  it('defaults to a free port and a key to be generated', () => {
    expect(parseSandboxArgs([])).toEqual({ kind: 'run', port: 0, apiKey: undefined })
  })

  it('reads --port and --api-key in both spellings', () => {
    expect(parseSandboxArgs(['--port', '4300', '--api-key', 'demo-key'])).toEqual({ kind: 'run', port: 4300, apiKey: 'demo-key' })
    expect(parseSandboxArgs(['--port=65535', '--api-key=k'])).toEqual({ kind: 'run', port: 65535, apiKey: 'k' })
    expect(parseSandboxArgs(['--port', '0'])).toEqual({ kind: 'run', port: 0, apiKey: undefined })
  })

  it('answers --help and -h', () => {
    expect(parseSandboxArgs(['--help'])).toEqual({ kind: 'help' })
    expect(parseSandboxArgs(['-h', '--port', 'nonsense'])).toEqual({ kind: 'help' })
  })

  it.each([
    [['--port', 'abc'], /--port must be a whole number from 0 to 65535/],
    [['--port', '65536'], /--port must be a whole number from 0 to 65535/],
    [['--port', '43.5'], /--port must be a whole number/],
    [['--port', '-1'], /--port/],
    [['--port'], /--port/],
    [['--api-key', ''], /--api-key must not be empty/],
    [['--api-key', 'has space'], /visible ASCII/],
    [['--api-key', 'x'.repeat(513)], /at most 512/],
    [['--verbose'], /verbose/],
    [['extra'], /extra/]
  ])('rejects %j', (argv, message) => {
    const result = parseSandboxArgs(argv)
    expect(result.kind).toBe('error')
    if (result.kind === 'error') expect(result.error).toMatch(message)
  })
})

describe('generateDemoKey', () => {
  it('makes a recognisable, url-safe, random key', () => {
    const key = generateDemoKey()
    expect(key).toMatch(/^sbx-demo-[A-Za-z0-9_-]{24}$/)
    expect(generateDemoKey()).not.toBe(key)
  })
})

// ---- the real CLI, spawned the way `npm run sandbox` runs it ----

const ROOT = resolve(import.meta.dirname, '../../../..')
const TSX = resolve(ROOT, 'node_modules/.bin/tsx')
const CLI = 'src/main/sandbox/cli.ts'
const WAIT_MS = 15_000

interface Spawned {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
}

const running: ChildProcess[] = []

function spawnCli(args: string[]): Spawned {
  // detached: its own process group, so cleanup can reach tsx's node child too.
  const child = spawn(TSX, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  running.push(child)
  let out = ''
  let err = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
  return { child, stdout: () => out, stderr: () => err }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null
}

/** Resolves with the first `count` lines of stdout; rejects on exit or after WAIT_MS. */
function firstLines(spawned: Spawned, count: number): Promise<string[]> {
  return new Promise((resolvePromise, reject) => {
    const check = (): void => {
      const lines = spawned.stdout().split('\n')
      if (lines.length > count) {
        finish()
        resolvePromise(lines.slice(0, count))
      }
    }
    const onExit = (): void => {
      finish()
      reject(new Error(`CLI exited before printing ${count} lines. stdout: ${spawned.stdout()} stderr: ${spawned.stderr()}`))
    }
    const timer = setTimeout(() => {
      finish()
      reject(new Error(`No ${count} lines within ${WAIT_MS} ms. stdout: ${spawned.stdout()} stderr: ${spawned.stderr()}`))
    }, WAIT_MS)
    const finish = (): void => {
      clearTimeout(timer)
      spawned.child.stdout?.off('data', check)
      spawned.child.off('exit', onExit)
    }
    spawned.child.stdout?.on('data', check)
    spawned.child.once('exit', onExit)
    check()
  })
}

/** Resolves with how the process ended; rejects after WAIT_MS. */
async function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (!hasExited(child)) {
    const [code, signal] = (await Promise.race([
      once(child, 'exit'),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`process did not exit within ${WAIT_MS} ms`)), WAIT_MS).unref())
    ])) as [number | null, NodeJS.Signals | null]
    return { code, signal }
  }
  return { code: child.exitCode, signal: child.signalCode }
}

afterEach(() => {
  for (const child of running.splice(0)) {
    if (!hasExited(child) && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
  }
})

describe('sandbox CLI', () => {
  it('prints its url and key, serves tokens, and closes on SIGTERM', async () => {
    const cli = spawnCli(['--port', '0', '--api-key', 'test-key-123'])
    const [listening, key] = await firstLines(cli, 2)
    const match = /^Qrvey sandbox listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(listening)
    expect(match, listening).not.toBeNull()
    expect(key).toBe('API key: test-key-123')
    const url = match![1]
    expect(Number(match![2])).toBeGreaterThan(0)

    const response = await fetch(`${url}/devapi/v4/core/login/token`, {
      method: 'POST',
      headers: { 'x-api-key': 'test-key-123', 'content-type': 'application/json' },
      body: JSON.stringify({ userid: 'u', appid: 'a' }),
      signal: AbortSignal.timeout(WAIT_MS)
    })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { token: string }).token.split('.')).toHaveLength(5)

    // The third line shows a ready-to-paste request.
    await firstLines(cli, 3)
    expect(cli.stdout().split('\n')[2]).toContain(`curl -s -X POST ${url}/devapi/v4/core/login/token -H 'x-api-key: test-key-123'`)

    cli.child.kill('SIGTERM')
    expect(await exitOf(cli.child)).toEqual({ code: 0, signal: null })
    // Closed means closed: nothing answers on the port any more.
    await expect(fetch(`${url}/devapi/v4/core/login/token`, { method: 'POST', signal: AbortSignal.timeout(WAIT_MS) })).rejects.toThrow()
  }, 40_000)

  it('generates a demo key when none is given', async () => {
    const cli = spawnCli([])
    const [, key] = await firstLines(cli, 2)
    expect(key).toMatch(/^API key: sbx-demo-[A-Za-z0-9_-]{24}$/)
    cli.child.kill('SIGINT')
    expect((await exitOf(cli.child)).code).toBe(0)
  }, 40_000)

  it('exits 1 with a clear message when the port is in use', async () => {
    const blocker: Server = createServer()
    await new Promise<void>((resolveListen) => blocker.listen(0, '127.0.0.1', resolveListen))
    try {
      const port = (blocker.address() as AddressInfo).port
      const cli = spawnCli(['--port', String(port), '--api-key', 'test-key-123'])
      expect((await exitOf(cli.child)).code).toBe(1)
      expect(cli.stderr()).toContain(`Port ${port} is already in use; pick another with --port or omit it for a free one`)
      expect(cli.stdout()).toBe('')
    } finally {
      await new Promise<void>((resolveClose) => blocker.close(() => resolveClose()))
    }
  }, 40_000)

  it('exits 2 with usage on a bad port', async () => {
    const cli = spawnCli(['--port', '99999'])
    expect((await exitOf(cli.child)).code).toBe(2)
    expect(cli.stderr()).toMatch(/--port must be a whole number from 0 to 65535[\s\S]*Usage:/)
  }, 40_000)
})
