/**
 * A minimal host app for Qrvey widgets: a backend that holds the API key and
 * hands the page short-lived tokens, and a page that embeds Dashboard View.
 * No dependencies: `node examples/host-app/server.mjs`.
 *
 *   QRVEY_DOMAIN   the Qrvey instance (default: the sandbox, http://127.0.0.1:4300)
 *   QRVEY_API_KEY  its API key (default: demo-key); it never leaves this process
 *   PORT           where this host listens (default 4400; 0 = a free port)
 *   QRVEY_USER_ID, QRVEY_APP_ID, QRVEY_CLIENT_ID  who the token is for
 *   QRVEY_REGION   optional: limit the data to one region (record-level security)
 */
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'

const DOMAIN = (process.env.QRVEY_DOMAIN || 'http://127.0.0.1:4300').replace(/\/+$/, '')
const API_KEY = process.env.QRVEY_API_KEY || 'demo-key'
const PORT = Number(process.env.PORT ?? 4400)
const USER_ID = process.env.QRVEY_USER_ID || 'demo-user'
const APP_ID = process.env.QRVEY_APP_ID || '59VShVtjM'
// In a real host this is the signed-in end user; here one fixed visitor.
const CLIENT_ID = process.env.QRVEY_CLIENT_ID || 'visitor@example.com'
const REGION = process.env.QRVEY_REGION || ''
// The security columns of the dataset to grant. Qrvey: "Any missing security column inside the user's
// security token will restrict the user's access", so each one is named; the default is the sandbox's sales-orders.
const DATASET_ID = process.env.QRVEY_DATASET_ID || 'sales-orders'
const SECURITY_NAMES = (process.env.QRVEY_SECURITY_NAMES ?? 'order_date,region,country,category,customer_segment').split(',').map((name) => name.trim()).filter(Boolean)
const TOKEN_TIMEOUT_MS = 10_000

const TEMPLATE = await readFile(new URL('./index.html', import.meta.url), 'utf8')

/** Text safe inside an HTML attribute or element. */
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** JSON safe inside a <script> element: no "</script>" can close it early. */
function scriptJson(value) {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

function page() {
  // Replacer functions, so a "$" in a value is not read as a replacement pattern.
  return TEMPLATE.replace('{{LAUNCHER_URL}}', () => escapeHtml(`${DOMAIN}/widgets-launcher/app.js`)).replace(
    '{{HOST_CONFIG}}',
    // Only what the page may know: never the API key.
    () => scriptJson({ domain: DOMAIN, appId: APP_ID, userId: USER_ID })
  )
}

/**
 * The token body. Permissions are decided here, on the server, from who the
 * user is: a page that chose its own permissions could choose "everything".
 */
function tokenBody() {
  const body = { userid: USER_ID, appid: APP_ID, clientid: CLIENT_ID, expiresIn: '10m' }
  if (SECURITY_NAMES.length > 0) {
    body.version = '2'
    // "*" grants every value (with EQUAL, the default); the region, when set, narrows to one.
    const rules = SECURITY_NAMES.map((name) => ({ security_name: name, values: [name === 'region' && REGION ? REGION : '*'] }))
    body.permissions = [{ dataset_id: DATASET_ID, record_permissions: rules }]
  }
  return body
}

/** Asks Qrvey for a token. Resolves {status, body} for the page; never includes the key. */
async function generateToken() {
  let response
  try {
    response = await fetch(`${DOMAIN}/devapi/v4/core/login/token`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify(tokenBody()),
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS)
    })
  } catch (error) {
    const reason = error?.cause?.code ?? error?.name ?? 'network error'
    return { status: 502, body: { error: `Could not reach Qrvey at ${DOMAIN} (${reason}). Is the sandbox running?` } }
  }
  const text = await response.text()
  if (!response.ok) {
    let detail = text.slice(0, 500)
    try {
      detail = JSON.parse(text).errors?.map((entry) => entry.message).join('; ') || detail
    } catch {
      // not JSON: show the start of the text
    }
    return { status: 502, body: { error: `Qrvey answered ${response.status}: ${detail}` } }
  }
  try {
    const { token } = JSON.parse(text)
    if (typeof token === 'string' && token !== '') return { status: 200, body: { token } }
  } catch {
    // fall through
  }
  return { status: 502, body: { error: 'Qrvey answered 200 without a token' } }
}

function send(response, status, type, body) {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  response.end(body)
}

const server = createServer(async (request, response) => {
  const path = (request.url ?? '/').split('?')[0]
  if (request.method === 'GET' && (path === '/' || path === '/index.html')) {
    return send(response, 200, 'text/html; charset=utf-8', page())
  }
  if (path === '/api/token') {
    // POST, so no cache or prefetch ever replays a token.
    if (request.method !== 'POST') return send(response, 405, 'application/json', JSON.stringify({ error: 'Use POST' }))
    request.resume()
    const result = await generateToken()
    return send(response, result.status, 'application/json', JSON.stringify(result.body))
  }
  send(response, 404, 'text/plain; charset=utf-8', 'Not found')
})

server.listen(PORT, '127.0.0.1', () => {
  const { port } = server.address()
  // The first line is read by tests: keep its shape.
  console.log(`Host app listening on http://127.0.0.1:${port}`)
  console.log(`Qrvey domain: ${DOMAIN} (user ${USER_ID}, app ${APP_ID}${REGION ? `, region ${REGION}` : ''})`)
})

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)))
}
