/**
 * The API key must exist only in main and, encrypted, on disk. A sentinel key
 * is planted through the UI and used the ways a user would (a failing server
 * that echoes it back, a rejecting server, an accepting one, Replace key,
 * copying results); then it is looked for everywhere the page and the app
 * leave traces, in every encoding (test/support/key-encodings.ts).
 *
 * The sentinels hold the characters escaping changes (`"` `\` `/` `&` `+`
 * `<` `>` `%` `=`): an alphabet of [A-Za-z0-9-] never triggered escaping,
 * which is how JSON-escaped echoes went unnoticed (issue 7). The key rule
 * of the form refuses a space and non-ASCII (a paste error in a key that
 * travels in an HTTP header); keys with those are planted through main in
 * the hostile-server test below.
 */
import { readAllFiles } from '../support/temp-dir'
import { echoHeaders, respond, startServer, type RunningServer } from '../support/failure-servers'
import { HOSTILE_CASES } from '../support/hostile-servers'
import { findKeyEncodings, makeSentinel } from '../support/key-encodings'
import { addEnvironment, expect, fillTokenForm, test } from './fixtures'
import type { Page } from '@playwright/test'

const SENTINEL = makeSentinel({ withSpace: false, withNonAscii: false })
const SENTINEL_2 = makeSentinel({ withSpace: false, withNonAscii: false })
const FAKE_JWE = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIiwia2lkIjoiZmFrZSJ9..aXY.Y2lwaGVy.dGFn'

test('a planted API key never reaches the page, its storage, IPC replies, the console, the clipboard, the log or disk in plaintext', async ({ page, context, harness }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const requestsFromPage: string[] = []
  page.on('request', (request) => requestsFromPage.push(`${request.method()} ${request.url()} ${request.postData() ?? ''}`))

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
    expect(findKeyEncodings(inPage.html, secret), 'DOM').toEqual([])
    expect(findKeyEncodings(inPage.values, secret), 'form field values').toEqual([])
    expect(findKeyEncodings(inPage.storage, secret), 'localStorage / sessionStorage').toEqual([])
    expect(findKeyEncodings(clipboard, secret), 'clipboard').toEqual([])
    expect(findKeyEncodings(ipcReplies, secret), 'IPC replies').toEqual([])
    expect(findKeyEncodings(harness.console.join('\n'), secret), 'console').toEqual([])
    expect(findKeyEncodings(requestsFromPage.join('\n'), secret), 'requests made by the page').toEqual([])
    for (const file of disk) expect(scanFile(file.text, secret), `in ${file.path}`).toEqual([])
  }
})

/** A file read as latin1 bytes, scanned as such and as UTF-8. */
function scanFile(latin1: string, secret: string): string[] {
  return [...new Set([...findKeyEncodings(latin1, secret), ...findKeyEncodings(Buffer.from(latin1, 'latin1').toString('utf8'), secret)])]
}

/** What the page shows after a token request: the whole DOM and every field value, with the error details open. */
async function outcomeInPage(page: Page): Promise<string> {
  const done = page.getByTestId('token-error').or(page.getByTestId('result-status'))
  await expect(done.first()).toBeVisible()
  const toggle = page.getByTestId('token-error').getByTestId('error-details-toggle')
  if ((await toggle.count()) > 0 && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  return page.evaluate(() => document.documentElement.outerHTML + [...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value).join('\n'))
}

test('hostile servers that echo the key in any encoding: nothing reaches the page, IPC, console or disk (issue 7 matrix in Chromium)', async ({ page, harness }) => {
  test.setTimeout(180_000)
  // A key with a space and é too: planted through main (the form's key rule refuses both), sent over a real socket.
  const wideKey = makeSentinel()
  const servers: RunningServer[] = []
  const found: Record<string, string[]> = {}
  try {
    await fillTokenForm(page, { userid: 'u1', appid: '59VShVtjM' })
    for (const [index, c] of HOSTILE_CASES.entries()) {
      const server = await startServer(c.behaviour)
      servers.push(server)
      // Every case once with the UI-typed key; the three escaped echoes of the issue and a few more with the wide key too.
      const keys = index < 12 ? [SENTINEL, wideKey] : [SENTINEL]
      for (const key of keys) {
        const name = `${index} ${key === SENTINEL ? 'typed' : 'wide'}`
        await addEnvironment(page, { name, domain: server.url, apiKey: key === SENTINEL ? key : undefined })
        if (key !== SENTINEL) {
          const id = harness.app.environments.state().activeId
          harness.app.environments.setKey(id, key)
          // The page learns of the key as it would after Replace key: by reloading the environment state.
          await page.getByTestId('environment-item').first().click()
          await page.getByTestId('environment-item').filter({ hasText: name }).click()
          await expect(page.getByTestId('key-status')).toContainText(`ends in ${key.slice(-4)}`)
        }
        await page.getByTestId('generate-button').click()
        const shown = await outcomeInPage(page)
        found[`${c.name} [${name}]`] = findKeyEncodings(shown, key)
        await expect(page.getByTestId('token-error').getByTestId('error-message')).toContainText('the server echoed your API key back; it was removed')
      }
      expect(server.requests.length, `${c.name}: the key went to the server`).toBeGreaterThan(0)
    }
  } finally {
    await Promise.all(servers.map((s) => s.close()))
  }
  // The history panel lists every request: the key is not there either.
  const ipcReplies = JSON.stringify(harness.ipc.map((exchange) => exchange.result))
  const disk = readAllFiles(harness.dataDir)
  expect(disk.some((file) => file.path.endsWith('history.jsonl')), 'the history was written and is scanned').toBe(true)
  for (const key of [SENTINEL, wideKey]) {
    found[`IPC replies (${key === SENTINEL ? 'typed' : 'wide'})`] = findKeyEncodings(ipcReplies, key)
    found[`console (${key === SENTINEL ? 'typed' : 'wide'})`] = findKeyEncodings(harness.console.join('\n'), key)
    for (const file of disk) found[`${file.path.slice(harness.dataDir.length + 1)} (${key === SENTINEL ? 'typed' : 'wide'})`] = scanFile(file.text, key)
  }
  const leaks = Object.entries(found).filter(([, encodings]) => encodings.length)
  test.info().annotations.push({ type: 'leak matrix', description: `${leaks.length} leaking places of ${Object.keys(found).length} checked` })
  expect(Object.fromEntries(leaks)).toEqual({})
})
