import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { safeSegments } from '../../../../src/sandbox/server/routes/widget-files-route'
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'
import { widgetsDirCandidates, widgetsLocator } from '../../../../src/sandbox/server/widgets-dir'
import { makeTempDir } from '../../../support/temp-dir'
import { qrveyError } from './sandbox-client'

const temp = makeTempDir('qwb-widgets-')
const widgets = join(temp.dir, 'sandbox-widgets')
const SECRET = 'TOP-SECRET-OUTSIDE-THE-WIDGETS-FOLDER'
let sandbox: SandboxHandle
let missing: SandboxHandle

function put(path: string, content: string): void {
  const file = join(widgets, path)
  mkdirSync(resolve(file, '..'), { recursive: true })
  writeFileSync(file, content)
}

beforeAll(async () => {
  put('widgets-launcher/app.js', 'window.launcher = true')
  put('qrvey-an-widgets/an-dashboard/andashboard/andashboard.esm.js', 'export const x = 1')
  put('qrvey-an-widgets/an-dashboard/andashboard/andashboard.js', 'var x = 1')
  put('qrvey-dashboard/qrvey-dashboard/qrvey-dashboard.esm.js', 'export default 1')
  put('qrvey-dashboard/qrvey-dashboard/p-chunk.mjs', 'export const chunk = 1')
  put('qrvey-dashboard/qrvey-dashboard/style.css', 'body{}')
  put('other/not-served.js', 'nope')
  writeFileSync(join(temp.dir, 'secret.txt'), SECRET)
  symlinkSync(join(temp.dir, 'secret.txt'), join(widgets, 'widgets-launcher', 'link.js'))
  sandbox = await startSandbox({ apiKey: 'k', widgetsDir: widgets })
  missing = await startSandbox({ apiKey: 'k', widgetsDir: join(temp.dir, 'not-built') })
})

afterAll(async () => {
  await sandbox?.close()
  await missing?.close()
  temp.cleanup()
})

/** A raw request: fetch would normalise "/../" away before sending. */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const request = httpRequest(`${url}${path}`, { method: 'GET', path, timeout: 10_000 }, (response) => {
      let body = ''
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolvePromise({ status: response.statusCode ?? 0, body }))
    })
    request.on('error', reject)
    request.end()
  })
}

