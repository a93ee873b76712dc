/**
 * What the generated-code tests share: a request with hostile values in
 * every field, a recording proxy that tells what body really reached the
 * Qrvey side, and helpers to run a generated program and read its address.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { buildCodeRequest, type CodeRequest } from '../../src/shared/codegen'
import { findWidget } from '../../src/shared/widget-catalog'

/** Quotes, backslashes, a newline, "</script>", comment closers, non-ASCII and an emoji. */
export const HOSTILE = `O'Brien "\\q\\" \n</script><!-- */ ?> \${x} $(id) \`tick\` Zoë 🎉`

export function hostileRequest(domain: string, widgetId = 'page-view', qrvey86 = true, fields?: Record<string, string>): CodeRequest {
  const widget = findWidget(widgetId)!
  return buildCodeRequest({
    widget,
    domain,
    qrvey86OrNewer: qrvey86,
    fields: fields ?? { dashboardId: `dash ${HOSTILE}`, themeId: '' },
    body: {
      userid: `user ${HOSTILE}`,
      appid: '59VShVtjM',
      clientid: `client ${HOSTILE}`,
      expiresIn: '10m',
      version: '2',
      permissions: [
        {
          dataset_id: '*',
          record_permissions: [{ security_name: 'region', validation_type: 'EQUAL', values: ['Europe', `region ${HOSTILE}`] }]
        }
      ],
      orgId: `org ${HOSTILE}`,
      nested: { list: [1, 2.5, true, null, HOSTILE], 'key "with" quotes': 'v' }
    }
  })
}

export interface Recorded {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

export interface RecordingProxy {
  url: string
  requests: Recorded[]
  close(): Promise<void>
}

/** A real HTTP proxy in front of the sandbox that keeps every request it forwards, body bytes included. */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: Recorded[] = []
  const targetUrl = new URL(target)
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: body.toString('utf8') })
      const forward = httpRequest(
        { host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers: { ...req.headers, host: targetUrl.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        }
      )
      forward.on('error', (error) => {
        res.writeHead(502)
        res.end(String(error))
      })
      forward.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

export interface RunningProgram {
  child: ChildProcess
  output: () => string
}

const started: ChildProcess[] = []

export function runProgram(command: string, args: string[], cwd: string, env: Record<string, string>): RunningProgram {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  started.push(child)
  let output = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  return { child, output: () => output }
}

/** Ends every program started here (their whole process group: go run and php -S start children). */
export function stopPrograms(): void {
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
  }
}

/** Resolves with the first line that matches, or rejects (with the output so far) on exit or timeout. */
export function waitForLine(program: RunningProgram, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = program.output().match(pattern)
      if (match) {
        done()
        resolve(match)
      }
    }
    const onExit = () => {
      check()
      done()
      reject(new Error(`The program exited before printing ${pattern}. Output:\n${program.output()}`))
    }
    const timer = setTimeout(() => {
      done()
      reject(new Error(`No ${pattern} within ${timeoutMs} ms. Output:\n${program.output()}`))
    }, timeoutMs)
    const interval = setInterval(check, 50)
    const done = () => {
      clearTimeout(timer)
      clearInterval(interval)
      program.child.off('exit', onExit)
    }
    program.child.on('exit', onExit)
    check()
  })
}

/** A free loopback port, for the one runtime (php -S) that cannot be told "0". */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
