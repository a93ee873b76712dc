/**
 * Issue 9, bad input: cross-origin and CSRF attempts on browser mode, from
 * real pages in the same Chromium profile that holds the workbench's session
 * cookie. A page on another loopback port is same-site with the workbench (so
 * a SameSite cookie travels with its requests) but not same-origin; the
 * preview frame is the same. Neither can create an environment, read one, or
 * listen to main's events: the server refuses them before a handler runs.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, fillTokenForm, test } from './fixtures'

const HOSTILE = { name: 'Exfiltration', domain: 'https://attacker.example', apiKey: 'stolen-key-0000' }

/** What an attacker's page tries, reported into its own DOM. */
function attackerPage(target: string): string {
  return `<!doctype html><meta charset="utf-8"><title>attacker</title><pre id="out"></pre>
<iframe name="sink" style="display:none"></iframe>
<form id="f" method="POST" action="${target}/ipc/environments%3Acreate" enctype="text/plain" target="sink">
  <input name='{"payload":${JSON.stringify(HOSTILE).replace(/"/g, '&quot;')},"x":"' value='"}'>
</form>
<script>
const target = ${JSON.stringify(target)};
const body = JSON.stringify({ payload: ${JSON.stringify(HOSTILE)} });
const results = {};
async function attempt(name, run) {
  try { results[name] = await run(); } catch (e) { results[name] = 'threw: ' + e.message; }
}
(async () => {
  await attempt('cors-json', async () => {
    const r = await fetch(target + '/ipc/environments%3Acreate', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json', 'x-workbench-bridge': '1' }, body });
    return 'read ' + r.status + ' ' + (await r.text());
  });
  await attempt('no-cors-simple', async () => {
    const r = await fetch(target + '/ipc/environments%3Acreate', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body });
    return 'opaque ' + r.type;
  });
  await attempt('read-list', async () => {
    const r = await fetch(target + '/ipc/environments%3Alist', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json', 'x-workbench-bridge': '1' }, body: '{}' });
    return 'read ' + (await r.text());
  });
  await attempt('read-page', async () => 'read ' + (await (await fetch(target + '/', { credentials: 'include' })).text()));
  await attempt('events', () => new Promise((resolve) => {
    const source = new EventSource(target + '/events', { withCredentials: true });
    source.onmessage = (m) => resolve('event ' + m.data);
    source.onerror = () => { source.close(); resolve('refused'); };
  }));
  document.getElementById('f').submit();
  await new Promise((r) => setTimeout(r, 500));
  document.getElementById('out').textContent = JSON.stringify(results);
  document.title = 'done';
})();
</script>`
}

