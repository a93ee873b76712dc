/**
 * Renderer and widgets test files share their worker's DOM window (isolate:
 * false in vitest.config.ts, issue 15: npm test time), so nothing one file
 * leaves on it may reach the next. A setup file, run before every test file
 * (its hook belongs to that file, unlike a shared helper's, see
 * no-module-level-hooks.test.ts): when the file ends, the page is emptied and
 * storage cleared, and a listener the file added to window or document and
 * left there (a component never unmounted, a store never stopped: CI once
 * saw a setups store's leave guard answer another file's beforeunload) is
 * removed and fails the file, naming it.
 */
import { afterAll, expect } from 'vitest'
import { recordListeners } from './dom-listener-record'

const record = recordListeners([window, document])

afterAll(() => {
  const left = record.left()
  for (const [target, type, listener, capture] of left) target.removeEventListener(type, listener, capture)
  record.stop()
  document.body.replaceChildren()
  localStorage.clear()
  sessionStorage.clear()
  if (left.length > 0) {
    const where = [...new Set(left.map(([target, type]) => `${target === window ? 'window' : 'document'} "${type}"`))].join(', ')
    throw new Error(
      `${expect.getState().testPath ?? 'This test file'} left ${left.length} listener(s) on ${where}. Test files share one DOM window: unmount what the file mounts and stop the stores it starts.`
    )
  }
})
