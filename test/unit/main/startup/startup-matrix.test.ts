/**
 * Issue 7, "the app always starts": every store and workspace file x every
 * kind of damage. Each row starts from the same data folder a normal session
 * left (an environment "Acme" with its key, active; a setup "Alpha"; one
 * history entry; the dark theme), damages ONE file, and starts the real
 * composition on it. For every row: createMainApp resolves, the damaged
 * file is moved aside (byte for byte) or listed with its error and left as
 * it is, everything else is intact, the user is told, and a planted
 * sentinel reaches no reply the renderer sees.
 *
 * The expected outcome of each cell is the table MATRIX below (also in the
 * report of issue 7).
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MainApp } from '../../../../src/main/app/create-main-app'
import { makeTempDir } from '../../../support/temp-dir'
import { ACME_KEY, call, seedDataDir, startApp } from './seeded-app'

const SENTINEL = 'SENTINEL-startup-matrix-8817'

type Damage = 'truncated' | 'not JSON' | 'wrong shape' | 'empty' | 'binary' | 'huge' | 'hostile field'
type FileRow = 'settings' | 'secrets' | 'active environment' | 'workspace environments.json' | 'setup file' | 'history.jsonl' | 'main.log'
type Outcome = 'moved aside' | 'listed' | 'secret ignored' | 'lines backed up' | 'nothing to do' | 'rotated aside' | 'appended'

const DAMAGES: Damage[] = ['truncated', 'not JSON', 'wrong shape', 'empty', 'binary', 'huge', 'hostile field']

/** What happens to each file for each damage (the issue's report table). */
const MATRIX: Record<FileRow, Record<Damage, Outcome>> = {
  settings: { truncated: 'moved aside', 'not JSON': 'moved aside', 'wrong shape': 'moved aside', empty: 'moved aside', binary: 'moved aside', huge: 'moved aside', 'hostile field': 'moved aside' },
  secrets: { truncated: 'moved aside', 'not JSON': 'moved aside', 'wrong shape': 'moved aside', empty: 'moved aside', binary: 'moved aside', huge: 'moved aside', 'hostile field': 'moved aside' },
  'active environment': { truncated: 'moved aside', 'not JSON': 'moved aside', 'wrong shape': 'moved aside', empty: 'moved aside', binary: 'moved aside', huge: 'moved aside', 'hostile field': 'moved aside' },
  'workspace environments.json': { truncated: 'listed', 'not JSON': 'listed', 'wrong shape': 'listed', empty: 'listed', binary: 'listed', huge: 'listed', 'hostile field': 'listed' },
  'setup file': { truncated: 'listed', 'not JSON': 'listed', 'wrong shape': 'listed', empty: 'listed', binary: 'listed', huge: 'listed', 'hostile field': 'secret ignored' },
  'history.jsonl': { truncated: 'lines backed up', 'not JSON': 'lines backed up', 'wrong shape': 'lines backed up', empty: 'nothing to do', binary: 'lines backed up', huge: 'moved aside', 'hostile field': 'lines backed up' },
  'main.log': { truncated: 'appended', 'not JSON': 'appended', 'wrong shape': 'rotated aside', empty: 'appended', binary: 'appended', huge: 'rotated aside', 'hostile field': 'rotated aside' }
}

const FILES: Record<FileRow, string> = {
  settings: 'settings.json',
  secrets: 'secrets.json',
  'active environment': 'environments.json',
  'workspace environments.json': 'workspace/environments.json',
  'setup file': 'workspace/setups/Alpha.json',
  'history.jsonl': 'history.jsonl',
  'main.log': 'logs/main.log'
}

const BINARY = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 73 + 11) % 256))
const pad = (megabytes: number) => 'x'.repeat(Math.ceil(megabytes * 1024 * 1024))

