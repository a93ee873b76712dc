/**
 * Everything the user types to request a token: the widget and its fields
 * (kept per widget, so switching widgets loses nothing), the body fields,
 * the two JSON texts and the timeout. Getters validate as they type and
 * assemble the request; nothing here talks to main.
 */
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import { findWidget, missingWidgetFields, WIDGET_CATALOG, type WidgetFieldValues } from '@shared/widget-catalog'
import type { GenerateTokenRequest, TokenBody } from '@shared/token-request'
import { assembleTokenBody, DEFAULT_EXPIRES_IN, type ParsedTimeout, type TokenFieldKey, type TokenFields } from '@renderer/lib/token-body-basics'
import type { JsonValidation } from '@renderer/lib/json-validation'
import { CHECKING_FORM, formChecks } from '@renderer/lib/form-checks-loader'
import { carryWidgetFields } from '@renderer/lib/widget-switch'

export const useTokenFormStore = defineStore('tokenForm', () => {
  const widgetId = ref<string>(WIDGET_CATALOG[0].id)
  /** Widget id -> that widget's field values. */
  const widgetValues = ref<Record<string, WidgetFieldValues>>({})
  const fields = reactive<TokenFields>({ userid: '', appid: '', clientid: '', expiresIn: DEFAULT_EXPIRES_IN })
  const timeoutText = ref('')
  const permissionsText = ref('')
  const extraText = ref('')
  /** Qrvey 8.6+ reads `qvToken`; older instances `qv_token`. */
  const qrvey86 = ref(true)
  /**
   * Counts the times the whole form was replaced (New, a setup opened, a
   * draft restored): the field components forget what was touched, so a
   * blank form shows no "required" errors until it is typed in or Generate
   * is pressed (issue 11).
   */
  const resets = ref(0)
  function markPristine(): void {
    resets.value++
  }

  const widget = computed(() => findWidget(widgetId.value) ?? WIDGET_CATALOG[0])
  const currentWidgetValues = computed<WidgetFieldValues>(() => widgetValues.value[widgetId.value] ?? {})

  function selectWidget(id: string) {
    if (findWidget(id)) widgetId.value = id
  }

  /** The user picks another widget: the fields both widgets share (qrveyId, dashboardId, themeId) come along. */
  function switchWidget(id: string) {
    const next = findWidget(id)
    if (!next || next.id === widgetId.value) return
    const carried = carryWidgetFields(widget.value, currentWidgetValues.value, next, widgetValues.value[next.id] ?? {})
    if (Object.keys(carried).length > 0) widgetValues.value = { ...widgetValues.value, [next.id]: carried }
    widgetId.value = next.id
  }

  function setWidgetField(key: string, value: string | boolean) {
    widgetValues.value = {
      ...widgetValues.value,
      [widgetId.value]: { ...currentWidgetValues.value, [key]: value }
    }
  }

  // The checks (zod and the shared schemas) arrive just after the form is usable: stores/first-screen.ts asks for them.
  /** Before the checks have arrived: no verdict on a text, only whether it is empty. */
  const unchecked = (text: string): JsonValidation<never> => ({ errors: [], empty: text.trim() === '' })

  const widgetErrors = computed(() => missingWidgetFields(widget.value, currentWidgetValues.value))
  const fieldErrors = computed<Partial<Record<TokenFieldKey, string>>>(() => formChecks.value?.validateTokenFields(fields) ?? {})
  const timeout = computed<ParsedTimeout>(() => formChecks.value?.parseTimeout(timeoutText.value) ?? {})
  const permissions = computed(() => formChecks.value?.validatePermissionsText(permissionsText.value) ?? unchecked(permissionsText.value))
  const extra = computed(() => formChecks.value?.validateExtraText(extraText.value) ?? unchecked(extraText.value))
  const hasPermissions = computed(() => !permissions.value.empty)

  /** The body as it would be sent, or the schema's complaint. Only meaningful when the parts are valid. */
  const assembled = computed<{ body?: TokenBody; error?: string }>(() => {
    const checks = formChecks.value
    if (!checks) return { error: CHECKING_FORM }
    return checks.checkTokenBody(assembleTokenBody(fields, permissions.value.value, extra.value.value))
  })

  /** Every reason the request cannot be sent yet, in the order of the form. */
  const problems = computed<string[]>(() => {
    if (!formChecks.value) return [CHECKING_FORM]
    const list: string[] = [...Object.values(widgetErrors.value)]
    for (const message of Object.values(fieldErrors.value)) if (message) list.push(message)
    if (timeout.value.error) list.push(timeout.value.error)
    if (permissions.value.errors.length) list.push(`Permissions: ${permissions.value.errors[0].message}`)
    if (extra.value.errors.length) list.push(`Extra body JSON: ${extra.value.errors[0].message}`)
    if (list.length === 0 && assembled.value.error) list.push(assembled.value.error)
    return list
  })

  const isValid = computed(() => problems.value.length === 0)

  /** The request for tokens.generate, or undefined while the form is invalid. */
  function buildRequest(environmentId: string): GenerateTokenRequest | undefined {
    const body = assembled.value.body
    if (!isValid.value || !body) return undefined
    const request: GenerateTokenRequest = { environmentId, body }
    if (timeout.value.value !== undefined) request.timeoutMs = timeout.value.value
    return request
  }

  return {
    widgetId,
    widgetValues,
    fields,
    timeoutText,
    permissionsText,
    extraText,
    qrvey86,
    widget,
    currentWidgetValues,
    widgetErrors,
    fieldErrors,
    timeout,
    permissions,
    extra,
    hasPermissions,
    assembled,
    problems,
    isValid,
    selectWidget,
    switchWidget,
    setWidgetField,
    buildRequest,
    resets,
    markPristine
  }
})
