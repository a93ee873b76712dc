/**
 * Lists from a Qrvey instance through its dev API, called as a host backend
 * calls it (QRVEY.md §1: QrveyDemoApp lists pages with
 * `GET /devapi/v3/user/{u}/app/{a}/builder/page/?limit=100` and datasets with
 * `POST /devapi/v4/user/{u}/app/{a}/qollect/dataset/all`; applications come
 * from `POST /devapi/v4/user/{u}/app/all`), header `x-api-key`. Answers are
 * `{Items: [...]}`. Panels have no documented list: only instances that
 * answer `.../qrvey/{dataset}/analytiq/chart/all` (the sandbox) give one.
 *
 * Redirects are not followed and proxies not used (createHttpClient), so the
 * key goes only to the environment's domain. A refusal comes back as an
 * error whose message says what the instance answered.
 */
import { isAxiosError, type AxiosInstance } from 'axios'
import type { DiscoveryItem, SecurityNameInfo } from '../../shared/discovery'
import { fail, ok, type Result } from '../../shared/result'
import { KeyEcho } from '../secrets/key-echo'
import type { DiscoveryQuery, DiscoverySource } from './discovery-source'

export interface DevApiTarget {
  name: string
  domain: string
  apiKey: string
  timeoutMs: number
}

const enc = encodeURIComponent
const LIMIT = 100

type Json = Record<string, unknown>
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : undefined)

function itemsOf(body: unknown): Json[] | undefined {
  const items = (body as { Items?: unknown } | null)?.Items
  return Array.isArray(items) ? items.filter((i): i is Json => !!i && typeof i === 'object') : undefined
}

function securityNames(item: Json): SecurityNameInfo[] | undefined {
  const columns = item.securityColumns
  if (!Array.isArray(columns)) return undefined
  return columns.flatMap((c: Json) => {
    const name = text(c?.security_name)
    if (!name) return []
    const type = c.type === 'number' || c.type === 'date' ? c.type : 'text'
    const values = Array.isArray(c.values) ? c.values.filter((v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number') : []
    return [{ name, type, values }]
  })
}

export class DevApiDiscovery implements DiscoverySource {
  readonly description: string

  constructor(
    private readonly http: AxiosInstance,
    private readonly target: DevApiTarget
  ) {
    this.description = `${target.name}'s dev API`
  }

  async list(query: DiscoveryQuery): Promise<Result<DiscoveryItem[]>> {
    const user = query.userid?.trim()
    if (!user) return fail('INVALID_INPUT', 'Type the userid first: the dev API lists what a user can see.')
    if (query.kind === 'apps') {
      const answer = await this.call('POST', `/devapi/v4/user/${enc(user)}/app/all`, { limit: LIMIT })
      return answer.ok ? ok(answer.value.flatMap((i) => (text(i.appid) ? [{ id: text(i.appid)!, label: text(i.name) ?? text(i.appid)!, hint: text(i.description) }] : []))) : answer
    }
    const app = query.appid?.trim()
    if (!app) return fail('INVALID_INPUT', 'Choose the appid first: the lists belong to an application.')
    const base = `/devapi/v4/user/${enc(user)}/app/${enc(app)}`
    if (query.kind === 'pages') {
      const answer = await this.call('GET', `/devapi/v3/user/${enc(user)}/app/${enc(app)}/builder/page/?limit=${LIMIT}`)
      return answer.ok ? ok(answer.value.flatMap((i) => (text(i.pageid) ? [{ id: text(i.pageid)!, label: text(i.name) ?? text(i.pageid)! }] : []))) : answer
    }
    if (query.kind === 'datasets') {
      const answer = await this.call('POST', `${base}/qollect/dataset/all`, { limit: LIMIT })
      if (!answer.ok) return answer
      return ok(
        answer.value.flatMap((i) => {
          const id = text(i.datasetId) ?? text(i.qrveyid)
          if (!id) return []
          const names = securityNames(i)
          return [{ id, label: text(i.name) ?? id, ...(names ? { securityNames: names } : {}) }]
        })
      )
    }
    if (!query.datasetId) return fail('INVALID_INPUT', 'Choose the dataset (qrveyId) first: panels belong to a dataset.')
    const answer = await this.call('GET', `${base}/qrvey/${enc(query.datasetId)}/analytiq/chart/all?limit=${LIMIT}`)
    if (!answer.ok) return fail(answer.error.code, `${answer.error.message} Qrvey documents no list of panels, so only some instances answer it.`)
    return ok(
      answer.value.flatMap((i) => {
        const id = text(i.id) ?? text(i.chartid) ?? text(i.chartId)
        return id ? [{ id, label: text(i.title) ?? text(i.name) ?? id, group: text(i.type)?.toUpperCase(), datasetId: query.datasetId }] : []
      })
    )
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Result<Json[]>> {
    const url = `${this.target.domain}${path}`
    try {
      const response = await this.http.request<string>({
        method,
        url,
        timeout: this.target.timeoutMs,
        headers: { 'x-api-key': this.target.apiKey, 'Content-Type': 'application/json', Accept: 'application/json' },
        ...(body !== undefined ? { data: JSON.stringify(body) } : {})
      })
      const echo = KeyEcho.of(this.target.apiKey)
      const text = String(response.data ?? '')
      if (response.status < 200 || response.status >= 300) {
        return fail(response.status === 401 ? 'HTTP_401' : response.status === 403 ? 'HTTP_403' : response.status === 404 ? 'HTTP_404' : response.status >= 500 ? 'HTTP_5XX' : 'HTTP_4XX', `${this.target.name} refused the list (HTTP ${response.status} for ${method} ${path}): ${echo.scrubHead(text, 200).text || 'no message'}.`)
      }
      let parsed: unknown
      try {
        // The parsed values, not the raw text: a string's JSON escapes are one more layer over whatever
        // encoding it holds, which would put a three-layer encoding beyond what the views undo.
        parsed = echo.scrubDeep(JSON.parse(text)).value
      } catch {
        return fail('MALFORMED_RESPONSE', `${this.target.name} answered ${method} ${path} with something that is not JSON.`)
      }
      const items = itemsOf(parsed)
      return items ? ok(items) : fail('MALFORMED_RESPONSE', `${this.target.name} answered ${method} ${path} without an "Items" list.`)
    } catch (error) {
      const why = isAxiosError(error) ? (error.code === 'ECONNABORTED' ? `no answer within ${this.target.timeoutMs} ms` : error.code ?? error.message) : String(error)
      return fail(isAxiosError(error) && error.code === 'ECONNABORTED' ? 'TIMEOUT' : 'NETWORK_ERROR', `${this.target.name} could not be asked for the list (${KeyEcho.of(this.target.apiKey).scrub(why)}).`)
    }
  }
}
