/**
 * Compact JWE with `alg: "dir"` + `enc: "A256GCM"` (RFC 7516 §7.1, RFC 7518
 * §4.5 and §5.3), done with node:crypto directly. jose produced the same bytes
 * but imported the key again on every call and went through WebCrypto; the
 * token endpoint is the sandbox's hot path (issue #15), so this keeps one
 * KeyObject and a synchronous cipher. The format is unchanged: jose still
 * decrypts these tokens and this module decrypts jose's (see the tests).
 */
import { createCipheriv, createDecipheriv, createSecretKey, randomFillSync, type KeyObject } from 'node:crypto'

export interface DirHeader {
  alg: 'dir'
  enc: 'A256GCM'
  kid?: string
  typ?: string
  [name: string]: unknown
}

export type DirKey = KeyObject

export function dirKey(secret: Uint8Array): DirKey {
  return createSecretKey(secret)
}

/**
 * IVs are cut from a pool of CSPRNG bytes filled 4 KB at a time: one
 * randomBytes(12) call per token was 7 % of the token endpoint's CPU (issue
 * #15). The bytes are the same kind (node:crypto's CSPRNG), each used once,
 * so every IV is as random and as unique as before.
 */
const IV_BYTES = 12
const ivPool = Buffer.alloc(IV_BYTES * 341)
let ivOffset = ivPool.length

function nextIv(): Buffer {
  if (ivOffset + IV_BYTES > ivPool.length) {
    randomFillSync(ivPool)
    ivOffset = 0
  }
  // A copy: the pool is refilled in place later.
  const iv = Buffer.from(ivPool.subarray(ivOffset, ivOffset + IV_BYTES))
  ivOffset += IV_BYTES
  return iv
}

/** The encoded protected header and its AAD bytes, per header object (an issuer's header never changes). */
const encodedHeaders = new WeakMap<DirHeader, { b64: string; aad: Buffer }>()

function encodedHeader(header: DirHeader): { b64: string; aad: Buffer } {
  let encoded = encodedHeaders.get(header)
  if (!encoded) {
    const b64 = Buffer.from(JSON.stringify(header)).toString('base64url')
    encoded = { b64, aad: Buffer.from(b64, 'ascii') }
    // Frozen objects only: a caller that changes its header afterwards must not get the old encoding.
    if (Object.isFrozen(header)) encodedHeaders.set(header, encoded)
  }
  return encoded
}

/** Encrypts `payload` (JSON) under `key`; the base64url protected header is the AAD. */
export function encryptDir(key: DirKey, header: DirHeader, payload: unknown): string {
  const { b64: protectedB64, aad } = encodedHeader(header)
  const iv = nextIv()
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(aad)
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()])
  const tag = cipher.getAuthTag()
  // The empty fourth-from-last part is the JWE Encrypted Key: "dir" has none.
  return `${protectedB64}..${iv.toString('base64url')}.${ciphertext.toString('base64url')}.${tag.toString('base64url')}`
}

const B64URL = /^[A-Za-z0-9_-]*$/

/**
 * Decrypts a compact dir/A256GCM JWE. Returns undefined for anything that is
 * not exactly that shape (other algorithms, an encrypted key, `zip` or
 * `crit`, a wrong IV or tag size, a failed tag check, a non-object payload).
 */
export function decryptDir(key: DirKey, token: string): { header: DirHeader; payload: Record<string, unknown> } | undefined {
  if (typeof token !== 'string') return undefined
  const parts = token.split('.')
  if (parts.length !== 5 || !parts.every((part) => B64URL.test(part))) return undefined
  const [protectedB64, encryptedKey, ivB64, ciphertextB64, tagB64] = parts
  if (encryptedKey !== '' || protectedB64 === '') return undefined
  try {
    const header = JSON.parse(Buffer.from(protectedB64, 'base64url').toString('utf8')) as unknown
    if (!isObject(header) || header.alg !== 'dir' || header.enc !== 'A256GCM') return undefined
    if ('zip' in header || 'crit' in header) return undefined
    const iv = Buffer.from(ivB64, 'base64url')
    const tag = Buffer.from(tagB64, 'base64url')
    if (iv.length !== 12 || tag.length !== 16) return undefined
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 })
    decipher.setAAD(Buffer.from(protectedB64, 'ascii'))
    decipher.setAuthTag(tag)
    const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertextB64, 'base64url')), decipher.final()])
    const payload = JSON.parse(plaintext.toString('utf8')) as unknown
    if (!isObject(payload)) return undefined
    return { header: header as DirHeader, payload }
  } catch {
    return undefined
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
