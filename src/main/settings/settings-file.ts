/**
 * The shape rule of the settings file beyond what SettingsService repairs
 * field by field (an invalid theme is reset, an unknown field ignored): a
 * field that looks like a secret (`apiKey`, `token`, `password`, ...) means
 * something other than the workbench wrote the file. Settings never hold
 * keys, so the file is moved aside (see guarded-store.ts) and the user told.
 */
import { sanitizeSecrets } from '../../shared/secret-fields'
import type { StoreShapeCheck } from '../storage/guarded-store'

export const checkSettingsFile: StoreShapeCheck = (data) => {
  const { dropped } = sanitizeSecrets(data)
  if (!dropped.length) return undefined
  return `it holds a secret-looking field (${dropped.slice(0, 3).map((d) => d.path.slice(0, 60)).join(', ')}); settings never hold keys or tokens`
}
