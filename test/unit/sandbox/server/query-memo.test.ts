/**
 * The sandbox keeps the answers it computed (issue 15, src/sandbox/data/query-memo.ts): a
 * dashboard's panel queries share one permission filter, and a repeated preview does not
 * compute them again. What must hold: every answer equals the one computed afresh from the rows,
 * for whichever token asks, in whatever order; another token's permissions, another query or
 * API-key mode never gets a kept answer that was not its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoDatasetById, filterByPermissions, runQuery, SALES_SECURITY_NAMES } from '../../../../src/sandbox/data'
import { QueryMemo } from '../../../../src/sandbox/data/query-memo'
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'
import { SANDBOX_NOTICE_HEADER, SANDBOX_PATHS, type QueryRequest, type QueryResult } from '../../../../src/shared/sandbox-api'
import type { Permissions } from '../../../../src/sandbox/data'

let sandbox: SandboxHandle
beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: 'memo-key-123' })
})
afterAll(async () => {
  await sandbox?.close()
})

const all: Permissions = [{ dataset_id: 'sales-orders', record_permissions: SALES_SECURITY_NAMES.map((security_name) => ({ security_name, values: ['*'] })) }]
const europe: Permissions = [
  { dataset_id: 'sales-orders', record_permissions: SALES_SECURITY_NAMES.map((security_name) => ({ security_name, values: security_name === 'region' ? ['Europe'] : ['*'] })) }
]
const missingOne: Permissions = [{ dataset_id: 'sales-orders', record_permissions: SALES_SECURITY_NAMES.slice(1).map((security_name) => ({ security_name, values: ['*'] })) }]

const queries: QueryRequest[] = [
  { measures: [{ column: 'revenue', aggregate: 'sum' }] },
  { measures: [{ column: 'revenue', aggregate: 'sum' }], groupBy: ['region'] },
  { measures: [{ column: 'order_id', aggregate: 'count' }], groupBy: ['category', 'region'] },
  { measures: [{ column: 'revenue', aggregate: 'sum' }], groupBy: ['region'], filters: [{ column: 'category', validationType: 'EQUAL', values: ['Software'] }] }
]

async function query(token: string | undefined, body: QueryRequest, apiKey = false): Promise<{ result: QueryResult; notice: string | null }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token) headers.authorization = `Bearer ${token}`
  if (apiKey) headers['x-api-key'] = 'memo-key-123'
  const response = await fetch(`${sandbox.url}${SANDBOX_PATHS.query('u', '59VShVtjM', 'sales-orders')}`, { method: 'POST', headers, body: JSON.stringify(body) })
  expect(response.status).toBe(200)
  return { result: (await response.json()) as QueryResult, notice: response.headers.get(SANDBOX_NOTICE_HEADER) }
}

function fresh(permissions: Permissions, body: QueryRequest) {
  const dataset = demoDatasetById('sales-orders')!
  const visible = filterByPermissions(dataset.rows, 'sales-orders', permissions, dataset.meta.columns)
  return { ...runQuery(visible.rows, body), permissionsApplied: visible.applied, security: visible.security }
}

describe('kept query answers', () => {
  it('equal a fresh computation for every token and query, asked in turns and again', async () => {
    const tokens = await Promise.all([all, europe, missingOne].map((permissions) => sandbox.issuer.issue({ userid: 'u', appid: '59VShVtjM', permissions: [...permissions] })))
    const seen = new Map<string, string>()
    for (let round = 0; round < 2; round++) {
      for (const [t, permissions] of [all, europe, missingOne].entries()) {
        for (const body of queries) {
          const { result } = await query(tokens[t], body)
          expect(result).toEqual(JSON.parse(JSON.stringify(fresh(permissions, body))))
          const key = `${t} ${JSON.stringify(body)}`
          if (round === 1) expect(JSON.stringify(result)).toBe(seen.get(key))
          seen.set(key, JSON.stringify(result))
        }
      }
    }
    // The three tokens really see different things (so a mixed-up answer would have shown).
    const totals = [0, 1, 2].map((t) => seen.get(`${t} ${JSON.stringify(queries[0])}`))
    expect(new Set(totals).size).toBe(3)
  })

  it('API-key mode after a token (and back) gets its own answer and notice', async () => {
    const token = await sandbox.issuer.issue({ userid: 'u', appid: '59VShVtjM', permissions: [...europe] })
    const first = await query(token, queries[1])
    const keyMode = await query(undefined, queries[1], true)
    const again = await query(token, queries[1])
    expect(keyMode.result.permissionsApplied).toBe(false)
    expect(keyMode.notice).toContain('API-key mode')
    expect(first.result.permissionsApplied).toBe(true)
    expect(first.result.rows).not.toEqual(keyMode.result.rows)
    expect(again).toEqual(first)
  })
})

describe('QueryMemo', () => {
  it('computes once per key and rows, keeps the 256 most recently used, and keeps data sets apart', () => {
    const memo = new QueryMemo<number>()
    const rowsA = Object.freeze([{ a: 1 }])
    const rowsB = Object.freeze([{ a: 1 }])
    let computed = 0
    const get = (rows: readonly Record<string, number>[], key: string) => memo.get(rows, key, () => ++computed)
    expect(get(rowsA, 'k')).toBe(1)
    expect(get(rowsA, 'k')).toBe(1)
    expect(get(rowsB, 'k')).toBe(2)
    for (let i = 0; i < 256; i++) get(rowsA, `other ${i}`)
    // 'k' was the oldest of 257: gone, so computed again.
    expect(get(rowsA, 'k')).toBe(computed)
    const recent = get(rowsA, 'other 255')
    expect(get(rowsA, 'other 255')).toBe(recent)
  })
})
