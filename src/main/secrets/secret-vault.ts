/**
 * Where API keys live. The interface lets the app use Electron's safeStorage
 * and tests use a real AES cipher, with the same storage logic in between.
 * Only ciphertext is ever written to disk; where the OS offers no encryption,
 * keys stay in memory for this run and the UI says so.
 */
import type { VaultStatus } from '../../shared/environment'
import type { KeyValueStore } from '../storage/key-value-store'

export interface SecretVault {
  status(): VaultStatus
  get(id: string): string | undefined
  set(id: string, secret: string): void
  delete(id: string): void
}

/** The subset of Electron's `safeStorage` the vault uses. */
export interface StringCipher {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
  /** Linux only: 'basic_text' means a hard-coded password, i.e. obfuscation, not protection. */
  getSelectedStorageBackend?(): string
}

const KEY_PREFIX = 'secrets'

export class EncryptedSecretVault implements SecretVault {
  private readonly memory = new Map<string, string>()

  constructor(
    private readonly cipher: StringCipher,
    private readonly store: KeyValueStore,
    private readonly onSecret: (secret: string) => void = () => {}
  ) {}

  status(): VaultStatus {
    if (!this.cipher.isEncryptionAvailable()) {
      return { persistent: false, description: 'This system offers no encryption for stored secrets: API keys are kept in memory for this run only and must be entered again after a restart.' }
    }
    const backend = this.cipher.getSelectedStorageBackend?.()
    if (backend === 'basic_text') {
      return { persistent: true, description: 'API keys are stored encrypted, but no OS keyring was found (basic_text backend): the encryption key is not secret. Install a keyring (GNOME Keyring, KWallet) for real protection.' }
    }
    return { persistent: true, description: 'API keys are stored encrypted with the operating system\'s key store.' }
  }

  get(id: string): string | undefined {
    const fromMemory = this.memory.get(id)
    if (fromMemory !== undefined) return fromMemory
    const encoded = this.store.get(`${KEY_PREFIX}.${id}`)
    if (typeof encoded !== 'string' || !this.cipher.isEncryptionAvailable()) return undefined
    try {
      const secret = this.cipher.decryptString(Buffer.from(encoded, 'base64'))
      this.onSecret(secret)
      return secret
    } catch {
      // Encrypted under another OS account or keyring: unusable, treat as unset.
      return undefined
    }
  }

  set(id: string, secret: string): void {
    this.onSecret(secret)
    if (!this.cipher.isEncryptionAvailable()) {
      this.memory.set(id, secret)
      return
    }
    this.memory.delete(id)
    this.store.set(`${KEY_PREFIX}.${id}`, this.cipher.encryptString(secret).toString('base64'))
  }

  delete(id: string): void {
    this.memory.delete(id)
    this.store.delete(`${KEY_PREFIX}.${id}`)
  }
}
