/**
 * Who may call the IPC handlers: only the workbench's own top-level page.
 * A preview iframe, a navigated-away page or another window is refused, even
 * though contextIsolation already hides the bridge from them: defence in depth.
 */
export interface SenderInfo {
  /** URL of the frame that sent the message. */
  url: string
  /** Whether that frame is the top-level frame of its page. */
  isMainFrame: boolean
}

export type SenderPolicy = (sender: SenderInfo) => boolean

export function allowOnlyOrigin(rendererOrigin: string): SenderPolicy {
  return (sender) => {
    if (!sender.isMainFrame) return false
    try {
      // URL.origin is "null" for custom schemes such as app://, so compare
      // scheme and host explicitly.
      const url = new URL(sender.url)
      return `${url.protocol}//${url.host}` === rendererOrigin
    } catch {
      return false
    }
  }
}
