/**
 * Child processes for the tests that run the real CLI and the example host
 * app: spawned in their own process group (so cleanup reaches tsx's node
 * child too), with bounded waits on their output and exit.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../../../..')
const TSX = resolve(ROOT, 'node_modules/.bin/tsx')
const CLI = 'src/sandbox/server/cli.ts'
export const WAIT_MS = 15_000

export interface Spawned {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
}

const running: ChildProcess[] = []

export function spawnProcess(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Spawned {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  running.push(child)
  let out = ''
  let err = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
  return { child, stdout: () => out, stderr: () => err }
}

/** `npm run sandbox -- ...args`, without npm in between. */
export function spawnCli(args: string[]): Spawned {
  return spawnProcess(TSX, [CLI, ...args])
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null
}

/** Resolves with the first `count` lines of stdout; rejects on exit or after WAIT_MS. */
export function firstLines(spawned: Spawned, count: number): Promise<string[]> {
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
      reject(new Error(`Process exited before printing ${count} lines. stdout: ${spawned.stdout()} stderr: ${spawned.stderr()}`))
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
export async function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (!hasExited(child)) {
    const [code, signal] = (await Promise.race([
      once(child, 'exit'),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`process did not exit within ${WAIT_MS} ms`)), WAIT_MS).unref())
    ])) as [number | null, NodeJS.Signals | null]
    return { code, signal }
  }
  return { code: child.exitCode, signal: child.signalCode }
}

/** For afterEach: kills (by process group) whatever the test left running. */
export function killSpawned(): void {
  for (const child of running.splice(0)) {
    if (!hasExited(child) && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
  }
}
