/**
 * The app's own stores are stat-checked (create-main-app.ts wraps every conf
 * store in StatCheckedStore, issue 15). With that in place, a key changed in
 * the secrets file by another process is what the very next token request
 * sends: never a remembered one. The clock is moved past the racy window so
 * that the remembered values really are used between the changes.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RACY_WINDOW_MS } from '../../../../src/main/storage/file-version'
import { createNodeCipher } from '../../../../src/main/secrets/node-cipher'
import { EncryptedSecretVault } from '../../../../src/main/secrets/secret-vault'
import { nodeStoreOpener } from '../../../../src/main/storage/node-store'
import { makeTempDir } from '../../../support/temp-dir'
import { CIPHER_KEY, startApp, trusted } from '../startup/seeded-app'

const temps: Array<{ cleanup(): void }> = []
afterEach(() => {
  vi.restoreAllMocks()
  temps.splice(0).forEach((t) => t.cleanup())
})

describe('token requests over stat-checked stores', () => {
  it('send a key changed on disk by another process at the very next request, and the restored one after it', async () => {
    const temp = makeTempDir('qwb-statapp-')
    temps.push(temp)
    const realNow = Date.now.bind(Date)
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + RACY_WINDOW_MS + 60_000)
    const app = await startApp(temp.dir)
    try {
      const generate = () => app.registry.invoke('tokens:generate', { environmentId: 'sandbox', body: { userid: 'u1', appid: '59VShVtjM', expiresIn: '10m' } }, trusted)
      for (let i = 0; i < 3; i++) expect((await generate()).ok).toBe(true)

      // Another process (a second window of the app, a restore) writes another key for the sandbox.
      const elsewhere = new EncryptedSecretVault(createNodeCipher(CIPHER_KEY), nodeStoreOpener(temp.dir)('secrets'))
      elsewhere.set('sandbox', 'a-key-the-sandbox-refuses-0000')
      const refused = await generate()
      expect(refused.ok).toBe(false)
      if (!refused.ok) expect(refused.error.code).toBe('HTTP_401')

      elsewhere.set('sandbox', app.sandbox.apiKey)
      expect((await generate()).ok).toBe(true)
    } finally {
      await app.close()
    }
  })
})
