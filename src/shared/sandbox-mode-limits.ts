/**
 * The ranges of the sandbox's rehearsal modes, without the schema that
 * enforces them (sandbox-modes.ts re-exports this): the Sandbox panel shows
 * them in the first screen, which does not load zod (issue 15).
 */
export const MODE_LIMITS = {
  latencyMs: { min: 0, max: 30_000 },
  tokenLifetimeSeconds: { min: 1, max: 86_400 },
  clockSkewSeconds: { min: -86_400, max: 86_400 }
} as const
