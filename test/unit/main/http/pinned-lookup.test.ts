import { describe, expect, it } from 'vitest'
import type { LookupAddress } from 'node:dns'
import { FORBIDDEN_ADDRESS, pinnedLookup } from '../../../../src/main/http/pinned-lookup'

function lookup(host: string, options: { all?: boolean; family?: number } = {}): Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }> {
  return new Promise((resolve) => pinnedLookup(host, options, (error, address, family) => resolve({ error, address, family })))
}

describe('pinnedLookup (the name lookup of every outbound request)', () => {
  it.each(['localhost', 'qrvey.localhost', 'a.b.LOCALHOST', 'x.localhost.'])('answers %s with loopback without DNS', async (host) => {
    expect(await lookup(host)).toMatchObject({ error: null, address: '127.0.0.1', family: 4 })
    expect(await lookup(host, { family: 6 })).toMatchObject({ error: null, address: '::1', family: 6 })
    expect((await lookup(host, { all: true })).address).toEqual([
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 }
    ])
  })

  it.each(['169.254.169.254', '169.254.1.2', '100.100.100.200', 'fd00:ec2::254', 'fe80::1'])('refuses an answer of %s, whatever name led there', async (address) => {
    // getaddrinfo answers an address literal with itself: the same path a DNS answer takes.
    const { error } = await lookup(address, { all: true })
    expect(error?.code).toBe(FORBIDDEN_ADDRESS)
    expect(error?.message).toMatch(/link-local|metadata/)
  })

  it('passes ordinary answers through', async () => {
    expect(await lookup('127.0.0.1')).toMatchObject({ error: null, address: '127.0.0.1', family: 4 })
  })
})
