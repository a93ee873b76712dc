/**
 * The issuer encrypts and decrypts with node:crypto directly (issue #15,
 * speed). These tests pin the token format to what jose, a full RFC 7516
 * implementation, produces and accepts, in both directions, so the speed-up
 * cannot quietly change what a host app or the widget routes receive.
 */
import { randomBytes } from 'node:crypto'
import { CompactEncrypt, decodeProtectedHeader, EncryptJWT, jwtDecrypt } from 'jose'
import { describe, expect, it } from 'vitest'
import { SANDBOX_ISSUER, TokenIssuer } from '../../../../src/sandbox/server/token-issuer'

const clockMs = Date.UTC(2025, 0, 15, 12, 0, 0)
const nowSeconds = Math.floor(clockMs / 1000)
const body = { userid: 'user-1', appid: 'app-1', clientid: 'client-9', roles: ['analyst'], dashboardId: 'dash-3' }

describe('TokenIssuer token format matches jose', () => {
  it('issues tokens jose jwtDecrypt accepts, with the same header and claims', async () => {
    const secret = randomBytes(32)
    const issuer = new TokenIssuer({ secret, kid: 'kid-compat', clock: () => clockMs })
    const token = await issuer.issue({ ...body, expiresIn: '10m' })

    const parts = token.split('.')
    expect(parts).toHaveLength(5)
    expect(parts[1]).toBe('') // "dir": no encrypted key
    expect(Buffer.from(parts[2], 'base64url')).toHaveLength(12) // 96-bit IV
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'dir', enc: 'A256GCM', kid: 'kid-compat', typ: 'JWT' })

    const { payload, protectedHeader } = await jwtDecrypt(token, secret, {
      currentDate: new Date(clockMs),
      issuer: SANDBOX_ISSUER,
      requiredClaims: ['iat', 'exp'],
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM']
    })
    expect(protectedHeader.kid).toBe('kid-compat')
    expect(payload).toEqual({ ...body, iat: nowSeconds, exp: nowSeconds + 600, iss: SANDBOX_ISSUER })
  })

  it('gives every token its own IV, across refills of the IV pool, and each decrypts with jose', async () => {
    // The IVs come from a pool of 341 refilled in place (jwe-dir.ts): 1,000 tokens cross it twice.
    const secret = randomBytes(32)
    const issuer = new TokenIssuer({ secret, clock: () => clockMs })
    const tokens = await Promise.all(Array.from({ length: 1000 }, (_, i) => issuer.issue({ ...body, userid: `user-${i}`, expiresIn: '10m' })))
    const ivs = tokens.map((t) => t.split('.')[2])
    expect(new Set(ivs).size).toBe(1000)
    for (const iv of ivs) expect(Buffer.from(iv, 'base64url')).toHaveLength(12)
    for (const i of [0, 340, 341, 342, 682, 683, 999]) {
      const { payload } = await jwtDecrypt(tokens[i], secret, { currentDate: new Date(clockMs) })
      expect(payload.userid).toBe(`user-${i}`)
    }
  })

  it('verifies and peeks tokens made by jose EncryptJWT with the same key', async () => {
    const secret = randomBytes(32)
    const issuer = new TokenIssuer({ secret, clock: () => clockMs })
    const joseToken = await new EncryptJWT({ ...body })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: issuer.kid, typ: 'JWT' })
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + 60)
      .setIssuer(SANDBOX_ISSUER)
      .encrypt(secret)

    expect(await issuer.verify(joseToken)).toEqual({ ok: true, claims: { ...body, iat: nowSeconds, exp: nowSeconds + 60, iss: SANDBOX_ISSUER } })
    expect(await issuer.peek(joseToken)).toEqual({ iat: nowSeconds, exp: nowSeconds + 60 })

    // The same checks as before: expiry with the injected clock, and the issuer claim.
    const later = new TokenIssuer({ secret, clock: () => clockMs + 60_000 })
    expect(await later.verify(joseToken)).toEqual({ ok: false, reason: 'expired' })
    const foreign = await new EncryptJWT({ ...body })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: issuer.kid })
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + 60)
      .setIssuer('someone-else')
      .encrypt(secret)
    expect(await issuer.verify(foreign)).toEqual({ ok: false, reason: 'invalid' })
    expect(await issuer.peek(foreign)).toBeUndefined()
  })

  it('refuses jose tokens that lack iat/exp, use another enc, or carry a wrong kid for peek', async () => {
    const secret = randomBytes(32)
    const issuer = new TokenIssuer({ secret, clock: () => clockMs })
    const noExp = await new EncryptJWT({ ...body })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: issuer.kid })
      .setIssuedAt(nowSeconds)
      .setIssuer(SANDBOX_ISSUER)
      .encrypt(secret)
    expect(await issuer.verify(noExp)).toEqual({ ok: false, reason: 'invalid' })

    // A128GCM with the first half of the key: a different enc is refused, not decrypted.
    const otherEnc = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify({ ...body, iat: nowSeconds, exp: nowSeconds + 60, iss: SANDBOX_ISSUER })))
      .setProtectedHeader({ alg: 'dir', enc: 'A128GCM', kid: issuer.kid })
      .encrypt(secret.subarray(0, 16))
    expect(await issuer.verify(otherEnc)).toEqual({ ok: false, reason: 'invalid' })

    const wrongKid = await new EncryptJWT({ ...body })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: 'not-this-issuer' })
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + 60)
      .setIssuer(SANDBOX_ISSUER)
      .encrypt(secret)
    expect(await issuer.peek(wrongKid)).toBeUndefined()
  })
})
