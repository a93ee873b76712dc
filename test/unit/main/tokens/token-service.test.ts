import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { decodeProtectedHeader } from 'jose'
import { createHttpClient } from '../../../../src/main/http/http-client'
import { readWarnings, TokenService, type TokenTargets } from '../../../../src/main/tokens/token-service'
import { ok } from '../../../../src/shared/result'
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'
import { closedPortUrl, echoHeaders, hang, respond, startServer, type RunningServer } from '../../../support/failure-servers'
import { findKeyEncodings, keyAcrossCut, makeSentinel } from '../../../support/key-encodings'
import { KEY_ECHO_NOTICE, KeyEcho } from '../../../../src/main/secrets/key-echo'
import { MAX_BODY_IN_DETAIL, MAX_SERVER_MESSAGE } from '../../../../src/main/tokens/describe-failure'

const KEY = 'SENTINEL-token-service-key-0042'
const body = { userid: 'izfZIkc', appid: '59VShVtjM', clientid: 'sampleuser@sampledomain.com', expiresIn: '10m' }

function targetAt(domain: string, apiKey: string | undefined = KEY, timeoutMs = 15_000): TokenTargets {
  return { resolveTarget: () => ok({ domain, apiKey, timeoutMs, name: 'test env' }) }
}

function serviceFor(domain: string, apiKey?: string, timeoutMs?: number) {
  return new TokenService(createHttpClient(), targetAt(domain, apiKey, timeoutMs))
}

const servers: RunningServer[] = []
async function server(...args: Parameters<typeof startServer>) {
  const s = await startServer(...args)
  servers.push(s)
  return s
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

describe('TokenService against the real sandbox over loopback', () => {
  let sandbox: SandboxHandle
  afterAll(() => sandbox?.close())

  it('gives the exact expiry of a sandbox token (main reads it), and an estimate elsewhere', async () => {
    const own = await startSandbox({ apiKey: KEY })
    const exact = new TokenService(createHttpClient(), targetAt(own.url), undefined, (token) => own.issuer.peek(token))
    const before = Math.floor(Date.now() / 1000)
    const result = await exact.generate({ environmentId: 'x', body: { ...body, expiresIn: '10m' } })
    expect(result.ok && result.value.lifetime?.source).toBe('sandbox')
    if (!result.ok) return
    const exp = Date.parse(result.value.lifetime!.expiresAt!) / 1000
    expect(exp - before).toBeGreaterThanOrEqual(600)
    expect(exp - before).toBeLessThanOrEqual(602)

    const estimated = await serviceFor(own.url).generate({ environmentId: 'x', body: { ...body, expiresIn: '10m' } })
    expect(estimated.ok && estimated.value.lifetime?.source).toBe('estimate')
    await own.close()
  })

  it('returns a JWE token with a kid, the status, a duration and the redacted request', async () => {
    sandbox = await startSandbox({ apiKey: KEY })
    const result = await serviceFor(sandbox.url).generate({ environmentId: 'x', body })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.status).toBe(200)
    expect(result.value.token.split('.')).toHaveLength(5)
    expect(decodeProtectedHeader(result.value.token).kid).toBeTruthy()
    expect(result.value.durationMs).toBeGreaterThanOrEqual(0)
    expect(result.value.request.url).toBe(`${sandbox.url}/devapi/v4/core/login/token`)
    expect(result.value.request.body).toEqual(body)
    expect(result.value.request.headers['x-api-key']).toContain('0042')
    expect(JSON.stringify(result.value)).not.toContain(KEY)
  })

  it('carries the sandbox\'s warnings (x-qrvey-sandbox-warning) into the result, and none for a complete body', async () => {
    const noLifetime: Partial<typeof body> = { ...body }
    delete noLifetime.expiresIn
    const result = await serviceFor(sandbox.url).generate({ environmentId: 'x', body: noLifetime as typeof body })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.warnings).toEqual(["expiresIn is missing and Qrvey does not document a default lifetime; the sandbox's token lives 1 hour."])
    const complete = await serviceFor(sandbox.url).generate({ environmentId: 'x', body })
    expect(complete.ok && complete.value.warnings).toBe(undefined)
  })

  it('reads only a JSON list of texts from the warning header, capped', () => {
    expect(readWarnings(undefined)).toEqual([])
    expect(readWarnings('not json')).toEqual([])
    expect(readWarnings('{"a": 1}')).toEqual([])
    expect(readWarnings(JSON.stringify(['one', 2, '', 'two']))).toEqual(['one', 'two'])
    expect(readWarnings(JSON.stringify(Array.from({ length: 50 }, (_, i) => `w${i}`)))).toHaveLength(20)
  })

  it('scrubs a key echoed in the warning header', async () => {
    const echoing = await server(respond(200, JSON.stringify({ token: 'eyJ.a.b.c.d' }), { 'content-type': 'application/json', 'x-qrvey-sandbox-warning': JSON.stringify([`assumed ${KEY}`]) }))
    const result = await serviceFor(echoing.url).generate({ environmentId: 'x', body })
    expect(JSON.stringify(result)).not.toContain(KEY)
  })

  it('reports a wrong key as 401 with the server message', async () => {
    const result = await serviceFor(sandbox.url, 'wrong-key-00000000').generate({ environmentId: 'x', body })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('HTTP_401')
    expect(result.error.message).toMatch(/API key was rejected/)
    expect(result.error.detail).toContain('401')
  })
})

