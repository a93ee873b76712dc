// Qrvey token endpoint for Dashboard View: GET /qrvey-token answers {"token", "domain"} for the host page.
// The API key stays here: it is read from QRVEY_API_KEY and never sent to the browser.
// Run: QRVEY_API_KEY=<your key> node server.mjs
// Optional: QRVEY_DOMAIN (default http://127.0.0.1:4300), PORT (default 4400; 0 = a free port).
// GET / serves index.html from the same folder (the host page), if there is one.
// In your product, set userid/clientid/permissions from the signed-in user instead of the fixed body below.
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'

const API_KEY = process.env.QRVEY_API_KEY
if (!API_KEY) {
  console.error('Set QRVEY_API_KEY to your Qrvey API key (it is never written into this file).')
  process.exit(1)
}
const DOMAIN = (process.env.QRVEY_DOMAIN || "http://127.0.0.1:4300").replace(/\/+$/, '')
const PORT = Number(process.env.PORT ?? 4400)

// The token body, exactly as the workbench sent it.
const BODY = {
  "userid": "demo-user",
  "appid": "59VShVtjM",
  "clientid": "visitor@example.com",
  "expiresIn": "10m",
  "version": "2",
  "permissions": [
    {
      "dataset_id": "*",
      "record_permissions": [
        {
          "security_name": "region",
          "validation_type": "EQUAL",
          "values": [
            "Europe",
            "North America"
          ]
        }
      ]
    }
  ]
}

async function requestToken() {
  const response = await fetch(`${DOMAIN}/devapi/v4/core/login/token`, {
    method: 'POST',
    headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
    body: JSON.stringify(BODY),
    signal: AbortSignal.timeout(15_000)
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`Qrvey answered ${response.status}: ${text.slice(0, 500)}`)
  const token = JSON.parse(text).token
  if (typeof token !== 'string') throw new Error('Qrvey answered without a token')
  return token
}

function send(res, status, type, text) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  res.end(text)
}

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://host').pathname
  if (req.method === 'GET' && path === "/qrvey-token") {
    try {
      send(res, 200, 'application/json', JSON.stringify({ token: await requestToken(), domain: DOMAIN }))
    } catch (error) {
      send(res, 502, 'application/json', JSON.stringify({ error: String(error.message ?? error) }))
    }
  } else if (req.method === 'GET' && path === '/') {
    try {
      send(res, 200, 'text/html; charset=utf-8', await readFile(new URL('./index.html', import.meta.url)))
    } catch {
      send(res, 404, 'text/plain', 'No index.html beside this server.')
    }
  } else {
    send(res, 404, 'text/plain', 'Not found')
  }
})

server.listen(PORT, '127.0.0.1', () => {
  console.log("Qrvey token endpoint listening on " + `http://127.0.0.1:${server.address().port}`)
})
