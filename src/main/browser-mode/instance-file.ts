/**
 * One browser-mode instance per data folder. The running one writes
 * `browser-mode.json` (its pid and launch URL, readable by the user only)
 * into the data folder; a second `npm start` on the same folder finds it,
 * checks that it still answers, and prints its URL instead of starting
 * another main process over the same files. A file left by a crash (pid gone
 * or nothing answering) is replaced.
 *
 * Kept in this one module so it can be unified with the desktop app's
 * single-instance lock later.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'

export const INSTANCE_FILE = 'browser-mode.json'
/** Every answer of the browser-mode server carries it, so a stale port reused by another program is not taken for ours. */
export const INSTANCE_HEADER = 'x-qrvey-workbench'

export interface InstanceInfo {
  pid: number
  origin: string
  url: string
  startedAt: string
}

function read(file: string): InstanceInfo | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<InstanceInfo>
    if (typeof value.pid === 'number' && typeof value.origin === 'string' && typeof value.url === 'string') return value as InstanceInfo
  } catch {
    // missing or unreadable: no instance
  }
  return undefined
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function answers(origin: string): Promise<boolean> {
  return new Promise((resolve) => {
    const url = new URL(origin)
    const req = request({ host: url.hostname, port: url.port, path: '/', method: 'HEAD', timeout: 2_000 }, (res) => {
      res.resume()
      resolve(res.headers[INSTANCE_HEADER] === 'browser-mode')
    })
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve(false))
    req.end()
  })
}

/** The instance running on this data folder, if one is. */
export async function findRunningInstance(dataDir: string): Promise<InstanceInfo | undefined> {
  const info = read(join(dataDir, INSTANCE_FILE))
  if (!info || !pidAlive(info.pid)) return undefined
  return (await answers(info.origin)) ? info : undefined
}

/**
 * Claims the data folder for this process. Returns the running instance
 * instead when another one holds it.
 */
export async function claimDataDir(dataDir: string, info: Omit<InstanceInfo, 'pid' | 'startedAt'>): Promise<{ release(): void } | { running: InstanceInfo }> {
  const file = join(dataDir, INSTANCE_FILE)
  const mine: InstanceInfo = { pid: process.pid, startedAt: new Date().toISOString(), ...info }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 'wx': exactly one of two simultaneous starts creates the file.
      writeFileSync(file, JSON.stringify(mine, null, 2), { flag: 'wx', mode: 0o600 })
      return {
        release: () => {
          if (read(file)?.pid === process.pid) unlinkSync(file)
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const running = await findRunningInstance(dataDir)
      if (running) return { running }
      try {
        unlinkSync(file) // left by a process that is gone
      } catch {
        // another start removed it first
      }
    }
  }
  const running = await findRunningInstance(dataDir)
  if (running) return { running }
  throw new Error(`Could not claim ${file}: another start keeps replacing it.`)
}
