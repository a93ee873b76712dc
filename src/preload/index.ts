/**
 * The only bridge between the sandboxed renderer and main. It exposes the
 * domain-shaped API from src/shared/bridge.ts and nothing else: no ipcRenderer,
 * no Node, no way to name an arbitrary channel or event.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { BRIDGE_SHAPE, createWorkbenchApi } from '../shared/bridge'
import { EVENT_CHANNEL, WORKBENCH_EVENT_NAMES } from '../shared/events'

const listeners = new Map<string, Set<(payload: unknown) => void>>()

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name === 'string') listeners.get(name)?.forEach((callback) => callback(payload))
})

function subscribe(event: string, callback: (payload: unknown) => void): () => void {
  if (!(WORKBENCH_EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`Unknown workbench event "${event}"`)
  const set = listeners.get(event) ?? new Set()
  set.add(callback)
  listeners.set(event, set)
  return () => set.delete(callback)
}

contextBridge.exposeInMainWorld(
  'workbench',
  createWorkbenchApi(BRIDGE_SHAPE, (channel, payload) => ipcRenderer.invoke(channel, payload), subscribe)
)
