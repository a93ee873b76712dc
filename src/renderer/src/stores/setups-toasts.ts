/**
 * The workspace's one toast at a time (saved, deleted with Undo, exported,
 * refused): what it says, how long it stays (longer with details or Undo).
 */
import { ref } from 'vue'

export type ToastKind = 'info' | 'warning' | 'error'

export interface Toast {
  id: number
  kind: ToastKind
  message: string
  /** More lines (dropped secrets, skipped files). */
  details?: string[]
  /** Set for a deletion: what Undo restores. */
  undoToken?: string
}

const TOAST_MS = 8_000
const UNDO_TOAST_MS = 15_000

export function createToasts() {
  const toast = ref<Toast | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let counter = 0

  function showToast(message: string, options: { kind?: ToastKind; details?: string[]; undoToken?: string } = {}): void {
    clearTimeout(timer)
    const next: Toast = { id: ++counter, kind: options.kind ?? 'info', message, ...(options.details?.length ? { details: options.details } : {}) }
    if (options.undoToken) next.undoToken = options.undoToken
    toast.value = next
    timer = setTimeout(() => {
      if (toast.value?.id === next.id) toast.value = null
    }, options.undoToken ? UNDO_TOAST_MS : options.details?.length ? TOAST_MS * 2 : TOAST_MS)
  }

  function dismissToast(): void {
    clearTimeout(timer)
    toast.value = null
  }

  return { toast, showToast, dismissToast }
}
