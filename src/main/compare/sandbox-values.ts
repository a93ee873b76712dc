/**
 * Reads what one token may see in the offline sandbox, through the sandbox's
 * own data API over HTTP (the requests its widgets make: SANDBOX_PATHS.app
 * and .query, `Authorization: Bearer <token>`), never from the data module:
 * the values table shows what the server answers that token, so a bug in
 * the server's security shows up here too.
 *
 * Per dataset the token may use: rows visible (the query answer's
 * `security.visibleRows`), the sum of every numeric column it may see, and
 * for each security column the distinct values it sees. Datasets hidden by
 * asset_permissions are reported with no rows and the reason.
 *
 * Plain Node (an axios instance from createHttpClient): `qwb run` calls it too.
 */
import type { AxiosInstance } from 'axios'
import type { ColumnRef, DatasetReading, ReadingOrError, SandboxReading } from '../../shared/personas/compare'
import type { DatasetObservation } from '../../shared/personas/expectations'
import { SANDBOX_PATHS, SANDBOX_SELF_ID, type DatasetMeta, type QueryRequest, type QueryResult, type SandboxApp } from '../../shared/sandbox-api'

class ReadError extends Error {}

/** How a refusal's text is cut for a message: by default its first characters (the CLI removes keys first: any loopback server counts as a sandbox there). */
type Shorten = (text: string, length: number) => string
const firstCharacters: Shorten = (text, length) => text.slice(0, length)

function messagesOf(body: string, shorten: Shorten): string {
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ message?: unknown }> }
    const messages = (parsed.errors ?? []).map((e) => e.message).filter((m): m is string => typeof m === 'string')
    if (messages.length) return messages.join(' ')
  } catch {
    // not JSON: the status says it
  }
  return shorten(body, 300)
}

/** The client, and how it cuts a refusal's text. */
interface Reader {
  http: AxiosInstance
  shorten: Shorten
}

async function call<T>(reader: Reader, method: 'GET' | 'POST', url: string, token: string, body?: unknown): Promise<{ status: number; value?: T; message: string }> {
  const response = await reader.http.request<string>({
    method,
    url,
    data: body === undefined ? undefined : JSON.stringify(body),
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }
  })
  if (response.status !== 200) return { status: response.status, message: messagesOf(String(response.data ?? ''), reader.shorten) }
  try {
    return { status: 200, value: JSON.parse(String(response.data)) as T, message: '' }
  } catch {
    throw new ReadError(`${method} ${url} answered 200 with a body that is not JSON`)
  }
}

function ref(column: DatasetMeta['columns'][number]): ColumnRef {
  return { id: column.id, label: column.label, type: column.type, ...(column.securityName ? { securityName: column.securityName } : {}) }
}

async function readDataset(reader: Reader, origin: string, token: string, meta: DatasetMeta): Promise<DatasetReading> {
  const url = `${origin}${SANDBOX_PATHS.query(SANDBOX_SELF_ID, SANDBOX_SELF_ID, meta.id)}`
  const measures = meta.columns.filter((c) => c.type === 'number').map(ref)
  const securityColumns = meta.columns.filter((c) => c.securityName).map(ref)
  const empty: DatasetObservation = { rowCount: 0, totals: {}, visibleValues: {} }
  const base = { id: meta.id, name: meta.name, measures, securityColumns }

  // One total row: a count (so the query has a measure even without numeric columns) and the sum of each measure.
  const totalsRequest: QueryRequest = {
    measures: [{ column: meta.columns[0].id, aggregate: 'count' }, ...measures.map((m) => ({ column: m.id, aggregate: 'sum' as const }))]
  }
  const totals = await call<QueryResult>(reader, 'POST', url, token, totalsRequest)
  if (totals.status === 403) return { ...base, observation: empty, refused: totals.message }
  if (!totals.value) throw new ReadError(`the query on ${meta.id} answered ${totals.status}: ${totals.message}`)
  const row = totals.value.rows[0] ?? []
  const observation: DatasetObservation = {
    rowCount: totals.value.security?.visibleRows ?? Number(row[0] ?? 0),
    totals: Object.fromEntries(measures.map((m, i) => [m.id, Number(row[i + 1] ?? 0)])),
    visibleValues: {}
  }
  // Distinct values per security column: one grouped query each, in parallel.
  const grouped = await Promise.all(
    securityColumns.map((column) => call<QueryResult>(reader, 'POST', url, token, { measures: [{ column: column.id, aggregate: 'count' }], groupBy: [column.id] }))
  )
  grouped.forEach((answer, i) => {
    const column = securityColumns[i]
    if (!answer.value) throw new ReadError(`the values of ${column.id} in ${meta.id} answered ${answer.status}: ${answer.message}`)
    const values = answer.value.rows.map((r) => r[0]).filter((v) => v !== '' && v !== undefined)
    observation.visibleValues[column.id] = values
    if (column.securityName && column.securityName !== column.id) observation.visibleValues[column.securityName] = values
  })
  return { ...base, observation, ...(totals.value.security ? { security: totals.value.security } : {}) }
}

/**
 * What `token` may see in the sandbox at `origin` (e.g. http://127.0.0.1:4300).
 * Never throws: a failure is `{ok: false, error}` in plain words.
 */
export async function readSandboxValues(http: AxiosInstance, origin: string, token: string, shorten: Shorten = firstCharacters): Promise<ReadingOrError> {
  const reader: Reader = { http, shorten }
  try {
    const app = await call<SandboxApp>(reader, 'GET', `${origin}${SANDBOX_PATHS.app(SANDBOX_SELF_ID, SANDBOX_SELF_ID)}`, token)
    if (!app.value) return { ok: false, error: `The sandbox refused this token (${app.status}): ${app.message}` }
    const datasets = await Promise.all(app.value.datasets.map((meta) => readDataset(reader, origin, token, meta)))
    for (const hidden of app.value.hidden?.datasets ?? []) {
      datasets.push({ id: hidden.id, name: hidden.name, measures: [], securityColumns: [], observation: { rowCount: 0, totals: {}, visibleValues: {} }, hidden: hidden.reason })
    }
    const reading: SandboxReading = {
      datasets,
      visiblePages: app.value.dashboards.map((d) => d.id),
      hiddenPages: app.value.hidden?.dashboards ?? [],
      hiddenColumns: app.value.hidden?.columns ?? []
    }
    return { ok: true, reading }
  } catch (error) {
    const text = error instanceof ReadError ? error.message : `the sandbox could not be read: ${(error as Error).message}`
    return { ok: false, error: text.charAt(0).toUpperCase() + text.slice(1) }
  }
}
