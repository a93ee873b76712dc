/**
 * Builds the support bundle (src/shared/support-bundle.ts) for the
 * workbench and `qwb bundle` alike. Three nets, as for exports: fields that
 * hold secrets and every full token are dropped (sanitizeSecrets), every
 * known key is removed in any encoding (KeyEcho), and the final text must
 * pass the secret guard, or nothing is produced.
 */
import type { DoctorReport } from '../../shared/doctor'
import { fail, ok, type Result } from '../../shared/result'
import { sanitizeSecrets } from '../../shared/secret-fields'
import { isCompactJose } from '../../shared/jose-scan'
import { SUPPORT_BUNDLE_FORMAT, SUPPORT_BUNDLE_VERSION, type BundleItem, type BundleLogEntry, type SupportBundle, type SupportBundleRequest } from '../../shared/support-bundle'
import type { KeyEcho } from '../secrets/key-echo'
import type { SecretGuard } from '../workspace/secret-guard'
import type { SystemInfo } from './system-info'

export interface BundleParts {
  environment: { name: string; kind: 'sandbox' | 'remote'; domain: string; timeoutMs: number; keySet: boolean }
  setup?: SupportBundleRequest['setup']
  request?: SupportBundleRequest['request']
  tokenHeader?: Record<string, unknown>
  /** The last preview's log, and where it came from (the workbench's preview, or the doctor's headless render). */
  preview?: { source: string; widgetId?: string; log: BundleLogEntry[] }
  /** Why there is no preview, when there is a better reason than "none ran in this session". */
  previewNote?: string
  doctor?: DoctorReport
  system: SystemInfo
  createdAt: Date
}

export interface BundleNets {
  echo: KeyEcho
  guard: SecretGuard
}

/** Headers as "name: value" lines; the key's header says "(redacted)" and nothing of the key. */
function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([name, value]) => (/api-?key|authorization|cookie/i.test(name) ? `${name}: (redacted)` : `${name}: ${value}`))
}

const TOKEN_REMOVED = '(token removed)'

/**
 * A text with every full token inside it replaced (a URL with ?qv_token=…
 * in a failed request): sanitizeSecrets drops texts that ARE a token, this
 * takes them out of texts that CONTAIN one. One pass over runs of base64url
 * characters and dots, each checked by the linear jose-scan.
 */
function withoutTokens(text: string, found: { count: number }): string {
  let out = ''
  let start = -1
  const flush = (end: number) => {
    const run = text.slice(start, end)
    if (run.length > 20 && isCompactJose(run)) {
      out += TOKEN_REMOVED
      found.count++
    } else out += run
    start = -1
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const inRun = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c === 46
    if (inRun) {
      if (start === -1) start = i
    } else {
      if (start !== -1) flush(i)
      out += text[i]
    }
  }
  if (start !== -1) flush(text.length)
  return out
}

function deepWithoutTokens(value: unknown, found: { count: number }, depth = 0): unknown {
  if (typeof value === 'string') return withoutTokens(value, found)
  if (depth > 64 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => deepWithoutTokens(v, found, depth + 1))
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepWithoutTokens(v, found, depth + 1)]))
}

const PROBLEM_KINDS = new Set(['console-error', 'page-error', 'script-error', 'network-error'])

type PreviewSection = { note: string } | { source: string; widgetId?: string; events: object[]; consoleErrors: object[]; failedRequests: object[] }

function previewSection(preview: BundleParts['preview'], note?: string): PreviewSection {
  if (!preview) return { note: note ?? 'No preview ran in this session.' }
  const log = preview.log.map((e) => ({ time: new Date(e.time).toISOString(), kind: e.kind, name: e.name, message: e.message, ...(e.detail !== undefined ? { detail: e.detail } : {}) }))
  return {
    source: preview.source,
    ...(preview.widgetId ? { widgetId: preview.widgetId } : {}),
    events: log.filter((e) => !PROBLEM_KINDS.has(e.kind)),
    consoleErrors: log.filter((e) => e.kind === 'console-error' || e.kind === 'page-error'),
    failedRequests: log.filter((e) => e.kind === 'network-error' || e.kind === 'script-error')
  }
}

