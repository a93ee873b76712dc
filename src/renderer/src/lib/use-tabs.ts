/**
 * A WAI-ARIA tab list's state and keyboard: the selected tab, and
 * ArrowLeft/ArrowRight moving selection and focus around the list. The
 * sidebar, the output panel and the preview drawer all use it.
 */
import { ref, type Ref } from 'vue'

export interface TabList<T extends string> {
  tab: Ref<T>
  select(next: T, focus?: boolean): void
  onKeydown(event: KeyboardEvent): void
}

/** `idOf(tab)` is the DOM id of a tab's button, to move focus to it. */
export function useTabs<T extends string>(tabs: readonly T[], initial: T, idOf: (tab: T) => string, onSelect?: (tab: T) => void): TabList<T> {
  const tab = ref(initial) as Ref<T>

  function select(next: T, focus = false): void {
    tab.value = next
    onSelect?.(next)
    if (focus) document.getElementById(idOf(next))?.focus()
  }

  function onKeydown(event: KeyboardEvent): void {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (!step) return
    event.preventDefault()
    const index = tabs.indexOf(tab.value)
    select(tabs[(index + step + tabs.length) % tabs.length], true)
  }

  return { tab, select, onKeydown }
}
