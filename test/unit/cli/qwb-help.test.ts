/**
 * `qwb` follows the usual command-line conventions (issue 13 point 4):
 * -h/--help on the top level and on every subcommand print a usage line to
 * stdout with exit 0; no command or an unknown option is a usage error (exit
 * 2, on stderr); `qwb help <command>` is `<command> --help`. And `qwb sandbox`
 * is `npm run sandbox`: same options, same first lines, stops on Ctrl+C.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { COMMANDS, main } from '../../../src/cli/main'
import { SANDBOX_USAGE } from '../../../src/sandbox/server/cli-args'

const ROOT = resolve(import.meta.dirname, '../../..')

async function inProcess(argv: string[]) {
  let out = ''
  let err = ''
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) })
  return { code, out, err }
}

describe('qwb help conventions', () => {
  it('qwb --help and -h: usage and every command on stdout, exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await inProcess([flag])
      expect(r.code).toBe(0)
      expect(r.err).toBe('')
      expect(r.out).toMatch(/^Usage: qwb <command> \[options\]/)
      for (const c of COMMANDS) expect(r.out).toMatch(new RegExp(`^  ${c.name} +\\S`, 'm'))
    }
    expect(COMMANDS.map((c) => c.name)).toEqual(expect.arrayContaining(['code', 'run', 'sandbox']))
  })

  it('qwb --version and -v: the workbench version, exit 0', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
    for (const flag of ['--version', '-v']) expect(await inProcess([flag])).toEqual({ code: 0, out: `qwb ${version}\n`, err: '' })
  })

  it('qwb without a command is a usage error: usage on stderr, exit 2', async () => {
    const r = await inProcess([])
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
    expect(r.err).toMatch(/^Usage: qwb <command>/)
  })

  it('an unknown command: one line naming the commands, exit 2', async () => {
    const r = await inProcess(['rnu'])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/unknown command "rnu".*run.*qwb --help/)
  })

  for (const command of COMMANDS) {
    it(`qwb ${command.name}: -h, --help and "qwb help ${command.name}" print its usage (exit 0); an unknown option is exit 2`, async () => {
      const texts: string[] = []
      for (const argv of [[command.name, '-h'], [command.name, '--help'], ['help', command.name]]) {
        const r = await inProcess(argv)
        expect(r.code, argv.join(' ')).toBe(0)
        expect(r.err).toBe('')
        expect(r.out).toMatch(new RegExp(`^Usage: qwb ${command.name}\\b`))
        texts.push(r.out)
      }
      expect(new Set(texts).size).toBe(1)
      const bad = await inProcess([command.name, '--no-such-option'])
      expect(bad.code).toBe(2)
      expect(bad.out).toBe('')
      expect(bad.err).toMatch(/no-such-option/)
    })
  }

  it('qwb sandbox --help is npm run sandbox\'s help, named qwb sandbox', async () => {
    const r = await inProcess(['sandbox', '--help'])
    expect(r.out).toBe(`${SANDBOX_USAGE.replace('npm run sandbox --', 'qwb sandbox')}\n`)
    expect(r.out).toContain('--reject-key')
  })
})

describe('qwb sandbox through bin/qwb.mjs', () => {
  it('takes npm run sandbox\'s options, prints URL and key first, serves, and stops on SIGINT with exit 0', async () => {
    const child = spawn(process.execPath, ['bin/qwb.mjs', 'sandbox', '--port', '0', '--api-key', 'cli-test-key-1234', '--reject-key'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
      const first = (await lines.next()).value as string
      const second = (await lines.next()).value as string
      const third = (await lines.next()).value as string
      expect(first).toMatch(/^Qrvey sandbox listening on http:\/\/127\.0\.0\.1:\d+$/)
      expect(second).toBe('API key: cli-test-key-1234')
      expect(third).toBe('Modes: every API key rejected')
      const url = first.replace('Qrvey sandbox listening on ', '')
      // --reject-key took effect: the right key is refused.
      const response = await fetch(`${url}/devapi/v4/core/login/token`, { method: 'POST', headers: { 'x-api-key': 'cli-test-key-1234', 'content-type': 'application/json' }, body: '{"userid":"u","appid":"a"}' })
      expect(response.status).toBe(401)
      child.kill('SIGINT')
      const [code] = (await once(child, 'exit')) as [number | null]
      expect(code).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  }, 60_000)

  it('a bad option: the sandbox\'s message and usage on stderr, exit 2', async () => {
    const child = spawn(process.execPath, ['bin/qwb.mjs', 'sandbox', '--port', 'abc'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(2)
    expect(err).toMatch(/--port must be a whole number/)
    expect(err).toContain('Usage: qwb sandbox')
  }, 60_000)
})
