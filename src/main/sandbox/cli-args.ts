/**
 * Command-line arguments of `npm run sandbox`, parsed without side effects so
 * every case is unit-testable; cli.ts only acts on the result.
 */
import { parseArgs } from 'node:util'

export const SANDBOX_USAGE = `Usage: npm run sandbox -- [--port <number>] [--api-key <key>]

Starts the offline Qrvey sandbox on 127.0.0.1.

  --port <number>    port to listen on, 0-65535 (default: 0, a free port)
  --api-key <key>    the x-api-key callers must send (default: a generated sbx-demo- key)
  --help             show this help`

export type SandboxArgs =
  /** `apiKey` undefined: the caller should generate a demo key. */
  | { kind: 'run'; port: number; apiKey: string | undefined }
  | { kind: 'help' }
  | { kind: 'error'; error: string }

const MAX_API_KEY_LENGTH = 512
// Visible ASCII only: the key travels in an HTTP header and is echoed in a curl example.
const API_KEY_PATTERN = /^[\x21-\x7e]+$/

export function parsePort(text: string): number | string {
  if (!/^\d+$/.test(text)) return `--port must be a whole number from 0 to 65535 (got "${text}")`
  const port = Number(text)
  if (port > 65535) return `--port must be a whole number from 0 to 65535 (got ${text})`
  return port
}

export function parseSandboxArgs(argv: readonly string[]): SandboxArgs {
  let values: { port?: string; 'api-key'?: string; help?: boolean }
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        'api-key': { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true,
      allowPositionals: false
    }).values
  } catch (error) {
    return { kind: 'error', error: error instanceof Error ? error.message : String(error) }
  }

  if (values.help) return { kind: 'help' }

  let port = 0
  if (values.port !== undefined) {
    const parsed = parsePort(values.port)
    if (typeof parsed === 'string') return { kind: 'error', error: parsed }
    port = parsed
  }

  const apiKey = values['api-key']
  if (apiKey !== undefined) {
    if (apiKey === '') return { kind: 'error', error: '--api-key must not be empty; omit it to get a generated demo key' }
    if (apiKey.length > MAX_API_KEY_LENGTH) return { kind: 'error', error: `--api-key must be at most ${MAX_API_KEY_LENGTH} characters` }
    if (!API_KEY_PATTERN.test(apiKey)) {
      return { kind: 'error', error: '--api-key may contain only visible ASCII characters (no spaces), as it is sent in an HTTP header' }
    }
  }
  return { kind: 'run', port, apiKey }
}
