/**
 * Ready-made setups that ship with the sandbox: one per widget, plus
 * row-level-security examples whose values exist in the data. "Start with a
 * demo" opens one as a draft, so a new user sees data before they know any
 * id.
 *
 * Permissions are built from the dataset's own security names: Qrvey shows
 * a secured dataset's rows only when the token names every security column
 * ("Any missing security column inside the user's security token will
 * restrict the user's access", QRVEY.md §1), and `"*"` means all values only
 * with EQUAL. So each demo grants "*" for every name it does not narrow.
 */
import type { Setup } from '../../shared/setup'
import type { DatasetPermission, RecordPermission } from '../../shared/permissions'
import { SANDBOX_ENVIRONMENT_NAME } from '../../shared/environment'
import { SALES_DEMO_APP_ID } from './demo-apps'
import { demoDataset, SALES_DATASET_ID } from './sales-orders'

export interface DemoSetup {
  /** Stable id, for tests and the UI. */
  id: string
  /** What the user sees it for, one sentence. */
  description: string
  /** True for the row-level-security examples. */
  rls: boolean
  setup: Setup
}

type Narrowing = Record<string, Omit<RecordPermission, 'security_name'>>

/** Every security name of the sales data set: narrowed where given, "*" (EQUAL) otherwise. */
export function salesPermissions(narrow: Narrowing = {}): DatasetPermission[] {
  const names = demoDataset().meta.columns.flatMap((c) => (c.securityName ? [c.securityName] : []))
  const record_permissions = names.map((name) => ({ security_name: name, ...(narrow[name] ?? { validation_type: 'EQUAL', values: ['*'] }) })) as RecordPermission[]
  return [{ dataset_id: SALES_DATASET_ID, operator: 'AND', record_permissions }]
}

function setup(name: string, widget: string, widgetFields: Record<string, string | boolean>, permissions: DatasetPermission[] = salesPermissions(), userid = 'demo-user'): Setup {
  return {
    formatVersion: 1,
    name,
    environment: SANDBOX_ENVIRONMENT_NAME,
    widget,
    qrvey86OrNewer: true,
    token: { userid, appid: SALES_DEMO_APP_ID, expiresIn: '1h', permissions },
    widgetFields
  }
}

function withClient(base: Setup, clientid: string): Setup {
  return { ...base, token: { ...base.token, clientid } }
}

export function demoSetups(): DemoSetup[] {
  return [
    { id: 'page-view', rls: false, description: 'The Overview dashboard with its page switcher, all data.', setup: setup('Demo: Page View – sales overview', 'page-view', { dashboardId: 'overview' }) },
    { id: 'page-builder', rls: false, description: 'Edit the Products dashboard: add, move and remove panels.', setup: setup('Demo: Page Builder – products', 'page-builder', { dashboardId: 'products' }) },
    { id: 'report-builder', rls: false, description: 'Build tabular reports from the sales orders.', setup: setup('Demo: Report Builder – sales orders', 'report-builder', { dashboardId: 'overview' }) },
    { id: 'analytic-suite', rls: false, description: 'Explore the sales orders in grouped tables and charts.', setup: setup('Demo: Analytic Suite – sales orders', 'analytic-suite', { qrveyId: SALES_DATASET_ID }) },
    {
      id: 'single-panel',
      rls: false,
      description: 'One chart: revenue by region.',
      setup: setup('Demo: Single Panel – revenue by region', 'single-panel', { qrveyId: SALES_DATASET_ID, type: 'CHART', chartId: 'revenue-by-region' })
    },
    { id: 'qrvey-dashboard', rls: false, description: 'The v9 dashboard element on the Overview dashboard.', setup: setup('Demo: Dashboard (v9) – overview', 'qrvey-dashboard', { dashboardId: 'overview' }) },
    { id: 'pixel-perfect-reports', rls: false, description: 'A paginated report: orders by region.', setup: setup('Demo: Pixel-perfect report – orders by region', 'pixel-perfect-reports', { reportId: 'orders-by-region', defaultMode: 'preview' }) },
    { id: 'automation', rls: false, description: 'The automation (workflow) designer with its demo workflows.', setup: setup('Demo: Automation – workflows', 'automation', {}) },
    { id: 'download-manager', rls: false, description: 'The Download Manager of one end user (clientid in the token).', setup: withClient(setup('Demo: Download Manager', 'download-manager', {}), 'demo-user@example.com') },
    { id: 'web-form-design', rls: false, description: 'Design the customer feedback form.', setup: setup('Demo: Web Form Design – feedback', 'web-form-design', { qrvey_id: 'customer-feedback', app_type: 'FORM' }) },
    { id: 'web-form-end-user', rls: false, description: 'Fill in the customer feedback form.', setup: setup('Demo: Web Form – feedback', 'web-form-end-user', { qrvey_hash: 'fb7QxK2a' }) },
    {
      id: 'rls-europe',
      rls: true,
      description: 'Row-level security: a user who sees only Europe (region EQUAL "Europe").',
      setup: setup('Demo: RLS – Europe only', 'page-view', { dashboardId: 'overview' }, salesPermissions({ region: { validation_type: 'EQUAL', values: ['Europe'] } }), 'europe-manager')
    },
    {
      id: 'rls-software-large',
      rls: true,
      description: 'Row-level security: Software sales to customers that are not SMB, in North America or Asia Pacific.',
      setup: setup(
        'Demo: RLS – Software, large customers',
        'single-panel',
        { qrveyId: SALES_DATASET_ID, type: 'SUMMARY', summaryId: 'revenue-by-product' },
        salesPermissions({
          category: { validation_type: 'EQUAL', values: ['Software'] },
          customer_segment: { validation_type: 'NOT_EQUAL', values: ['SMB'] },
          region: { validation_type: 'EQUAL', values: ['North America', 'Asia Pacific'] }
        }),
        'software-lead'
      )
    }
  ]
}