describe('widget files', () => {
  // Was `no-store` (fetched in full for every preview). Now revalidated every time (issue 15): `no-cache`
  // plus a strong ETag, so an unchanged launcher costs a 304 and a rebuilt one is never served stale.
  it('serves the launcher as JavaScript, revalidated on every load, to any origin', async () => {
    const response = await fetch(`${sandbox.url}/widgets-launcher/app.js`, { headers: { origin: 'https://customer.example.com' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('no-cache')
    expect(response.headers.get('etag')).toMatch(/^"[\w-]{20,}"$/)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect(await response.text()).toBe('window.launcher = true')
  })

  it('answers 304 without a body while the file is unchanged, and the new file at once when it changes', async () => {
    const url = `${sandbox.url}/widgets-launcher/app.js`
    const first = await fetch(url)
    const etag = first.headers.get('etag') as string
    expect(await first.text()).toBe('window.launcher = true')

    const again = await fetch(url, { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('etag')).toBe(etag)
    expect((await fetch(url, { headers: { 'if-none-match': `W/${etag}, "other"` } })).status).toBe(304)
    expect((await fetch(url, { headers: { 'if-none-match': '"something-else"' } })).status).toBe(200)

    // A rebuild (same size, so only the bytes tell): the old tag no longer matches, the new bytes come.
    put('widgets-launcher/app.js', 'window.launcher = 2222')
    try {
      const rebuilt = await fetch(url, { headers: { 'if-none-match': etag } })
      expect(rebuilt.status).toBe(200)
      expect(await rebuilt.text()).toBe('window.launcher = 2222')
      expect(rebuilt.headers.get('etag')).not.toBe(etag)
    } finally {
      put('widgets-launcher/app.js', 'window.launcher = true')
    }
    // And back: the original bytes have the original tag.
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304)
  })

  it.each([
    ['/qrvey-an-widgets/an-dashboard/andashboard/andashboard.esm.js', 'text/javascript; charset=utf-8', 'export const x = 1'],
    ['/qrvey-an-widgets/an-dashboard/andashboard/andashboard.js', 'text/javascript; charset=utf-8', 'var x = 1'],
    ['/qrvey-dashboard/qrvey-dashboard/qrvey-dashboard.esm.js', 'text/javascript; charset=utf-8', 'export default 1'],
    ['/qrvey-dashboard/qrvey-dashboard/p-chunk.mjs?v=2', 'text/javascript; charset=utf-8', 'export const chunk = 1'],
    ['/qrvey-dashboard/qrvey-dashboard/style.css', 'text/css; charset=utf-8', 'body{}']
  ])('serves %s', async (path, type, content) => {
    const response = await fetch(`${sandbox.url}${path}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(type)
    expect(await response.text()).toBe(content)
  })

  it('serves only the widget folders', async () => {
    expect((await fetch(`${sandbox.url}/other/not-served.js`)).status).toBe(404)
  })

  it('answers 404 for a missing file or a folder', async () => {
    const response = await fetch(`${sandbox.url}/widgets-launcher/nope.js`)
    expect(response.status).toBe(404)
    expect(await qrveyError(response)).toEqual(['No widget file /widgets-launcher/nope.js'])
    expect((await fetch(`${sandbox.url}/qrvey-dashboard/qrvey-dashboard/`)).status).toBe(404)
  })

  it.each([
    '/widgets-launcher/../../secret.txt',
    '/widgets-launcher/..%2f..%2fsecret.txt',
    '/widgets-launcher/%2e%2e/%2e%2e/secret.txt',
    '/widgets-launcher/..%5c..%5csecret.txt',
    '/widgets-launcher/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/widgets-launcher/app.js%00.txt',
    '/widgets-launcher/%E0%A4%A',
    '/widgets-launcher/link.js'
  ])('refuses to leave the folder: %s', async (path) => {
    const response = await rawGet(sandbox.url, path)
    expect([400, 404]).toContain(response.status)
    expect(response.body).not.toContain(SECRET)
  })

  it('says how to build the widgets when the folder is missing', async () => {
    const response = await fetch(`${missing.url}/widgets-launcher/app.js`)
    expect(response.status).toBe(404)
    const [message] = await qrveyError(response)
    expect(message).toContain('run npm run build:widgets')
    expect(message).toContain(join(temp.dir, 'not-built'))
  })
})

describe('safeSegments', () => {
  it('decodes each segment and refuses escapes', () => {
    expect(safeSegments('/widgets-launcher/a%20b.js')).toEqual(['widgets-launcher', 'a b.js'])
    expect(safeSegments('/qrvey-dashboard//x.js')).toEqual(['qrvey-dashboard', 'x.js'])
    for (const bad of ['/a/../b', '/a/%2e%2e/b', '/a/b%2fc', '/a/b%5cc', '/a/b%00', '/a/%zz', '/a/./b']) expect(safeSegments(bad), bad).toBeUndefined()
  })
})

describe('default widgets folder', () => {
  const project = makeTempDir('qwb-project-')
  afterAll(() => project.cleanup())

  it('looks beside the bundle (out/main -> out/sandbox-widgets) and under the project root', () => {
    writeFileSync(join(project.dir, 'package.json'), '{}')
    const built = join(project.dir, 'out', 'sandbox-widgets')
    // Bundled into out/main/index.js: both rules give the same folder.
    expect(widgetsDirCandidates(join(project.dir, 'out', 'main'))).toEqual([built])
    // Run from source: beside the module first (absent), then the project root's out/.
    expect(widgetsDirCandidates(join(project.dir, 'src', 'sandbox', 'server'))).toEqual([join(project.dir, 'src', 'sandbox', 'sandbox-widgets'), built])
  })

  it('finds the folder once it is built, without a restart', () => {
    const locate = widgetsLocator(undefined, join(project.dir, 'src', 'sandbox', 'server'))
    expect(locate().dir).toBeUndefined()
    mkdirSync(join(project.dir, 'out', 'sandbox-widgets'), { recursive: true })
    expect(locate().dir).toBe(join(project.dir, 'out', 'sandbox-widgets'))
  })

  it('uses a configured folder as given', () => {
    expect(widgetsLocator(widgets)()).toEqual({ dir: widgets, searched: [widgets] })
  })
})
