/**
 * Which environment the open setup uses. Opening a setup selects its
 * environment by name; while the one it names does not exist here (or it
 * names none), the setup keeps that name (`environmentOverride`) and a
 * notice says so; choosing an environment by hand ends it, and creating the
 * named one selects it.
 */
import { computed, ref, watch, type Ref, type ShallowRef } from 'vue'
import type { Setup } from '@shared/setup'
import { setupNameKey } from '@shared/setup-text'
import type { useEnvironmentsStore } from './environments'
import type { SetupNotice } from './setups-types'

export interface EnvironmentLinkContext {
  environments: ReturnType<typeof useEnvironmentsStore>
  saved: ShallowRef<Setup | null>
  notice: Ref<SetupNotice | null>
}

export function createEnvironmentLink({ environments, saved, notice }: EnvironmentLinkContext) {
  /** The environment the open setup names while it is not the active one (missing, or none). */
  const environmentOverride = ref<string | null>(null)
  const environmentName = computed(() => environmentOverride.value ?? environments.active?.name ?? '')

  function findEnvironment(name: string) {
    const key = setupNameKey(name)
    return environments.environments.find((e) => setupNameKey(e.name) === key)
  }

  // Choosing an environment by hand ends "the setup names another one".
  watch(
    () => environments.activeId,
    () => {
      environmentOverride.value = null
      if (notice.value?.kind === 'missing-environment' || notice.value?.kind === 'no-environment') notice.value = null
    },
    { flush: 'sync' }
  )

  // The environment a setup names was created (here, or on disk): select it.
  watch(
    () => environments.environments.map((e) => e.name).join('\n'),
    () => {
      const wanted = environmentOverride.value
      if (!wanted) return
      const env = findEnvironment(wanted)
      if (env) void environments.select(env.id)
    }
  )

  /** Selects the environment a setup names (by name), or keeps the name while there is none such. */
  async function follow(name: string): Promise<void> {
    const env = name.trim() ? findEnvironment(name) : undefined
    if (env && env.id !== environments.activeId) {
      // Until main confirms the selection, the setup's own environment counts (no "modified" flash).
      environmentOverride.value = env.name
      const selected = await environments.select(env.id)
      if (!selected.ok) environmentOverride.value = null
    }
    // Set after the selection: choosing an environment clears the override.
    environmentOverride.value = env ? null : name.trim() ? name : ''
  }

  /** The notice for the open setup's environment, if it is not the active one. */
  const environmentNotice = computed<SetupNotice | null>(() => {
    if (environmentOverride.value === null || !saved.value) return null
    const active = environments.active?.name
    if (environmentOverride.value === '') {
      return { kind: 'no-environment', message: `This setup names no environment; Generate uses the active one${active ? ` ("${active}")` : ''}.` }
    }
    return { kind: 'missing-environment', message: `The environment "${environmentOverride.value}" this setup uses does not exist here.` }
  })

  /** Uses the active environment for the open setup (ends "names another environment"). */
  function useActiveEnvironment(): void {
    environmentOverride.value = null
  }

  return { environmentOverride, environmentName, environmentNotice, findEnvironment, follow, useActiveEnvironment }
}
