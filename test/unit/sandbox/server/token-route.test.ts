import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { QrveyErrorBody } from '../../../../src/sandbox/server/qrvey-error'
import { TOKEN_PATH } from '../../../../src/sandbox/server/routes/token-route'
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'

const API_KEY = 'route-test-key-0123456789'
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

let sandbox: SandboxHandle

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: API_KEY })
})

afterAll(async () => {
  await sandbox?.close()
})

/** `headers` override the defaults; a header set to undefined is not sent at all. */
function post(body: string | undefined, headers: Record<string, string | undefined> = {}): Promise<Response> {
  const merged = { 'x-api-key': API_KEY, 'content-type': 'application/json', ...headers }
  return fetch(`${sandbox.url}${TOKEN_PATH}`, {
    method: 'POST',
    headers: Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    body,
    signal: AbortSignal.timeout(10_000)
  })
}

function postJson(value: unknown, headers: Record<string, string | undefined> = {}): Promise<Response> {
  return post(JSON.stringify(value), headers)
}

/** Reads a Qrvey-shaped error body and checks its shape on the way. */
async function qrveyError(response: Response): Promise<string[]> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  const body = (await response.json()) as QrveyErrorBody
  expect(body.status).toBe('error')
  expect(body.date).toMatch(ISO_DATE)
  expect(Array.isArray(body.errors)).toBe(true)
  expect(body.errors.length).toBeGreaterThan(0)
  return body.errors.map((error) => error.message)
}

