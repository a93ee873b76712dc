/**
 * Which Qrvey domains the workbench accepts. The API key travels in a header,
 * so plain http is only allowed where nobody can listen in: the loopback host.
 */
export type DomainCheck = { ok: true; origin: string } | { ok: false; message: string }

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname) || hostname.endsWith('.localhost')
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
