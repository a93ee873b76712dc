/**
 * Starts a page's calls in the order the page made them. Electron's IPC
 * delivers a window's invokes in order; HTTP does not: the browser spreads
 * fetches over several connections, and a later call can reach the server
 * first (two quick clicks on environments: the first selection would win).
 * Each page numbers its calls (`x-workbench-order: <page id>.<n>`); a call
 * that arrives early waits for the ones before it, at most WAIT_MS (a call
 * the page aborted never comes), then goes ahead. Handlers still finish in
 * their own time, as over IPC.
 */
export const ORDER_PATTERN = /^([\w-]{8,64})\.(\d{1,15})$/
const WAIT_MS = 1_000
const MAX_PAGES = 64

interface Stream {
  next: number
  waiting: Map<number, () => void>
}

export class CallOrder {
  private readonly streams = new Map<string, Stream>()

  /** Resolves when it is this call's turn to start. */
  wait(page: string, seq: number): Promise<void> {
    const stream = this.stream(page)
    if (seq <= stream.next) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // The calls before it are not coming: skip them.
        stream.waiting.delete(seq)
        stream.next = Math.max(stream.next, seq)
        resolve()
      }, WAIT_MS)
      stream.waiting.set(seq, () => {
        clearTimeout(timer)
        resolve()
      })
    })
  }

  /** Call right after the call has started: lets the next one go. */
  started(page: string, seq: number): void {
    const stream = this.stream(page)
    stream.next = Math.max(stream.next, seq + 1)
    const release = stream.waiting.get(stream.next)
    if (release) {
      stream.waiting.delete(stream.next)
      release()
    }
  }

  private stream(page: string): Stream {
    let stream = this.streams.get(page)
    if (!stream) {
      if (this.streams.size >= MAX_PAGES) this.streams.delete(this.streams.keys().next().value as string)
      stream = { next: 0, waiting: new Map() }
      this.streams.set(page, stream)
    }
    return stream
  }
}
