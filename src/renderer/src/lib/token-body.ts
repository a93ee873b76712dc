/**
 * The token body the form sends: field checks with the shared schemas'
 * own messages, the two JSON editors' rules, and the assembly of
 * form fields + permissions + extra JSON into one TokenBody.
 */
import { z } from 'zod'
import { permissionsSchema, type DatasetPermission } from '@shared/permissions'
import { expiresInSchema, generateTokenRequestSchema, tokenBodySchema } from '@shared/token-request'
import { validateJson, type JsonValidation } from './json-validation'
import { checkOwnedKeys, type ParsedTimeout, type TokenFieldKey, type TokenFields } from './token-body-basics'

export * from './token-body-basics'

/** Extra body keys: anything Qrvey takes (orgId, dashboardId, ...), with the known ones type-checked. */
export const extraBodySchema = z
  .object(
    {
      asset_permissions: tokenBodySchema.shape.asset_permissions,
      roles: tokenBodySchema.shape.roles
    },
    { error: 'the extra body must be a JSON object, for example {"orgId": "acme"}' }
  )
  .catchall(z.unknown())

export function validatePermissionsText(text: string): JsonValidation<DatasetPermission[]> {
  return validateJson(text, { schema: permissionsSchema })
}

export function validateExtraText(text: string): JsonValidation<Record<string, unknown>> {
  return validateJson(text, { schema: extraBodySchema, check: checkOwnedKeys })
}

function firstMessage(result: { success: boolean; error?: { issues: readonly { message: string }[] } }): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message
}

/** Field key -> message, for each field that is not acceptable as typed. */
export function validateTokenFields(fields: TokenFields): Partial<Record<TokenFieldKey, string>> {
  const errors: Partial<Record<TokenFieldKey, string>> = {}
  const userid = firstMessage(tokenBodySchema.shape.userid.safeParse(fields.userid))
  if (userid) errors.userid = userid
  const appid = firstMessage(tokenBodySchema.shape.appid.safeParse(fields.appid))
  if (appid) errors.appid = appid
  const clientid = firstMessage(tokenBodySchema.shape.clientid.safeParse(fields.clientid.trim() || undefined))
  if (clientid) errors.clientid = clientid
  const expiresIn = fields.expiresIn.trim()
  if (expiresIn) {
    const message = firstMessage(expiresInSchema.safeParse(expiresIn))
    if (message) errors.expiresIn = message
  }
  return errors
}

/** The optional timeout override: empty means "the environment's timeout". */
export function parseTimeout(text: string): ParsedTimeout {
  const trimmed = text.trim()
  if (!trimmed) return {}
  if (!/^\d+$/.test(trimmed)) return { error: 'The timeout must be a whole number of milliseconds, for example 30000' }
  const value = Number(trimmed)
  const message = firstMessage(generateTokenRequestSchema.shape.timeoutMs.safeParse(value))
  return message ? { error: message } : { value }
}

