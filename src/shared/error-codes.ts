/**
 * Every failure the workbench can report. Network failures get one code each
 * because each has a different fix (a typo in the domain, a VPN, a key, ...).
 */
export const ERROR_CODES = [
  // payload / input problems
  'INVALID_INPUT',
  'INVALID_URL',
  'FORBIDDEN_SENDER',
  'UNKNOWN_CHANNEL',
  'NOT_FOUND',
  'CONFLICT',
  'NO_API_KEY',
  'UNSUPPORTED',
  // network and HTTP failures of a token request
  'DNS_FAILURE',
  'CONNECTION_REFUSED',
  'TIMEOUT',
  'TLS_ERROR',
  'NETWORK_ERROR',
  'HTTP_REDIRECT',
  'HTTP_401',
  'HTTP_403',
  'HTTP_404',
  'HTTP_4XX',
  'HTTP_5XX',
  'MALFORMED_RESPONSE',
  'NO_TOKEN_IN_RESPONSE',
  // the server sent the API key back (in the token or a field the app needs)
  'KEY_ECHOED',
  // the key was saved for another origin than the environment's domain now
  'KEY_ORIGIN_MISMATCH',
  // the user cancelled a request in flight (not a failure of the server)
  'CANCELLED',
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]
