/**
 * The offline sandbox's usual port: a fixed address, so a backend or copied
 * page pointed at it survives restarts. A module of its own (settings.ts
 * re-exports it) because the first screen shows it and does not load zod.
 */
export const DEFAULT_SANDBOX_PORT = 4300
