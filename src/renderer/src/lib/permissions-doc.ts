/**
 * The permissions document as the builder edits it: parsed from the JSON
 * editor's text, changed by small pure steps, and written back as the same
 * pretty JSON. Both views edit one text (the form's permissionsText); the
 * builder only works while that text is a JSON array, and says so otherwise.
 */
export interface RuleNode {
  security_name?: string
  validation_type?: string
  values?: unknown[]
  operator?: string
  record_permissions?: RuleNode[]
  [key: string]: unknown
}

export interface DatasetNode {
  dataset_id?: unknown
  operator?: string
  record_permissions?: RuleNode[]
  [key: string]: unknown
}

export type ParsedDoc = { ok: true; doc: DatasetNode[] } | { ok: false; reason: string }

export function parsePermissionsDoc(text: string): ParsedDoc {
  if (!text.trim()) return { ok: true, doc: [] }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'The JSON does not parse yet: fix it in the editor, and the builder follows.' }
  }
  if (!Array.isArray(value) || value.some((d) => !d || typeof d !== 'object' || Array.isArray(d))) {
    return { ok: false, reason: 'Permissions are a list of dataset permissions ([{"dataset_id": ..., "record_permissions": [...]}]): fix the JSON to use the builder.' }
  }
  return { ok: true, doc: value as DatasetNode[] }
}

export function serializePermissionsDoc(doc: DatasetNode[]): string {
  return doc.length ? JSON.stringify(doc, null, 2) : ''
}

export const isGroup = (rule: RuleNode) => Array.isArray(rule.record_permissions)

export function newRule(securityName = ''): RuleNode {
  return { security_name: securityName, validation_type: 'EQUAL', values: [] }
}

export function newGroup(operator: 'AND' | 'OR' = 'OR'): RuleNode {
  return { operator, record_permissions: [newRule()] }
}

export function newDataset(datasetId = '*'): DatasetNode {
  return { dataset_id: datasetId, operator: 'AND', record_permissions: [newRule()] }
}

/**
 * The builder's components edit a working copy of the document (never the
 * store's state) and then write it back as text; these change one of its lists.
 */
export function removeAt<T>(list: T[], index: number): void {
  list.splice(index, 1)
}

export function append<T>(list: T[], item: T): void {
  list.push(item)
}
