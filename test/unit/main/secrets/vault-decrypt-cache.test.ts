/**
 * The vault remembers its last decryption per environment (issue #15: the
 * decryption was most of a token request's own cost). These tests pin that a
 * changed key, domain or environment is what the very next request gets,
 * whichever way it changed: through the service, or on disk by another
 * process (a second vault on the same files stands in for it).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { EnvironmentService } from '../../../../src/main/environments/environment-service'
import { createNodeCipher } from '../../../../src/main/secrets/node-cipher'
import { EncryptedSecretVault, type StringCipher } from '../../../../src/main/secrets/secret-vault'
import { nodeStoreOpener } from '../../../../src/main/storage/node-store'
import { makeTempDir } from '../../../support/temp-dir'

const sandbox = { url: 'http://127.0.0.1:4999', apiKey: 'sbx-demo-key-abcdefgh' }
const temps: Array<{ cleanup(): void }> = []
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()))

function countingCipher(): StringCipher & { decryptions: number } {
  const inner = createNodeCipher(Buffer.alloc(32, 7))
  const cipher = {
    decryptions: 0,
    isEncryptionAvailable: () => inner.isEncryptionAvailable(),
    encryptString: (plain: string) => inner.encryptString(plain),
    decryptString: (encrypted: Buffer) => {
      cipher.decryptions++
      return inner.decryptString(encrypted)
    }
  }
  return cipher
}

function open(dir: string) {
  const cipher = countingCipher()
  const stores = nodeStoreOpener(dir)
  const vault = new EncryptedSecretVault(cipher, stores('secrets'))
  return { cipher, vault, service: new EnvironmentService(stores('environments'), vault, sandbox) }
}

function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`)
  return result.value
}

function setUp() {
  const temp = makeTempDir()
  temps.push(temp)
  const app = open(temp.dir)
  const state = value(app.service.create({ name: 'Acme', domain: 'https://acme.qrveyapp.com', apiKey: 'key-one-1111' }))
  const id = state.environments.find((e) => e.name === 'Acme')!.id
  return { ...app, dir: temp.dir, id }
}

describe('vault decryption cache', () => {
  it('decrypts a key once for repeated token requests', () => {
    const { service, cipher, id } = setUp()
    expect(value(service.resolveTarget(id)).apiKey).toBe('key-one-1111')
    const after = cipher.decryptions
    for (let i = 0; i < 5; i++) expect(value(service.resolveTarget(id)).apiKey).toBe('key-one-1111')
    expect(cipher.decryptions).toBe(after)
  })

  it('uses a replaced key on the very next request', () => {
    const { service, id } = setUp()
    expect(value(service.resolveTarget(id)).apiKey).toBe('key-one-1111')
    value(service.setKey(id, 'key-two-2222'))
    expect(value(service.resolveTarget(id)).apiKey).toBe('key-two-2222')
  })

  it('uses a new domain (and no longer the old key) on the very next request', () => {
    const { service, id } = setUp()
    expect(value(service.resolveTarget(id)).domain).toBe('https://acme.qrveyapp.com')
    value(service.update({ id, domain: 'https://other.qrveyapp.com' }))
    const moved = value(service.resolveTarget(id))
    expect(moved.domain).toBe('https://other.qrveyapp.com')
    expect(moved.apiKey).toBeUndefined()
    value(service.update({ id, domain: 'https://third.qrveyapp.com', apiKey: 'key-three-3333' }))
    expect(value(service.resolveTarget(id))).toMatchObject({ domain: 'https://third.qrveyapp.com', apiKey: 'key-three-3333' })
  })

  it('forgets a removed key and a deleted environment at once', () => {
    const { service, id } = setUp()
    expect(value(service.resolveTarget(id)).apiKey).toBe('key-one-1111')
    value(service.removeKey(id))
    expect(value(service.resolveTarget(id)).apiKey).toBeUndefined()
    value(service.setKey(id, 'key-two-2222'))
    expect(value(service.resolveTarget(id)).apiKey).toBe('key-two-2222')
    value(service.remove(id))
    expect(service.resolveTarget(id).ok).toBe(false)
  })

  it('uses a key changed on disk by another process on the very next request', () => {
    const { service, dir, id } = setUp()
    expect(value(service.resolveTarget(id)).apiKey).toBe('key-one-1111')
    const other = open(dir)
    value(other.service.setKey(id, 'key-from-elsewhere-9999'))
    expect(value(service.resolveTarget(id)).apiKey).toBe('key-from-elsewhere-9999')
    value(other.service.removeKey(id))
    expect(value(service.resolveTarget(id)).apiKey).toBeUndefined()
  })
})
