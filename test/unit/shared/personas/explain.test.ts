/**
 * Explain (issue 12 point 5): one persona's effective permissions per dataset
 * in plain words. Rules from Qrvey's Record Level Security page (partner-portal
 * docs/software-developer/record-level-security.md; QRVEY.md §1), each test
 * citing the sentence it follows. The outcome is checked against the
 * sandbox's own filter (src/sandbox/data/permissions-filter.ts), computed
 * independently over the 5,000 demo rows.
 */
import { describe, expect, it } from 'vitest'
import { explainDataset, explainPersona, ruleWords, type ExplainDataset } from '../../../../src/shared/personas/explain'
import type { Persona } from '../../../../src/shared/personas/persona'
import type { DatasetPermission } from '../../../../src/shared/permissions'
import { demoDataset, filterByPermissions, SALES_DATASET_ID, targetsDataset, TARGETS_DATASET_ID } from '../../../../src/sandbox/data'
import { demoPersonas, DEMO_PERSONA_NAMES } from '../../../../src/sandbox/data/demo-personas'
import { salesPermissions } from '../../../../src/sandbox/data/demo-setups'
import { SandboxDiscovery } from '../../../../src/main/discovery/sandbox-discovery'

async function sandboxDatasets(): Promise<ExplainDataset[]> {
  const listed = await new SandboxDiscovery().list({ kind: 'datasets', appid: '59VShVtjM' })
  if (!listed.ok) throw new Error(listed.error.message)
  return listed.value
}

const demo = (name: string): Persona => demoPersonas().find((d) => d.persona.name === name)!.persona

/** What the sandbox really shows this token in a demo dataset. */
function sandboxRows(datasetId: string, permissions: DatasetPermission[] | undefined): number {
  const dataset = datasetId === SALES_DATASET_ID ? demoDataset() : targetsDataset()
  return filterByPermissions(dataset.rows, datasetId, permissions, dataset.meta.columns).rows.length
}

