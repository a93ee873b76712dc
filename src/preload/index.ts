/**
 * The only bridge between the sandboxed renderer and main. It exposes the
 * domain-shaped API from src/shared/bridge.ts and nothing else: no ipcRenderer,
 * no Node, no way to name an arbitrary channel.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { BRIDGE_SHAPE, createWorkbenchApi } from '../shared/bridge'

contextBridge.exposeInMainWorld(
  'workbench',
  createWorkbenchApi(BRIDGE_SHAPE, (channel, payload) => ipcRenderer.invoke(channel, payload))
)
