/**
 * Which Qrvey domains the workbench accepts. The API key travels in a header,
 * so plain http is only allowed where nobody can listen in: the loopback host.
 */
export type DomainCheck = { ok: true; origin: string } | { ok: false; message: string }

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname) || isLocalhostName(hostname)
}

/** `localhost` and `*.localhost` (RFC 6761): always this machine; main pins them to loopback without asking DNS. */
export function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '')
  return name === 'localhost' || name.endsWith('.localhost')
}

/**
 * Names of cloud instance-metadata services: whoever reaches them from this
 * machine gets its cloud credentials, and an API key sent there is a key
 * handed to whatever answers.
 */
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal', 'metadata.azure.com', 'metadata.tencentyun.com'])

/** The four numbers of an IPv4 address, also inside an IPv4-mapped IPv6 one (`::ffff:a9fe:a9fe`); else undefined. */
function ipv4Parts(address: string): number[] | undefined {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase()
  const dotted = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(bare)
  if (dotted) return dotted.slice(1).map(Number)
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(bare)
  if (!mapped) return undefined
  const [hi, lo] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)]
  return [hi >> 8, hi & 255, lo >> 8, lo & 255]
}

/**
 * Why an address (a host name as typed, or an IP that a name resolved to)
 * must never receive the API key, or undefined when it may: link-local
 * (169.254.0.0/16, fe80::/10), the cloud metadata services (169.254.169.254,
 * fd00:ec2::254, Alibaba's 100.100.100.200, the names above) and
 * 0.0.0.0/8, which reaches this machine by a back door.
 */
export function forbiddenAddressReason(host: string): string | undefined {
  const name = host.toLowerCase().replace(/\.$/, '')
  if (METADATA_NAMES.has(name)) return `${host} is a cloud metadata service`
  const v4 = ipv4Parts(name)
  if (v4) {
    if (v4[0] === 169 && v4[1] === 254) return `${host} is a link-local address (169.254.0.0/16, where cloud metadata services answer)`
    if (v4.join('.') === '100.100.100.200') return `${host} is a cloud metadata service`
    if (v4[0] === 0) return `${host} is not a routable address`
    return undefined
  }
  const v6 = name.replace(/^\[|\]$/g, '')
  if (/^fe[89ab][0-9a-f]:/.test(v6)) return `${host} is a link-local address (fe80::/10)`
  if (/^fd00:ec2(:0{1,4}){0,5}::?254$/.test(v6) || v6 === 'fd00:ec2::254') return `${host} is a cloud metadata service`
  if (v6 === '::') return `${host} is not a routable address`
  return undefined
}

/** Normalises a domain the user typed into an origin (`https://host[:port]`). */
export function checkDomain(input: string): DomainCheck {
  const text = input.trim()
  if (!text) return { ok: false, message: 'Enter the domain URL of your Qrvey instance, for example https://yourcompany.qrveyapp.com.' }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    const hint = /^[\w.-]+\.[a-z]{2,}/i.test(text) ? ` Did you mean https://${text}?` : ''
    return { ok: false, message: `"${text}" is not a URL. Start it with https://.${hint}` }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `The domain must start with https:// (got ${url.protocol}//).` }
  }
  const forbidden = forbiddenAddressReason(url.hostname)
  if (forbidden) {
    return { ok: false, message: `${forbidden}: the API key is never sent there. Enter your Qrvey instance's domain, for example https://yourcompany.qrveyapp.com.` }
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      message: `Plain http:// would send the API key unencrypted. Use https://${url.host}, or http:// only for localhost / 127.0.0.1.`
    }
  }
  if (url.username || url.password) {
    return { ok: false, message: 'Remove the user name and password from the domain URL; the API key is entered separately.' }
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return {
      ok: false,
      message: `Enter only the domain (${url.origin}); the workbench adds /devapi/v4/core/login/token itself.`
    }
  }
  return { ok: true, origin: url.origin }
}
