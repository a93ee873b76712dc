/**
 * The current token's life: when it was issued and expires (exact for the
 * sandbox's tokens, from `exp` for a JWS, estimated from expiresIn for an
 * encrypted token; see shared/token-lifetime.ts), and "fast-forward", which
 * makes the offline sandbox treat the token as expired now, so renewal can
 * be rehearsed without waiting.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { lifetimeOf, type TokenLifetime } from '@shared/token-lifetime'
import type { WorkbenchError } from '@shared/result'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import { useTokenResultStore } from './tokenResult'

export const useTokenLifeStore = defineStore('tokenLife', () => {
  const tokens = useTokenResultStore()
  /** When the renderer received the current token: the estimate's base for results without a lifetime. */
  const receivedAt = ref(Date.now())
  /** Set by fast-forward: the sandbox treats the token as expired since then. */
  const expiredEarlyAt = ref<string | null>(null)
  const fastForwardError = ref<WorkbenchError | null>(null)
  const fastForwarding = ref(false)

  watch(
    () => tokens.result?.token,
    () => {
      receivedAt.value = Date.now()
      expiredEarlyAt.value = null
      fastForwardError.value = null
    }
  )

  const lifetime = computed<TokenLifetime | null>(() => {
    const result = tokens.result
    if (!result) return null
    const base = result.lifetime ?? lifetimeOf(result.token, result.request.body.expiresIn, receivedAt.value)
    if (!expiredEarlyAt.value) return base
    return { ...base, expiresAt: expiredEarlyAt.value, note: `Fast-forwarded: the sandbox treats this token as expired since ${new Date(expiredEarlyAt.value).toLocaleTimeString()}.` }
  })

  const expiresAtMs = computed(() => {
    const at = lifetime.value?.expiresAt
    const ms = at ? Date.parse(at) : Number.NaN
    return Number.isFinite(ms) ? ms : undefined
  })

  /** Has the token expired at `now` (false when its expiry is unknown)? */
  function expiredAt(now: number): boolean {
    return expiresAtMs.value !== undefined && expiresAtMs.value <= now
  }

  /** Only the sandbox's own tokens can be fast-forwarded. */
  const canFastForward = computed(() => lifetime.value?.source === 'sandbox' && !expiredEarlyAt.value)

  async function fastForward(): Promise<boolean> {
    const result = tokens.result
    if (!result || fastForwarding.value) return false
    fastForwarding.value = true
    fastForwardError.value = null
    try {
      const reply = await callBridge(() => getWorkbench().sandbox.expireToken({ token: result.token }))
      if (!reply.ok) {
        fastForwardError.value = reply.error
        return false
      }
      if (tokens.result?.token === result.token) expiredEarlyAt.value = reply.value.expiresAt
      return true
    } finally {
      fastForwarding.value = false
    }
  }

  return { lifetime, expiresAtMs, expiredAt, canFastForward, fastForward, fastForwarding, fastForwardError, expiredEarlyAt }
})