describe('TokenService failure classification', () => {
  async function failureFor(domain: string, timeoutMs?: number) {
    const result = await serviceFor(domain, KEY, timeoutMs).generate({ environmentId: 'x', body })
    if (result.ok) throw new Error('expected a failure')
    expect(JSON.stringify(result)).not.toContain(KEY)
    return result.error
  }

  it('explains a name that does not resolve', async () => {
    const error = await failureFor('https://qrvey-workbench-test.invalid')
    expect(error.code).toBe('DNS_FAILURE')
    expect(error.message).toContain('qrvey-workbench-test.invalid could not be found')
  })

  it('explains a refused connection', async () => {
    const error = await failureFor(await closedPortUrl())
    expect(error.code).toBe('CONNECTION_REFUSED')
    expect(error.message).toMatch(/refused the connection/)
  })

  it('gives up after the configured timeout when the server never answers', async () => {
    const s = await server(hang)
    const error = await failureFor(s.url, 300)
    expect(error.code).toBe('TIMEOUT')
    expect(error.message).toContain('did not answer within 300 ms')
  })

  it('explains an untrusted (self-signed) certificate', async () => {
    const s = await server(respond(200, '{"token":"x"}'), { tls: true })
    const error = await failureFor(s.url)
    expect(error.code).toBe('TLS_ERROR')
    expect(error.message).toMatch(/self-signed/)
  })

  it.each([
    [401, 'HTTP_401', /API key was rejected/],
    [403, 'HTTP_403', /not allowed/],
    [404, 'HTTP_404', /domain is probably wrong/],
    [422, 'HTTP_4XX', /refused the request \(422\)/],
    [500, 'HTTP_5XX', /server failed \(500\)/],
    [503, 'HTTP_5XX', /server failed \(503\)/]
  ])('classifies HTTP %i', async (status, code, message) => {
    const s = await server(respond(status, JSON.stringify({ status: 'error', errors: [{ message: 'from server' }] })))
    const error = await failureFor(s.url)
    expect(error.code).toBe(code)
    expect(error.message).toMatch(message)
    expect(error.detail).toContain(`HTTP ${status}`)
  })

  it('quotes the Qrvey error message from the body', async () => {
    const s = await server(respond(400, JSON.stringify({ status: 'error', errors: [{ message: 'appid is not valid' }] })))
    expect((await failureFor(s.url)).message).toContain('"appid is not valid"')
  })

  it('does not follow a redirect with the key', async () => {
    const s = await server(respond(302, '', { location: 'https://elsewhere.example/login' }))
    const error = await failureFor(s.url)
    expect(error.code).toBe('HTTP_REDIRECT')
    expect(error.message).toContain('https://elsewhere.example/login')
    expect(s.requests).toHaveLength(1)
  })

  it('reports a 200 without a token', async () => {
    const s = await server(respond(200, JSON.stringify({ ok: true })))
    const error = await failureFor(s.url)
    expect(error.code).toBe('NO_TOKEN_IN_RESPONSE')
  })

  it('reports a 200 whose body is not JSON', async () => {
    const s = await server(respond(200, '<html>login</html>', { 'content-type': 'text/html' }))
    const error = await failureFor(s.url)
    expect(error.code).toBe('MALFORMED_RESPONSE')
    expect(error.detail).toContain('<html>login</html>')
  })

  it('scrubs the key from a body that echoes it back', async () => {
    const s = await server(echoHeaders)
    const error = await failureFor(s.url)
    expect(error.code).toBe('HTTP_5XX')
    expect(error.detail).toContain('ends in 0042')
  })

  it('sends the key in x-api-key and the body as JSON', async () => {
    const s = await server(respond(200, '{"token":"abc"}'))
    const result = await serviceFor(s.url).generate({ environmentId: 'x', body })
    expect(result).toMatchObject({ ok: true, value: { token: 'abc' } })
    expect(s.requests[0].headers['x-api-key']).toBe(KEY)
    expect(s.requests[0].headers['content-type']).toBe('application/json')
    expect(JSON.parse(s.requests[0].body)).toEqual(body)
    expect(s.requests[0].url).toBe('/devapi/v4/core/login/token')
  })

  it('refuses to send without a key', async () => {
    const result = await serviceFor('http://127.0.0.1:9', '').generate({ environmentId: 'x', body })
    expect(result).toMatchObject({ ok: false, error: { code: 'NO_API_KEY' } })
  })

  describe('a long reply: only what is shown is scanned, and nothing of the key gets through the cut', () => {
    // Every character escaping changes: the URL-encoded key is three times as long, and shrinks when redacted.
    const sentinel = makeSentinel()
    const encoded = encodeURIComponent(sentinel)
    const margin = KeyEcho.of(sentinel).cutMargin

    it('a key across the end of the part scanned for the details is not shown in part (it was, after enough whole copies)', async () => {
      const text = keyAcrossCut(encoded, MAX_BODY_IN_DETAIL, MAX_BODY_IN_DETAIL + margin, Math.floor(encoded.length / 2))
      const s = await server(respond(500, text, { 'content-type': 'text/plain' }))
      const result = await serviceFor(s.url, sentinel).generate({ environmentId: 'x', body })
      if (result.ok) throw new Error('a 500 is a failure')
      expect(result.error.detail).not.toContain(encoded.slice(0, 16))
      expect(findKeyEncodings(JSON.stringify(result), sentinel)).toEqual([])
      expect(result.error.message).toContain(KEY_ECHO_NOTICE)
      expect(result.error.detail).toMatch(/more characters\)/)
    })

    it('a long reply that does not hold the key is not said to echo it', async () => {
      const s = await server(respond(502, '<html>' + 'Bad gateway. '.repeat(1000) + '</html>', { 'content-type': 'text/html' }))
      const error = await failureFor(s.url)
      expect(error.code).toBe('HTTP_5XX')
      expect(error.message).not.toContain(KEY_ECHO_NOTICE)
    })

    it('a key in a message that is not text (an object) is still said to have come back', async () => {
      // Past the part of the raw body shown in the details, so only the parsed message can tell.
      const s = await server(respond(400, JSON.stringify({ padding: '.'.repeat(MAX_BODY_IN_DETAIL + margin), message: { detail: `Invalid API key ${encoded}` } })))
      const result = await serviceFor(s.url, sentinel).generate({ environmentId: 'x', body })
      if (result.ok) throw new Error('a 400 is a failure')
      expect(result.error.message).toContain(KEY_ECHO_NOTICE)
      expect(findKeyEncodings(JSON.stringify(result), sentinel)).toEqual([])
    })

    it('a server message of megabytes is quoted in its first characters, with the key removed', async () => {
      const message = `Invalid API key ${encoded} ${'and more. '.repeat(400_000)}`
      const s = await server(respond(400, JSON.stringify({ errors: [{ message }] })))
      const result = await serviceFor(s.url, sentinel).generate({ environmentId: 'x', body })
      if (result.ok) throw new Error('a 400 is a failure')
      expect(result.error.code).toBe('HTTP_4XX')
      expect(result.error.message).toContain('"Invalid API key [redacted, ends in ')
      expect(result.error.message).toContain(KEY_ECHO_NOTICE)
      expect(result.error.message.length).toBeLessThan(MAX_SERVER_MESSAGE + 400)
      expect(findKeyEncodings(JSON.stringify(result), sentinel)).toEqual([])
    })
  })
})
