/**
 * The name lookup every outbound request of main uses (issue 7):
 *  - `localhost` and `*.localhost` are this machine by definition (RFC 6761),
 *    and plain http is allowed to them for that reason only, so they are
 *    answered with loopback addresses here, never asked of DNS (a resolver
 *    could point them anywhere, and the key would follow in clear text);
 *  - an address a name resolves to is refused when it is link-local or a
 *    cloud metadata service (DNS can point any name there), with an error
 *    the token service explains in one sentence.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { forbiddenAddressReason, isLocalhostName } from '../../shared/url-policy'

/** Error code of a refused address; describe-failure.ts words it. */
export const FORBIDDEN_ADDRESS = 'EFORBIDDENADDRESS'

type Callback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

function forbidden(hostname: string, address: string, reason: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${address}: ${reason}`)
  error.code = FORBIDDEN_ADDRESS
  return error
}

export function pinnedLookup(hostname: string, options: LookupOptions | number | Callback, maybeCallback?: Callback): void {
  const callback = (typeof options === 'function' ? options : maybeCallback) as Callback
  const opts: LookupOptions = typeof options === 'object' ? options : typeof options === 'number' ? { family: options } : {}
  if (isLocalhostName(hostname)) {
    const loopback: LookupAddress[] = [
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 }
    ].filter((a) => !opts.family || opts.family === a.family)
    if (opts.all) callback(null, loopback)
    else callback(null, loopback[0].address, loopback[0].family)
    return
  }
  dnsLookup(hostname, { ...opts, all: true }, (error, addresses) => {
    if (error) return callback(error, [])
    for (const { address } of addresses) {
      const reason = forbiddenAddressReason(address)
      if (reason) return callback(forbidden(hostname, address, reason), [])
    }
    if (opts.all) callback(null, addresses)
    else callback(null, addresses[0].address, addresses[0].family)
  })
}
