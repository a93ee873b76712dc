/**
 * A throwaway API key for the sandbox. It is recognisably a sandbox key (the
 * prefix) so nobody mistakes it for a real Qrvey key in a config file.
 */
export const DEMO_KEY_PREFIX = 'sbx-demo-'

export function generateDemoKey(): string {
  // 18 random bytes are exactly 24 base64url characters (letters, digits, - and _).
  const bytes = crypto.getRandomValues(new Uint8Array(18))
  return DEMO_KEY_PREFIX + Buffer.from(bytes).toString('base64url')
}
