/**
 * A component whose code is not part of the first screen's JavaScript: the
 * bundler puts it in a chunk of its own, fetched when the component is first
 * rendered (issue 15: the renderer's initial JS). It renders nothing until
 * the chunk has arrived, which from the app's own files takes a few
 * milliseconds; a failed fetch is tried again once, then Vue reports it.
 */
import { defineAsyncComponent, type Component } from 'vue'

/** Chunks being fetched right now, and work put off until later (see `putOff`). */
const pending = new Set<Promise<unknown>>()

function track(promise: Promise<unknown>): void {
  pending.add(promise)
  const done = () => pending.delete(promise)
  promise.then(done, done)
}

/**
 * Work the page has put off until later (the first screen's second step,
 * stores/first-screen.ts): counted with the chunks, so the renderer tests'
 * wait for lazy components waits for it too.
 */
export function putOff<T>(promise: Promise<T>): Promise<T> {
  track(promise)
  return promise
}

export function lazyComponent(loader: () => Promise<{ default: Component }>): Component {
  return defineAsyncComponent({
    loader: () => {
      const loading = loader()
      track(loading)
      return loading
    },
    onError(_error, retry, fail, attempts) {
      if (attempts <= 1) retry()
      else fail()
    }
  })
}

/**
 * A module that is not part of the first screen's JavaScript, fetched on the
 * first call and kept: for code that only runs after a user's action (a
 * share text's summary, a sent request as cURL). Counted with the lazy
 * components, so the renderer tests can wait for it the same way.
 */
export function lazyModule<T>(loader: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined
  return () => {
    if (!loading) {
      const started = loader()
      track(started)
      // A failed fetch is not kept: the next call tries again.
      loading = started.catch((error: unknown) => {
        loading = undefined
        throw error
      })
    }
    return loading
  }
}

/** Resolves once no lazy component's chunk is being fetched (the renderer tests wait on it). */
export async function lazyComponentsLoaded(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending])
}
