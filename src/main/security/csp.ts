/**
 * The workbench page's Content-Security-Policy: nothing but its own bundled
 * files. No inline script, no eval, no network (all HTTP goes through main),
 * no plugins, and frames only from the preview origins: exactly the preview
 * server's own and one per compare frame (PreviewServerHandle.frameOrigins),
 * never a wildcard. The app's protocol handler and the test harness send the
 * same header, so the tests run under the policy users get.
 */
export function rendererCsp(previewOrigins: readonly string[], options: { connectSelf?: boolean } = {}): string {
  for (const origin of previewOrigins) {
    // An origin that is not exactly scheme://host:port would widen (or break) the whole policy.
    if (!/^http:\/\/[a-z0-9.-]+:\d{1,5}$/.test(origin)) throw new TypeError(`not a preview origin: ${JSON.stringify(origin)}`)
  }
  const frames = previewOrigins.length ? previewOrigins.join(' ') : "'none'"
  const csp = RENDERER_CSP.replace("frame-src 'none'", `frame-src ${frames}`)
  // Browser mode's bridge is fetch + EventSource to the page's own origin; the
  // desktop app's is IPC, so it keeps connect-src 'none'.
  return options.connectSelf ? csp.replace("connect-src 'none'", "connect-src 'self'") : csp
}

export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')
