/**
 * The rules every workbench window lives by, as plain data and predicates so
 * they are tested under Node and read in one place.
 */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    safeDialogs: true,
    // Middle-click would open links in new windows; those are denied anyway.
    disableBlinkFeatures: 'Auxclick'
  } as const
}

/** The workbench never navigates: it is one page. Reloading the same page is the one exception. */
export function isNavigationAllowed(targetUrl: string, currentUrl: string): boolean {
  return targetUrl === currentUrl
}

/**
 * A frame inside a workbench window (the preview iframe, the compare frames,
 * and what a widget nests in them) may load only pages of the preview
 * origins (the preview server's own and the compare frames'): the previews,
 * and blob: or about: documents they make (which belong to their origin).
 * A widget, or a script a hostile Qrvey domain serves, cannot take the
 * frame elsewhere (a look-alike login page inside the workbench, say).
 * The top-level page follows isNavigationAllowed.
 */
export function isFrameNavigationAllowed(target: { url: string; isMainFrame: boolean }, currentUrl: string, previewOrigins: readonly string[] | undefined): boolean {
  if (target.isMainFrame) return isNavigationAllowed(target.url, currentUrl)
  if (target.url === 'about:blank' || target.url === 'about:srcdoc') return true
  if (!previewOrigins?.length) return false
  try {
    // For blob:http://127.0.0.1:PORT/uuid, URL.origin is the origin that made it.
    return previewOrigins.includes(new URL(target.url).origin)
  } catch {
    return false
  }
}

function originOf(url: string): string | undefined {
  try {
    // URL.origin is "null" for custom schemes such as app://, so build it from scheme and host.
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}`
  } catch {
    return undefined
  }
}

/**
 * Writing to the clipboard (the Copy buttons): the workbench page only.
 * A preview frame runs a Qrvey domain's scripts and has no business writing
 * the user's clipboard (it could plant a command for them to paste).
 */
const WORKBENCH_ONLY_PERMISSIONS = new Set(['clipboard-sanitized-write'])

/**
 * Chromium's Local Network Access checks ask this permission before a page
 * from a non-local origin (app://workbench is one) reaches loopback: the
 * workbench frames its preview from 127.0.0.1. Granted to the workbench page
 * only, never to what runs inside the preview.
 */
const LOOPBACK_PERMISSIONS = new Set(['local-network-access', 'loopback-network', 'local-network'])

/** Every other permission (camera, notifications, geolocation, ...) is refused to every page. */
export function isPermissionAllowed(permission: string, requestingUrl: string, workbenchOrigin: string): boolean {
  if (!WORKBENCH_ONLY_PERMISSIONS.has(permission) && !LOOPBACK_PERMISSIONS.has(permission)) return false
  return originOf(requestingUrl) === workbenchOrigin
}
