/**
 * Issue 12, "isolated previews": each compared persona's page runs on an
 * origin of its own (http://compare-N.localhost:PORT) on the preview server,
 * over real sockets. The server answers exactly those names (and its
 * loopback ones), serves each page on its own origin only (persona A's
 * origin never hands out persona B's page, even by its id), only as a
 * document (a script's fetch gets nothing), clears the origin's storage and
 * cookies when another persona's page first loads in a frame, and retires a
 * frame's previous page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPreviewServer, type PreviewServerHandle } from '../../../../src/main/preview/preview-server'
import { COMPARE_ORIGIN_COUNT, compareHostName } from '../../../../src/shared/preview-origins'
import { FRAME_NAVIGATION, getWithHost, hostOf, SCRIPT_FETCH } from '../../../support/host-request'

let server: PreviewServerHandle
let port: number
const page = (who: string) => ({ html: `<!doctype html><script>var token = "token-of-${who}"</script>`, csp: "default-src 'none'" })

beforeAll(async () => {
  server = await startPreviewServer({ frameAncestors: 'app://workbench' })
  port = Number(new URL(server.origin).port)
})
afterAll(() => server.close())

describe('the preview origins', () => {
  it('are the single preview\'s origin plus one distinct origin per compare frame, on the same server', () => {
    expect(server.origin).toBe(`http://127.0.0.1:${port}`)
    expect(server.compareOrigins).toEqual(Array.from({ length: COMPARE_ORIGIN_COUNT }, (_, i) => `http://compare-${i + 1}.localhost:${port}`))
    expect(server.frameOrigins).toEqual([server.origin, ...server.compareOrigins])
    expect(new Set(server.frameOrigins.map((o) => new URL(o).host)).size).toBe(COMPARE_ORIGIN_COUNT + 1)
    expect(() => compareHostName(COMPARE_ORIGIN_COUNT)).toThrow(RangeError)
    expect(() => compareHostName(-1)).toThrow(RangeError)
  })

  it('answers each compare frame\'s name on its port, and refuses every other NAME.localhost (421)', async () => {
    for (const name of [...server.compareOrigins.map(hostOf), `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await getWithHost(`${server.origin}/preview/unknown`, name)).status, name).toBe(404)
    }
    for (const name of [`compare-7.localhost:${port}`, `compare-0.localhost:${port}`, `qrvey.localhost:${port}`, `evil.compare-1.localhost:${port}`, `compare-1.localhost:${port + 1}`, `compare-1.localhost.evil.example:${port}`]) {
      const answer = await getWithHost(`${server.origin}/preview/unknown`, name)
      expect(answer.status, name).toBe(421)
      expect(answer.body).toContain('DNS rebinding')
      expect(answer.body).not.toContain('NAME.localhost')
    }
  })
})

describe('a compare page', () => {
  it('is published on its frame\'s own origin and served there only: never on a sibling\'s origin or the single preview\'s', async () => {
    const a = server.publish(page('A'), { compareSlot: 0 })
    const b = server.publish(page('B'), { compareSlot: 1 })
    const single = server.publish(page('single'))
    expect(a.startsWith(`${server.compareOrigins[0]}/preview/`)).toBe(true)
    expect(b.startsWith(`${server.compareOrigins[1]}/preview/`)).toBe(true)
    expect(single.startsWith(`${server.origin}/preview/`)).toBe(true)

    const own = await getWithHost(b, hostOf(b), FRAME_NAVIGATION)
    expect(own.status).toBe(200)
    expect(own.body).toContain('token-of-B')
    // Persona A's origin asking for B's page by its id (a frame or pop-up of A's origin navigated to it): nothing.
    const bPath = new URL(b).pathname
    for (const host of [hostOf(a), `127.0.0.1:${port}`, `localhost:${port}`, ...server.compareOrigins.slice(2).map(hostOf)]) {
      const answer = await getWithHost(`${server.origin}${bPath}`, host, FRAME_NAVIGATION)
      expect(answer.status, host).toBe(404)
      expect(answer.body).not.toContain('token-of-B')
      expect(answer.body).toMatch(/expired/)
    }
    // The single preview's page is not served on a compare origin either.
    const onCompare = await getWithHost(`${server.origin}${new URL(single).pathname}`, hostOf(a), FRAME_NAVIGATION)
    expect(onCompare.status).toBe(404)
    expect((await getWithHost(single, hostOf(single), FRAME_NAVIGATION)).body).toContain('token-of-single')
  })

  it('is a document only: a page\'s fetch(), <script src> or <object> gets nothing, even from the page\'s own origin', async () => {
    const a = server.publish(page('A2'), { compareSlot: 2 })
    const scriptLike: Array<Record<string, string>> = [
      SCRIPT_FETCH,
      { ...SCRIPT_FETCH, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'same-origin' },
      { 'sec-fetch-dest': 'script', 'sec-fetch-mode': 'no-cors', 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-dest': 'object', 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-dest': 'iframe', 'sec-fetch-mode': 'no-cors', 'sec-fetch-site': 'same-origin' }
    ]
    for (const headers of scriptLike) {
      const answer = await getWithHost(a, hostOf(a), headers)
      expect(answer.status, JSON.stringify(headers)).toBe(403)
      expect(answer.body).not.toContain('token-of-A2')
      expect(answer.body).toContain('only as a page or a frame')
    }
    // A frame or a window navigating to it is what a preview is for.
    expect((await getWithHost(a, hostOf(a), FRAME_NAVIGATION)).status).toBe(200)
    expect((await getWithHost(a, hostOf(a), { 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'none' })).status).toBe(200)
  })

  it('clears its origin\'s storage and cookies the first time it loads when the frame\'s last page was for someone else, not on a reload', async () => {
    const clears = async (url: string) => {
      const first = await getWithHost(url, hostOf(url), FRAME_NAVIGATION)
      const reload = await getWithHost(url, hostOf(url), FRAME_NAVIGATION)
      expect(reload.status).toBe(200)
      expect(reload.headers['clear-site-data']).toBeUndefined()
      return first.headers['clear-site-data']
    }
    // The frame's first page in this run: whatever a previous run left in the browser goes.
    expect(await clears(server.publish(page('A3'), { compareSlot: 3, compareUser: 'user-a' }))).toBe('"storage", "cookies"')
    // The same user again (Compare pressed again): its storage stays, as it would over a reload.
    expect(await clears(server.publish(page('A3 again'), { compareSlot: 3, compareUser: 'user-a' }))).toBeUndefined()
    // Another user in this frame: cleared first, and again when the first user comes back.
    expect(await clears(server.publish(page('B3'), { compareSlot: 3, compareUser: 'user-b' }))).toBe('"storage", "cookies"')
    expect(await clears(server.publish(page('A3 back'), { compareSlot: 3, compareUser: 'user-a' }))).toBe('"storage", "cookies"')
    // Nobody named: always cleared.
    expect(await clears(server.publish(page('anonymous'), { compareSlot: 3 }))).toBe('"storage", "cookies"')
    expect(await clears(server.publish(page('anonymous'), { compareSlot: 3 }))).toBe('"storage", "cookies"')
    // Another frame's user does not count for this one.
    expect(await clears(server.publish(page('A in frame 2'), { compareSlot: 2, compareUser: 'user-a' }))).toBe('"storage", "cookies"')
    // The single preview keeps its storage between previews, as before.
    expect(await clears(server.publish(page('single2')))).toBeUndefined()
  })

  it('retires the frame\'s previous page: the last persona\'s page (and token) is no longer served', async () => {
    const before = server.publish(page('before'), { compareSlot: 4 })
    const other = server.publish(page('other frame'), { compareSlot: 5 })
    const after = server.publish(page('after'), { compareSlot: 4 })
    expect(hostOf(after)).toBe(hostOf(before))
    expect((await getWithHost(before, hostOf(before), FRAME_NAVIGATION)).status).toBe(404)
    expect((await getWithHost(after, hostOf(after), FRAME_NAVIGATION)).body).toContain('token-of-after')
    expect((await getWithHost(other, hostOf(other), FRAME_NAVIGATION)).body).toContain('token-of-other frame')
  })

  it('refuses a frame that does not exist', () => {
    expect(() => server.publish(page('x'), { compareSlot: COMPARE_ORIGIN_COUNT })).toThrow(RangeError)
  })
})