describe('explain a persona over the sandbox app', () => {
  it('"Any missing security column inside the user\'s security token will restrict the user\'s access": no permissions -> no rows of the secured dataset, and says why', async () => {
    const explanation = explainPersona(demo(DEMO_PERSONA_NAMES.none), await sandboxDatasets())
    const sales = explanation.datasets.find((d) => d.datasetId === SALES_DATASET_ID)!
    expect(sales.outcome).toBe('no-rows')
    expect(sales.summary).toMatch(/^No rows: sales-orders is secured by order_date, region, country, category and customer_segment, and this persona's token has no permission for it \(it has no permissions at all\)/)
    expect(sales.summary).toContain("Any missing security column inside the user's security token will restrict the user's access")
    expect(sales.columns.every((c) => !c.granted && /not in the token, so no rows/.test(c.words))).toBe(true)
    expect(sandboxRows(SALES_DATASET_ID, undefined)).toBe(0)
    // The token body that produced it: no permissions, so no version either.
    expect(explanation.tokenBody).toEqual({ userid: 'new-user' })
  })

  it('"If no security columns are specified, users will have full access to the dataset": sales-targets is open to every persona', async () => {
    const datasets = await sandboxDatasets()
    for (const { persona } of demoPersonas()) {
      const targets = explainPersona(persona, datasets).datasets.find((d) => d.datasetId === TARGETS_DATASET_ID)!
      expect(targets.outcome).toBe('open')
      expect(targets.summary).toMatch(/^All rows: sales-targets has no security columns, so it is open to every user/)
      expect(sandboxRows(TARGETS_DATASET_ID, persona.token.permissions)).toBe(targetsDataset().rows.length)
    }
  })

  it('Europe only: "region must be Europe", every other column "any value", joined with AND', async () => {
    const explanation = explainPersona(demo(DEMO_PERSONA_NAMES.europe), await sandboxDatasets())
    const sales = explanation.datasets.find((d) => d.datasetId === SALES_DATASET_ID)!
    expect(sales.outcome).toBe('some-rows')
    expect(sales.rule).toBe('order_date: any value AND region must be Europe AND country: any value AND category: any value AND customer_segment: any value')
    expect(sales.summary).toBe('Only the rows where region must be Europe (order_date, country, category and customer_segment: any value).')
    expect(sales.columns.find((c) => c.name === 'region')).toEqual({ name: 'region', granted: true, words: 'region must be Europe' })
    expect(sales.warnings).toEqual([])
    expect(sales.via).toEqual(['permissions[0] is for sales-orders'])
    expect(explanation.tokenBody).toMatchObject({ userid: 'europe-manager', version: '2', permissions: demo(DEMO_PERSONA_NAMES.europe).token.permissions })
    const rows = sandboxRows(SALES_DATASET_ID, demo(DEMO_PERSONA_NAMES.europe).token.permissions)
    expect(rows).toBeGreaterThan(0)
    expect(rows).toBeLessThan(demoDataset().rows.length)
  })

  it('All regions: every column "*" -> all rows, as the sandbox shows', async () => {
    const sales = explainPersona(demo(DEMO_PERSONA_NAMES.all), await sandboxDatasets()).datasets.find((d) => d.datasetId === SALES_DATASET_ID)!
    expect(sales.outcome).toBe('all-rows')
    expect(sandboxRows(SALES_DATASET_ID, demo(DEMO_PERSONA_NAMES.all).token.permissions)).toBe(demoDataset().rows.length)
  })

  it('one security column left out -> no rows, naming the missing column and the fix', async () => {
    const permissions = salesPermissions({ region: { validation_type: 'EQUAL', values: ['Europe'] } })
    permissions[0].record_permissions = permissions[0].record_permissions.filter((r) => 'security_name' in r && r.security_name !== 'country')
    const sales = explainDataset((await sandboxDatasets()).find((d) => d.id === SALES_DATASET_ID)!, permissions)
    expect(sales.outcome).toBe('no-rows')
    expect(sales.missing).toEqual(['country'])
    expect(sales.summary).toMatch(/the token names nothing for country\. A missing security column restricts access: add a rule for country \(values \["\*"\] with EQUAL grants every value\)/)
    expect(sandboxRows(SALES_DATASET_ID, permissions)).toBe(0)
  })

  it('dataset_id "*" applies to every dataset, and the explanation says it came through "*"', async () => {
    const permissions: DatasetPermission[] = [{ dataset_id: '*', record_permissions: salesPermissions({ category: { values: ['Software'] } })[0].record_permissions }]
    const explanation = explainPersona({ formatVersion: 1, name: 'Star', token: { userid: 'u', permissions } }, await sandboxDatasets())
    const sales = explanation.datasets.find((d) => d.datasetId === SALES_DATASET_ID)!
    expect(sales.via).toEqual(['permissions[0] applies through dataset_id "*": it is for every dataset of the application'])
    expect(sales.columns.find((c) => c.name === 'category')?.words).toBe('category must be Software')
    const targets = explanation.datasets.find((d) => d.datasetId === TARGETS_DATASET_ID)!
    expect(targets.outcome).toBe('open')
    expect(targets.summary).toContain("The token's permissions for it are not applied.")
  })

  it('"The validation_type attribute must be set to EQUAL in order to use a wildcard, or otherwise the * character will be treated literally"', async () => {
    const permissions = salesPermissions({ region: { validation_type: 'CONTAIN', values: ['*'] } })
    const sales = explainDataset((await sandboxDatasets()).find((d) => d.id === SALES_DATASET_ID)!, permissions)
    expect(sales.warnings.some((w) => /region CONTAIN "\*": "\*" means every value only with EQUAL; here it is the literal character \*/.test(w))).toBe(true)
    expect(sandboxRows(SALES_DATASET_ID, permissions)).toBe(0)
  })

  it('a value no row has is named (a typo, or another tenant\'s value)', async () => {
    const permissions = salesPermissions({ region: { values: ['Europa'] } })
    const sales = explainDataset((await sandboxDatasets()).find((d) => d.id === SALES_DATASET_ID)!, permissions)
    expect(sales.warnings[0]).toMatch(/^region "Europa" matches no row of this dataset \(its values: Asia Pacific, Europe, Latin America, North America\)/)
    expect(sales.outcome).toBe('no-rows')
    expect(sales.summary).toBe('No rows: region must be Europa, and no row of sales-orders has that value.')
    expect(sandboxRows(SALES_DATASET_ID, permissions)).toBe(0)
  })

  it('a security name the dataset does not have: no rows (the docs: "the system will give an error")', async () => {
    const permissions = salesPermissions()
    permissions[0].record_permissions.push({ security_name: 'tenant', values: ['acme'] })
    const sales = explainDataset((await sandboxDatasets()).find((d) => d.id === SALES_DATASET_ID)!, permissions)
    expect(sales.outcome).toBe('no-rows')
    expect(sales.warnings[0]).toMatch(/security_name "tenant" is not a security column of sales-orders/)
    expect(sandboxRows(SALES_DATASET_ID, permissions)).toBe(0)
  })

  it('"operator ... Default: AND"; groups nest and OR is said as OR', () => {
    const dataset: ExplainDataset = { id: 'ds', securityNames: [{ name: 'region' }, { name: 'amount', type: 'number' }] }
    const sales = explainDataset(dataset, [
      { dataset_id: 'ds', record_permissions: [{ operator: 'OR', record_permissions: [{ security_name: 'region', values: ['Europe'] }, { security_name: 'amount', validation_type: 'RANGE', values: [{ gte: 1000 }] }] }] }
    ])
    expect(sales.rule).toBe('(region must be Europe OR amount must be at least 1000)')
    expect(sales.summary).toBe('Only the rows where (region must be Europe OR amount must be at least 1000).')
    expect(sales.outcome).toBe('some-rows')
  })

  it('names dataset ids the app does not have, asset permissions and roles', async () => {
    const persona: Persona = {
      formatVersion: 1,
      name: 'Assets',
      token: {
        userid: 'u',
        permissions: [{ dataset_id: ['sales-orders', 'old-dataset'], record_permissions: [] }],
        asset_permissions: { pages: { page_ids: ['overview'] }, charts: { chart_ids: [] } },
        roles: 'Finance'
      }
    }
    const explanation = explainPersona(persona, await sandboxDatasets())
    expect(explanation.unknownDatasets).toEqual(['old-dataset'])
    expect(explanation.assets).toEqual(['Only these pages are visible: overview.', 'No charts are visible (an empty chart_ids list).'])
    expect(explanation.roles[0]).toMatch(/^Roles Finance: columns that column-level security keeps for these roles are visible/)
    expect(explanation.datasets.find((d) => d.datasetId === SALES_DATASET_ID)?.via[0]).toBe('permissions[0] applies through its dataset_id list (sales-orders, old-dataset), which holds sales-orders')
  })
})

describe('rules in words', () => {
  it.each([
    [{ security_name: 'region', values: ['*'] }, 'region: any value'],
    [{ security_name: 'region', values: ['Europe', 'Asia Pacific'] }, 'region must be one of Europe or Asia Pacific'],
    [{ security_name: 'segment', validation_type: 'NOT_EQUAL', values: ['SMB'] }, 'segment must not be SMB'],
    [{ security_name: 'amount', validation_type: 'RANGE', values: [{ gte: 10, lte: 20 }, { gte: 100 }] }, 'amount must be between 10 and 20 or at least 100'],
    [{ security_name: 'order_date', validation_type: 'DATE', group_value: 'month', values: ['2024-06'] }, 'order_date must fall in the same month as 2024-06'],
    [{ security_name: 'country', validation_type: 'START_WITH', values: ['Ger', 'Fra'] }, 'country must start with "Ger" or "Fra"'],
    [{ security_name: 'note', validation_type: 'IS_EMPTY', values: [] }, 'note must be empty'],
    [{ security_name: 'amount', validation_type: 'GREATER_THAN_OR_EQUAL', values: [5] }, 'amount must be 5 or more']
  ] as const)('%j', (rule, words) => expect(ruleWords(rule as never)).toBe(words))
})
