/**
 * A setup file's text without its zod schemas (setup.ts re-exports all of
 * this): the format version, the canonical key order, the serializer and the
 * name key. The renderer's first screen compares the form with the open
 * setup through these; setup.ts's schemas load with the form's checks.
 */
import { canonicalJson, type KeyOrder } from './canonical-json'
import type { Setup } from './setup'

export const SETUP_FORMAT_VERSION = 1

export const SETUP_KEY_ORDER = ['formatVersion', 'name', 'environment', 'widget', 'qrvey86OrNewer', 'timeoutMs', 'token', 'widgetFields', 'notes', 'personas'] as const
export const SETUP_TOKEN_KEY_ORDER = ['userid', 'appid', 'clientid', 'expiresIn', 'permissions', 'extra'] as const
const EXPECTATION_KEY_ORDER = ['kind', 'dataset', 'column', 'measure', 'page', 'name', 'values', 'equals', 'tolerance']
const DATASET_PERMISSION_ORDER = ['dataset_id', 'operator', 'record_permissions']
const RECORD_PERMISSION_ORDER = ['operator', 'security_name', 'validation_type', 'group_value', 'values', 'record_permissions']

/** Key order of a setup at `path` inside it (relative to the setup object). */
export const setupKeyOrder: KeyOrder = (path) => {
  const at = path.join('/')
  if (at === '') return SETUP_KEY_ORDER
  if (at === 'token') return SETUP_TOKEN_KEY_ORDER
  if (at === 'token/permissions/*') return DATASET_PERMISSION_ORDER
  if (at.startsWith('token/permissions/*/record_permissions/')) return RECORD_PERMISSION_ORDER
  if (at === 'personas/*') return ['persona', 'expect']
  if (at === 'personas/*/expect/*') return EXPECTATION_KEY_ORDER
  return undefined
}

/** Rebases a KeyOrder so it applies below `prefix` (e.g. setups inside an export). */
export function keyOrderBelow(prefix: readonly string[], order: KeyOrder): KeyOrder {
  return (path) => {
    if (path.length < prefix.length || prefix.some((p, i) => path[i] !== p)) return undefined
    return order(path.slice(prefix.length))
  }
}

/** The file's text: pretty JSON, canonical key order, trailing newline. Same setup, same bytes. */
export function serializeSetup(setup: Setup): string {
  return canonicalJson(setup, setupKeyOrder)
}

/** Case-, width- and space-insensitive key under which two setup names count as the same. */
export function setupNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()
}
