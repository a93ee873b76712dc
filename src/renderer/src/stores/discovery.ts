/**
 * The pickers' lists for the active environment (see shared/discovery.ts):
 * asked of main once per environment, user, app and dataset, kept until the
 * environment changes or the user asks again. A refusal is kept too: the
 * field stays free text and says why.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { DiscoveryKind, DiscoveryListing, DiscoveryRequest } from '@shared/discovery'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import { useEnvironmentsStore } from './environments'
import { useTokenFormStore } from './tokenForm'

export interface ListingState {
  loading: boolean
  listing?: DiscoveryListing
}

export const useDiscoveryStore = defineStore('discovery', () => {
  const environments = useEnvironmentsStore()
  const form = useTokenFormStore()
  const states = ref<Record<string, ListingState>>({})

  watch(
    () => environments.activeId,
    () => (states.value = {})
  )

  /** What a kind's list depends on, from the form as it is now. */
  function requestFor(kind: DiscoveryKind): DiscoveryRequest | undefined {
    const environmentId = environments.activeId
    if (!environmentId) return undefined
    const userid = form.fields.userid.trim()
    const appid = form.fields.appid.trim()
    const datasetId = typeof form.currentWidgetValues.qrveyId === 'string' ? form.currentWidgetValues.qrveyId.trim() : ''
    const request: DiscoveryRequest = { environmentId, kind, ...(userid ? { userid } : {}) }
    if (kind !== 'apps' && appid) request.appid = appid
    if (kind === 'panels' && datasetId) request.datasetId = datasetId
    return request
  }

  const keyOf = (r: DiscoveryRequest) => JSON.stringify([r.environmentId, r.kind, r.userid ?? '', r.appid ?? '', r.datasetId ?? ''])

  /** Asks main for the list (once per key, unless `again`). */
  async function ensure(kind: DiscoveryKind, options: { again?: boolean } = {}): Promise<void> {
    const request = requestFor(kind)
    if (!request) return
    const key = keyOf(request)
    const known = states.value[key]
    if (known && (known.loading || !options.again)) return
    states.value = { ...states.value, [key]: { loading: true, listing: known?.listing } }
    const reply = await callBridge(() => getWorkbench().discovery.list(request))
    const listing: DiscoveryListing = reply.ok ? reply.value : { kind, from: 'main', items: [], refused: reply.error.message }
    states.value = { ...states.value, [key]: { loading: false, listing } }
  }

  /** The state of a kind's list for the form as it is now (undefined: never asked). */
  function stateOf(kind: DiscoveryKind): ListingState | undefined {
    const request = requestFor(kind)
    return request ? states.value[keyOf(request)] : undefined
  }

  const apps = computed(() => stateOf('apps'))
  const datasets = computed(() => stateOf('datasets'))

  /**
   * The appid the form names is not one the environment lists: the token is
   * issued anyway (the sandbox, like Qrvey, does not check), but the widget
   * will find nothing. Undefined while unknown.
   */
  const unknownApp = computed<string | undefined>(() => {
    const appid = form.fields.appid.trim()
    const listing = apps.value?.listing
    if (!appid || !listing || listing.refused || listing.items.length === 0) return undefined
    if (listing.items.some((i) => i.id === appid)) return undefined
    const from = listing.from.charAt(0).toUpperCase() + listing.from.slice(1)
    return `${from} has no application "${appid}" (it lists ${listing.items.map((i) => i.id).join(', ')}). The token is issued anyway, but the widget will find nothing.`
  })

  /** A refused app list for this user, in words: the user may not exist on the instance. */
  const userProblem = computed<string | undefined>(() => {
    const listing = apps.value?.listing
    return listing?.refused && form.fields.userid.trim() && /HTTP 40[34]/.test(listing.refused) ? `Check the userid: ${listing.refused}` : undefined
  })

  return { states, ensure, stateOf, apps, datasets, unknownApp, userProblem }
})
