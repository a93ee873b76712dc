/**
 * A StringCipher for plain Node (tests, benchmarks, the CLI composition),
 * standing in for Electron's safeStorage, which only exists inside Electron.
 * AES-256-GCM with a key held in memory: real encryption, so tests that scan
 * disk for plaintext keys prove something.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { StringCipher } from './secret-vault'

export function createNodeCipher(key: Buffer = randomBytes(32)): StringCipher {
  return {
    isEncryptionAvailable: () => true,
    encryptString(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decryptString(encrypted) {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12))
      decipher.setAuthTag(encrypted.subarray(12, 28))
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8')
    }
  }
}

/** A cipher that reports encryption as unavailable, like safeStorage on a bare Linux. */
export const UNAVAILABLE_CIPHER: StringCipher = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('encryption unavailable')
  },
  decryptString: () => {
    throw new Error('encryption unavailable')
  }
}
