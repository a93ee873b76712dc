/**
 * Prints the hostile-server leak matrix (see leak-matrix.ts) for the report:
 * `npx tsx test/support/print-leak-matrix.ts`. Run it on a commit before a
 * fix and after to compare.
 */
import { runLeakMatrix } from './leak-matrix'
import { makeSentinel } from './key-encodings'

const key = makeSentinel()
const rows = await runLeakMatrix(key)
let leaking = 0
for (const row of rows) {
  if (row.leaks.length) leaking++
  console.log(`${row.leaks.length ? 'LEAK' : 'ok  '} ${row.name}${row.keyArrived ? '' : ' (key did not arrive!)'}`)
  console.log(`     told: ${row.outcome.replace(/\s+/g, ' ').slice(0, 220)}`)
  for (const leak of row.leaks) console.log(`     - ${leak}`)
}
console.log(`\n${leaking} of ${rows.length} behaviours leaked the key; ${rows.reduce((n, r) => n + r.leaks.length, 0)} (place, encoding) findings.`)
