/**
 * The rows of the setup list the renderer holds: never the whole workspace
 * (20,000 setups are 6 MB), only pages of WORKSPACE_STATE_ROWS rows around
 * what is shown, fetched from main (`workspace:page`) for the current
 * search. The workspace state brings the first page with every change; a
 * search fetches its first page; scrolling fetches the pages it reaches.
 * A reply that arrives after the query or the folder changed is dropped.
 */
import { computed, ref, shallowRef, type Ref } from 'vue'
import type { WorkspaceState } from '@shared/ipc-contract'
import { WORKSPACE_STATE_ROWS } from '@shared/workspace-rows'
import type { Result, WorkbenchError } from '@shared/result'
import type { SetupPage, SetupSummary } from '@shared/workspace'

export const PAGE_ROWS = WORKSPACE_STATE_ROWS

export interface ListWindowDeps {
  workspace: Ref<WorkspaceState | null>
  query: Ref<string>
  fetchPage: (request: { query?: string; offset: number; limit: number }) => Promise<Result<SetupPage>>
  onError: (error: WorkbenchError) => void
}

export function createListWindow(deps: ListWindowDeps) {
  /** Loaded pages of the current query, by page number. Replaced (not mutated) so views follow. */
  const pages = shallowRef(new Map<number, readonly SetupSummary[]>())
  /** Rows matching the current query (every setup without one). */
  const total = ref(0)
  /** Bumped on every new query or workspace state: replies for an older one are dropped. */
  let generation = 0
  const inFlight = new Set<number>()
  /** Pages loaded for the current generation; the others are shown until their fresh copy arrives. */
  const fresh = new Set<number>()

  const activeQuery = () => deps.query.value.trim().slice(0, 500)
  /** Whether the pages held are a search's (never kept under the whole list's first page). */
  let inQueryList = false

  function setPage(index: number, rows: readonly SetupSummary[]): void {
    const next = new Map(pages.value)
    next.set(index, rows)
    pages.value = next
    fresh.add(index)
  }

  /** Starts over from the workspace state: its first page is the list's first page when there is no query. */
  function fromState(state: WorkspaceState | null): void {
    generation++
    inFlight.clear()
    fresh.clear()
    // The pages further down stay on screen (no flash when a file changes on disk while scrolled) and are fetched again.
    const next = new Map(state && !inQueryList ? pages.value : [])
    if (state) next.set(0, state.setups)
    pages.value = next
    fresh.add(0)
    inQueryList = false
    total.value = state?.total ?? 0
    ensure(...shown)
  }

  /** `replace`: the page starts a new list (a new query), the pages loaded before are dropped with its arrival. */
  async function fetch(index: number, gen: number, replace = false): Promise<boolean> {
    const query = activeQuery()
    inFlight.add(index)
    try {
      const reply = await deps.fetchPage({ ...(query ? { query } : {}), offset: index * PAGE_ROWS, limit: PAGE_ROWS })
      if (gen !== generation) return false
      if (!reply.ok) {
        deps.onError(reply.error)
        return false
      }
      total.value = reply.value.total
      if (replace) {
        pages.value = new Map()
        inQueryList = !!query
      }
      setPage(index, reply.value.items)
      if (replace) ensure(...shown)
      return true
    } finally {
      if (gen === generation) inFlight.delete(index)
    }
  }

  /**
   * A new query or a new workspace state: the first page is fetched (or
   * taken from the state); until it arrives the rows shown stay as they
   * were, so typing never flashes an empty list.
   */
  async function refresh(state: WorkspaceState | null = deps.workspace.value): Promise<void> {
    if (!activeQuery()) return fromState(state)
    const gen = ++generation
    inFlight.clear()
    fresh.clear()
    const fetched = await fetch(0, gen, true)
    // A failed search shows no rows (the error says why), as before.
    if (!fetched && gen === generation) {
      pages.value = new Map([[0, []]])
      inQueryList = true
      total.value = 0
    }
  }

  /** The rows the list last asked for: fetched again after a change. */
  let shown: [number, number] = [0, 0]

  /** Makes sure rows [start, end) are loaded (or on their way). */
  function ensure(start: number, end: number): void {
    shown = [start, end]
    const last = Math.min(end, total.value) - 1
    for (let index = Math.floor(Math.max(0, start) / PAGE_ROWS); index * PAGE_ROWS <= last; index++) {
      if (!fresh.has(index) && !inFlight.has(index)) void fetch(index, generation)
    }
  }

  function rowAt(i: number): SetupSummary | undefined {
    return pages.value.get(Math.floor(i / PAGE_ROWS))?.[i % PAGE_ROWS]
  }

  /** A loaded row by id (the rows a user can click are loaded). */
  function find(id: string): SetupSummary | undefined {
    for (const rows of pages.value.values()) {
      const row = rows.find((s) => s.id === id)
      if (row) return row
    }
    return undefined
  }

  /** The rows loaded from the top without a gap: a small workspace's whole list. */
  const loaded = computed<SetupSummary[]>(() => {
    const rows: SetupSummary[] = []
    for (let index = 0; pages.value.has(index); index++) rows.push(...(pages.value.get(index) as SetupSummary[]))
    return rows
  })

  return { total, loaded, refresh, ensure, rowAt, find }
}

export type ListWindow = ReturnType<typeof createListWindow>
