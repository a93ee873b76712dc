/**
 * A token endpoint that puts the key it was sent inside the token's claims,
 * JSON-escaped: the token is not a base64 form of the key's bytes, but the
 * result pane decodes each part (inspectToken) and would show the key. Found
 * in review; through the real composition (createMainApp, the IPC registry,
 * the last net) against a real server on loopback.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { createMainApp, type MainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { inspectToken } from '../../../../src/shared/token-inspect'
import { startServer, type RunningServer } from '../../../support/failure-servers'
import { allStrings, findKeyEncodings, makeSentinel } from '../../../support/key-encodings'
import { makeTempDir } from '../../../support/temp-dir'

const ORIGIN = 'app://workbench'
const SENDER = { url: `${ORIGIN}/`, isMainFrame: true }
const body = { userid: 'u1', appid: '59VShVtjM' }
const b64u = (text: string) => Buffer.from(text, 'utf8').toString('base64url')
const uEscape = (text: string) => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')

const servers: RunningServer[] = []
const apps: MainApp[] = []
const temps: Array<{ cleanup(): void }> = []
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close()
  await Promise.all(servers.splice(0).map((s) => s.close()))
  for (const temp of temps.splice(0)) temp.cleanup()
})

/** A JWS with these claims, as the hostile server builds it. */
const jws = (claims: string) => `${b64u('{"alg":"HS256","typ":"JWT"}')}.${b64u(claims)}.c2lnbmF0dXJl`

/** tokens:generate through the composition against a server whose token is `tokenOf(the key it was sent)`. */
async function generateAgainst(key: string, tokenOf: (sent: string) => string) {
  const server = await startServer((req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ token: tokenOf(String(req.headers['x-api-key'] ?? '')) }))
  })
  servers.push(server)
  const temp = makeTempDir('qwb-claims-')
  temps.push(temp)
  const app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: ORIGIN, version: '0.0.0-test' }))
  apps.push(app)
  const invoke = (channel: string, payload?: unknown) => app.registry.invoke(channel, payload, SENDER)
  const created = (await invoke('environments:create', { name: 'Hostile', domain: server.url })) as { value: { activeId: string } }
  app.environments.setKey(created.value.activeId, key)
  const reply = await invoke('tokens:generate', { environmentId: created.value.activeId, body })
  return { reply: reply as { ok: boolean; error?: { code: string } }, server }
}

/** Every string of the reply, and what each would show decoded the way the result pane decodes a token. */
function readable(reply: unknown): string[] {
  return allStrings(reply).flatMap((s) => [s, ...s.split('.').map((part) => Buffer.from(part, 'base64url').toString('utf8'))])
}

describe('a token whose claims carry the key, JSON-escaped', () => {
  const cases: Array<[string, string, (key: string) => string]> = [
    ['a sentinel key (quote, backslash, é) as JSON.stringify writes it', makeSentinel(), (key) => JSON.stringify({ sub: 'u1', debugKey: key })],
    ['an alphanumeric key, every character \\u-escaped', 'qrvkAbcDEF0123456789abcdef0042', (key) => `{"sub":"u1","k":"${uEscape(key)}"}`]
  ]
  for (const [name, key, claimsOf] of cases) {
    it(`${name}: refused as KEY_ECHOED, and nothing the renderer gets decodes to the key`, async () => {
      const { reply, server } = await generateAgainst(key, (sent) => jws(claimsOf(sent)))
      expect(server.requests.some((r) => r.headers['x-api-key'] === key), 'the server was sent the key').toBe(true)
      // What the result pane would have shown, had the token been accepted (the attack is real):
      const token = jws(claimsOf(key))
      expect(Object.values(inspectToken(token).claims ?? {})).toContain(key)
      expect(reply.ok).toBe(false)
      expect(reply.error?.code).toBe('KEY_ECHOED')
      for (const text of readable(reply)) expect(findKeyEncodings(text, key)).toEqual([])
    })
  }

  it('a JWE whose protected header (the part the result pane reads) carries the key \\u-escaped is refused', async () => {
    const key = 'qrvkAbcDEF0123456789abcdef0042'
    const jwe = (sent: string) => `${b64u(`{"alg":"dir","enc":"A256GCM","kid":"${uEscape(sent)}"}`)}..aXY.Y2lwaGVy.dGFn`
    const { reply } = await generateAgainst(key, jwe)
    expect(reply.error?.code).toBe('KEY_ECHOED')
    for (const text of readable(reply)) expect(findKeyEncodings(text, key)).toEqual([])
  })

  it('a claim holding the key in three layers (\\u of %XX of %XX): one layer deeper in the claims JSON, refused too', async () => {
    // Found in the second review: the decoded part was searched as JSON text only; the pane reads its strings.
    const key = 'qrvkAbcDEF0123456789abcdef0042'
    const pct = (t: string) => [...Buffer.from(t, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')
    const layered = (sent: string) => uEscape(pct(pct(sent)))
    const claims = (sent: string) => JSON.stringify({ sub: 'u1', x: layered(sent) })
    // What the pane would have shown: the claim as three layers, which decode to the key.
    const shown = inspectToken(jws(claims(key))).claims?.x as string
    expect(decodeURIComponent(decodeURIComponent(JSON.parse(`"${shown}"`)))).toBe(key)
    const { reply } = await generateAgainst(key, (sent) => jws(claims(sent)))
    expect(reply.error?.code).toBe('KEY_ECHOED')
  })

  it('an ordinary token whose claims hold no key is kept', async () => {
    const { reply } = await generateAgainst('qrvkAbcDEF0123456789abcdef0042', () => jws(JSON.stringify({ sub: 'u1', note: 'a \\"quoted\\" value + %41 &amp;' })))
    expect(reply.ok).toBe(true)
  })
})
