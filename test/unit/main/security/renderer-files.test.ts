import { afterAll, describe, expect, it } from 'vitest'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cacheControlFor, serveRendererFile } from '../../../../src/main/security/renderer-files'
import { RENDERER_CSP } from '../../../../src/main/security/csp'
import { isNavigationAllowed, isPermissionAllowed, secureWebPreferences } from '../../../../src/main/security/window-policy'
import { makeTempDir } from '../../../support/temp-dir'

const temp = makeTempDir()
const root = join(temp.dir, 'renderer')
mkdirSync(join(root, 'assets'), { recursive: true })
writeFileSync(join(root, 'index.html'), '<!doctype html>')
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
writeFileSync(join(root, 'assets', 'first-screen-CPp9spe9.js'), 'console.log(2)')
writeFileSync(join(temp.dir, 'secret.txt'), 'outside')
afterAll(() => temp.cleanup())

describe('serveRendererFile', () => {
  it('serves index.html for / with the CSP and nosniff headers', () => {
    const res = serveRendererFile(root, 'app://workbench/')
    expect(res.status).toBe(200)
    expect(res.headers['Content-Type']).toMatch(/text\/html/)
    expect(res.headers['Content-Security-Policy']).toBe(RENDERER_CSP)
    expect(res.headers['X-Content-Type-Options']).toBe('nosniff')
  })

  it('serves assets with their content type', () => {
    const res = serveRendererFile(root, 'app://workbench/assets/app.js')
    expect(res.headers['Content-Type']).toMatch(/javascript/)
    expect(res.body.toString()).toBe('console.log(1)')
  })

  it('lets the browser keep only files named for their content (issue 15: V8 keeps their compiled code); index.html and the rest never', () => {
    expect(serveRendererFile(root, 'app://workbench/assets/first-screen-CPp9spe9.js').headers['Cache-Control']).toBe('private, max-age=31536000, immutable')
    expect(serveRendererFile(root, 'app://workbench/').headers['Cache-Control']).toBe('no-store')
    expect(serveRendererFile(root, 'app://workbench/index.html').headers['Cache-Control']).toBe('no-store')
    expect(serveRendererFile(root, 'app://workbench/assets/app.js').headers['Cache-Control']).toBe('no-store')
    expect(serveRendererFile(root, 'app://workbench/assets/gone-CPp9spe0.js').headers['Cache-Control'], 'a 404 is not kept').toBe('no-store')
    for (const path of ['assets/json-editor-view-KS8r4O7s.js', 'assets/first-screen-CkQoPvyJ.css', 'assets/font-Ab_9-xYz.woff2']) expect(cacheControlFor(path), path).toMatch(/immutable/)
    // Not a hashed build output: another folder, a dotted path, a name whose last part is not 8 characters, another kind of file.
    for (const path of ['index.html', 'first-screen-CPp9spe9.js', 'assets/../assets/first-screen-CPp9spe9.js', 'assets/sub/first-screen-CPp9spe9.js', 'assets/json-editor-view.js', 'assets/app-1234567.js', 'assets/data-CPp9spe9.json', 'assets/page-CPp9spe9.html']) {
      expect(cacheControlFor(path), path).toBe('no-store')
    }
  })

  it.each(['app://workbench/../secret.txt', 'app://workbench/%2e%2e/secret.txt', 'app://workbench/assets/..%2f..%2fsecret.txt', 'app://workbench/nope.js'])(
    'never serves anything outside the folder: %s',
    (url) => {
      const res = serveRendererFile(root, url)
      expect(res.status).toBe(404)
      expect(res.body.toString()).not.toContain('outside')
    }
  )
})

describe('window policy', () => {
  it('isolates the renderer', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false })
  })

  it('allows no navigation away from the page', () => {
    expect(isNavigationAllowed('https://evil.example/', 'app://workbench/index.html')).toBe(false)
    expect(isNavigationAllowed('app://workbench/index.html', 'app://workbench/index.html')).toBe(true)
  })

  it('grants no permission but clipboard writes, and loopback access to the workbench page only', () => {
    const workbench = 'app://workbench'
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) expect(isPermissionAllowed(p, `${workbench}/index.html`, workbench)).toBe(false)
    expect(isPermissionAllowed('clipboard-sanitized-write', `${workbench}/index.html`, workbench)).toBe(true)
    expect(isPermissionAllowed('loopback-network', `${workbench}/index.html`, workbench)).toBe(true)
    expect(isPermissionAllowed('local-network-access', 'http://127.0.0.1:5000/preview/x', workbench)).toBe(false)
    expect(isPermissionAllowed('loopback-network', 'https://evil.example/', workbench)).toBe(false)
  })

  it('keeps a strict CSP: no inline script, no eval, no remote hosts', () => {
    expect(RENDERER_CSP).toContain("default-src 'none'")
    expect(RENDERER_CSP).toContain("script-src 'self'")
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/)
  })
})
