import { createServer, type AddressInfo, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { parseSandboxArgs } from '../../../../src/sandbox/server/cli-args'
import { generateDemoKey } from '../../../../src/sandbox/server/demo-key'
import { NORMAL_SANDBOX_MODES } from '../../../../src/shared/sandbox-api'
import { exitOf, firstLines, killSpawned, spawnCli, WAIT_MS } from './processes'

const normal = NORMAL_SANDBOX_MODES

describe('parseSandboxArgs', () => {
  it('defaults to a free port and a key to be generated', () => {
    expect(parseSandboxArgs([])).toEqual({ kind: 'run', port: 0, apiKey: undefined, modes: normal })
  })

  it('reads --port and --api-key in both spellings', () => {
    expect(parseSandboxArgs(['--port', '4300', '--api-key', 'demo-key'])).toEqual({ kind: 'run', port: 4300, apiKey: 'demo-key', modes: normal })
    expect(parseSandboxArgs(['--port=65535', '--api-key=k'])).toEqual({ kind: 'run', port: 65535, apiKey: 'k', modes: normal })
    expect(parseSandboxArgs(['--port', '0'])).toEqual({ kind: 'run', port: 0, apiKey: undefined, modes: normal })
  })

  it('reads every rehearsal mode flag', () => {
    const args = parseSandboxArgs(['--latency', '250', '--fail-rate', '0.2', '--reject-key', '--token-ttl', '60', '--clock-skew', '-3600'])
    expect(args).toEqual({
      kind: 'run',
      port: 0,
      apiKey: undefined,
      modes: { latencyMs: 250, failureRate: 0.2, rejectKey: true, tokenLifetimeSeconds: 60, clockSkewSeconds: -3600 }
    })
  })

  it('takes a negative clock skew with or without "="', () => {
    for (const argv of [['--clock-skew', '-86400'], ['--clock-skew=-86400']]) {
      const args = parseSandboxArgs(argv)
      expect(args.kind === 'run' && args.modes.clockSkewSeconds, argv.join(' ')).toBe(-86400)
    }
    const positive = parseSandboxArgs(['--clock-skew', '30', '--fail-rate', '.5', '--latency=0'])
    expect(positive.kind === 'run' && positive.modes).toEqual({ ...normal, clockSkewSeconds: 30, failureRate: 0.5 })
    const ends = parseSandboxArgs(['--fail-rate', '1', '--latency', '30000', '--token-ttl', '86400'])
    expect(ends.kind === 'run' && ends.modes).toEqual({ ...normal, failureRate: 1, latencyMs: 30000, tokenLifetimeSeconds: 86400 })
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
    [['--latency', 'fast'], /^--latency must be a whole number of milliseconds from 0 to 30000 \(got "fast"\)$/],
    [['--latency', '30001'], /^--latency must be a whole number of milliseconds from 0 to 30000/],
    [['--latency', '-5'], /^--latency must be a whole number of milliseconds from 0 to 30000 \(got "-5"\)$/],
    [['--latency', '1.5'], /^--latency must be a whole number/],
    [['--fail-rate', '1.2'], /^--fail-rate must be a number from 0 to 1, e.g. 0.2 for one request in five \(got "1.2"\)$/],
    [['--fail-rate', '20%'], /^--fail-rate must be a number from 0 to 1/],
    [['--fail-rate', '-0.1'], /^--fail-rate must be a number from 0 to 1/],
    [['--fail-rate', '1e-1'], /^--fail-rate must be a number from 0 to 1/],
    [['--fail-rate', ''], /^--fail-rate must be a number from 0 to 1/],
    [['--token-ttl', '0'], /^--token-ttl must be a whole number of seconds from 1 to 86400 \(got "0"\)$/],
    [['--token-ttl', '86401'], /^--token-ttl must be a whole number of seconds from 1 to 86400/],
    [['--clock-skew', '-86401'], /^--clock-skew must be a whole number of seconds from -86400 to 86400 \(got "-86401"\)$/],
    [['--clock-skew', '1h'], /^--clock-skew must be a whole number of seconds/],
    [['--clock-skew'], /--clock-skew/],
    [['--reject-key=yes'], /reject-key/],
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

afterEach(killSpawned)

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

    // The third line shows the modes, the fourth a ready-to-paste request.
    const lines = await firstLines(cli, 4)
    expect(lines[2]).toBe('Modes: normal')
    expect(lines[3]).toContain(`curl -s -X POST ${url}/devapi/v4/core/login/token -H 'x-api-key: test-key-123'`)
    expect(lines[3]).toContain('"appid":"59VShVtjM"')

    cli.child.kill('SIGTERM')
    expect(await exitOf(cli.child)).toEqual({ code: 0, signal: null })
    // Closed means closed: nothing answers on the port any more.
    await expect(fetch(`${url}/devapi/v4/core/login/token`, { method: 'POST', signal: AbortSignal.timeout(WAIT_MS) })).rejects.toThrow()
  }, 40_000)

  it('prints the active rehearsal modes under the first two lines, and applies them', async () => {
    const cli = spawnCli(['--api-key', 'test-key-123', '--latency', '5', '--fail-rate', '0', '--reject-key', '--token-ttl', '60', '--clock-skew', '-3600'])
    const [listening, key, modes] = await firstLines(cli, 3)
    expect(listening).toMatch(/^Qrvey sandbox listening on http:\/\/127\.0\.0\.1:\d+$/)
    expect(key).toBe('API key: test-key-123')
    expect(modes).toBe('Modes: latency 5 ms, every API key rejected, token lifetime 60 s, issuer clock skew -3600 s')

    const url = listening.replace('Qrvey sandbox listening on ', '')
    const response = await fetch(`${url}/devapi/v4/core/login/token`, {
      method: 'POST',
      headers: { 'x-api-key': 'test-key-123', 'content-type': 'application/json' },
      body: JSON.stringify({ userid: 'u', appid: 'a' }),
      signal: AbortSignal.timeout(WAIT_MS)
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ errors: [{ message: 'Invalid API key (sandbox rehearsal mode)' }] })
    cli.child.kill('SIGTERM')
    expect((await exitOf(cli.child)).code).toBe(0)
  }, 40_000)

  it('exits 2 with the reason on a bad mode flag', async () => {
    const cli = spawnCli(['--fail-rate', '2'])
    expect((await exitOf(cli.child)).code).toBe(2)
    expect(cli.stderr()).toMatch(/--fail-rate must be a number from 0 to 1[\s\S]*--reject-key/)
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
