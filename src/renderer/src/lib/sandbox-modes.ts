/**
 * The sandbox's rehearsal modes in the UI, pure: the words for the badge
 * that stays visible while any mode is on, and the settings form (text
 * fields) to and from a SandboxModesPatch, with messages per field.
 */
import type { SandboxModes } from '@shared/sandbox-api'
import type { SandboxModesPatch } from '@shared/sandbox-modes'
import { MODE_LIMITS } from '@shared/sandbox-mode-limits'

const MINUS = '\u2212'

/** "2 h", "90 min", "45 s": the largest unit that divides the seconds. */
export function formatSeconds(seconds: number): string {
  const abs = Math.abs(seconds)
  if (abs !== 0 && abs % 3600 === 0) return `${abs / 3600} h`
  if (abs !== 0 && abs % 60 === 0) return `${abs / 60} min`
  return `${abs} s`
}

export function formatPercent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`
}

/** One short phrase per mode that is on, in a fixed order; empty when the sandbox behaves normally. */
export function activeModeParts(modes: SandboxModes): string[] {
  const parts: string[] = []
  if (modes.latencyMs > 0) parts.push(`latency ${modes.latencyMs} ms`)
  if (modes.failureRate > 0) parts.push(`${formatPercent(modes.failureRate)} failures`)
  if (modes.rejectKey) parts.push('key rejected')
  if (modes.tokenLifetimeSeconds !== null) parts.push(`tokens live ${formatSeconds(modes.tokenLifetimeSeconds)}`)
  if (modes.clockSkewSeconds !== 0) parts.push(`clock ${modes.clockSkewSeconds < 0 ? MINUS : '+'}${formatSeconds(modes.clockSkewSeconds)}`)
  return parts
}

export function modesBadgeText(modes: SandboxModes): string {
  return activeModeParts(modes).join(' · ')
}

/** The settings form as typed. */
export interface ModesForm {
  latencyMs: string
  /** 0–100, decimals allowed. */
  failurePercent: string
  rejectKey: boolean
  /** Empty: no override. */
  tokenLifetimeSeconds: string
  clockSkewSeconds: string
}

export type ModesFormField = keyof ModesForm
export type ModesFormErrors = Partial<Record<ModesFormField, string>>

export function modesToForm(modes: SandboxModes): ModesForm {
  return {
    latencyMs: String(modes.latencyMs),
    failurePercent: String(Math.round(modes.failureRate * 100_000) / 1000),
    rejectKey: modes.rejectKey,
    tokenLifetimeSeconds: modes.tokenLifetimeSeconds === null ? '' : String(modes.tokenLifetimeSeconds),
    clockSkewSeconds: String(modes.clockSkewSeconds)
  }
}

function wholeNumber(text: string, limits: { min: number; max: number }, what: string): { value?: number; error?: string } {
  const t = text.trim().replace(MINUS, '-')
  const range = `from ${limits.min} to ${limits.max}`
  if (!/^[+-]?\d+$/.test(t)) return { error: `${what} must be a whole number ${range}` }
  const value = Number(t)
  if (value < limits.min || value > limits.max) return { error: `${what} must be ${range}` }
  return { value }
}

/** The whole form as a patch for sandbox.setModes, or the message for each field that is wrong. */
export function formToPatch(form: ModesForm): { patch?: Required<SandboxModesPatch>; errors: ModesFormErrors } {
  const errors: ModesFormErrors = {}
  const latency = wholeNumber(form.latencyMs, MODE_LIMITS.latencyMs, 'Latency (ms)')
  if (latency.error) errors.latencyMs = latency.error

  let failureRate: number | undefined
  const percentText = form.failurePercent.trim()
  const percent = Number(percentText)
  if (!/^\d+(\.\d+)?$/.test(percentText) || percent > 100) errors.failurePercent = 'Failure share must be a percentage from 0 to 100'
  else failureRate = Math.round(percent * 1000) / 100_000

  let tokenLifetimeSeconds: number | null = null
  if (form.tokenLifetimeSeconds.trim() !== '') {
    const ttl = wholeNumber(form.tokenLifetimeSeconds, MODE_LIMITS.tokenLifetimeSeconds, 'Token lifetime (s)')
    if (ttl.error) errors.tokenLifetimeSeconds = `${ttl.error}, or empty for no override`
    else tokenLifetimeSeconds = ttl.value ?? null
  }

  const skew = wholeNumber(form.clockSkewSeconds.trim() === '' ? '0' : form.clockSkewSeconds, MODE_LIMITS.clockSkewSeconds, 'Clock skew (s)')
  if (skew.error) errors.clockSkewSeconds = skew.error

  if (Object.keys(errors).length > 0) return { errors }
  return {
    patch: {
      latencyMs: latency.value as number,
      failureRate: failureRate as number,
      rejectKey: form.rejectKey,
      tokenLifetimeSeconds,
      clockSkewSeconds: skew.value as number
    },
    errors
  }
}

/** Which form field a validation error from main (`field: "latencyMs"`…) belongs to. */
export function formFieldOf(field: string | undefined): ModesFormField | undefined {
  switch (field) {
    case 'latencyMs':
    case 'rejectKey':
    case 'tokenLifetimeSeconds':
    case 'clockSkewSeconds':
      return field
    case 'failureRate':
      return 'failurePercent'
    default:
      return undefined
  }
}
