/**
 * The workbench's colour theme: System (follows the OS), Light or Dark, kept
 * in the settings (`ui.theme`). The choice goes on the page root as
 * data-theme, which sets `color-scheme` (main.css picks every colour with
 * light-dark()); `dark` is what the page shows now, for the preview, which
 * dresses the widget to match.
 */
import { defineStore } from 'pinia'
import { computed, ref, watchEffect } from 'vue'
import type { Settings } from '@shared/settings'
import { useSettingsStore } from './settings'

export type ThemeChoice = Settings['ui']['theme']

export const THEME_CHOICES: ReadonlyArray<{ id: ThemeChoice; label: string }> = [
  { id: 'system', label: 'System' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' }
]

export const useThemeStore = defineStore('theme', () => {
  const settings = useSettingsStore()
  const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined
  const systemDark = ref(query?.matches ?? false)
  query?.addEventListener('change', (event) => (systemDark.value = event.matches))

  /** Shown at once, saved after: a failed save puts the saved choice back. */
  const pending = ref<ThemeChoice>()
  const choice = computed<ThemeChoice>(() => pending.value ?? settings.settings?.ui.theme ?? 'system')
  const dark = computed(() => (choice.value === 'system' ? systemDark.value : choice.value === 'dark'))

  watchEffect(() => {
    const root = document.documentElement
    if (choice.value === 'system') delete root.dataset.theme
    else root.dataset.theme = choice.value
  })

  async function set(next: ThemeChoice): Promise<void> {
    pending.value = next
    await settings.update({ ui: { theme: next } })
    pending.value = undefined
  }

  void settings.load()
  return { choice, dark, systemDark, set }
})
