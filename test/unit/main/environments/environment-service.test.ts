import { afterEach, describe, expect, it } from 'vitest'
import { EnvironmentService } from '../../../../src/main/environments/environment-service'
import { EncryptedSecretVault } from '../../../../src/main/secrets/secret-vault'
import { createNodeCipher, UNAVAILABLE_CIPHER } from '../../../../src/main/secrets/node-cipher'
import { nodeStoreOpener } from '../../../../src/main/storage/node-store'
import { makeTempDir, readAllFiles } from '../../../support/temp-dir'
import type { StringCipher } from '../../../../src/main/secrets/secret-vault'

const SENTINEL = 'SENTINEL-env-store-9c1f-7731'
const sandbox = { url: 'http://127.0.0.1:4999', apiKey: 'sbx-demo-key-abcdefgh' }
const temps: Array<{ cleanup(): void }> = []
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()))

function open(dir?: string, cipher: StringCipher = createNodeCipher(Buffer.alloc(32, 7))) {
  const temp = dir ? { dir } : makeTempDir()
  if (!dir) temps.push(temp as { dir: string; cleanup(): void })
  const stores = nodeStoreOpener(temp.dir)
  const vault = new EncryptedSecretVault(cipher, stores('secrets'))
  return { dir: temp.dir, vault, service: new EnvironmentService(stores('environments'), vault, sandbox) }
}

function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`)
  return result.value
}

describe('EnvironmentService on real files', () => {
  it('starts with the offline sandbox, active, its demo key set, at the live sandbox URL', () => {
    const { service } = open()
    const state = service.state()
    expect(state.environments).toHaveLength(1)
    expect(state.environments[0]).toMatchObject({ id: 'sandbox', name: 'Offline sandbox', kind: 'sandbox', domain: sandbox.url, key: { set: true, last4: 'efgh' } })
    expect(state.activeId).toBe('sandbox')
    expect(state.vault.persistent).toBe(true)
  })

  it('adds an environment, makes it active, shows only the key hint, and keeps it across a restart', () => {
    const first = open()
    const state = value(first.service.create({ name: 'Acme prod', domain: 'https://acme.qrveyapp.com', apiKey: SENTINEL }))
    const acme = state.environments.find((e) => e.name === 'Acme prod')!
    expect(acme.key).toEqual({ set: true, last4: '7731' })
    expect(state.activeId).toBe(acme.id)
    expect(JSON.stringify(state)).not.toContain(SENTINEL)

    const reopened = open(first.dir)
    const again = reopened.service.state()
    expect(again.environments.map((e) => e.name)).toEqual(['Offline sandbox', 'Acme prod'])
    expect(again.activeId).toBe(acme.id)
    expect(value(reopened.service.resolveTarget(acme.id)).apiKey).toBe(SENTINEL)
  })

  it('never writes the key in plaintext to disk', () => {
    const { service, dir } = open()
    value(service.create({ name: 'Acme', domain: 'https://acme.qrveyapp.com', apiKey: SENTINEL }))
    const files = readAllFiles(dir)
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      expect(file.text).not.toContain(SENTINEL)
      expect(file.text).not.toContain(Buffer.from(SENTINEL).toString('base64'))
    }
  })

  it('replaces and removes a key', () => {
    const { service } = open()
    const id = value(service.create({ name: 'Acme', domain: 'https://acme.qrveyapp.com', apiKey: SENTINEL })).activeId
    expect(value(service.setKey(id, 'another-key-5678')).environments.find((e) => e.id === id)!.key).toEqual({ set: true, last4: '5678' })
    expect(value(service.removeKey(id)).environments.find((e) => e.id === id)!.key).toEqual({ set: false })
    expect(value(service.resolveTarget(id)).apiKey).toBeUndefined()
  })

  it('refuses a duplicate name, case-insensitively, and keeps what was saved', () => {
    const { service } = open()
    value(service.create({ name: 'Acme', domain: 'https://acme.qrveyapp.com' }))
    const result = service.create({ name: 'acme', domain: 'https://other.qrveyapp.com' })
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'name' } })
    expect(service.state().environments.map((e) => e.domain)).toEqual([sandbox.url, 'https://acme.qrveyapp.com'])
  })

  it('switches, renames and deletes; deleting the active one falls back to the sandbox', () => {
    const { service } = open()
    const a = value(service.create({ name: 'A', domain: 'https://a.example.com', apiKey: SENTINEL })).activeId
    const b = value(service.create({ name: 'B', domain: 'https://b.example.com' })).activeId
    expect(value(service.select(a)).activeId).toBe(a)
    expect(value(service.update({ id: b, name: 'B2', timeoutMs: 5000 })).environments.find((e) => e.id === b)).toMatchObject({ name: 'B2', timeoutMs: 5000 })
    const after = value(service.remove(a))
    expect(after.activeId).toBe('sandbox')
    expect(after.environments.map((e) => e.name)).toEqual(['Offline sandbox', 'B2'])
    expect(service.resolveTarget(a)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('protects the sandbox from deletion, renaming and key removal', () => {
    const { service } = open()
    expect(service.remove('sandbox')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(service.update({ id: 'sandbox', name: 'x' })).toMatchObject({ ok: false })
    expect(service.removeKey('sandbox')).toMatchObject({ ok: false })
  })

  it('keeps keys in memory only, and says so, where the OS offers no encryption', () => {
    const { service, dir, vault } = open(undefined, UNAVAILABLE_CIPHER)
    expect(vault.status()).toMatchObject({ persistent: false })
    expect(vault.status().description).toMatch(/this run only/)
    const id = value(service.create({ name: 'Acme', domain: 'https://acme.qrveyapp.com', apiKey: SENTINEL })).activeId
    expect(value(service.resolveTarget(id)).apiKey).toBe(SENTINEL)
    for (const file of readAllFiles(dir)) expect(file.text).not.toContain(SENTINEL)
    const reopened = open(dir, UNAVAILABLE_CIPHER)
    expect(reopened.service.state().environments.find((e) => e.id === id)!.key).toEqual({ set: false })
  })

  it('warns that the basic_text backend is not real protection', () => {
    const cipher = { ...createNodeCipher(), getSelectedStorageBackend: () => 'basic_text' }
    const { vault } = open(undefined, cipher)
    expect(vault.status().description).toMatch(/no OS keyring/)
  })

  it('treats a key encrypted with another key store as unset rather than failing', () => {
    const first = open()
    const id = value(first.service.create({ name: 'Acme', domain: 'https://acme.qrveyapp.com', apiKey: SENTINEL })).activeId
    const other = open(first.dir, createNodeCipher(Buffer.alloc(32, 9)))
    expect(other.service.state().environments.find((e) => e.id === id)!.key).toEqual({ set: false })
  })
})

describe('EnvironmentService.nameOf', () => {
  it('names an environment by id, and nothing for an unknown one', () => {
    const { service } = open()
    const id = value(service.create({ name: 'Acme', domain: 'https://acme.qrveyapp.com' })).activeId
    expect(service.nameOf(id)).toBe('Acme')
    expect(service.nameOf('sandbox')).toBe('Offline sandbox')
    expect(service.nameOf('gone')).toBeUndefined()
  })
})
