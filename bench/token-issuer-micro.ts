/**
 * Benchmark (not a test): cost of one sandbox token issue/verify with the
 * node:crypto JWE (src/sandbox/server/jwe-dir.ts) next to jose doing the same
 * format in the same run (issue #15). Two rounds, because the first warms up.
 *
 *   npx tsx bench/token-issuer-micro.ts
 */
import { EncryptJWT, jwtDecrypt } from 'jose'
import { TokenIssuer, SANDBOX_ISSUER } from '../src/sandbox/server/token-issuer'
const secret = crypto.getRandomValues(new Uint8Array(32))
const issuer = new TokenIssuer({ secret })
const body = { userid: 'u', appid: 'a', clientid: 'c', expiresIn: '10m' }
async function joseIssue() { const iat = Math.floor(Date.now()/1000); return new EncryptJWT({ userid: 'u', appid: 'a', clientid: 'c' }).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: issuer.kid, typ: 'JWT' }).setIssuedAt(iat).setExpirationTime(iat+600).setIssuer(SANDBOX_ISSUER).encrypt(secret) }
async function time(label: string, fn: () => Promise<unknown>, n = 5000) { for (let i=0;i<500;i++) await fn(); const t=performance.now(); for (let i=0;i<n;i++) await fn(); console.log(label.padEnd(34), ((performance.now()-t)*1000/n).toFixed(1), 'µs/op') }
const tok = await issuer.issue(body)
for (let r=0;r<2;r++){
await time('jose EncryptJWT issue', joseIssue)
await time('node:crypto issue (new)', () => issuer.issue(body))
await time('jose jwtDecrypt verify', () => jwtDecrypt(tok, secret, { issuer: SANDBOX_ISSUER }))
await time('node:crypto verify (new)', () => issuer.verify(tok))
}
