/**
 * Step 4: the certificate a browser and the token request will see: trusted
 * chain, dates, and the host name. The connection is made without refusing
 * the certificate (rejectUnauthorized: false) only to read and judge it; no
 * request is sent over it, and every real request still refuses a bad one.
 */
import { checkServerIdentity, connect, rootCertificates, type DetailedPeerCertificate, type TLSSocket } from 'node:tls'
import { isIP } from 'node:net'
import { outcome, portOf, type DoctorStepRun, type StepOutcome } from './doctor-types'

const SOON_DAYS = 14

function handshake(host: string, servername: string | undefined, port: number, ca: string[], timeoutMs: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    // Node's default store (which includes NODE_EXTRA_CA_CERTS, as the token request sees it) unless a test adds its own CA.
    const socket = connect({ host, port, servername, rejectUnauthorized: false, ...(ca.length ? { ca: [...rootCertificates, ...ca] } : {}) })
    socket.setTimeout(timeoutMs, () => {
      socket.destroy()
      reject(Object.assign(new Error(`no TLS handshake within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }))
    })
    socket.once('secureConnect', () => resolve(socket))
    socket.once('error', reject)
  })
}

function name(subject: Record<string, unknown> | undefined): string {
  if (!subject) return '(none)'
  const cn = subject.CN ?? subject.O
  return Array.isArray(cn) ? cn.join(', ') : String(cn ?? '(none)')
}

/** The chain as sent, leaf first (a self-signed certificate is its own issuer: stop there). */
function chainOf(leaf: DetailedPeerCertificate): string[] {
  const lines: string[] = []
  const seen = new Set<string>()
  let cert: DetailedPeerCertificate | undefined = leaf
  while (cert && cert.fingerprint256 && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256)
    lines.push(`${name(cert.subject as never)} (issued by ${name(cert.issuer as never)}; valid ${cert.valid_from} to ${cert.valid_to})`)
    cert = cert.issuerCertificate
  }
  return lines
}

export const checkTls: DoctorStepRun = async (ctx) => {
  const url = ctx.url as URL
  if (url.protocol !== 'https:') return outcome('skip', 'Plain http: no certificate to check (allowed for loopback only).')
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const address = ctx.addresses?.[0]?.address ?? host
  let socket: TLSSocket
  try {
    socket = await handshake(address, isIP(host) ? undefined : host, portOf(url), ctx.deps.trustedCa ?? [], ctx.target.timeoutMs)
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    return outcome('fail', `No TLS handshake with ${url.host} (${e.code ?? e.message}): the server does not speak TLS on this port, or something in between cut it.`, {
      fix: 'Check that the domain starts with the right scheme (https:// for a Qrvey instance) and the port is the HTTPS one.',
      detail: `${e.code ?? 'ERROR'}: ${e.message}`
    })
  }
  try {
    return judge(socket, host, (ctx.deps.now ?? (() => new Date()))())
  } finally {
    socket.destroy()
  }
}

function judge(socket: TLSSocket, host: string, now: Date): StepOutcome {
  const leaf = socket.getPeerCertificate(true)
  const chain = chainOf(leaf)
  const error = socket.authorizationError ? String((socket.authorizationError as unknown as { code?: string }).code ?? socket.authorizationError) : ''
  const detail = [`Certificate chain (leaf first):`, ...chain.map((line) => `  ${line}`), error ? `Verification: ${error}` : 'Verification: trusted'].join('\n')
  const notAfter = new Date(leaf.valid_to)
  const notBefore = new Date(leaf.valid_from)
  const who = `the certificate of ${host} (${name(leaf.subject as never)})`
  if (notAfter.getTime() < now.getTime() || error === 'CERT_HAS_EXPIRED') {
    return outcome('fail', `${capital(who)} expired on ${notAfter.toISOString().slice(0, 10)}.`, { fix: 'Whoever runs the server must renew the certificate; browsers and the token request refuse it until then.', detail })
  }
  if (notBefore.getTime() > now.getTime() || error === 'CERT_NOT_YET_VALID') {
    return outcome('fail', `${capital(who)} is not valid before ${notBefore.toISOString()}.`, { fix: "Check this computer's clock; if it is right, the server's certificate was issued for the future.", detail })
  }
  if (error === 'DEPTH_ZERO_SELF_SIGNED_CERT' || error === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return outcome('fail', `${capital(who)} is self-signed: no browser trusts it, and the workbench does not send the key over it.`, {
      fix: 'Use the instance\'s real domain (with a certificate from a public CA). A company CA must be trusted by this computer (NODE_EXTRA_CA_CERTS for the command line).',
      detail
    })
  }
  const mismatch = checkServerIdentity(host, leaf)
  if (mismatch || /ALTNAME|HOSTNAME/.test(error)) {
    return outcome('fail', `${capital(who)} is for another host name (${leaf.subjectaltname ?? name(leaf.subject as never)}).`, {
      fix: 'Use the domain the certificate names, or ask for a certificate that covers this one.',
      detail: `${detail}${mismatch ? `\n${mismatch.message}` : ''}`
    })
  }
  if (error) {
    return outcome('fail', `${capital(who)} is not trusted (${error}): its issuer is unknown or the chain is incomplete.`, {
      fix: 'Ask whoever runs the server to send the full chain (intermediate certificates); a company CA must be trusted by this computer.',
      detail
    })
  }
  const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000)
  if (daysLeft < SOON_DAYS) return outcome('warn', `${capital(who)} is trusted but expires in ${daysLeft} day(s), on ${notAfter.toISOString().slice(0, 10)}.`, { fix: 'Tell whoever runs the server to renew it soon.', detail })
  return outcome('pass', `${capital(who)} is trusted, matches the host name, and is valid until ${notAfter.toISOString().slice(0, 10)}.`, { detail })
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
