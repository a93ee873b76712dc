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

/** Permissions a page may be granted: only writing to the clipboard (the Copy buttons). */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write'])

export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission)
}
