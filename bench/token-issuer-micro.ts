/**
 * Benchmark (not a test): cost of one sandbox token issue/verify with the
 * node:crypto JWE (src/sandbox/server/jwe-dir.ts) next to jose doing the same
 * format in the same run (issue #15). Two rounds, because the first warms up.
 *
 *   npx tsx bench/token-issuer-micro.ts
 */
import { EncryptJWT, jwtDecrypt } from 'jose'
import { TokenIssuer, SANDBOX_ISSUER } from '../src/sandbox/server/token-issuer'
import { reportRow } from './lib/row'
const secret = crypto.getRandomValues(new Uint8Array(32))
const issuer = new TokenIssuer({ secret })
const body = { userid: 'u', appid: 'a', clientid: 'c', expiresIn: '10m' }
async function joseIssue() { const iat = Math.floor(Date.now()/1000); return new EncryptJWT({ userid: 'u', appid: 'a', clientid: 'c' }).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: issuer.kid, typ: 'JWT' }).setIssuedAt(iat).setExpirationTime(iat+600).setIssuer(SANDBOX_ISSUER).encrypt(secret) }
async function time(label: string, fn: () => Promise<unknown>, n = 5000) { for (let i=0;i<500;i++) await fn(); const t=performance.now(); for (let i=0;i<n;i++) await fn(); const us = (performance.now()-t)*1000/n; console.log(label.padEnd(34), us.toFixed(1), 'µs/op'); return us }
const tok = await issuer.issue(body)
const last: Record<string, number> = {}
for (let r=0;r<2;r++){
last.joseIssue = await time('jose EncryptJWT issue', joseIssue)
last.issue = await time('node:crypto issue (new)', () => issuer.issue(body))
last.joseVerify = await time('jose jwtDecrypt verify', () => jwtDecrypt(tok, secret, { issuer: SANDBOX_ISSUER }))
last.verify = await time('node:crypto verify (new)', () => issuer.verify(tok))
}
// The second round (warm); no target in the issue, the ratio says what node:crypto bought.
reportRow({ row: 'sandbox token issue (node:crypto JWE)', figure: last.issue, unit: 'µs', baseline: last.joseIssue, baselineLabel: 'jose' })
reportRow({ row: 'sandbox token verify (node:crypto JWE)', figure: last.verify, unit: 'µs', baseline: last.joseVerify, baselineLabel: 'jose' })
