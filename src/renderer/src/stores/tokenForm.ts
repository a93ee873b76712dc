/**
 * Everything the user types to request a token: the widget and its fields
 * (kept per widget, so switching widgets loses nothing), the body fields,
 * the two JSON texts and the timeout. Getters validate as they type and
 * assemble the request; nothing here talks to main.
 */
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import { findWidget, missingWidgetFields, WIDGET_CATALOG, type WidgetFieldValues } from '@shared/widget-catalog'
import { tokenBodySchema, type GenerateTokenRequest, type TokenBody } from '@shared/token-request'
import {
  assembleTokenBody,
  DEFAULT_EXPIRES_IN,
  parseTimeout,
  validateExtraText,
  validatePermissionsText,
  validateTokenFields,
  type TokenFields
} from '@renderer/lib/token-body'
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

  const widgetErrors = computed(() => missingWidgetFields(widget.value, currentWidgetValues.value))
  const fieldErrors = computed(() => validateTokenFields(fields))
  const timeout = computed(() => parseTimeout(timeoutText.value))
  const permissions = computed(() => validatePermissionsText(permissionsText.value))
  const extra = computed(() => validateExtraText(extraText.value))
  const hasPermissions = computed(() => !permissions.value.empty)

  /** The body as it would be sent, or the schema's complaint. Only meaningful when the parts are valid. */
  const assembled = computed<{ body?: TokenBody; error?: string }>(() => {
    const body = assembleTokenBody(fields, permissions.value.value, extra.value.value)
    const parsed = tokenBodySchema.safeParse(body)
    if (parsed.success) return { body: parsed.data }
    const issue = parsed.error.issues[0]
    return { error: `${issue.path.join('.') || 'body'}: ${issue.message}` }
  })

  /** Every reason the request cannot be sent yet, in the order of the form. */
  const problems = computed<string[]>(() => {
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
    buildRequest
  }
})
