/**
 * The workbench page's CSP frames exactly the preview origins (issue 12:
 * the single preview's and one per compare frame), never a wildcard, so a
 * page of any other origin (another NAME.localhost, another port) cannot be
 * framed inside the workbench.
 */
import { describe, expect, it } from 'vitest'
import { rendererCsp, RENDERER_CSP } from '../../../../src/main/security/csp'
import { compareOrigins } from '../../../../src/shared/preview-origins'

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `))

describe('rendererCsp', () => {
  const previews = ['http://127.0.0.1:5123', ...compareOrigins(5123)]

  it('lists exactly the preview origins in frame-src, and changes nothing else', () => {
    const csp = rendererCsp(previews)
    expect(directive(csp, 'frame-src')).toBe(
      'frame-src http://127.0.0.1:5123 http://compare-1.localhost:5123 http://compare-2.localhost:5123 http://compare-3.localhost:5123 http://compare-4.localhost:5123 http://compare-5.localhost:5123 http://compare-6.localhost:5123'
    )
    expect(csp).not.toContain('*')
    expect(csp.replace(directive(csp, 'frame-src')!, "frame-src 'none'")).toBe(RENDERER_CSP)
    expect(directive(rendererCsp(previews, { connectSelf: true }), 'connect-src')).toBe("connect-src 'self'")
    expect(directive(rendererCsp([]), 'frame-src')).toBe("frame-src 'none'")
  })

  it('refuses anything that is not exactly an http origin (a wildcard, a path, a second directive)', () => {
    for (const bad of ['http://*.localhost:5123', '*', 'http://127.0.0.1:5123/preview', "http://a.localhost:1; script-src 'unsafe-inline'", 'https://127.0.0.1:5123', 'http://127.0.0.1', '']) {
      expect(() => rendererCsp([bad]), bad).toThrow(TypeError)
    }
  })
})
