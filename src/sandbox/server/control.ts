/**
 * The sandbox's rehearsal switches (SandboxModes in the shared contract),
 * changeable while it runs: the workbench flips them from its UI, the CLI
 * sets them from flags. Routes read `get()` per request, so a change applies
 * to the next request without a restart.
 */
import { NORMAL_SANDBOX_MODES, type SandboxModes } from '../../shared/sandbox-api'
import { sandboxModesPatchSchema } from '../../shared/sandbox-modes'
import { issueMessages } from '../../shared/validation-messages'

// The limits and the patch schema live in the shared contract (the renderer
// validates with them too); re-exported for the sandbox's own callers.
export { MODE_LIMITS, sandboxModesPatchSchema } from '../../shared/sandbox-modes'

export class SandboxModesError extends Error {
  constructor(readonly messages: string[]) {
    super(`Invalid sandbox modes: ${messages.join('; ')}`)
    this.name = 'SandboxModesError'
  }
}

export class SandboxControl {
  #modes: Readonly<SandboxModes> = Object.freeze({ ...NORMAL_SANDBOX_MODES })

  constructor(initial?: Partial<SandboxModes>) {
    if (initial) this.set(initial)
  }

  /** A frozen snapshot: callers cannot change the modes behind the validation. */
  get(): Readonly<SandboxModes> {
    return this.#modes
  }

  /** Changes the given modes, leaving the others; throws SandboxModesError (every problem listed) and changes nothing if any is invalid. */
  set(patch: unknown): Readonly<SandboxModes> {
    const parsed = sandboxModesPatchSchema.safeParse(patch)
    if (!parsed.success) throw new SandboxModesError(issueMessages(parsed.error))
    const defined = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined))
    this.#modes = Object.freeze({ ...this.#modes, ...defined })
    return this.#modes
  }

  reset(): Readonly<SandboxModes> {
    this.#modes = Object.freeze({ ...NORMAL_SANDBOX_MODES })
    return this.#modes
  }
}

/** One line for the CLI and logs, e.g. "Modes: latency 500 ms, failure rate 20%". */
export function describeModes(modes: SandboxModes): string {
  const parts: string[] = []
  if (modes.latencyMs > 0) parts.push(`latency ${modes.latencyMs} ms`)
  if (modes.failureRate > 0) parts.push(`failure rate ${Math.round(modes.failureRate * 1000) / 10}%`)
  if (modes.rejectKey) parts.push('every API key rejected')
  if (modes.tokenLifetimeSeconds !== null) parts.push(`token lifetime ${modes.tokenLifetimeSeconds} s`)
  if (modes.clockSkewSeconds !== 0) parts.push(`issuer clock skew ${modes.clockSkewSeconds > 0 ? '+' : ''}${modes.clockSkewSeconds} s`)
  return `Modes: ${parts.length === 0 ? 'normal' : parts.join(', ')}`
}
