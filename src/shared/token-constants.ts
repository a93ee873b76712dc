/**
 * The token request's plain values, without its zod schemas (token-request.ts
 * re-exports them): the renderer's first screen needs these, and importing
 * token-request.ts would build every schema, and bring zod, before the form
 * can be used (issue 15). The checks load right after (lib/form-checks-loader.ts).
 */

export const EXPIRES_IN_PATTERN = /^[1-9]\d*\s*(s|m|h|d|w)$/

/** Keys the form owns; extra JSON may not set them a second time. */
export const FORM_OWNED_KEYS = ['userid', 'appid', 'clientid', 'expiresIn', 'version', 'permissions'] as const

export const DEFAULT_TIMEOUT_MS = 15_000
export const MAX_TIMEOUT_MS = 120_000
