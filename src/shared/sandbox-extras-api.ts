/**
 * The sandbox API behind the widgets that are not dashboards (QRVEY.md §2):
 * Pixel-perfect reports, Automation (workflows), Web Forms and the Download
 * Manager. Qrvey does not publish these widgets' wire format, so the paths
 * follow the shapes its samples' firewall allow-list shows (QRVEY.md §5:
 * `devapi/v6/.../builder/report`, automatiq, `devapi/v5/export/...`) and the
 * bodies are the sandbox's own.
 */

export interface ReportColumn {
  column: string
  label: string
  /** Right-aligned and summed in group footers. */
  total?: boolean
}

/** A pixel-perfect report over one dataset: grouped rows, subtotals, pages. */
export interface ReportDefinition {
  id: string
  name: string
  description: string
  datasetId: string
  /** The band the rows are grouped by (one group header + subtotal each). */
  groupBy: string
  columns: ReportColumn[]
  sort: { column: string; direction: 'asc' | 'desc' }
  /** Parameters a host may set with `parameterValues` (Qrvey docs: `{ parameterName: paramVal }`). */
  parameters: Array<{ name: string; column: string; label: string }>
  /** Rows per printed page. */
  rowsPerPage: number
}

export interface WorkflowStep {
  kind: 'trigger' | 'condition' | 'action'
  label: string
}

export interface Workflow {
  id: string
  name: string
  status: 'active' | 'paused'
  trigger: string
  lastRun: string | null
  steps: WorkflowStep[]
}

export type WebformQuestionType = 'TEXTFIELD' | 'EMAIL_FORM' | 'RATING' | 'DROPDOWN' | 'LONGTEXT' | 'YES_NO'

export interface WebformQuestion {
  id: string
  type: WebformQuestionType
  text: string
  required: boolean
  options?: string[]
  /** RATING: 1..max. */
  max?: number
}

/** A web form as Web Form End User shows it: found by its public hash, no authentication. */
export interface Webform {
  /** The form's id as Web Form Design knows it (`qrvey_id`). */
  id: string
  /** The public id Web Form End User is embedded with (`qrvey_hash`). */
  hash: string
  appId: string
  name: string
  /** Qrvey's three kinds: FORM, QUIZ, SURVEY (web-forms.md `app_type`). */
  appType: 'FORM' | 'QUIZ' | 'SURVEY'
  description: string
  status: 'ACTIVE' | 'PAUSED'
  questions: WebformQuestion[]
}

export type WebformAnswers = Record<string, string | number | boolean>

export interface WebformResponse {
  id: string
  submittedAt: string
  answers: WebformAnswers
}

/** What Web Form Design shows: the form plus the records it has stored. */
export interface WebformDesign {
  form: Webform
  responseCount: number
  recent: WebformResponse[]
}

export interface ExportEntry {
  id: string
  /** File name offered for download, e.g. "Overview.csv". */
  fileName: string
  format: 'CSV'
  /** What produced it: "Dashboard View: Overview". */
  source: string
  rows: number
  bytes: number
  createdAt: string
}

export interface NewExport {
  fileName: string
  source: string
  format: 'CSV'
  content: string
}

function enc(part: string): string {
  return encodeURIComponent(part)
}

const base = (userId: string, appId: string) => `/devapi/v4/user/${enc(userId)}/app/${enc(appId)}`

export const SANDBOX_EXTRA_PATHS = {
  /** GET -> ReportDefinition[] (Pixel-perfect Reports' "browse all reports"). */
  reports: (userId: string, appId: string) => `/devapi/v6/user/${enc(userId)}/app/${enc(appId)}/builder/report`,
  /** GET -> ReportDefinition */
  report: (userId: string, appId: string, reportId: string) => `/devapi/v6/user/${enc(userId)}/app/${enc(appId)}/builder/report/${enc(reportId)}`,
  /** GET -> Workflow[] */
  workflows: (userId: string, appId: string) => `${base(userId, appId)}/automatiq/workflow`,
  /** GET -> Workflow */
  workflow: (userId: string, appId: string, workflowId: string) => `${base(userId, appId)}/automatiq/workflow/${enc(workflowId)}`,
  /** GET -> WebformDesign (Web Form Design, authenticated). */
  webformDesign: (userId: string, appId: string, qrveyId: string) => `${base(userId, appId)}/qrvey/${enc(qrveyId)}/webform`,
  /** GET -> Webform (Web Form End User: public, by hash). */
  publicWebform: (hash: string) => `/devapi/v4/webform/${enc(hash)}`,
  /** POST (body: {answers}) -> WebformResponse: stores one record. */
  publicWebformResponse: (hash: string) => `/devapi/v4/webform/${enc(hash)}/response`,
  /** GET -> ExportEntry[] of this user + clientid; POST (body: NewExport) -> ExportEntry. */
  exports: (userId: string, appId: string) => `/devapi/v5/user/${enc(userId)}/app/${enc(appId)}/export`,
  /** GET -> the exported file (text/csv). */
  exportFile: (userId: string, appId: string, exportId: string) => `/devapi/v5/user/${enc(userId)}/app/${enc(appId)}/export/${enc(exportId)}/file`
} as const
