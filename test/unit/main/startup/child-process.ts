/** Starts child-app.ts in a real child process and talks to it (see there). */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

export interface ChildApp {
  process: ChildProcess
  /** The first line: {ready, pid} or {error, name, message}. */
  first: Promise<{ ready?: true; pid?: number; error?: true; name?: string; message?: string }>
  call(channel: string, payload?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string } }>
  exited: Promise<number | null>
  stop(): Promise<number | null>
}

const SCRIPT = join(import.meta.dirname, 'child-app.ts')

export function startChild(dataDir: string, workspaceDir?: string): ChildApp {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, dataDir, ...(workspaceDir ? [workspaceDir] : [])], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' }
  })
  let stderr = ''
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)))
  const pending = new Map<number, (result: never) => void>()
  let resolveFirst: (value: never) => void
  const first = new Promise<never>((resolve) => (resolveFirst = resolve))
  let seenFirst = false
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const message = JSON.parse(line) as { n?: number; result?: never }
    if (!seenFirst) {
      seenFirst = true
      resolveFirst(message as never)
    } else if (message.n !== undefined) {
      pending.get(message.n)?.(message.result as never)
      pending.delete(message.n)
    }
  })
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (!seenFirst) resolveFirst({ error: true, name: 'exit', message: `exited ${code}: ${stderr.slice(0, 2000)}` } as never)
      resolve(code)
    })
  )
  let counter = 0
  return {
    process: child,
    first,
    exited,
    call: (channel, payload) =>
      new Promise((resolve) => {
        const n = ++counter
        pending.set(n, resolve as never)
        child.stdin!.write(`${JSON.stringify({ n, channel, payload })}\n`)
      }),
    stop: async () => {
      child.stdin!.end()
      return exited
    }
  }
}
