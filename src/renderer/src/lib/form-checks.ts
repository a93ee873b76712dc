/**
 * The first screen's checks that need zod's schemas, in one chunk of their
 * own (issue 15): zod and the shared schemas are about a quarter of the
 * renderer's first-screen JavaScript, and building the schemas is part of
 * the start-up's longest task. main.ts asks for this chunk as the app starts,
 * so it arrives while the first screen is drawn and the environments are
 * listed; until then the stores say "Checking the form…" (see
 * form-checks-loader.ts). The checks themselves are the ones the form always
 * ran: the shared schemas, with their own messages.
 */
import type { TokenBody } from '@shared/token-request'
import { tokenBodySchema } from '@shared/token-request'

export { validateTokenFields, parseTimeout, validatePermissionsText, validateExtraText } from './token-body'
export { checkPersonaForm, personaFromForm } from './persona-form'
export { setKeySchema } from '@shared/environment'
export { sandboxPortSchema } from '@shared/settings'

/** The body as it will be sent, or the schema's complaint (path: message). */
export function checkTokenBody(body: TokenBody): { body?: TokenBody; error?: string } {
  const parsed = tokenBodySchema.safeParse(body)
  if (parsed.success) return { body: parsed.data }
  const issue = parsed.error.issues[0]
  return { error: `${issue.path.join('.') || 'body'}: ${issue.message}` }
}
