/**
 * Demo content for the widgets beyond dashboards (QRVEY.md §2): pixel-perfect
 * reports over the sales data, automation flows, and web forms. Kept per
 * appid like the demo apps. Reports read the real demo rows through the
 * query API (so record permissions apply); workflows and forms are
 * definitions only, since the sandbox runs no automation and sends no mail.
 */
import type { ReportDefinition, Webform, Workflow } from '../../../shared/sandbox-extras-api'
import { OPS_DEMO_APP_ID, SALES_DEMO_APP_ID } from '../demo-apps'
import { SALES_DATASET_ID } from '../sales-orders'

const salesReports: ReportDefinition[] = [
  {
    id: 'orders-by-region',
    name: 'Orders by region',
    description: 'Every order, grouped by region, with revenue subtotals: the printable ledger.',
    datasetId: SALES_DATASET_ID,
    groupBy: 'region',
    columns: [
      { column: 'order_id', label: 'Order' },
      { column: 'order_date', label: 'Date' },
      { column: 'country', label: 'Country' },
      { column: 'product', label: 'Product' },
      { column: 'units', label: 'Units', total: true },
      { column: 'revenue', label: 'Revenue', total: true }
    ],
    sort: { column: 'order_date', direction: 'asc' },
    parameters: [
      { name: 'region', column: 'region', label: 'Region' },
      { name: 'category', column: 'category', label: 'Category' }
    ],
    rowsPerPage: 28
  },
  {
    id: 'product-ledger',
    name: 'Product ledger',
    description: 'Orders grouped by product, largest first within each product.',
    datasetId: SALES_DATASET_ID,
    groupBy: 'product',
    columns: [
      { column: 'order_id', label: 'Order' },
      { column: 'order_date', label: 'Date' },
      { column: 'customer_segment', label: 'Segment' },
      { column: 'units', label: 'Units', total: true },
      { column: 'revenue', label: 'Revenue', total: true }
    ],
    sort: { column: 'revenue', direction: 'desc' },
    parameters: [{ name: 'category', column: 'category', label: 'Category' }],
    rowsPerPage: 28
  }
]

const salesWorkflows: Workflow[] = [
  {
    id: 'weekly-revenue-digest',
    name: 'Weekly revenue digest',
    status: 'active',
    trigger: 'Schedule: every Monday 08:00',
    lastRun: '2025-12-29T08:00:00.000Z',
    steps: [
      { kind: 'trigger', label: 'Every Monday at 08:00' },
      { kind: 'action', label: 'Export dashboard "Overview" as PDF' },
      { kind: 'action', label: 'Send email to the sales leads with the export attached' }
    ]
  },
  {
    id: 'large-order-alert',
    name: 'Large order alert',
    status: 'active',
    trigger: 'Data: new row in Sales orders',
    lastRun: '2025-12-30T16:42:00.000Z',
    steps: [
      { kind: 'trigger', label: 'A row is added to Sales orders' },
      { kind: 'condition', label: 'Revenue is greater than 20,000' },
      { kind: 'action', label: 'Send a Slack message to #big-deals' }
    ]
  },
  {
    id: 'feedback-follow-up',
    name: 'Feedback follow-up',
    status: 'paused',
    trigger: 'Web form: Customer feedback submitted',
    lastRun: null,
    steps: [
      { kind: 'trigger', label: 'A response to "Customer feedback" is stored' },
      { kind: 'condition', label: 'Rating is 2 or less' },
      { kind: 'action', label: 'Create a support ticket' }
    ]
  }
]

const PRODUCTS = ['Analytics Suite', 'Reporting Add-on', 'Embedded SDK', 'Data Connector', 'Edge Gateway', 'Sensor Kit', 'Rack Server', 'Smart Display']

const salesWebforms: Webform[] = [
  {
    id: 'customer-feedback',
    hash: 'fb7QxK2a',
    appId: SALES_DEMO_APP_ID,
    name: 'Customer feedback',
    appType: 'FORM',
    description: 'Tell us how the product works for you.',
    status: 'ACTIVE',
    questions: [
      { id: 'name', type: 'TEXTFIELD', text: 'Your name', required: true },
      { id: 'email', type: 'EMAIL_FORM', text: 'Email', required: true },
      { id: 'product', type: 'DROPDOWN', text: 'Which product?', required: true, options: PRODUCTS },
      { id: 'rating', type: 'RATING', text: 'How satisfied are you?', required: true, max: 5 },
      { id: 'recommend', type: 'YES_NO', text: 'Would you recommend us?', required: false },
      { id: 'comments', type: 'LONGTEXT', text: 'Anything else?', required: false }
    ]
  },
  {
    id: 'onboarding-survey',
    hash: 'sv3MnP9d',
    appId: SALES_DEMO_APP_ID,
    name: 'Onboarding survey',
    appType: 'SURVEY',
    description: 'Three questions after the first week.',
    status: 'ACTIVE',
    questions: [
      { id: 'ease', type: 'RATING', text: 'How easy was the setup?', required: true, max: 5 },
      { id: 'training', type: 'YES_NO', text: 'Did you attend a training day?', required: true },
      { id: 'missing', type: 'LONGTEXT', text: 'What is missing?', required: false }
    ]
  }
]

export interface DemoExtras {
  reports: readonly ReportDefinition[]
  workflows: readonly Workflow[]
  webforms: readonly Webform[]
}

const EXTRAS: Readonly<Record<string, DemoExtras>> = {
  [SALES_DEMO_APP_ID]: { reports: salesReports, workflows: salesWorkflows, webforms: salesWebforms },
  [OPS_DEMO_APP_ID]: { reports: [salesReports[1]], workflows: [salesWorkflows[0]], webforms: [] }
}

const NONE: DemoExtras = { reports: [], workflows: [], webforms: [] }

export function demoExtras(appId: string): DemoExtras {
  return Object.hasOwn(EXTRAS, appId) ? EXTRAS[appId] : NONE
}

/** Web Form End User finds a form by its public hash alone, across apps. */
export function webformByHash(hash: string): Webform | undefined {
  return Object.values(EXTRAS)
    .flatMap((extras) => extras.webforms)
    .find((form) => form.hash === hash)
}

export function allWebformHashes(): string[] {
  return Object.values(EXTRAS).flatMap((extras) => extras.webforms.map((form) => `${form.hash} (${form.name})`))
}
