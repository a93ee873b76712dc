/**
 * The keeper page (issue 15, KEEP_ALIVE_PATH): an empty document on the
 * single preview's origin that the workbench keeps in a hidden frame, so
 * that origin's renderer process outlives each preview where previews are
 * another site than the workbench page (the desktop app). It must be inert:
 * no script can run in it, it loads nothing, it is framed by the workbench
 * only, it is served on the single preview's origin only and only as a
 * document. And the single preview's host can be a name (localhost), which
 * is how the benchmark and the e2e test put browser mode's previews on
 * another site, with every page served on that host only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPreviewServer, type PreviewServerHandle } from '../../../../src/main/preview/preview-server'
import { KEEP_ALIVE_PATH } from '../../../../src/shared/preview-origins'
import { FRAME_NAVIGATION, getWithHost, hostOf, SCRIPT_FETCH } from '../../../support/host-request'

let byAddress: PreviewServerHandle
let byName: PreviewServerHandle

beforeAll(async () => {
  byAddress = await startPreviewServer({ frameAncestors: 'app://workbench' })
  byName = await startPreviewServer({ frameAncestors: 'http://127.0.0.1:4444', host: 'localhost' })
})
afterAll(() => Promise.all([byAddress.close(), byName.close()]))

describe('the keeper page', () => {
  it('is an empty document where no script can run and nothing loads, framed by the workbench only', async () => {
    const answer = await getWithHost(`${byAddress.origin}${KEEP_ALIVE_PATH}`, hostOf(byAddress.origin), FRAME_NAVIGATION)
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toMatch(/^text\/html/)
    expect(answer.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors app://workbench")
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    expect(answer.body).not.toMatch(/<script|<link|<img|<iframe|src=|href=/i)
  })

  it('is served as a document only, and on the single preview\'s origin only (not a compare frame\'s)', async () => {
    const url = `${byAddress.origin}${KEEP_ALIVE_PATH}`
    expect((await getWithHost(url, hostOf(byAddress.origin), SCRIPT_FETCH)).status).toBe(403)
    expect((await getWithHost(url, hostOf(byAddress.compareOrigins[0]), FRAME_NAVIGATION)).status).toBe(404)
  })
})

describe('a single preview host by name (localhost)', () => {
  it('is the single preview\'s origin, and its pages and keeper are served on that host only', async () => {
    const port = new URL(byName.origin).port
    expect(byName.origin).toBe(`http://localhost:${port}`)
    expect(byName.frameOrigins[0]).toBe(byName.origin)
    const url = byName.publish({ html: '<!doctype html><p>preview</p>', csp: "default-src 'none'" })
    expect(url.startsWith(`${byName.origin}/preview/`)).toBe(true)
    expect((await getWithHost(url, `localhost:${port}`, FRAME_NAVIGATION)).status).toBe(200)
    expect((await getWithHost(url, `127.0.0.1:${port}`, FRAME_NAVIGATION)).status).toBe(404)
    expect((await getWithHost(`${byName.origin}${KEEP_ALIVE_PATH}`, `localhost:${port}`, FRAME_NAVIGATION)).status).toBe(200)
    expect((await getWithHost(`${byName.origin}${KEEP_ALIVE_PATH}`, `127.0.0.1:${port}`, FRAME_NAVIGATION)).status).toBe(404)
  })
})
