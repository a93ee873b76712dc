/**
 * Validation of the sandbox's rehearsal modes (SandboxModes in sandbox-api.ts),
 * shared by the IPC contract, the sandbox and its CLI. Kept apart from
 * sandbox-api.ts so the browser widgets, which import that file, do not
 * bundle zod.
 */
import { z } from 'zod'

import { MODE_LIMITS } from './sandbox-mode-limits'

export { MODE_LIMITS } from './sandbox-mode-limits'

const wholeNumber = (name: string, { min, max }: { min: number; max: number }, unit: string) =>
  z
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number of ${unit}`)
    .min(min, `${name} must be from ${min} to ${max} ${unit}`)
    .max(max, `${name} must be from ${min} to ${max} ${unit}`)

/** A change to the modes, as the Sandbox settings panel and the CLI send it. */
export const sandboxModesPatchSchema = z.strictObject({
  latencyMs: wholeNumber('latencyMs', MODE_LIMITS.latencyMs, 'ms').optional(),
  failureRate: z.number({ error: 'failureRate must be a number' }).min(0, 'failureRate must be from 0 to 1').max(1, 'failureRate must be from 0 to 1').optional(),
  rejectKey: z.boolean({ error: 'rejectKey must be true or false' }).optional(),
  tokenLifetimeSeconds: wholeNumber('tokenLifetimeSeconds', MODE_LIMITS.tokenLifetimeSeconds, 'seconds').nullable().optional(),
  clockSkewSeconds: wholeNumber('clockSkewSeconds', MODE_LIMITS.clockSkewSeconds, 'seconds').optional()
})
export type SandboxModesPatch = z.infer<typeof sandboxModesPatchSchema>