function items(parts: BundleParts, preview: PreviewSection): BundleItem[] {
  const env = parts.environment
  const doctor = parts.doctor
  const failed = doctor?.steps.find((s) => s.status === 'fail')
  return [
    { title: 'Setup', summary: parts.setup ? `${parts.setup.name ? `"${parts.setup.name}", ` : ''}widget ${parts.setup.widgetId}, token body fields: ${Object.keys(parts.setup.body ?? {}).join(', ') || '(none)'}` : 'none given' },
    { title: 'Environment', summary: `${env.name} (${env.domain || 'sandbox'}), timeout ${env.timeoutMs} ms; the API key is not included (only whether one is set: ${env.keySet ? 'yes' : 'no'})` },
    { title: 'Token request as sent', summary: parts.request ? `${parts.request.method} ${parts.request.url}, the x-api-key header redacted` : 'no token request in this session' },
    { title: 'Token header', summary: parts.tokenHeader ? `${Object.keys(parts.tokenHeader).join(', ')} (the header only, never the token)` : 'no token in this session' },
    {
      title: 'Last preview',
      summary: 'note' in preview ? preview.note : `${preview.source}: ${preview.events.length} event(s), ${preview.consoleErrors.length} console error(s), ${preview.failedRequests.length} failed request(s)`
    },
    {
      title: 'Doctor result',
      summary: doctor
        ? failed
          ? `failed at "${failed.title}" (${doctor.startedAt})`
          : `passed${doctor.steps.some((s) => s.status === 'skip') ? `, skipped: ${doctor.steps.filter((s) => s.status === 'skip').map((s) => s.title).join(', ')}` : ''} (${doctor.startedAt})`
        : 'not run (use Test connection first to include it)'
    },
    { title: 'Versions', summary: `app ${parts.system.app.version} (${parts.system.app.shell}), ${Object.entries(parts.system.runtime).map(([k, v]) => `${k} ${v}`).join(', ')}, ${parts.system.os.type} ${parts.system.os.release} ${parts.system.os.arch}` }
  ]
}

function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'environment'
}

export function buildSupportBundle(parts: BundleParts, nets: BundleNets): Result<SupportBundle> {
  const preview = previewSection(parts.preview, parts.previewNote)
  const document = {
    format: SUPPORT_BUNDLE_FORMAT,
    formatVersion: SUPPORT_BUNDLE_VERSION,
    createdAt: parts.createdAt.toISOString(),
    versions: parts.system,
    environment: { name: parts.environment.name, kind: parts.environment.kind, domain: parts.environment.domain, timeoutMs: parts.environment.timeoutMs, keySet: parts.environment.keySet },
    setup: parts.setup ?? null,
    requestAsSent: parts.request ? { method: parts.request.method, url: parts.request.url, headers: headerLines(parts.request.headers), body: parts.request.body } : null,
    tokenHeader: parts.tokenHeader ?? null,
    lastPreview: preview,
    doctor: parts.doctor ?? null
  }
  const sanitized = sanitizeSecrets(document)
  const tokensInText = { count: 0 }
  const scrubbed = nets.echo.scrubDeep(deepWithoutTokens(sanitized.value, tokensInText))
  const text = `${JSON.stringify(scrubbed.value, null, 2)}\n`
  const leak = nets.guard.check(text)
  if (leak) return fail('KEY_ECHOED', `The support bundle was not made: ${leak}, which even after removing secrets is still there. Nothing was written.`)
  const removed = sanitized.dropped.map((d) => d.path)
  if (scrubbed.removed) removed.push('an API key inside a text (in some encoding)')
  if (tokensInText.count) removed.push(`${tokensInText.count} token(s) inside texts (URLs, messages)`)
  const list = items(parts, preview)
  if (removed.length) list.push({ title: 'Removed as secrets', summary: removed.join(', ') })
  const stamp = parts.createdAt.toISOString().replace(/[:.]/g, '-').slice(0, 19)
  return ok({ fileName: `qwb-support-${fileSafe(parts.environment.name)}-${stamp}.json`, text, items: list, removed })
}
