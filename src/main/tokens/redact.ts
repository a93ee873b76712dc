/** How a secret may appear anywhere outside the vault: as its last four characters at most. */

export function lastFour(secret: string): string {
  return secret.slice(-4)
}

export function redactedKey(secret: string): string {
  return `[redacted, ends in ${lastFour(secret)}]`
}
