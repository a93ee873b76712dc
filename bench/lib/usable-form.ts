/** The moment bench/renderer-load.ts calls the token form usable, shared with bench/lib/renderer-profile.ts. */
/** What the watcher logs (console.debug, see page-signal.ts) when the form is usable and when its figures are settled. */
export const USABLE_SIGNAL = 'qwb-bench:usable'
export const SETTLED_SIGNAL = 'qwb-bench:settled'

/**
 * Installed before any page script: records when the form is usable (listed,
 * enabled and drawn: the first task after the frame that shows it) and the
 * long tasks that started before it. A string, because tsx would wrap named
 * functions in a helper that does not exist in the page.
 *
 * A long task is reported after it ends, so the task in which the form became
 * usable (the render of the environment list) arrives once usableAt is set:
 * tasks are kept by their start time, and `longest` is the longest that
 * started at or before the usable moment, computed half a second after it
 * (`settled` then turns true; read `longest` after that). Until issue 15's
 * ui-first pass the observer dropped every entry delivered after the usable
 * moment, so that task was never counted.
 */
export const WATCH_FOR_USABLE_FORM = `(() => {
  const tasks = []
  // tasks: also read on the empty baseline page (renderer-load.ts), where the form never becomes usable.
  const bench = (window.__bench = { usableAt: undefined, longest: 0, settled: false, tasks })
  const settle = () => {
    bench.longest = Math.max(0, ...tasks.filter((t) => t.startTime <= bench.usableAt).map((t) => t.duration))
    bench.settled = true
    console.debug('${SETTLED_SIGNAL}')
  }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ startTime: entry.startTime, duration: entry.duration })
  }).observe({ type: 'longtask', buffered: true })
  const userid = () => document.querySelector('[data-testid="input-userid"]')
  const inTheDom = () => !!document.querySelector('[data-testid="environment-item"]') && !!userid() && !userid().disabled
  let checking = false
  const observer = new MutationObserver(() => {
    if (checking || !inTheDom()) return
    // Whether it is shown is read after the frame that draws it (the next animation frame, then a task),
    // never in this callback: a layout read here made Chromium lay the page out inside the app's own task,
    // a long task the app does not have (the first screen's whole layout, 40-60 ms; issue 15's profile).
    checking = true
    requestAnimationFrame(() =>
      setTimeout(() => {
        checking = false
        if (bench.usableAt !== undefined || !inTheDom() || userid().getClientRects().length === 0) return
        bench.usableAt = performance.now()
        observer.disconnect()
        console.debug('${USABLE_SIGNAL}')
        // The usable moment's own task must end and its entry be delivered first.
        setTimeout(settle, 500)
      })
    )
  })
  observer.observe(document, { childList: true, subtree: true, attributes: true })
})()`
