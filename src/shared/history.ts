/**
 * The history of token requests and preview runs. An entry never holds an
 * API key or a full token: a token is kept as its JOSE header, its claims
 * where readable (a JWS; a JWE's are encrypted), and a SHA-256 hash, enough
 * to tell two tokens apart and to match one a customer pastes.
 */
export type HistoryKind = 'token' | 'preview'
export type HistoryStatus = 'success' | 'failure'

export interface TokenSummary {
  format: 'JWE' | 'JWS' | 'opaque'
  header?: Record<string, unknown>
  claims?: Record<string, unknown>
  /** Hex SHA-256 of the token text. */
  sha256: string
  length: number
}

export interface HistoryEntry {
  id: string
  /** ISO time the entry was recorded. */
  time: string
  kind: HistoryKind
  status: HistoryStatus
  setupName?: string
  environmentName?: string
  widget?: string
  userid?: string
  appid?: string
  /** HTTP status of a token request. */
  httpStatus?: number
  /** Error code (ErrorCode for token requests) and message, on failure. */
  errorCode?: string
  error?: string
  /** Milliseconds per phase, e.g. { total: 240, request: 230 } or { total: 900, launcher: 300, render: 600 }. */
  timings: Record<string, number>
  token?: TokenSummary
  /** What is needed to run the same token request again ("re-run"); never a key. */
  request?: HistoryRequest
}

export interface HistoryRequest {
  environmentId: string
  body: Record<string, unknown>
  timeoutMs?: number
  widgetId?: string
  /** The widget's fields (dashboardId, chartId, ...) as the form had them, so a re-run restores them. */
  widgetFields?: Record<string, string | boolean>
  /** The "Qrvey 8.6+" switch (qvToken vs qv_token) at the time. */
  qrvey86OrNewer?: boolean
}

export interface HistoryQuery {
  /** Words that must all appear (setup, environment, widget, status, error, ...). */
  text?: string
  kind?: HistoryKind
  status?: HistoryStatus
  limit?: number
}
