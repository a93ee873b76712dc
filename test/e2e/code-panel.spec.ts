/**
 * The Code tab: code for the current request (as sent, after Generate),
 * following the language, the widget and the 8.6 switch; Copy; Export
 * starter writing a folder; Copy as cURL and Copy body in the result.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect, fillTokenForm } from './fixtures'

const SHOTS = process.env.SHOTS_DIR

test.use({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] })

const PERMISSIONS = '[{"dataset_id": "*", "record_permissions": [{"security_name": "region", "validation_type": "EQUAL", "values": ["Eu\\"rope </script> 🎉"]}]}]'

test('Code tab: backend and front-end code for the request as sent, copy and export', async ({ page, harness }) => {
  await fillTokenForm(page, { userid: "o'brien \\ 🎉", appid: '59VShVtjM', clientid: 'visitor@example.com', expiresIn: '10m' })
  await page.getByTestId('permissions-editor-input').fill(PERMISSIONS)
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('token-output')).toHaveText(/^eyJ/)
  const sent = harness.ipc.find((x) => x.channel === 'tokens:generate')!.payload as { body: Record<string, unknown> }

  // Copy body and Copy as cURL in the result.
  await page.getByTestId('copy-body').click()
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(sent.body)
  await page.getByTestId('copy-curl').click()
  const curl = await page.evaluate(() => navigator.clipboard.readText())
  expect(curl).toContain(`curl -sS -X POST '${harness.app.sandbox.url}/devapi/v4/core/login/token'`)
  expect(curl).toContain('-H "x-api-key: $QRVEY_API_KEY"')
  expect(curl).not.toContain(harness.app.sandbox.apiKey)

  await page.getByTestId('tab-code').click()
  await expect(page.getByTestId('code-source')).toContainText('server.mjs for the request as sent to')
  const node = (await page.getByTestId('code-output').textContent()) ?? ''
  expect(node).toContain('process.env.QRVEY_API_KEY')
  expect(node).toContain(JSON.stringify(harness.app.sandbox.url))
  expect(node).not.toContain(harness.app.sandbox.apiKey)

  await page.getByTestId('code-language').selectOption('python')
  await expect(page.getByTestId('code-output')).toContainText('import requests')
  await expect(page.getByTestId('code-output')).toContainText('"o\'brien \\\\ 🎉"')
  await page.getByTestId('copy-code').click()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('def request_token():')

  await page.getByTestId('code-language').selectOption('html')
  await expect(page.getByTestId('code-output')).toContainText('"tokenKey": "qvToken"')
  await page.getByTestId('tab-result').click()
  await page.getByTestId('qrvey86-switch').uncheck()
  await page.getByTestId('tab-code').click()
  await expect(page.getByTestId('code-output')).toContainText('"tokenKey": "qv_token"')
  await page.getByTestId('tab-result').click()
  await page.getByTestId('qrvey86-switch').check()
  await page.getByTestId('tab-code').click()

  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true })
    await page.getByTestId('code-language').selectOption('node-fetch')
    await page.emulateMedia({ colorScheme: 'light' })
    await page.screenshot({ path: join(SHOTS, 'code-panel-light.png') })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: join(SHOTS, 'code-panel-dark.png') })
    await page.getByTestId('code-language').selectOption('react')
    await page.screenshot({ path: join(SHOTS, 'code-panel-react-dark.png') })
    await page.emulateMedia({ colorScheme: 'light' })
  }

  // Export starter: the save dialog's answer is a new folder; the files appear there.
  await page.getByTestId('code-language').selectOption('python')
  const folder = join(harness.dataDir, 'starter-out')
  harness.folderAnswers.push(folder)
  await expect(page.getByTestId('export-starter')).toHaveText('Export starter (Python (requests))…')
  await page.getByTestId('export-starter').click()
  await expect(page.getByTestId('starter-exported')).toContainText(folder)
  expect(readdirSync(folder).sort()).toEqual(['README.md', 'index.html', 'requirements.txt', 'server.py'])
  expect(readFileSync(join(folder, 'server.py'), 'utf8')).toBe(await page.getByTestId('code-output').textContent())
  expect(readFileSync(join(folder, 'README.md'), 'utf8')).not.toContain(harness.app.sandbox.apiKey)

  // The same folder again: refused, nothing replaced.
  harness.folderAnswers.push(folder)
  await page.getByTestId('export-starter').click()
  await expect(page.getByTestId('starter-error')).toContainText('already has files')
  expect(existsSync(join(folder, 'server.py'))).toBe(true)
})

test('Code tab before Generate: the request the form would send, or what is missing', async ({ page }) => {
  await page.getByTestId('tab-code').click()
  await expect(page.getByTestId('code-problem')).toContainText('The form is not complete yet')
  await fillTokenForm(page, { userid: 'demo-user', appid: '59VShVtjM' })
  await expect(page.getByTestId('code-source')).toContainText('not sent yet')
  await expect(page.getByTestId('code-output')).toContainText('"userid": "demo-user"')
})

test('sandbox port: saved in the settings for the next start, a bad one explained', async ({ page, harness }) => {
  await expect(page.getByTestId('sandbox-port')).toHaveValue('4300')
  await page.getByTestId('sandbox-port').fill('80')
  await page.getByTestId('sandbox-port-save').click()
  await expect(page.getByTestId('sandbox-port-error')).toContainText('from 1024 to 65535')
  await page.getByTestId('sandbox-port').fill('4311')
  await page.getByTestId('sandbox-port-save').click()
  await expect(page.getByTestId('sandbox-port-saved')).toBeVisible()
  expect(harness.app.settings.get().sandbox.port).toBe(4311)
  // The harness's sandbox runs on a free port (tests share the machine): the hint says where it runs now.
  await expect(page.getByTestId('sandbox-port-hint')).toContainText(`Running on ${new URL(harness.app.sandbox.url).port} now.`)
  if (SHOTS) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.getByTestId('sandbox-panel').screenshot({ path: join(SHOTS, `sandbox-port-${scheme}.png`) })
    }
  }
})
