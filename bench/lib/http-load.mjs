/**
 * A load generator for bench/sandbox-throughput.ts, run as its own process
 * (as the row says), so the client's own work does not share the
 * thread of the server being measured. Posts one JSON body over keep-alive
 * connections, CONCURRENCY requests in flight, for DURATION_MS; prints one
 * JSON line: {"ok": n, "failed": n, "seconds": s}.
 *
 *   node bench/lib/http-load.mjs URL DURATION_MS CONCURRENCY HEADERS_JSON BODY
 */
import { Agent, request } from 'node:http'

const [url, durationText, concurrencyText, headersJson, body] = process.argv.slice(2)
const duration = Number(durationText)
const concurrency = Number(concurrencyText)
const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...JSON.parse(headersJson) }
const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
const target = new URL(url)

function post() {
  return new Promise((resolve, reject) => {
    const req = request(target, { method: 'POST', agent, headers }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end(body)
  })
}

let ok = 0
let failed = 0
const deadline = performance.now() + duration
const start = performance.now()
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      if ((await post()) === 200) ok++
      else failed++
    }
  })
)
const seconds = (performance.now() - start) / 1000
agent.destroy()
process.stdout.write(`${JSON.stringify({ ok, failed, seconds })}\n`)
