/**
 * The Electron-side decisions of issue 7, point 7, as plain functions
 * (src/main/index.ts only wires them): the clipboard is the workbench's
 * alone, and the preview frame stays on the preview origin.
 */
import { describe, expect, it } from 'vitest'
import { isFrameNavigationAllowed, isPermissionAllowed } from '../../../../src/main/security/window-policy'
import { compareOrigins } from '../../../../src/shared/preview-origins'

const WORKBENCH = 'app://workbench'
const PREVIEW = 'http://127.0.0.1:5123'
/** What index.ts passes: the preview server's frameOrigins (its own origin, then one per compare frame). */
const PREVIEWS = [PREVIEW, ...compareOrigins(5123)]
const current = `${WORKBENCH}/index.html`

describe('clipboard permission', () => {
  it('is granted to the workbench page only, never to a preview frame or any other origin', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', `${WORKBENCH}/index.html`, WORKBENCH)).toBe(true)
    expect(isPermissionAllowed('clipboard-sanitized-write', WORKBENCH, WORKBENCH)).toBe(true)
    for (const url of [`${PREVIEW}/preview/abc`, 'https://acme.qrveyapp.com/', `blob:${PREVIEW}/uuid`, 'about:blank', 'not a url', '', 'app://workbench.evil/']) {
      expect(isPermissionAllowed('clipboard-sanitized-write', url, WORKBENCH), url).toBe(false)
    }
    // The harness's workbench is a loopback origin: the rule follows whatever origin the workbench has.
    expect(isPermissionAllowed('clipboard-sanitized-write', 'http://127.0.0.1:4000/', 'http://127.0.0.1:4000')).toBe(true)
    expect(isPermissionAllowed('clipboard-read', `${WORKBENCH}/index.html`, WORKBENCH)).toBe(false)
  })
})

describe('frame navigation', () => {
  const frame = (url: string) => ({ url, isMainFrame: false })

  it('lets the preview frames load previews and the blob:/about: documents of the preview origins (the compare frames\' too)', () => {
    const compare = 'http://compare-1.localhost:5123'
    const last = 'http://compare-6.localhost:5123'
    for (const url of [`${PREVIEW}/preview/0b1c`, `${PREVIEW}/preview/other`, `blob:${PREVIEW}/5f7e-uuid`, `${compare}/preview/a`, `blob:${compare}/uuid`, `${last}/preview/b`, 'about:blank', 'about:srcdoc']) {
      expect(isFrameNavigationAllowed(frame(url), current, PREVIEWS), url).toBe(true)
    }
  })

  it('keeps it from anywhere else: the Qrvey domain, other loopback ports, data:, javascript:, the workbench itself', () => {
    for (const url of [
      'https://acme.qrveyapp.com/login',
      'http://127.0.0.1:5124/preview/x',
      'http://localhost:5123/preview/x',
      // Only the six compare frames' names, on the preview server's port.
      'http://compare-7.localhost:5123/preview/x',
      'http://compare-0.localhost:5123/preview/x',
      'http://qrvey.localhost:5123/preview/x',
      'http://compare-1.localhost:5124/preview/x',
      'data:text/html,<h1>Sign in</h1>',
      'javascript:alert(1)',
      `${WORKBENCH}/index.html`,
      'blob:https://evil.example/uuid',
      'file:///etc/passwd',
      'nonsense'
    ]) {
      expect(isFrameNavigationAllowed(frame(url), current, PREVIEWS), url).toBe(false)
    }
    // Before the preview server is up there is nowhere a frame may go.
    expect(isFrameNavigationAllowed(frame(`${PREVIEW}/preview/x`), current, undefined)).toBe(false)
    expect(isFrameNavigationAllowed(frame(`${PREVIEW}/preview/x`), current, [])).toBe(false)
  })

  it('leaves the top frame to the one-page rule (only reloading the same page)', () => {
    expect(isFrameNavigationAllowed({ url: current, isMainFrame: true }, current, PREVIEWS)).toBe(true)
    expect(isFrameNavigationAllowed({ url: `${PREVIEW}/preview/x`, isMainFrame: true }, current, PREVIEWS)).toBe(false)
  })
})
