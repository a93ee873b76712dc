/**
 * The one IPC contract between renderer and main. Channel names are
 * `domain:verb`; every request has a zod schema that main applies before a
 * handler sees the payload; every response is a Result (see result.ts).
 */
import { z } from 'zod'
import {
  createEnvironmentSchema,
  environmentIdSchema,
  setKeySchema,
  updateEnvironmentSchema,
  type EnvironmentsState
} from './environment'
import { generateTokenRequestSchema, type GenerateTokenResult } from './token-request'
import type { Result } from './result'

const noPayload = z.union([z.undefined(), z.null(), z.strictObject({})], { error: 'this call takes no arguments' })

export const IPC_REQUEST_SCHEMAS = {
  'app:info': noPayload,
  'environments:list': noPayload,
  'environments:create': createEnvironmentSchema,
  'environments:update': updateEnvironmentSchema,
  'environments:set-key': setKeySchema,
  'environments:remove-key': environmentIdSchema,
  'environments:delete': environmentIdSchema,
  'environments:select': environmentIdSchema,
  'tokens:generate': generateTokenRequestSchema
} as const

export type Channel = keyof typeof IPC_REQUEST_SCHEMAS

export interface AppInfo {
  version: string
  /** Origin of the offline sandbox the app started, e.g. http://127.0.0.1:43123. */
  sandboxUrl: string
}

export interface IpcResponses {
  'app:info': AppInfo
  'environments:list': EnvironmentsState
  'environments:create': EnvironmentsState
  'environments:update': EnvironmentsState
  'environments:set-key': EnvironmentsState
  'environments:remove-key': EnvironmentsState
  'environments:delete': EnvironmentsState
  'environments:select': EnvironmentsState
  'tokens:generate': GenerateTokenResult
}

/** What the renderer passes (before zod defaults/transforms). */
export type RequestOf<C extends Channel> = z.input<(typeof IPC_REQUEST_SCHEMAS)[C]>
/** What a handler receives (after parsing). */
export type ParsedRequestOf<C extends Channel> = z.output<(typeof IPC_REQUEST_SCHEMAS)[C]>
export type ResponseOf<C extends Channel> = Result<IpcResponses[C]>

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(IPC_REQUEST_SCHEMAS, name)
}
