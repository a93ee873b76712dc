/** Environments: where tokens are requested from. The API key is never part of these types' views. */
import { z } from 'zod'
import { checkDomain } from './url-policy'
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from './token-request'

export const SANDBOX_ENVIRONMENT_ID = 'sandbox'
export const SANDBOX_ENVIRONMENT_NAME = 'Offline sandbox'

const nameSchema = z
  .string({ error: 'Give the environment a name' })
  .trim()
  .min(1, 'Give the environment a name, for example "Acme staging"')
  .max(80, 'Keep the name under 80 characters')

const domainSchema = z.string({ error: 'Enter the domain URL' }).transform((text, ctx) => {
  const check = checkDomain(text)
  if (!check.ok) {
    ctx.addIssue({ code: 'custom', message: check.message })
    return z.NEVER
  }
  return check.origin
})

const timeoutSchema = z
  .number({ error: 'The timeout must be a number of milliseconds' })
  .int('The timeout must be a whole number of milliseconds')
  .min(100, 'The timeout must be at least 100 ms')
  .max(MAX_TIMEOUT_MS, 'The timeout must be at most 120 s')

const apiKeySchema = z
  .string()
  .trim()
  .min(8, 'The API key looks too short; paste the whole key from your Qrvey onboarding email')
  .max(512, 'The API key is longer than 512 characters; check what was pasted')
  .regex(/^[\x21-\x7e]+$/, 'The API key may only contain printable characters without spaces')

export const createEnvironmentSchema = z.strictObject({
  name: nameSchema,
  domain: domainSchema,
  apiKey: apiKeySchema.optional(),
  timeoutMs: timeoutSchema.optional()
})
export type CreateEnvironmentInput = z.input<typeof createEnvironmentSchema>

export const updateEnvironmentSchema = z.strictObject({
  id: z.string().min(1),
  name: nameSchema.optional(),
  domain: domainSchema.optional(),
  /**
   * A key is bound to the origin it was saved for: moving an environment to
   * another origin drops its key, unless the key for the new origin comes
   * with the change (the form asks for it).
   */
  apiKey: apiKeySchema.optional(),
  timeoutMs: timeoutSchema.optional()
})
export type UpdateEnvironmentInput = z.input<typeof updateEnvironmentSchema>

export const setKeySchema = z.strictObject({ id: z.string().min(1), apiKey: apiKeySchema })
export const environmentIdSchema = z.strictObject({ id: z.string().min(1) })

/** What is stored about an environment (no key: keys live in the vault). */
export interface EnvironmentRecord {
  id: string
  name: string
  kind: 'sandbox' | 'remote'
  /** For the sandbox: resolved at run time, because its port is chosen at start. */
  domain: string
  timeoutMs: number
  createdAt: string
}

export interface KeyHint {
  set: boolean
  /** Last four characters, only when set. */
  last4?: string
  /** When a key is stored but was saved for another origin than the domain now (it is not sent): that origin. */
  savedFor?: string
}

export interface EnvironmentView extends EnvironmentRecord {
  key: KeyHint
}

export interface VaultStatus {
  /** false: keys are kept in memory for this run only. */
  persistent: boolean
  /** What protects keys on disk, in words, for the status line. */
  description: string
}

export interface EnvironmentsState {
  environments: EnvironmentView[]
  activeId: string
  vault: VaultStatus
}

export { DEFAULT_TIMEOUT_MS }
