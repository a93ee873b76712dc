/**
 * What `zod` means in the renderer's build (electron.vite.config.ts aliases
 * it here): zod itself, configured before any module can define a schema.
 * zod probes `new Function()` when an object schema is created, to compile a
 * fast parser; the CSP (script-src 'self') forbids it, and the probe alone
 * logs a violation, so the renderer runs zod without JIT. Done here rather
 * than first thing in main.ts because zod is no longer part of the first
 * screen (issue 15): whichever chunk loads it first, this runs first.
 */
import { z } from 'zod/v4'

z.config({ jitless: true })

// 'zod/v4' is the same module as 'zod' (zod's classic API), so the setting holds for every schema.
export * from 'zod/v4'
export { z as default } from 'zod/v4'
