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
  /** The secret and the origin it was saved for (undefined for keys saved before keys were bound, and the sandbox's). */
  entry(id: string): { secret: string; origin?: string } | undefined
  /** `origin`: the only origin the key may be sent to (issue 7); it is encrypted with the key, so a file edit cannot move it. */
  set(id: string, secret: string, origin?: string): void
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

/**
 * A bound key is stored as "origin NEWLINE key": a key never holds a line
 * break (the key rule allows printable characters only), so an entry without
 * one is a key saved before keys were bound.
 */
function pack(secret: string, origin: string | undefined): string {
  return origin ? `${origin}\n${secret}` : secret
}

function unpack(plain: string): { secret: string; origin?: string } {
  const cut = plain.indexOf('\n')
  return cut === -1 ? { secret: plain } : { origin: plain.slice(0, cut), secret: plain.slice(cut + 1) }
}

export class EncryptedSecretVault implements SecretVault {
  private readonly memory = new Map<string, string>()
  /**
   * The last decryption per id, keyed by the ciphertext it came from.
   * Decrypting cost 68-90 µs per token request (issue #15); the stored text
   * is still read every time, so a key changed by set(), delete() or on disk
   * has a different ciphertext and is decrypted afresh: never stale.
   */
  private readonly decrypted = new Map<string, { encoded: string; plain: string }>()

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
    return this.entry(id)?.secret
  }

  entry(id: string): { secret: string; origin?: string } | undefined {
    const plain = this.memory.get(id) ?? this.decrypt(id)
    if (plain === undefined) return undefined
    const entry = unpack(plain)
    this.onSecret(entry.secret)
    return entry
  }

  set(id: string, secret: string, origin?: string): void {
    this.onSecret(secret)
    const plain = pack(secret, origin)
    if (!this.cipher.isEncryptionAvailable()) {
      this.memory.set(id, plain)
      return
    }
    this.memory.delete(id)
    this.decrypted.delete(id)
    this.store.set(`${KEY_PREFIX}.${id}`, this.cipher.encryptString(plain).toString('base64'))
  }

  private decrypt(id: string): string | undefined {
    const encoded = this.store.get(`${KEY_PREFIX}.${id}`)
    if (typeof encoded !== 'string' || !this.cipher.isEncryptionAvailable()) return undefined
    const hit = this.decrypted.get(id)
    if (hit?.encoded === encoded) return hit.plain
    try {
      const plain = this.cipher.decryptString(Buffer.from(encoded, 'base64'))
      this.decrypted.set(id, { encoded, plain })
      return plain
    } catch {
      this.decrypted.delete(id)
      // Encrypted under another OS account or keyring: unusable, treat as unset.
      return undefined
    }
  }

  delete(id: string): void {
    this.memory.delete(id)
    this.decrypted.delete(id)
    this.store.delete(`${KEY_PREFIX}.${id}`)
  }
}
