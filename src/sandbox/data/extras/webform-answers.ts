/**
 * Checks a web form submission against the form's questions: required ones
 * answered, ratings in range, dropdown values among the options, emails
 * shaped like one, nothing the form does not ask. Every problem is listed.
 */
import type { Webform, WebformAnswers } from '../../../shared/sandbox-extras-api'

export type CheckedAnswers = { ok: true; answers: WebformAnswers } | { ok: false; messages: string[] }

const MAX_TEXT = 2_000

export function validateAnswers(form: Webform, input: unknown): CheckedAnswers {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, messages: ['The body must be {"answers": {"<question id>": value, ...}}'] }
  }
  const raw = input as Record<string, unknown>
  const messages: string[] = []
  const answers: WebformAnswers = {}
  const known = new Set(form.questions.map((q) => q.id))
  for (const key of Object.keys(raw)) if (!known.has(key)) messages.push(`"${key}" is not a question of "${form.name}"`)
  for (const question of form.questions) {
    const value = raw[question.id]
    const empty = value === undefined || value === null || value === ''
    if (empty) {
      if (question.required) messages.push(`"${question.text}" is required`)
      continue
    }
    switch (question.type) {
      case 'RATING': {
        const n = typeof value === 'number' ? value : Number(value)
        if (!Number.isInteger(n) || n < 1 || n > (question.max ?? 5)) messages.push(`"${question.text}" takes a whole number from 1 to ${question.max ?? 5}`)
        else answers[question.id] = n
        break
      }
      case 'YES_NO':
        if (typeof value !== 'boolean') messages.push(`"${question.text}" takes true or false`)
        else answers[question.id] = value
        break
      case 'DROPDOWN':
        if (typeof value !== 'string' || !question.options?.includes(value)) messages.push(`"${question.text}" must be one of: ${question.options?.join(', ')}`)
        else answers[question.id] = value
        break
      case 'EMAIL_FORM':
        if (typeof value !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) messages.push(`"${question.text}" must be an email address`)
        else answers[question.id] = value
        break
      default:
        if (typeof value !== 'string') messages.push(`"${question.text}" takes text`)
        else if (value.length > MAX_TEXT) messages.push(`"${question.text}" is longer than ${MAX_TEXT} characters`)
        else answers[question.id] = value
    }
  }
  return messages.length > 0 ? { ok: false, messages } : { ok: true, answers }
}
