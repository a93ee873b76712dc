/**
 * A last line of defence before anything is written for people to read or
 * share: refuses a text that contains a secret the app knows (an API key the
 * vault handed out) or a full token. The sanitizers remove such values by
 * field name and shape; this guard catches the value in a place nobody
 * thought of (an error message that echoes a key, a key pasted into notes).
 */
import { containsCompactJose } from '../../shared/jose-scan'
import { KeyEcho } from '../secrets/key-echo'
import { jsonUnescaped } from '../secrets/value-strings'

export interface SecretGuard {
  /** A description of the problem, or undefined when the text is clean. Never returns the secret itself. */
  check(text: string): string | undefined
}

/** Whether a full token appears anywhere in the text; linear time (see jose-scan.ts for why not a regex). */
export function containsJoseToken(text: string): boolean {
  return containsCompactJose(text)
}

/**
 * Guard over the secrets `knownSecrets` returns at the time of the check
 * (e.g. every key the vault has handed out; wire it to the SecretRedactor's
 * list). A key is found in any encoding (JSON- or URL-escaped, base64, hex,
 * split across lines: see ../secrets/key-echo.ts). Secrets shorter than 6
 * characters are ignored: they would match ordinary text.
 */
export function createSecretGuard(knownSecrets: () => Iterable<string> = () => []): SecretGuard {
  let cached: { keys: string[]; echo: KeyEcho } | undefined
  const detector = (): KeyEcho => {
    const keys = [...knownSecrets()]
    if (!cached || cached.keys.length !== keys.length || cached.keys.some((k, i) => k !== keys[i])) cached = { keys, echo: new KeyEcho(keys) }
    return cached.echo
  }
  return {
    check(text) {
      const echo = detector()
      // A text with JSON escapes is searched once more with them undone: in a JSON file they are one
      // layer over whatever encoding a string holds (value-strings.ts).
      const unescaped = jsonUnescaped(text)
      const key = echo.which(text) ?? (unescaped !== text ? echo.which(unescaped) : undefined)
      if (key !== undefined) return `it contains an API key (ending in ${key.slice(-4)})`
      if (containsJoseToken(text)) return 'it contains a full token'
      return undefined
    }
  }
}

export class SecretLeakError extends Error {
  constructor(what: string, problem: string) {
    super(`Refused to write ${what}: ${problem}. Secrets and tokens are never written to shared files.`)
    this.name = 'SecretLeakError'
  }
}
