/**
 * What an import would change in a setup it replaces (issue 11): field by
 * field, before → after, in words a person compares. Token and widget
 * fields are listed one by one; permissions, extra and personas as JSON.
 * Pure: main computes it for the import preview.
 */
import type { Setup } from './setup'

export interface SetupChange {
  /** "token.userid", "widgetFields.dashboardId", "widget", ... */
  field: string
  /** "—" when the field is not set on that side. */
  before: string
  after: string
}

const MAX_TEXT = 200
const ABSENT = '—'

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return ABSENT
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text
}

function flatten(setup: Setup): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(setup)) {
    if (key === 'formatVersion') continue
    if ((key === 'token' || key === 'widgetFields') && value && typeof value === 'object') {
      for (const [inner, v] of Object.entries(value as Record<string, unknown>)) out.set(`${key}.${inner}`, show(v))
    } else out.set(key, show(value))
  }
  return out
}

export function diffSetups(before: Setup, after: Setup): SetupChange[] {
  const a = flatten(before)
  const b = flatten(after)
  const fields = [...new Set([...a.keys(), ...b.keys()])]
  const changes: SetupChange[] = []
  for (const field of fields) {
    const was = a.get(field) ?? ABSENT
    const now = b.get(field) ?? ABSENT
    if (was !== now) changes.push({ field, before: was, after: now })
  }
  return changes
}
