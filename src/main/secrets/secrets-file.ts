/**
 * The shape of the API key store's file (`secrets.json`): `{ "secrets": { "<environment id>": "<base64 ciphertext>" } }`
 * and nothing else. conf would read a file of another shape without a word
 * and then drop keys or fail to store new ones (issue 7), so such a file is
 * moved aside instead (see guarded-store.ts) and the user is told.
 */
import type { StoreShapeCheck } from '../storage/guarded-store'

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

export const checkSecretsFile: StoreShapeCheck = (data) => {
  const unknown = Object.keys(data).filter((k) => k !== 'secrets' && k !== '__internal__')
  if (unknown.length) return `it holds fields the key store never writes (${unknown.slice(0, 3).map((k) => JSON.stringify(k.slice(0, 40))).join(', ')})`
  const secrets = data.secrets
  if (secrets === undefined) return undefined
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) return '"secrets" is not an object of encrypted keys'
  for (const [id, value] of Object.entries(secrets)) {
    if (typeof value !== 'string' || !BASE64.test(value)) return `the entry for ${JSON.stringify(id.slice(0, 80))} is not an encrypted key`
  }
  return undefined
}
