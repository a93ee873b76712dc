import type { WorkbenchApi } from '../shared/bridge'

declare global {
  interface Window {
    workbench: WorkbenchApi
  }
}
