/**
 * Real local servers that fail at each step of the doctor (issue 13), on
 * port 0: a Qrvey-like server (token route, launcher, data API) whose
 * token status and launcher can be broken, over http or https with
 * certificates made for the test by openssl (a CA, a self-signed leaf, an
 * expired leaf, a leaf for another host name).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startServer, type RunningServer } from './failure-servers'

export const FAKE_JWE = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIiwia2lkIjoidGVzdC1raWQifQ..aXY.Y2lwaGVy.dGFn'

export interface Pem {
  key: string
  cert: string
}

export interface TestCerts {
  /** The CA the tests trust (DoctorDeps.trustedCa). */
  ca: string
  /** Valid, trusted, for 127.0.0.1. */
  good: Pem
  selfSigned: Pem
  /** Signed by the trusted CA, expired in 2020. */
  expired: Pem
  /** Signed by the trusted CA, valid, for other.example only. */
  otherHost: Pem
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
}

/** Makes the certificates with openssl in `dir` (a temp folder). */
export function makeTestCerts(dir: string): TestCerts {
  mkdirSync(join(dir, 'db'), { recursive: true })
  writeFileSync(join(dir, 'db/index.txt'), '')
  writeFileSync(join(dir, 'db/serial'), '01\n')
  writeFileSync(
    join(dir, 'ca.cnf'),
    ['[ca]', 'default_ca = test', '[test]', 'database = db/index.txt', 'serial = db/serial', 'new_certs_dir = db', 'default_md = sha256', 'policy = any', 'unique_subject = no', 'x509_extensions = leaf', '[any]', 'commonName = supplied',
     '[leaf]', 'subjectAltName = $ENV::SAN', 'basicConstraints = CA:FALSE'].join('\n')
  )
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/CN=qwb doctor test CA'])
  const leaf = (name: string, san: string, dates: string[]): Pem => {
    openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`])
    execFileSync('openssl', ['ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-in', `${name}.csr`, '-out', `${name}.pem`, '-notext', ...dates], {
      cwd: dir,
      stdio: 'pipe',
      env: { ...process.env, SAN: san }
    })
    return { key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert: readFileSync(join(dir, `${name}.pem`), 'utf8') }
  }
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'self.key', '-out', 'self.pem', '-days', '30', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'])
  return {
    ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    good: leaf('good', 'IP:127.0.0.1', ['-days', '90']),
    selfSigned: { key: readFileSync(join(dir, 'self.key'), 'utf8'), cert: readFileSync(join(dir, 'self.pem'), 'utf8') },
    expired: leaf('expired', 'IP:127.0.0.1', ['-startdate', '20200101000000Z', '-enddate', '20200201000000Z']),
    otherHost: leaf('other', 'DNS:other.example', ['-days', '90'])
  }
}

export interface QrveyLikeOptions {
  /** The key the token route accepts; any other gets 401. */
  apiKey: string
  /** Answer the token route with this status whatever the key (e.g. 500). */
  tokenStatus?: number
  /** 'silent': a script that never says qvDSHItemsLoaded; 'expires': one that says qvTokenExpired; 'console-key': one that logs the key. */
  launcher?: 'ok' | 'missing' | 'no-cors' | 'html' | 'silent' | 'expires' | 'console-key'
  tls?: Pem
  /** Answer the token route 401 with the key it was sent, in every encoding, in the body and a header (a hostile or broken proxy). */
  echoKey?: (key: string) => string[]
  /** The data API refuses every token (401), as an instance refuses a token issued elsewhere. */
  dataApi?: 'ok' | 'reject'
  /**
   * The data API answers (401) only once this settles: the test watches the
   * steps arrive one by one, then lets the run finish. A gate, not a delay,
   * so a loaded machine cannot finish the run before the test looks.
   */
  dataApiGate?: Promise<void>
  /** The data API answers 401 with this text, made from the key the token route was sent (a server that echoes it). */
  dataApiEcho?: (key: string) => string
}

export type RunningQrveyLike = RunningServer

/** Just enough of a Qrvey domain for the doctor's steps up to the data API. */
export function startQrveyLike(options: QrveyLikeOptions): Promise<RunningQrveyLike> {
  let keySent = ''
  return startServer(
    (req, res) => {
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers })
        res.end(JSON.stringify(body))
      }
      const path = (req.url ?? '').split('?')[0]
      if (req.method === 'POST' && path === '/devapi/v4/core/login/token') {
        keySent = String(req.headers['x-api-key'] ?? '')
        if (options.echoKey) {
          const forms = options.echoKey(keySent)
          return json(401, { errors: [{ message: `Invalid API key ${forms.join(' ')}` }], forms }, { 'x-echo': encodeURIComponent(forms[0] ?? '') })
        }
        if (options.tokenStatus) return json(options.tokenStatus, { errors: [{ message: 'Rehearsed failure' }] })
        if (req.headers['x-api-key'] !== options.apiKey) return json(401, { errors: [{ message: 'Invalid API key' }] })
        return json(200, { token: FAKE_JWE })
      }
      if (path === '/widgets-launcher/app.js') {
        const launcher = options.launcher ?? 'ok'
        if (launcher === 'missing') return json(404, { errors: [{ message: 'Not found' }] })
        if (launcher === 'html') {
          res.writeHead(200, { 'content-type': 'text/html', 'access-control-allow-origin': '*' })
          return res.end('<html>Sign in</html>')
        }
        res.writeHead(200, { 'content-type': 'text/javascript', ...(launcher === 'no-cors' ? {} : { 'access-control-allow-origin': '*' }) })
        // console-key: a console error that holds the key whole, 15 characters of it before the 500 a line is cut to.
        if (launcher === 'console-key') return res.end(`console.error(${JSON.stringify(`${'x'.repeat(485)}${options.apiKey} end`)})`)
        return res.end(launcher === 'expires' ? "document.dispatchEvent(new CustomEvent('qvTokenExpired', { detail: { trigger: 'Dashboard View Widget' } }))" : '/* launcher */')
      }
      if (path.startsWith('/devapi/v4/user/')) {
        if (options.dataApiEcho) {
          res.writeHead(401, { 'content-type': 'text/plain' })
          return res.end(options.dataApiEcho(keySent))
        }
        if (options.dataApiGate) {
          return void options.dataApiGate.then(() => json(401, { errors: [{ message: 'Invalid token' }] }))
        }
        return options.dataApi !== 'reject' && req.headers.authorization === `Bearer ${FAKE_JWE}` ? json(200, { appid: 'a1' }, { 'access-control-allow-origin': '*' }) : json(401, { errors: [{ message: 'Invalid token' }] })
      }
      json(404, { errors: [{ message: 'No route' }] })
    },
    { tls: options.tls }
  )
}
