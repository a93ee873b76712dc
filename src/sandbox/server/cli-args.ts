/**
 * Command-line arguments of `npm run sandbox`, parsed without side effects so
 * every case is unit-testable; cli.ts only acts on the result.
 */
import { parseArgs } from 'node:util'
import { NORMAL_SANDBOX_MODES, type SandboxModes } from '../../shared/sandbox-api'
import { MODE_LIMITS } from '../../shared/sandbox-modes'

export const SANDBOX_USAGE = `Usage: npm run sandbox -- [--port <number>] [--api-key <key>] [rehearsal modes]

Starts the offline Qrvey sandbox on 127.0.0.1.

  --port <number>        port to listen on, 0-65535 (default: 0, a free port)
  --api-key <key>        the x-api-key callers must send (default: a generated sbx-demo- key)
  --help                 show this help

Rehearsal modes (what a real instance may do to your integration):
  --latency <ms>         add this delay to every API response, 0-30000
  --fail-rate <0..1>     answer this share of API requests with 503 (0.2 = one in five)
  --reject-key           refuse every API key with 401
  --token-ttl <seconds>  tokens live this long whatever expiresIn says, 1-86400
  --clock-skew <seconds> the token issuer's clock runs this far off, -86400 to 86400
                         (a negative skew beyond the lifetime issues expired tokens)`

export type SandboxArgs =
  /** `apiKey` undefined: the caller should generate a demo key. */
  | { kind: 'run'; port: number; apiKey: string | undefined; modes: SandboxModes }
  | { kind: 'help' }
  | { kind: 'error'; error: string }

const MAX_API_KEY_LENGTH = 512
// Visible ASCII only: the key travels in an HTTP header and is echoed in a curl example.
const API_KEY_PATTERN = /^[\x21-\x7e]+$/

const VALUE_OPTIONS = ['port', 'api-key', 'latency', 'fail-rate', 'token-ttl', 'clock-skew'] as const

export function parsePort(text: string): number | string {
  if (!/^\d+$/.test(text)) return `--port must be a whole number from 0 to 65535 (got "${text}")`
  const port = Number(text)
  if (port > 65535) return `--port must be a whole number from 0 to 65535 (got ${text})`
  return port
}

/** A whole number within limits, or the message saying what was expected. */
function wholeNumber(flag: string, text: string, { min, max }: { min: number; max: number }, what: string): number | string {
  const message = `--${flag} must be a whole number of ${what} from ${min} to ${max} (got "${text}")`
  if (!/^-?\d+$/.test(text)) return message
  const value = Number(text)
  return value < min || value > max ? message : value
}

function failureRate(text: string): number | string {
  // A plain decimal only: Number() would also take "", "0x1" and "1e-1".
  const value = /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN
  if (Number.isNaN(value) || value > 1) {
    return `--fail-rate must be a number from 0 to 1, e.g. 0.2 for one request in five (got "${text}")`
  }
  return value
}

/**
 * `--clock-skew -3600` reads to parseArgs as a missing value followed by an
 * unknown flag; a negative number after one of our value options is meant as
 * its value, so join them the way `--clock-skew=-3600` would.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const next = argv[i + 1]
    if (VALUE_OPTIONS.some((name) => arg === `--${name}`) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`)
      i++
    } else {
      out.push(arg)
    }
  }
  return out
}

type Values = Partial<Record<(typeof VALUE_OPTIONS)[number], string>> & { 'reject-key'?: boolean; help?: boolean }

function parseModes(values: Values): SandboxModes | string {
  const modes: SandboxModes = { ...NORMAL_SANDBOX_MODES }
  if (values.latency !== undefined) {
    const latency = wholeNumber('latency', values.latency, MODE_LIMITS.latencyMs, 'milliseconds')
    if (typeof latency === 'string') return latency
    modes.latencyMs = latency
  }
  if (values['fail-rate'] !== undefined) {
    const rate = failureRate(values['fail-rate'])
    if (typeof rate === 'string') return rate
    modes.failureRate = rate
  }
  if (values['token-ttl'] !== undefined) {
    const ttl = wholeNumber('token-ttl', values['token-ttl'], MODE_LIMITS.tokenLifetimeSeconds, 'seconds')
    if (typeof ttl === 'string') return ttl
    modes.tokenLifetimeSeconds = ttl
  }
  if (values['clock-skew'] !== undefined) {
    const skew = wholeNumber('clock-skew', values['clock-skew'], MODE_LIMITS.clockSkewSeconds, 'seconds')
    if (typeof skew === 'string') return skew
    modes.clockSkewSeconds = skew
  }
  modes.rejectKey = values['reject-key'] ?? false
  return modes
}

export function parseSandboxArgs(argv: readonly string[]): SandboxArgs {
  let values: Values
  try {
    values = parseArgs({
      args: joinNegativeValues(argv),
      options: {
        port: { type: 'string' },
        'api-key': { type: 'string' },
        latency: { type: 'string' },
        'fail-rate': { type: 'string' },
        'reject-key': { type: 'boolean' },
        'token-ttl': { type: 'string' },
        'clock-skew': { type: 'string' },
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

  const modes = parseModes(values)
  if (typeof modes === 'string') return { kind: 'error', error: modes }
  return { kind: 'run', port, apiKey, modes }
}
