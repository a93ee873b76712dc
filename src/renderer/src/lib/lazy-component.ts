/**
 * A component whose code is not part of the first screen's JavaScript: the
 * bundler puts it in a chunk of its own, fetched when the component is first
 * rendered (issue 15: the renderer's initial JS). It renders nothing until
 * the chunk has arrived, which from the app's own files takes a few
 * milliseconds; a failed fetch is tried again once, then Vue reports it.
 */
import { defineAsyncComponent, type Component } from 'vue'

/** Chunks being fetched right now. */
const pending = new Set<Promise<unknown>>()

export function lazyComponent(loader: () => Promise<{ default: Component }>): Component {
  return defineAsyncComponent({
    loader: () => {
      const loading = loader()
      pending.add(loading)
      const done = () => pending.delete(loading)
      loading.then(done, done)
      return loading
    },
    onError(_error, retry, fail, attempts) {
      if (attempts <= 1) retry()
      else fail()
    }
  })
}

/** Resolves once no lazy component's chunk is being fetched (the renderer tests wait on it). */
export async function lazyComponentsLoaded(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending])
}
