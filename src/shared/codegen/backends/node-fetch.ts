/** Node 18+ with its built-in fetch and node:http: no dependencies. */
import { CODE_CONTRACT as C, bodyJson, type CodeRequest } from '../model'
import { jsString } from '../escape'
import { comment, usageLines } from './header'

export function nodeServer(request: CodeRequest, client: 'fetch' | 'axios'): string {
  const importClient = client === 'axios' ? "import axios from 'axios'\n" : ''
  const askQrvey =
    client === 'axios'
      ? `  const response = await axios.post(\`\${DOMAIN}${C.tokenPath}\`, BODY, {
    headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
    timeout: 15_000,
    // Let every status through: errors are reported below, without the key.
    validateStatus: () => true
  })
  if (response.status < 200 || response.status >= 300 || typeof response.data?.token !== 'string') {
    throw new Error(\`Qrvey answered \${response.status}: \${JSON.stringify(response.data).slice(0, 500)}\`)
  }
  return response.data.token`
      : `  const response = await fetch(\`\${DOMAIN}${C.tokenPath}\`, {
    method: 'POST',
    headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
    body: JSON.stringify(BODY),
    signal: AbortSignal.timeout(15_000)
  })
  const text = await response.text()
  if (!response.ok) throw new Error(\`Qrvey answered \${response.status}: \${text.slice(0, 500)}\`)
  const token = JSON.parse(text).token
  if (typeof token !== 'string') throw new Error('Qrvey answered without a token')
  return token`
  const run = client === 'axios' ? 'npm install axios && node server.mjs' : 'node server.mjs'
  return `${comment(usageLines(request, run), '// ')}
${importClient}import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'

const API_KEY = process.env.${C.apiKeyEnv}
if (!API_KEY) {
  console.error('Set ${C.apiKeyEnv} to your Qrvey API key (it is never written into this file).')
  process.exit(1)
}
const DOMAIN = (process.env.${C.domainEnv} || ${jsString(request.domain)}).replace(/\\/+$/, '')
const PORT = Number(process.env.${C.portEnv} ?? ${C.defaultPort})

// The token body, exactly as the workbench sent it.
const BODY = ${bodyJson(request).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}

async function requestToken() {
${askQrvey}
}

function send(res, status, type, text) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  res.end(text)
}

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://host').pathname
  if (req.method === 'GET' && path === ${jsString(C.endpoint)}) {
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
  console.log(${jsString(C.listeningPrefix)} + \`http://127.0.0.1:\${server.address().port}\`)
})
`
}