test('a page on another loopback port cannot call, read or listen to the workbench, though its cookie travels', async ({ page, context, harness }) => {
  const target = harness.origin
  const requestsSeen: Array<Promise<{ url: string; cookie: boolean; origin?: string }>> = []
  const answers: Array<{ url: string; status: number }> = []
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(attackerPage(target))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const attackerOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  try {
    await expect(page.getByTestId('environment-item').first()).toContainText('Offline sandbox')
    const before = JSON.stringify(harness.app.environments.state())
    const callsBefore = harness.ipc.length

    const attacker = await context.newPage()
    attacker.on('request', (request) => {
      if (request.url().startsWith(target)) {
        requestsSeen.push(request.allHeaders().then((headers) => ({ url: request.url(), cookie: /qwb_session_/.test(headers.cookie ?? ''), origin: headers.origin })))
      }
    })
    attacker.on('response', (response) => {
      if (response.url().startsWith(target)) answers.push({ url: response.url(), status: response.status() })
    })
    await attacker.goto(`${attackerOrigin}/`)
    await expect(attacker).toHaveTitle('done', { timeout: 15_000 })
    const results = JSON.parse((await attacker.locator('#out').textContent()) ?? '{}') as Record<string, string>

    // The cross-origin reads fail (no CORS is ever granted); nothing the workbench holds reaches the page.
    expect(results['cors-json']).toMatch(/^threw/)
    expect(results['read-list']).toMatch(/^threw/)
    expect(results['read-page']).toMatch(/^threw/)
    expect(results.events).toBe('refused')
    expect(JSON.stringify(results)).not.toContain('Offline sandbox')
    // The simple request and the form post were sent, session cookie and all
    // (same-site), and the server refused each (403 from its Origin).
    expect(results['no-cors-simple']).toMatch(/^(opaque|threw)/)
    const seen = await Promise.all(requestsSeen)
    const creates = seen.filter((r) => r.url.endsWith('/ipc/environments%3Acreate'))
    expect(creates.length).toBeGreaterThanOrEqual(2)
    expect(creates.some((r) => r.cookie && r.origin === attackerOrigin)).toBe(true)
    const createAnswers = answers.filter((a) => a.url.endsWith('/ipc/environments%3Acreate'))
    expect(createAnswers.length).toBeGreaterThanOrEqual(1)
    for (const answer of createAnswers) expect(answer.status).toBe(403)

    // Nothing ran: no handler was called, nothing changed.
    expect(harness.ipc.length).toBe(callsBefore)
    expect(JSON.stringify(harness.app.environments.state())).toBe(before)
    expect(harness.app.environments.state().environments.some((e) => e.name === HOSTILE.name)).toBe(false)
    await attacker.close()
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
})

test('the preview frame cannot call the workbench\'s bridge', async ({ page, harness }) => {
  await fillTokenForm(page, { userid: 'izfZIkc', appid: '59VShVtjM' })
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('result-status')).toHaveText('200')
  await page.getByTestId('preview-button').click()
  const iframe = page.getByTestId('preview-frame')
  await expect(iframe).toBeVisible()
  const src = (await iframe.getAttribute('src')) ?? ''
  let frame = page.frames().find((f) => f.url() === src)
  await expect.poll(() => (frame = page.frames().find((f) => f.url() === src))).toBeTruthy()
  const before = JSON.stringify(harness.app.environments.state())
  const creates = () => harness.ipc.filter((x) => x.channel === 'environments:create').length
  const consoleBefore = harness.console.length

  const attempts = await frame!.evaluate(async ({ target, hostile }) => {
    const out: Record<string, string> = {}
    const body = JSON.stringify({ payload: hostile })
    for (const [name, init] of [
      ['cors', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json', 'x-workbench-bridge': '1' }, body }],
      ['no-cors', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body }]
    ] as const) {
      try {
        const r = await fetch(`${target}/ipc/environments%3Acreate`, init as RequestInit)
        out[name] = `${r.type} ${r.status}`
      } catch (e) {
        out[name] = `threw: ${(e as Error).message}`
      }
    }
    out.workbench = typeof (window as unknown as { workbench?: unknown }).workbench
    out.parent = (() => {
      try {
        return typeof (window.parent as unknown as { workbench?: unknown }).workbench
      } catch (e) {
        return `threw: ${(e as Error).name}`
      }
    })()
    return out
  }, { target: harness.origin, hostile: HOSTILE })

  // The preview page's own CSP stops both before they leave (and the server would refuse its Origin: see the unit tests).
  expect(attempts.cors).toMatch(/^threw/)
  expect(attempts['no-cors']).toMatch(/^threw/)
  expect(attempts.workbench).toBe('undefined')
  expect(attempts.parent).toMatch(/^threw: SecurityError/)
  expect(creates()).toBe(0)
  expect(JSON.stringify(harness.app.environments.state())).toBe(before)
  // Those refusals are the preview frame's CSP at work, expected here; the
  // fixture's check for CSP violations of the workbench page still runs on the rest.
  const attackLines = harness.console.slice(consoleBefore).filter((line) => line.includes('/ipc/environments%3Acreate'))
  expect(attackLines.length).toBeGreaterThan(0)
  for (const line of attackLines) harness.console.splice(harness.console.indexOf(line), 1)
})
