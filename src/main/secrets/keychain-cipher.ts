/**
 * Browser mode's StringCipher: AES-256-GCM (node-cipher.ts) with a random
 * master key kept in the OS keychain (macOS Keychain, Windows Credential
 * Manager, the Secret Service on Linux) through @napi-rs/keyring, whose
 * prebuilt binary ships inside its npm package. This is what Electron's
 * safeStorage does. Where no keychain answers (a headless Linux, a container),
 * encryption is reported unavailable: the vault then keeps keys in memory for
 * the session and the UI says so, exactly as the desktop app does.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createNodeCipher, UNAVAILABLE_CIPHER } from './node-cipher'
import type { StringCipher } from './secret-vault'

const SERVICE = 'qrvey-embed-workbench'

export interface KeychainCipher {
  cipher: StringCipher
  /** Why keys will not be stored, in one sentence; absent when they will. */
  problem?: string
}

/**
 * One master key per data folder, so two folders never share one.
 * `create: false` (the qwb command line reading a stored key) only reads: no master key is made.
 */
export async function openKeychainCipher(dataDir: string, options: { create?: boolean } = {}): Promise<KeychainCipher> {
  const account = `browser-mode:${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`
  try {
    const { Entry } = await import('@napi-rs/keyring')
    const entry = new Entry(SERVICE, account)
    let encoded = entry.getPassword()
    if (!encoded && options.create === false) return { cipher: UNAVAILABLE_CIPHER, problem: 'the OS keychain holds no master key for this data folder' }
    if (!encoded) {
      entry.setPassword(randomBytes(32).toString('base64'))
      encoded = entry.getPassword()
    }
    const key = encoded ? Buffer.from(encoded, 'base64') : undefined
    if (!key || key.length !== 32) return { cipher: UNAVAILABLE_CIPHER, problem: 'the OS keychain did not keep the master key' }
    return { cipher: createNodeCipher(key) }
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    return { cipher: UNAVAILABLE_CIPHER, problem: `no OS keychain could be reached (${why.slice(0, 120)})` }
  }
}