/** The damaged content of `row` made from its original text, or a folder / symlink put in its place. */
function damaged(row: FileRow, damage: Damage, original: string, outside: string): string | Buffer | { folder: true } | { symlinkTo: string } {
  const json = () => JSON.parse(original) as Record<string, unknown>
  switch (damage) {
    case 'truncated':
      return original.slice(0, Math.floor(original.length / 2))
    case 'not JSON':
      return 'this is not JSON {'
    case 'empty':
      return ''
    case 'binary':
      return BINARY
    case 'huge':
      if (row === 'history.jsonl') return `${original}${`{"pad":"${pad(1)}"}\n`.repeat(66)}`
      if (row === 'main.log') return `${original}${pad(6)}\n`
      return JSON.stringify({ ...json(), padding: pad(row === 'setup file' ? 3 : row === 'workspace environments.json' ? 5 : 9) })
    case 'wrong shape':
      return {
        settings: '["dark"]',
        secrets: '{"secrets":"abc"}',
        'active environment': '["acme"]',
        'workspace environments.json': '{"environments":{"id":"x"}}',
        'setup file': '{"formatVersion":1,"name":5}',
        'history.jsonl': '[1,2,3]\n{"id":5}\n',
        'main.log': { folder: true } as const
      }[row]
    case 'hostile field': {
      if (row === 'main.log') return { symlinkTo: outside }
      if (row === 'history.jsonl') {
        const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`
        return `${original}${deep}\n{"__proto__":{"polluted":true},"id":"p","time":"2025-01-01T00:00:00.000Z","kind":"token","status":"success","timings":{}}\n`
      }
      const value = json()
      if (row === 'workspace environments.json') {
        const list = value.environments as Array<Record<string, unknown>>
        list[list.length - 1].apiKey = SENTINEL
        return JSON.stringify(value, null, 2)
      }
      if (row === 'setup file') {
        const token = value.token as Record<string, unknown>
        token.extra = { apiKey: SENTINEL }
        return JSON.stringify(value, null, 2)
      }
      return JSON.stringify({ ...value, [row === 'active environment' ? 'token' : 'apiKey']: SENTINEL })
    }
  }
}

let seed: { dir: string; cleanup(): void }
const temps: Array<{ cleanup(): void }> = []

beforeAll(async () => {
  seed = makeTempDir('qwb-matrix-seed-')
  await seedDataDir(seed.dir)
}, 60_000)
afterAll(() => {
  seed.cleanup()
  temps.forEach((t) => t.cleanup())
})

interface Seen {
  info: { notices: string[] }
  envs: { environments: Array<{ name: string; key: { set: boolean } }>; activeId: string }
  workspace: { setups: Array<{ name: string; file: string; error?: string; ignoredSecrets?: string[] }>; environmentsProblem?: string }
  settings: { settings: { ui: { theme: string } }; report: { recovered?: { backupPath: string }; resetFields: string[] } }
  history: unknown[]
}

async function look(app: MainApp): Promise<Seen> {
  return {
    info: await call(app, 'app:info'),
    envs: await call(app, 'environments:list'),
    workspace: await call(app, 'workspace:info'),
    settings: await call(app, 'settings:get'),
    history: await call(app, 'history:list', {})
  }
}

function backupsOf(path: string): string[] {
  const stem = basename(path).replace(/\.[^.]+$/, '')
  return readdirSync(dirname(path))
    .filter((n) => n.startsWith(`${stem}.corrupt-`))
    .map((n) => join(dirname(path), n))
}

const rows = (Object.keys(MATRIX) as FileRow[]).flatMap((row) => DAMAGES.map((damage) => ({ row, damage, outcome: MATRIX[row][damage] })))

describe('start-up matrix: every file x every damage', () => {
  it.each(rows)('$row, $damage: the app starts ($outcome), the rest is intact, the user is told', async ({ row, damage, outcome }) => {
    const temp = makeTempDir('qwb-matrix-')
    temps.push(temp)
    const dataDir = join(temp.dir, 'data')
    cpSync(seed.dir, dataDir, { recursive: true })
    const path = join(dataDir, FILES[row])
    const outside = join(temp.dir, 'outside.txt')
    writeFileSync(outside, 'not the log\n')
    const original = readFileSync(path, 'utf8')
    const bad = damaged(row, damage, original, outside)
    rmSync(path, { force: true })
    const badBytes = typeof bad === 'string' || Buffer.isBuffer(bad) ? Buffer.from(bad) : undefined
    if (badBytes) writeFileSync(path, badBytes)
    else if ((bad as { folder?: true }).folder) mkdirSync(path)
    else symlinkSync((bad as { symlinkTo: string }).symlinkTo, path)

    // 1. It starts.
    const app = await startApp(dataDir)
    try {
      const seen = await look(app)
      const notices = seen.info.notices.join('\n')

      // 2. The damaged file: moved aside byte for byte, or listed and left as it is.
      if (outcome === 'moved aside') {
        const backups = backupsOf(path)
        expect(backups).toHaveLength(1)
        if (badBytes) expect(readFileSync(backups[0]).equals(badBytes)).toBe(true)
        expect(notices).toContain(backups[0])
      }
      if (outcome === 'listed' || outcome === 'secret ignored') expect(readFileSync(path).equals(badBytes!)).toBe(true)
      if (outcome === 'listed' && row === 'workspace environments.json') {
        expect(seen.workspace.environmentsProblem).toBeTruthy()
        expect(notices).toContain('environments.json')
        // Still never rewritten after a change to environments in this run.
        await call(app, 'environments:create', { name: 'Later', domain: 'https://later.example.com' })
        expect(readFileSync(path).equals(badBytes!)).toBe(true)
      }
      if (outcome === 'listed' && row === 'setup file') {
        expect(seen.workspace.setups.find((s) => s.file === 'setups/Alpha.json')?.error).toBeTruthy()
        expect(notices).toContain('setups/Alpha.json')
      }
      if (outcome === 'secret ignored') expect(seen.workspace.setups.find((s) => s.name === 'Alpha')?.ignoredSecrets).toEqual(['token.extra.apiKey'])
      if (outcome === 'lines backed up') {
        expect(app.history.loadReport.skippedLines).toBeGreaterThan(0)
        expect(notices).toContain(app.history.loadReport.skippedBackup!)
        expect(readFileSync(app.history.loadReport.skippedBackup!, 'utf8').length).toBeGreaterThan(0)
      }
      if (outcome === 'rotated aside') {
        const rotated = join(dataDir, 'logs', 'main.1.log')
        expect(existsSync(rotated) || lstatSync(rotated).isSymbolicLink()).toBe(true)
        expect(lstatSync(path).isFile()).toBe(true)
        expect(readFileSync(path, 'utf8')).toContain('app.started')
      }
      if (outcome === 'appended') expect(readFileSync(path, 'utf8')).toContain('app.started')
      // A symlinked log never writes through to its target.
      expect(readFileSync(outside, 'utf8')).toBe('not the log\n')

      // 3. Everything else is intact.
      if (row !== 'settings') expect(seen.settings.settings.ui.theme).toBe('dark')
      else if (outcome === 'moved aside') expect(seen.settings.report.recovered?.backupPath).toBe(backupsOf(path)[0])
      const acme = seen.envs.environments.find((e) => e.name === 'Acme')
      const envFileUnusable = row === 'workspace environments.json' && damage !== 'hostile field'
      if (!envFileUnusable) expect(acme).toBeDefined()
      if (acme && row !== 'secrets') expect(acme.key.set).toBe(true)
      if (row !== 'active environment' && !envFileUnusable) expect(seen.envs.activeId).not.toBe('sandbox')
      if (row !== 'setup file') expect(seen.workspace.setups.map((s) => [s.name, !!s.error])).toEqual([['Alpha', false]])
      if (row !== 'history.jsonl') expect(seen.history).toHaveLength(1)
      if (row !== 'main.log' && outcome !== 'secret ignored' && outcome !== 'nothing to do') expect(notices).not.toBe('')

      // 4. Nothing planted reaches the renderer; nothing was polluted.
      expect(JSON.stringify(seen)).not.toContain(SENTINEL)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()

      // 5. The app keeps working on the damaged store: a new key is stored and survives a restart.
      if (row === 'secrets' && acme) {
        const acmeId = (seen.envs.environments as Array<{ id?: string; name: string }>).find((e) => e.name === 'Acme')!
        await call(app, 'environments:set-key', { id: (acmeId as { id: string }).id, apiKey: ACME_KEY })
      }
    } finally {
      await app.close()
    }
    if (row === 'secrets') {
      const again = await startApp(dataDir)
      try {
        const state = await call<Seen['envs']>(again, 'environments:list')
        expect(state.environments.find((e) => e.name === 'Acme')?.key.set).toBe(true)
        expect((await call<Seen['info']>(again, 'app:info')).notices).toEqual([])
      } finally {
        await again.close()
      }
    }
  }, 60_000)
})
