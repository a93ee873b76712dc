/**
 * Imported first by main.ts, before any module defines a schema: zod probes
 * `new Function()` when an object schema is created, to compile a fast
 * parser. The CSP (script-src 'self') forbids it, and the probe alone logs
 * a violation, so the renderer runs zod without JIT.
 */
import { config } from 'zod'

config({ jitless: true })
