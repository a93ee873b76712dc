/**
 * The long IPC fuzz run (the test suite runs 250 payloads per channel; see
 * test/support/ipc-fuzz.ts for what is sent and checked).
 *
 *   npx tsx scripts/fuzz-ipc.ts [--count 5000] [--seed 20261130] [--channel workspace:save]
 *
 * Prints, per channel, the calls made, refused and accepted, the reply codes,
 * and every finding with its payload; exits 1 if there is any finding.
 */
import { parseArgs } from 'node:util'
import { CHANNELS, fuzzChannel, type FuzzReport } from '../test/support/ipc-fuzz'
import type { Channel } from '../src/shared/ipc-contract'

const { values } = parseArgs({
  options: { count: { type: 'string', default: '2000' }, seed: { type: 'string', default: '20261130' }, channel: { type: 'string' } }
})
const count = Number(values.count)
const seed = Number(values.seed)
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error('--count must be a whole number from 1, --seed a whole number')
  process.exit(2)
}
if (values.channel !== undefined && !CHANNELS.includes(values.channel as Channel)) {
  console.error(`--channel must be one of: ${CHANNELS.join(', ')}`)
  process.exit(2)
}
const channels = values.channel ? [values.channel as Channel] : CHANNELS

console.log(`IPC fuzz: ${count} payloads per channel, seed ${seed}, ${channels.length} channel(s)\n`)
const totals = { calls: 0, refused: 0, accepted: 0, unsendable: 0, findings: 0, internal: 0 }
const started = performance.now()
for (const channel of channels) {
  const report: FuzzReport = await fuzzChannel(channel, { seed, count })
  totals.calls += report.calls
  totals.refused += report.refused
  totals.accepted += report.accepted
  totals.unsendable += report.unsendable
  totals.findings += report.findings.length
  totals.internal += report.internal.length
  const codes = Object.entries(report.byCode)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} ${n}`)
    .join(', ')
  console.log(`${channel.padEnd(26)} ${String(report.calls).padStart(6)} calls  ${String(report.refused).padStart(6)} refused  ${String(report.accepted).padStart(6)} accepted  (${codes})`)
  for (const finding of [...report.findings, ...report.internal].slice(0, 10)) console.log(`  ! ${finding.problem}\n    payload: ${finding.payload}`)
}
const seconds = ((performance.now() - started) / 1000).toFixed(0)
console.log(
  `\n${totals.calls} calls in ${seconds} s: ${totals.refused} refused, ${totals.accepted} accepted, ${totals.unsendable} payloads not sendable over IPC (skipped); ` +
    `${totals.findings} finding(s) (throw, not a Result, refused call changed a file), ${totals.internal} INTERNAL answer(s)`
)
process.exit(totals.findings > 0 ? 1 : 0)
