/**
 * Keeps a record of the listeners added to some event targets (window,
 * document) and not removed since, the way the DOM counts them: the same
 * listener for the same type and phase once. dom-file-boundary.ts uses it to
 * find what a test file leaves on the DOM window its worker shares.
 */
export type RecordedListener = [target: EventTarget, type: string, listener: EventListenerOrEventListenerObject, capture: boolean]

export interface ListenerRecord {
  /** Listeners added since the record started and still attached. */
  left(): RecordedListener[]
  /** Puts the targets' own addEventListener and removeEventListener back. */
  stop(): void
}

const captureOf = (options: boolean | EventListenerOptions | undefined): boolean => (typeof options === 'boolean' ? options : Boolean(options?.capture))

export function recordListeners(targets: EventTarget[]): ListenerRecord {
  const attached: RecordedListener[] = []
  const indexOf = (target: EventTarget, type: string, listener: EventListenerOrEventListenerObject, capture: boolean): number =>
    attached.findIndex(([t, ty, l, c]) => t === target && ty === type && l === listener && c === capture)
  const undo: Array<() => void> = []
  for (const target of targets) {
    const add = target.addEventListener
    const remove = target.removeEventListener
    target.addEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
      const capture = captureOf(options)
      if (listener && indexOf(target, type, listener, capture) < 0) attached.push([target, type, listener, capture])
      return add.call(this, type, listener, options)
    }
    target.removeEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
      const at = listener ? indexOf(target, type, listener, captureOf(options)) : -1
      if (at >= 0) attached.splice(at, 1)
      return remove.call(this, type, listener, options)
    }
    undo.push(() => {
      target.addEventListener = add
      target.removeEventListener = remove
    })
  }
  return {
    left: () => [...attached],
    stop: () => {
      for (const restore of undo.splice(0)) restore()
    }
  }
}
