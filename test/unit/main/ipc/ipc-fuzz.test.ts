/**
 * Bounded IPC fuzz (issue 7, Tests): a few hundred seeded random and hostile
 * payloads to every channel of the real handler registry, on a real
 * composition in temp folders. Every reply must be a Result, and a refused
 * call must leave every file byte-identical. Same seed, same payloads: a
 * failure names the channel and payload, and reproduces with
 *   npx tsx scripts/fuzz-ipc.ts --channel <name> --seed 20261130 --count 250
 * (scripts/fuzz-ipc.ts is the long run).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHANNELS, fuzzChannel, hashFolder } from '../../../support/ipc-fuzz'
import { makeTempDir } from '../../../support/temp-dir'

const SEED = 20261130
const PER_CHANNEL = 250

describe('IPC fuzz', () => {
  it('covers every channel of the contract', () => {
    expect(CHANNELS.length).toBeGreaterThanOrEqual(33)
  })

  it('its file check sees a one-byte change anywhere in the data folder, and ignores the log', () => {
    const temp = makeTempDir()
    try {
      mkdirSync(join(temp.dir, 'workspace', 'setups'), { recursive: true })
      mkdirSync(join(temp.dir, 'logs'))
      writeFileSync(join(temp.dir, 'workspace', 'setups', 'a.json'), '{"name":"a"}')
      const before = hashFolder(temp.dir)
      writeFileSync(join(temp.dir, 'logs', 'main.log'), 'ipc.failed\n')
      expect(hashFolder(temp.dir)).toBe(before)
      writeFileSync(join(temp.dir, 'workspace', 'setups', 'a.json'), '{"name":"b"}')
      expect(hashFolder(temp.dir)).not.toBe(before)
    } finally {
      temp.cleanup()
    }
  })

  it.each(CHANNELS)(
    '%s: 250 seeded payloads, every reply a Result, refused calls change no file',
    async (channel) => {
      const report = await fuzzChannel(channel, { seed: SEED, count: PER_CHANNEL })
      expect(report.findings.slice(0, 5)).toEqual([])
      expect(report.calls).toBe(PER_CHANNEL)
      // The fuzz reached the handlers, not only the schema: some calls are refused, and for most channels some pass.
      expect(report.refused).toBeGreaterThan(0)
    },
    120_000
  )
})