describe('sandbox server', () => {
  it('has a loopback url without a trailing slash', () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sandbox.apiKey).toBe(API_KEY)
  })

  it('refuses to start without an API key', async () => {
    await expect(startSandbox({ apiKey: '  ' })).rejects.toThrow(/API key/)
  })

  it('answers an unknown path with 404 in the Qrvey shape, naming the path', async () => {
    const response = await fetch(`${sandbox.url}/devapi/v4/nothing/here?secret=1`, { signal: AbortSignal.timeout(10_000) })
    expect(response.status).toBe(404)
    const messages = await qrveyError(response)
    expect(messages[0]).toContain('/devapi/v4/nothing/here')
    expect(messages[0]).not.toContain('secret')
  })

  it('allows a CORS preflight from another origin with x-api-key', async () => {
    const response = await fetch(`${sandbox.url}${TOKEN_PATH}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://host.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-api-key, content-type'
      },
      signal: AbortSignal.timeout(10_000)
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-methods')).toContain('POST')
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/)
    expect(allowed).toEqual(expect.arrayContaining(['x-api-key', 'content-type', 'authorization']))
  })
})

describe(`POST ${TOKEN_PATH}`, () => {
  it('returns a token the sandbox can verify, with the body as claims', async () => {
    const response = await postJson(
      { userid: ' user-1 ', appid: 'app-1', expiresIn: '10m', version: '2', permissions: [{ dataset_id: '*', record_permissions: [] }] },
      { origin: 'https://host.example.com' }
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    const body = (await response.json()) as { token: string }
    expect(Object.keys(body)).toEqual(['token'])
    expect(body.token.split('.')).toHaveLength(5)

    const verified = await sandbox.issuer.verify(body.token)
    expect(verified.ok).toBe(true)
    if (!verified.ok) return
    // The token carries the validated (trimmed) body, as the workbench would send it.
    expect(verified.claims).toMatchObject({ userid: 'user-1', appid: 'app-1', version: '2' })
    expect(verified.claims.exp - verified.claims.iat).toBe(600)
  })

  it('rejects a request without x-api-key, or with an empty one, with 401', async () => {
    for (const key of [undefined, '']) {
      const response = await post(JSON.stringify({ userid: 'u', appid: 'a' }), { 'x-api-key': key })
      expect(response.status).toBe(401)
      expect(await qrveyError(response)).toEqual(['Missing x-api-key header'])
    }
  })

  it('rejects a wrong key, of any length, with 401 and never echoes a key', async () => {
    for (const wrong of ['x', API_KEY.slice(0, -1) + 'X', API_KEY + '-longer']) {
      const response = await postJson({ userid: 'u', appid: 'a' }, { 'x-api-key': wrong })
      expect(response.status, wrong).toBe(401)
      const text = await response.text()
      expect(text).not.toContain(wrong)
      expect(text).not.toContain(API_KEY)
      expect(JSON.parse(text).errors).toEqual([{ message: 'Invalid API key' }])
    }
  })

  it('checks the key before reading the body', async () => {
    const response = await post('not json', { 'x-api-key': 'wrong' })
    expect(response.status).toBe(401)
  })

  // Changed: the sandbox used to refuse a body without userid. A v9 page marks userId "not required"
  // (QRVEY.md §1), so it now accepts it and warns (token-shapes.test.ts covers the warning).
  it('accepts a body without userid, with a warning header', async () => {
    const response = await postJson({ appid: 'a', expiresIn: '1h' })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.headers.get('x-qrvey-sandbox-warning') ?? '[]')).toEqual([expect.stringMatching(/^userid is missing/)])
  })

  it('lists every invalid field, one message each', async () => {
    const response = await postJson({ userid: 5, appid: 'a', expiresIn: '1 hour', roles: 5 })
    expect(response.status).toBe(400)
    const messages = await qrveyError(response)
    expect(messages).toHaveLength(3)
    expect(messages.map((message) => message.split(':')[0]).sort()).toEqual(['expiresIn', 'roles', 'userid'])
  })

  it('answers 400 naming the path of a bad permission', async () => {
    const response = await postJson({
      userid: 'u',
      appid: 'a',
      version: '2',
      permissions: [
        {
          dataset_id: '*',
          record_permissions: [{ security_name: 'region', validation_type: 'EQUALS', values: ['North'] }]
        }
      ]
    })
    expect(response.status).toBe(400)
    const messages = await qrveyError(response)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(/^permissions\[0\]\.record_permissions\[0\]\.validation_type: validation_type must be one of EQUAL,/)
  })

  it('points into nested permission groups', async () => {
    const response = await postJson({
      userid: 'u',
      appid: 'a',
      permissions: [
        {
          dataset_id: 'ds-1',
          record_permissions: [
            { operator: 'OR', record_permissions: [{ security_name: 'region', validation_type: 'EQUAL', values: 'North' }] }
          ]
        }
      ]
    })
    expect(response.status).toBe(400)
    const messages = await qrveyError(response)
    expect(messages).toEqual([expect.stringMatching(/^permissions\[0\]\.record_permissions\[0\]\.record_permissions\[0\]\.values: values must be a list/)])
  })

  it('answers 400 for a body that is not JSON', async () => {
    const response = await post('{"userid": "u", appid: nope')
    expect(response.status).toBe(400)
    expect((await qrveyError(response))[0]).toMatch(/not valid JSON/)
  })

  it('answers 400 for an empty JSON body', async () => {
    const response = await post('')
    expect(response.status).toBe(400)
    expect((await qrveyError(response))[0]).toMatch(/empty/)
  })

  it('answers 400 for JSON that is not an object', async () => {
    const response = await postJson([{ userid: 'u', appid: 'a' }])
    expect(response.status).toBe(400)
    expect((await qrveyError(response))[0]).toMatch(/must be a JSON object/)
  })

  it('answers 400 for a body sent with the wrong content type', async () => {
    const form = await post('userid=u&appid=a', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(form.status).toBe(400)
    expect((await qrveyError(form))[0]).toMatch(/Content-Type "application\/x-www-form-urlencoded" is not supported/)

    const text = await post(JSON.stringify({ userid: 'u', appid: 'a' }), { 'content-type': 'text/plain' })
    expect(text.status).toBe(400)
    expect((await qrveyError(text))[0]).toMatch(/Content-Type: application\/json/)
  })

  it('refuses a __proto__ key', async () => {
    const response = await post('{"userid": "u", "appid": "a", "__proto__": {"admin": true}}')
    expect(response.status).toBe(400)
    await qrveyError(response)
  })

  it('answers GET with 404, since only POST exists', async () => {
    const response = await fetch(`${sandbox.url}${TOKEN_PATH}`, { headers: { 'x-api-key': API_KEY }, signal: AbortSignal.timeout(10_000) })
    expect(response.status).toBe(404)
    expect((await qrveyError(response))[0]).toBe(`No route for GET ${TOKEN_PATH}`)
  })
})
