/**
 * Renderer tests start where the app is a moment after start: the form's
 * checks (form-checks.ts, zod and the shared schemas) loaded. The app fetches
 * them as main.ts runs, in a chunk of its own (issue 15); the moment before
 * they arrive has its own tests (form-checks-pending.test.ts).
 */
import { loadFormChecks } from '@renderer/lib/form-checks-loader'

await loadFormChecks()
