/**
 * Step 2: the name's addresses, through the same pinned lookup every request
 * of main uses (localhost is loopback without DNS; link-local and metadata
 * addresses are refused).
 */
import type { LookupAddress } from 'node:dns'
import { isIP } from 'node:net'
import { FORBIDDEN_ADDRESS, pinnedLookup } from '../http/pinned-lookup'
import { outcome, type DoctorStepRun } from './doctor-types'

function lookupAll(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    pinnedLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses as LookupAddress[])))
  )
}

export const checkDns: DoctorStepRun = async (ctx) => {
  const url = ctx.url as URL
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (isIP(host)) {
    ctx.addresses = [{ address: host, family: isIP(host) }]
    return outcome('pass', `${host} is an IP address: nothing to look up.`)
  }
  try {
    const addresses = await lookupAll(host)
    ctx.addresses = addresses
    return outcome('pass', `${host} resolves to ${addresses.map((a) => a.address).join(', ')}.`)
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    if (e.code === FORBIDDEN_ADDRESS) {
      return outcome('fail', `${host} leads to an address the API key is never sent to (${e.message}).`, { fix: 'Check the domain: a name resolving to a link-local or cloud metadata address is refused.', detail: e.message })
    }
    return outcome('fail', `The name ${host} could not be found (${e.code ?? e.message}).`, {
      fix: 'Check the domain for typos, or your network, VPN or DNS settings (a company-internal name needs the company network).',
      detail: `${e.code ?? 'ERROR'}: ${e.message}`
    })
  }
}
