/** Step 3: can a TCP connection be opened to the address and port? */
import { connect } from 'node:net'
import { outcome, portOf, type DoctorStepRun } from './doctor-types'

function tryConnect(host: string, port: number, timeoutMs: number): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    const done = (result: { ok: true } | { ok: false; code: string; message: string }) => {
      socket.destroy()
      resolve(result)
    }
    socket.setTimeout(timeoutMs, () => done({ ok: false, code: 'ETIMEDOUT', message: `no answer within ${timeoutMs} ms` }))
    socket.once('connect', () => done({ ok: true }))
    socket.once('error', (error: NodeJS.ErrnoException) => done({ ok: false, code: error.code ?? 'ERROR', message: error.message }))
  })
}

export const checkTcp: DoctorStepRun = async (ctx) => {
  const url = ctx.url as URL
  const port = portOf(url)
  const addresses = ctx.addresses ?? []
  const tried: string[] = []
  for (const { address } of addresses) {
    const result = await tryConnect(address, port, ctx.target.timeoutMs)
    if (result.ok) return outcome('pass', `Connected to ${address} port ${port}.`)
    tried.push(`${address}:${port}: ${result.code} (${result.message})`)
    if (result.code === 'ECONNREFUSED') continue
  }
  const refused = tried.every((t) => t.includes('ECONNREFUSED'))
  if (refused) {
    return outcome('fail', `${url.host} refused the connection: nothing is listening on port ${port}.`, {
      fix: 'Check the port in the domain, or that the server is running (for the sandbox: is the workbench or "npm run sandbox" running?).',
      detail: tried.join('\n')
    })
  }
  return outcome('fail', `No connection to ${url.host} on port ${port} (${tried.map((t) => t.split(': ')[1]).join(', ')}).`, {
    fix: 'A firewall, proxy or VPN may block the way, or the server is down; try from another network, or ask whoever runs the server.',
    detail: tried.join('\n')
  })
}
