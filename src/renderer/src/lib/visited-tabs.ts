/**
 * The tabs that have been shown at least once. A tab panel's content is
 * created when its tab is first selected and then kept (v-show), so what a
 * user typed or scrolled survives switching tabs, while the panels nobody
 * opened cost the first screen nothing: no chunk to fetch, no render, no
 * start-up request (issue 15: navigation to a usable form).
 */
import { reactive, watch, type Ref } from 'vue'

export function useVisitedTabs<T extends string>(tab: Ref<T>): { has(id: T): boolean } {
  const visited = reactive(new Set<T>([tab.value])) as Set<T>
  watch(tab, (next) => visited.add(next), { flush: 'sync' })
  return { has: (id) => visited.has(id) }
}
