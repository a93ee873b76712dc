/**
 * The API key must exist only in main and, encrypted, on disk. A sentinel key
 * is planted through the UI and used the ways a user would (a failing server
 * that echoes it back, a rejecting server, an accepting one, Replace key,
 * copying results); then it is looked for everywhere the page and the app
 * leave traces.
 */
import { randomBytes } from 'node:crypto'
import { readAllFiles } from '../support/temp-dir'
import { echoHeaders, respond, startServer } from '../support/failure-servers'
import { addEnvironment, expect, fillTokenForm, test } from './fixtures'

const SENTINEL = `SENTINEL-${randomBytes(12).toString('hex')}`
const SENTINEL_2 = `SENTINEL-${randomBytes(12).toString('hex')}`
const FAKE_JWE = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIiwia2lkIjoiZmFrZSJ9..aXY.Y2lwaGVy.dGFn'

test('a planted API key never reaches the page, its storage, IPC replies, the console, the clipboard, the log or disk in plaintext', async ({ page, context, harness }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const requestsFromPage: string[] = []
  // The page hands a typed key to main through the bridge (browser mode: POSTs to
  // its own origin's /ipc/environments:create|set-key|update; the desktop app:
  // IPC). Those calls are the key's one way in and are left out here; every
  // other request the page makes is checked.
  const keyIntake = (url: string) => url.startsWith(`${harness.origin}/ipc/`) && /\/ipc\/environments%3A(create|set-key|update)$/.test(new URL(url).pathname)
  page.on('request', (request) => {
    if (!keyIntake(request.url())) requestsFromPage.push(`${request.method()} ${request.url()} ${request.postData() ?? ''}`)
  })

  const echo = await startServer(echoHeaders)
  const accepting = await startServer(respond(200, JSON.stringify({ token: FAKE_JWE })))
  try {
    // 1. A server that echoes the request headers (with the key) in a 500.
    await addEnvironment(page, { name: 'Echoing proxy', domain: echo.url, apiKey: SENTINEL })
    await expect(page.getByTestId('env-form-key')).toHaveCount(0)
    await fillTokenForm(page, { userid: 'u1', appid: '59VShVtjM', clientid: 'c1@example.com' })
    await page.getByTestId('generate-button').click()
    const alert = page.getByTestId('token-error')
    await expect(alert.getByTestId('error-message')).toContainText('server failed (500)')
    await alert.getByTestId('error-details-toggle').click()
    await expect(alert.getByTestId('error-detail')).toContainText(`ends in ${SENTINEL.slice(-4)}`)
    expect(echo.requests[0].headers['x-api-key'], 'the key really went to the server').toBe(SENTINEL)

    // 2. The sandbox rejects it (401).
    await addEnvironment(page, { name: 'Wrong sandbox key', domain: harness.app.sandbox.url, apiKey: SENTINEL })
    await page.getByTestId('generate-button').click()
    await expect(page.getByTestId('token-error').getByTestId('error-message')).toContainText('401')

    // 3. A server that accepts it; then Replace key with a second sentinel.
    await addEnvironment(page, { name: 'Accepting', domain: accepting.url, apiKey: SENTINEL })
    await page.getByTestId('generate-button').click()
    await expect(page.getByTestId('result-status')).toHaveText('200')
    await expect(page.getByTestId('request-headers')).toContainText(`ends in ${SENTINEL.slice(-4)}`)
    await page.getByTestId('copy-config').click()
    await page.getByTestId('key-replace').click()
    await page.getByTestId('key-input').fill(SENTINEL_2)
    await page.getByTestId('key-save').click()
    await expect(page.getByTestId('key-status')).toContainText(`ends in ${SENTINEL_2.slice(-4)}`)
    await page.getByTestId('generate-button').click()
    await expect(page.getByTestId('result-status')).toHaveText('200')
    expect(accepting.requests.at(-1)?.headers['x-api-key']).toBe(SENTINEL_2)
    await page.getByTestId('copy-token').click()
    await page.reload()
    await expect(page.getByTestId('environment-item')).toHaveCount(4)
  } finally {
    await Promise.all([echo.close(), accepting.close()])
  }

  const secrets = [SENTINEL, SENTINEL_2]
  const inPage = await page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value)
    const storage = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })
    return { html: document.documentElement.outerHTML, values: values.join('\n'), storage }
  })
  const clipboard = await page.evaluate(() => navigator.clipboard.readText())
  const ipcReplies = JSON.stringify(harness.ipc.map((exchange) => exchange.result))
  const disk = readAllFiles(harness.dataDir)
  expect(disk.some((file) => file.path.endsWith('main.log')), 'the log exists and is scanned').toBe(true)
  expect(disk.some((file) => file.path.endsWith('secrets.json')), 'the vault file exists and is scanned').toBe(true)

  for (const secret of secrets) {
    const b64 = Buffer.from(secret).toString('base64')
    expect(inPage.html, 'DOM').not.toContain(secret)
    expect(inPage.values, 'form field values').not.toContain(secret)
    expect(inPage.storage, 'localStorage / sessionStorage').not.toContain(secret)
    expect(clipboard, 'clipboard').not.toContain(secret)
    expect(ipcReplies, 'IPC replies').not.toContain(secret)
    expect(harness.console.join('\n'), 'console').not.toContain(secret)
    expect(requestsFromPage.join('\n'), 'requests made by the page').not.toContain(secret)
    for (const file of disk) {
      expect(file.text, `plaintext in ${file.path}`).not.toContain(secret)
      expect(file.text, `base64 in ${file.path}`).not.toContain(b64)
    }
  }
})
