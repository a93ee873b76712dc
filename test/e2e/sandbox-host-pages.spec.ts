/**
 * Host pages as a customer writes them, against the real sandbox in Chromium
 * (no workbench): the seed's own snippet verbatim (it names the config with
 * the DOM property `ancc.settings = 'config'`), a page listening for
 * qvTokenExpired on `window` (QRVEY.md §3: "a global event in the host
 * application"), and a framework sample's API-key config.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test as base, expect } from '@playwright/test'
import { SALES_DATASET_ID } from '../../src/sandbox/data'
import { startSandbox, type SandboxHandle } from '../../src/sandbox/server/server'

interface HostPages {
  sandbox: SandboxHandle
  /** Serves `html` on a host origin of its own and returns its URL. */
  host(html: string): Promise<string>
}

const test = base.extend<{ pages: HostPages }>({
  pages: async ({}, use) => {
    const sandbox = await startSandbox({ apiKey: 'host-pages-key' })
    const servers: Server[] = []
    await use({
      sandbox,
      host: async (html) => {
        const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html))
        servers.push(server)
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
        return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
      }
    })
    for (const server of servers) {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
    await sandbox.close()
  }
})

/**
 * axios is the one thing the seed loads from elsewhere; the page gets a
 * fetch-based stand-in with the same post() shape, so the seed's own code
 * below runs unchanged and nothing comes from a CDN.
 */
const AXIOS_STAND_IN = `window.axios = { post: function (url, body, cfg) {
  return fetch(url, { method: 'POST', headers: cfg.headers, body: JSON.stringify(body) })
    .then(function (r) { return r.json(); }).then(function (data) { return { data: data }; });
} };`

test('the seed\'s snippet, verbatim (property form: ancc.settings = \'config\'), renders the dashboard', async ({ page, pages }) => {
  const { sandbox } = pages
  // From seeds/000_*.txt ("Embedding Widgets Using a Security Token"), unchanged but for the values.
  const seed = `
var DOMAIN = '${sandbox.url}',
    API_KEY = '${sandbox.apiKey}',
    USER_ID = 'izfZIkc';
    APP_ID = '59VShVtjM';
    CLIENT_ID = 'sampleuser@sampledomain.com'; //this is for end user personalization 

var config = {
    'domain': DOMAIN,
    'qv_token': ''
};

function auth() {
    const getJWT = () => {
        const GENERATE_URL = \`\${DOMAIN}/devapi/v4/core/login/token\`;
        const GENERATE_BODY = {
          "userid": USER_ID,
          "appid": APP_ID,
          "clientid": CLIENT_ID //this is for end user personalization
        };
        const GENERATE_CONFIG = {
            headers: {
                "x-api-key": API_KEY,
                "Content-Type": 'application/json'
            }
        };
        return axios
            .post(GENERATE_URL, GENERATE_BODY, GENERATE_CONFIG)
            .then(response => response.data.token)
            .catch(error => console.log('generateToken ->', error));
    };
    this.init = () => {
        return getJWT()
            .then(res => {
                config.qv_token = res;
            });
    };
};

function setToken() {
  new auth().init().then(() => {
    setTimeout(_ => {
      document.querySelector('qrvey-end-user').remove();
      ancc = document.createElement('qrvey-end-user');
      ancc.settings = 'config';
      document.body.append(ancc);
    }, 500);
  });
}

setToken();
`
  const url = await pages.host(`<!doctype html><html><head><meta charset="utf-8">
<script>${AXIOS_STAND_IN}</script>
<script src="${sandbox.url}/widgets-launcher/app.js"></script>
</head><body><qrvey-end-user></qrvey-end-user>
<script>window.heard = []; document.addEventListener('qvDSHPageLoaded', function (e) { window.heard.push(e.detail); });</script>
<script>${seed}</script></body></html>`)
  await page.goto(url)
  const widget = page.locator('qrvey-end-user[data-qv-state="ready"]')
  await expect(widget).toHaveCount(1, { timeout: 20_000 })
  await expect(widget).not.toHaveAttribute('settings')
  await expect(widget.locator('[data-qv="dashboard-title"]')).toHaveText('Overview')
  await expect(widget.locator('[data-qv="error"]')).toHaveCount(0)
  // custom-events.md: qvDSHPageLoaded is `new CustomEvent('qvDSHPageLoaded')`, no detail.
  expect(await page.evaluate(() => (window as unknown as { heard: unknown[] }).heard)).toEqual([null])
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.screenshot({ path: '/work/shots/sandbox-widgets/seed-snippet-host-page.png' })
})

test('a host page listening on window hears qvTokenExpired, with detail {trigger}', async ({ page, pages }) => {
  const { sandbox } = pages
  const expired = await sandbox.issuer.issue({ userid: 'u-1', appid: '59VShVtjM' }, { clockSkewSeconds: -7200 })
  const url = await pages.host(`<!doctype html><html><head><meta charset="utf-8">
<script src="${sandbox.url}/widgets-launcher/app.js"></script></head><body>
<script>
  window.onWindow = []; window.onDocument = [];
  window.addEventListener('qvTokenExpired', function (e) { window.onWindow.push(e.detail); });
  document.addEventListener('qvTokenExpired', function (e) { window.onDocument.push(e.detail); });
  var config = { domain: '${sandbox.url}', qvToken: '${expired}', dashboardId: 'overview' };
  var el = document.createElement('qrvey-end-user');
  el.settings = 'config';
  document.body.append(el);
</script></body></html>`)
  await page.goto(url)
  await expect(page.locator('qrvey-end-user[data-qv-state="expired"]')).toHaveCount(1, { timeout: 20_000 })
  const heard = await page.evaluate(() => ({ onWindow: (window as unknown as { onWindow: unknown[] }).onWindow, onDocument: (window as unknown as { onDocument: unknown[] }).onDocument }))
  expect(heard).toEqual({ onWindow: [{ trigger: 'Dashboard View Widget' }], onDocument: [{ trigger: 'Dashboard View Widget' }] })
})

test('Qrvey\'s Angular sample config (lowercase apikey/appid, no userid) runs offline with a development-only warning', async ({ page, pages }) => {
  const { sandbox } = pages
  const warnings: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text())
  })
  const url = await pages.host(`<!doctype html><html><head><meta charset="utf-8">
<script src="${sandbox.url}/widgets-launcher/app.js"></script></head><body>
<qrvey-end-user settings="config"></qrvey-end-user>
<script>window.config = { domain: '${sandbox.url}', appid: '59VShVtjM', apikey: '${sandbox.apiKey}' };</script>
</body></html>`)
  await page.goto(url)
  const widget = page.locator('qrvey-end-user[data-qv-state="ready"]')
  await expect(widget).toHaveCount(1, { timeout: 20_000 })
  await expect(widget.locator('[data-qv="panel"]').first()).toBeVisible()
  expect(warnings.join('\n')).toMatch(/API-key mode.*for dev & testing only/)
  expect(SALES_DATASET_ID).toBe('sales-orders')
})
