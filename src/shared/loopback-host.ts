/**
 * Which `Host` headers a loopback server answers (issue 7): against DNS
 * rebinding, where a page on attacker.example makes its own name resolve
 * to 127.0.0.1 and then reads the answers as same-origin. The browser still
 * sends `Host: attacker.example:PORT`, so a server that answers only its
 * own loopback names on its own port cannot be read that way.
 *
 * Allowed: 127.0.0.1:PORT, localhost:PORT, [::1]:PORT (a user's backend
 * pointed at the sandbox uses the first; browsers the first or second),
 * NAME.localhost:PORT (RFC 6761 reserves .localhost for loopback: nobody can
 * register one to rebind it, Chromium answers it without DNS, and the
 * workbench pins it to loopback too, so `http://qrvey.localhost:PORT` works
 * as an environment), plus names a caller adds explicitly (a server bound to
 * another address). A server that answers only names it lists (the preview
 * server: one origin per compare frame) leaves out the port, and with it
 * the NAME.localhost wildcard.
 */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']
const LOCALHOST_SUBDOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+localhost$/

export function allowedLoopbackHosts(port: number, extraNames: readonly string[] = []): Set<string> {
  return new Set([...LOOPBACK_NAMES, ...extraNames].map((name) => `${name.toLowerCase()}:${port}`))
}

function isLocalhostSubdomain(host: string, port: number): boolean {
  const suffix = `:${port}`
  if (!host.endsWith(suffix) || host.length > 253 + suffix.length) return false
  return LOCALHOST_SUBDOMAIN.test(host.slice(0, -suffix.length))
}

/** Why a request with this Host header is refused, or undefined when it may be answered. */
export function hostProblem(host: string | undefined, allowed: ReadonlySet<string>, port?: number): string | undefined {
  const expected = [...allowed].join(', ')
  if (!host) return `The request has no Host header; this server answers only ${expected}.`
  const name = host.toLowerCase()
  if (allowed.has(name) || (port !== undefined && isLocalhostSubdomain(name, port))) return undefined
  return `This server answers only ${expected}${port !== undefined ? ' (or NAME.localhost)' : ''}, not ${JSON.stringify(host.slice(0, 100))} (a page using another name for this machine is refused, against DNS rebinding).`
}
