/**
 * Resolves once the browser has painted the current state of the page: the
 * next animation frame renders it, and a timer queued from that frame runs
 * after the paint. A page that gets no frames (a hidden window, a test DOM)
 * resolves after `fallbackMs` instead.
 */
export function afterNextPaint(fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, fallbackMs)
    if (typeof requestAnimationFrame !== 'function') return
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback)
        resolve()
      }, 0)
    )
  })
}
