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

/** Permissions any page may be granted: only writing to the clipboard (the Copy buttons). */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write'])

/**
 * Chromium's Local Network Access checks ask this permission before a page
 * from a non-local origin (app://workbench is one) reaches loopback: the
 * workbench frames its preview from 127.0.0.1. Granted to the workbench page
 * only, never to what runs inside the preview.
 */
const LOOPBACK_PERMISSIONS = new Set(['local-network-access', 'loopback-network', 'local-network'])

export function isPermissionAllowed(permission: string, requestingUrl: string, workbenchOrigin: string): boolean {
  if (ALLOWED_PERMISSIONS.has(permission)) return true
  if (!LOOPBACK_PERMISSIONS.has(permission)) return false
  try {
    const url = new URL(requestingUrl)
    return `${url.protocol}//${url.host}` === workbenchOrigin
  } catch {
    return false
  }
}
