/**
 * One shared clock for countdowns: a ref holding Date.now(), ticking every
 * second while at least one component uses it (no timer when nothing shows
 * a countdown).
 */
import { onBeforeUnmount, ref, type Ref } from 'vue'

const now = ref(Date.now())
let users = 0
let timer: ReturnType<typeof setInterval> | undefined

function tick() {
  now.value = Date.now()
}

/** The shared clock; call from a component's setup (it stops with the component). */
export function useNow(): Ref<number> {
  users++
  tick()
  if (!timer) timer = setInterval(tick, 1_000)
  onBeforeUnmount(() => {
    users--
    if (users === 0 && timer) {
      clearInterval(timer)
      timer = undefined
    }
  })
  return now
}
