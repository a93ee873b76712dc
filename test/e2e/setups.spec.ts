/**
 * Issue 4 in Chromium against the real handlers, the real workspace folder
 * (files on disk, the watcher) and the real sandbox: saved setups, their
 * export and import (and every refusal), changes made on disk, the
 * unsaved-changes guard, the history with Re-run, and an API key that must
 * never reach a setup file, an export, the history or the clipboard.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Download, Page } from '@playwright/test'
import type { Harness } from '../support/harness'
import { readAllFiles } from '../support/temp-dir'
import { addEnvironment, expect, fillTokenForm, test } from './fixtures'

/** A screenshot in the test's output folder, to look at the UI (kept with --output). */
async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) })
}

const setupsDir = (harness: Harness) => join(harness.app.workspace.path, 'setups')

/** Every setup file's text, by file name: what "nothing changed" compares. */
function setupFiles(harness: Harness): Record<string, string> {
  const dir = setupsDir(harness)
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), 'utf8')])
  )
}

const item = (page: Page, name: string) => page.getByTestId('setup-item').filter({ has: page.getByTestId('setup-item-name').getByText(name, { exact: true }) })

async function showSetups(page: Page) {
  await page.getByTestId('sidebar-tab-setups').click()
  await expect(page.getByTestId('setups-panel')).toBeVisible()
}

/** Saves the form as a new setup (the bar's Save on a draft, or Save as). */
async function saveAs(page: Page, name: string) {
  await page.getByTestId('setup-save-as').click()
  await page.getByTestId('setup-name-input').fill(name)
  await page.getByTestId('setup-name-confirm').click()
  await expect(page.getByTestId('setup-current')).toHaveText(name)
  await expect(page.getByTestId('setup-modified')).toHaveCount(0)
}

async function menu(page: Page, name: string, action: string) {
  await item(page, name).getByTestId('setup-menu').click()
  await item(page, name).getByTestId(action).click()
}

async function readDownload(download: Download): Promise<string> {
  return readFileSync((await download.path()) as string, 'utf8')
}

/** An environment on the sandbox, under a name of its own, with the sandbox's key. */
async function acmeOnSandbox(page: Page, harness: Harness, name = 'Acme staging') {
  await addEnvironment(page, { name, domain: harness.app.sandbox.url, apiKey: harness.app.sandbox.apiKey })
}

test('a setup goes out as a file and comes back: export, delete, import, open, generate, preview', async ({ page, harness }) => {
  await acmeOnSandbox(page, harness)
  await page.getByTestId('widget-field-dashboardId').fill('overview')
  await fillTokenForm(page, { userid: 'izfZIkc', appid: '59VShVtjM', clientid: 'jane@acme.com', expiresIn: '10m' })
  // The 8.6+ switch sits with the result.
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('result-status')).toHaveText('200')
  await page.getByTestId('qrvey86-switch').uncheck()
  await showSetups(page)
  await expect(page.getByTestId('workspace-path')).toHaveText(harness.app.workspace.path)

  // A draft's Save asks for a name.
  await page.getByTestId('setup-save').click()
  await page.getByTestId('setup-name-input').fill('Acme – page view')
  await page.getByTestId('setup-name-confirm').click()
  await expect(item(page, 'Acme – page view')).toHaveAttribute('data-current', 'true')
  const [fileName] = Object.keys(setupFiles(harness))
  const onDisk = JSON.parse(setupFiles(harness)[fileName])
  expect(onDisk).toMatchObject({
    name: 'Acme – page view',
    environment: 'Acme staging',
    widget: 'page-view',
    qrvey86OrNewer: false,
    token: { userid: 'izfZIkc', appid: '59VShVtjM', clientid: 'jane@acme.com', expiresIn: '10m' },
    widgetFields: { dashboardId: 'overview' }
  })

  // Export it.
  const downloading = page.waitForEvent('download')
  await menu(page, 'Acme – page view', 'setup-export')
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/\.export\.json$/)
  const exported = await readDownload(download)
  expect(JSON.parse(exported)).toMatchObject({ format: 'qrvey-embed-workbench', formatVersion: 1, setups: [onDisk], environments: [{ name: 'Acme staging', domain: harness.app.sandbox.url }] })
  await expect(page.getByTestId('workspace-toast')).toContainText('It carries no API keys')

  // Delete it (the form stays, as a draft), then start afresh.
  await menu(page, 'Acme – page view', 'setup-delete')
  await expect(page.getByTestId('undo-toast')).toContainText('Deleted "Acme – page view"')
  await expect(page.getByTestId('setup-item')).toHaveCount(0)
  expect(setupFiles(harness)).toEqual({})
  await page.getByTestId('setup-new').click()
  await expect(page.getByTestId('input-userid')).toHaveValue('')

  // Import it back.
  await page.getByTestId('import-file-input').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(exported) })
  const preview = page.getByTestId('import-preview')
  await expect(preview).toBeVisible()
  await expect(preview.getByTestId('import-item')).toHaveAttribute('data-action', 'add')
  await expect(preview.getByTestId('import-missing-env')).toHaveCount(0)
  await shot(page, 'import-preview-simple')
  await preview.getByTestId('import-apply').click()
  await expect(preview).toHaveCount(0)
  await expect(page.getByTestId('workspace-toast')).toContainText('1 added')
  expect(JSON.parse(Object.values(setupFiles(harness))[0])).toEqual(onDisk)

  // Open it with one click: the form, the widget fields, the switch and the environment follow.
  await item(page, 'Acme – page view').getByTestId('setup-open').click()
  await expect(page.getByTestId('setup-current')).toHaveText('Acme – page view')
  await expect(page.getByTestId('input-userid')).toHaveValue('izfZIkc')
  await expect(page.getByTestId('input-clientid')).toHaveValue('jane@acme.com')
  await expect(page.getByTestId('widget-field-dashboardId')).toHaveValue('overview')
  await expect(page.getByTestId('status-environment')).toHaveText('Acme staging')
  await expect(page.getByTestId('setup-modified')).toHaveCount(0)

  // Generate and Preview work at once.
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('result-status')).toHaveText('200')
  await expect(page.getByTestId('qrvey86-switch')).not.toBeChecked()
  expect(JSON.parse((await page.getByTestId('config-output').textContent())!)).toMatchObject({ dashboardId: 'overview', qv_token: expect.any(String) })
  await page.getByTestId('preview-button').click()
  await page.getByTestId('sidebar-tab-history').click()
  const entries = page.getByTestId('history-entry')
  await expect(entries.filter({ hasText: 'PREVIEW' })).toHaveCount(1, { timeout: 30_000 })
  await expect(entries.filter({ hasText: 'PREVIEW' }).getByTestId('history-setup')).toHaveText('Acme – page view')
  await expect(entries.filter({ hasText: 'PREVIEW' }).getByTestId('history-timings')).toContainText('first data')
  const token = entries.filter({ hasText: 'TOKEN' }).first()
  await expect(token.getByTestId('history-status')).toHaveText('200')
  await expect(token.getByTestId('history-setup')).toHaveText('Acme – page view')
})

test('a dropped file imports too, and conflicts follow the chosen policy', async ({ page, harness }) => {
  await fillTokenForm(page, { userid: 'u1', appid: 'a1' })
  await showSetups(page)
  await saveAs(page, 'Shared one')
  const mine = setupFiles(harness)
  const theirs = JSON.stringify({
    format: 'qrvey-embed-workbench',
    formatVersion: 1,
    setups: [
      { formatVersion: 1, name: 'Shared one', environment: 'Offline sandbox', widget: 'page-view', token: { userid: 'from-a-teammate', appid: 'a1' } },
      { formatVersion: 1, name: 'Globex prod', environment: 'Globex', widget: 'single-panel', token: { userid: 'g', appid: 'a' } }
    ],
    environments: [{ name: 'Globex', domain: 'https://globex.qrveyapp.com', timeoutMs: 20000 }]
  })
  await page.getByTestId('import-dropzone').evaluate((zone, text) => {
    const data = new DataTransfer()
    data.items.add(new File([text], 'teammate.json', { type: 'application/json' }))
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }))
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }))
  }, theirs)
  const preview = page.getByTestId('import-preview')
  await expect(preview.getByTestId('import-item')).toHaveCount(2)
  await expect(preview.getByTestId('import-item').first()).toHaveAttribute('data-action', 'replace')
  await expect(preview.getByTestId('import-missing-env')).toContainText('https://globex.qrveyapp.com')
  await preview.getByTestId('import-policy-keep-both').check()
  await expect(preview.getByTestId('import-item').first()).toHaveAttribute('data-action', 'rename')
  await expect(preview.getByTestId('import-item').first()).toContainText('Shared one (imported)')
  await shot(page, 'import-preview')

  // Create the missing environment from the dialog (its key asked for, write-only).
  await preview.getByTestId('import-env-create').click()
  await expect(preview.getByTestId('import-env-form-domain')).toHaveValue('https://globex.qrveyapp.com')
  await expect(preview.getByTestId('import-env-form-key')).toHaveAttribute('type', 'password')
  await preview.getByTestId('import-env-form-key').fill('globex-key-12345678')
  await shot(page, 'import-preview-env')
  await preview.getByTestId('import-env-form-submit').click()
  await expect(preview.getByTestId('import-missing-env')).toHaveCount(0)
  await expect(page.getByTestId('status-environment')).toHaveText('Offline sandbox')

  await preview.getByTestId('import-apply').click()
  await expect(preview).toHaveCount(0)
  await expect(page.getByTestId('setup-item')).toHaveCount(3)
  // Keep both: the saved setup is untouched.
  for (const [name, text] of Object.entries(mine)) expect(setupFiles(harness)[name]).toBe(text)
  await page.getByTestId('setup-search').fill('globex')
  await expect(page.getByTestId('setup-item')).toHaveCount(1)
  await expect(page.getByTestId('setup-item')).toContainText('Globex prod')
  await shot(page, 'setups-panel')
})

test('refused imports say which field is wrong and change nothing', async ({ page, harness }, testInfo) => {
  await fillTokenForm(page, { userid: 'u1', appid: 'a1' })
  await showSetups(page)
  await saveAs(page, 'Already saved')
  const before = setupFiles(harness)
  const input = page.getByTestId('import-file-input')
  const error = page.getByTestId('import-error')
  const exportOf = (setups: unknown[], extra: object = {}) => JSON.stringify({ format: 'qrvey-embed-workbench', formatVersion: 1, setups, ...extra })
  const base = { formatVersion: 1, name: 'Already saved', environment: 'Offline sandbox', widget: 'page-view', token: { userid: 'changed', appid: 'a1' } }

  const refused: Array<{ name: string; text: string | Buffer; says: RegExp; field?: string }> = [
    { name: 'notes.txt.json', text: 'these are my notes, not JSON', says: /not a workbench export\. Not valid JSON/ },
    { name: 'future.json', text: exportOf([base], { formatVersion: 9 }), says: /formatVersion 9 was written by a newer version/, field: 'formatVersion' },
    { name: 'typed.json', text: exportOf([{ ...base, token: { userid: 42, appid: 'a1' } }]), says: /setups\[0\]\.token\.userid: userid must be a text/, field: 'setups[0].token.userid' },
    { name: 'cut.json', text: exportOf([base]).slice(0, 60), says: /truncated/ }
  ]
  for (const file of refused) {
    await input.setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) })
    await expect(error.getByTestId('import-error-message')).toContainText(`${file.name} was not imported`)
    await expect(error.getByTestId('import-error-message')).toContainText(file.says)
    if (file.field) await expect(error.getByTestId('import-error-field')).toHaveText(file.field)
    await expect(page.getByTestId('import-preview')).toHaveCount(0)
    expect(setupFiles(harness)).toEqual(before)
  }

  // 50 MB: refused from its size, before the page reads it (main is never asked).
  const previewCalls = () => harness.ipc.filter((x) => x.channel === 'workspace:import-preview').length
  const callsBefore = previewCalls()
  // Chosen from disk, as a user would: a 50 MB buffer sent over the protocol took 30-60 s under load.
  const huge = join(testInfo.outputDir, 'huge.json')
  mkdirSync(testInfo.outputDir, { recursive: true })
  writeFileSync(huge, Buffer.alloc(50 * 1000 * 1000, 0x20))
  await input.setInputFiles(huge)
  await expect(error.getByTestId('import-error-message')).toContainText('huge.json: The file is 47.7 MB; imports are limited to 16.0 MB')
  expect(previewCalls()).toBe(callsBefore)
  expect(setupFiles(harness)).toEqual(before)
  rmSync(huge)

  // An apiKey in the file is dropped, and said; the rest imports.
  const withKey = exportOf([{ ...base, name: 'With a key', token: { ...base.token, extra: { apiKey: 'do-not-keep-1234' } } }])
  await input.setInputFiles({ name: 'with-key.json', mimeType: 'application/json', buffer: Buffer.from(withKey) })
  const preview = page.getByTestId('import-preview')
  await expect(preview.getByTestId('import-notice')).toContainText('Dropped apiKey at setups[0].token.extra')
  await preview.getByTestId('import-apply').click()
  await expect(page.getByTestId('workspace-toast')).toContainText('1 added')
  await expect(page.getByTestId('toast-details')).toContainText('Dropped apiKey')
  const after = setupFiles(harness)
  for (const [name, text] of Object.entries(before)) expect(after[name]).toBe(text)
  expect(Object.values(after).join('\n')).not.toContain('do-not-keep-1234')
})

test('the list follows the folder: a file edited on disk, and a truncated one listed with its error', async ({ page, harness }) => {
  await fillTokenForm(page, { userid: 'before', appid: 'a1' })
  await showSetups(page)
  await saveAs(page, 'Edited elsewhere')
  const [fileName] = Object.keys(setupFiles(harness))
  const path = join(setupsDir(harness), fileName)

  // Someone edits the file (git pull, an editor): the list and the open, unmodified form follow.
  const setup = JSON.parse(readFileSync(path, 'utf8'))
  writeFileSync(path, JSON.stringify({ ...setup, token: { ...setup.token, userid: 'after-pull' } }, null, 2) + '\n')
  await expect(item(page, 'Edited elsewhere').getByTestId('setup-item-meta')).toContainText('after-pull')
  await expect(page.getByTestId('input-userid')).toHaveValue('after-pull')
  await expect(page.getByTestId('setup-notice')).toContainText('changed on disk')
  await expect(page.getByTestId('setup-modified')).toHaveCount(0)

  // A truncated file is listed with its error and cannot be opened.
  writeFileSync(join(setupsDir(harness), 'cut-short.json'), '{\n  "formatVersion": 1,\n  "name": "Cut sh')
  const broken = page.locator('[data-testid="setup-item"][data-setup-id="cut-short"]')
  await expect(broken.getByTestId('setup-item-error')).toContainText('truncated')
  await expect(broken.getByTestId('setup-item-broken')).toBeVisible()
  await expect(broken.getByTestId('setup-open')).toHaveAttribute('aria-disabled', 'true')
  await broken.getByTestId('setup-open').click({ force: true })
  await expect(page.getByTestId('setup-current')).toHaveText('Edited elsewhere')

  // A second file with the same name is flagged; Reload reads the folder again.
  writeFileSync(join(setupsDir(harness), 'twin.json'), JSON.stringify({ ...setup, token: { ...setup.token, userid: 'twin' } }, null, 2))
  await page.getByTestId('workspace-reload').click()
  await expect(page.getByTestId('setup-item-duplicate-name')).toHaveCount(2)

  // A hand-edited file with a key in it: read without the key, flagged, never rewritten.
  const keyed = JSON.stringify({ ...setup, name: 'Hand edited', token: { ...setup.token, extra: { apiKey: 'typed-by-hand-1234' } } }, null, 2)
  writeFileSync(join(setupsDir(harness), 'hand-edited.json'), keyed)
  await expect(item(page, 'Hand edited').getByTestId('setup-item-secrets')).toBeVisible()
  await expect(item(page, 'Hand edited').getByTestId('setup-item-secrets')).toHaveAttribute('title', /apiKey/)
  expect(readFileSync(join(setupsDir(harness), 'hand-edited.json'), 'utf8')).toBe(keyed)
  await shot(page, 'setups-disk')
})

test('Open folder… switches the workspace; the form stays as a draft', async ({ page, harness }) => {
  await fillTokenForm(page, { userid: 'u1', appid: 'a1' })
  await showSetups(page)
  await saveAs(page, 'In the first folder')
  const other = join(harness.dataDir, 'other-workspace')
  harness.folderAnswers.push(other)
  await page.getByTestId('workspace-choose').click()
  await expect(page.getByTestId('workspace-path')).toHaveText(other)
  await expect(page.getByTestId('setup-item')).toHaveCount(0)
  await expect(page.getByTestId('setup-current')).toHaveText('Untitled setup')
  await expect(page.getByTestId('input-userid')).toHaveValue('u1')
  await saveAs(page, 'In the second folder')
  expect(readdirSync(join(other, 'setups'))).toHaveLength(1)
})

test('unsaved changes are never dropped silently: Cancel, Save, Discard', async ({ page, harness }) => {
  await fillTokenForm(page, { userid: 'first', appid: 'a1' })
  await showSetups(page)
  await saveAs(page, 'First')
  await page.getByTestId('input-userid').fill('second')
  await saveAs(page, 'Second')

  await page.getByTestId('input-userid').fill('second-edited')
  await expect(page.getByTestId('setup-modified')).toBeVisible()
  await item(page, 'First').getByTestId('setup-open').click()
  const dialog = page.getByTestId('unsaved-dialog')
  await expect(dialog).toContainText('Second has changes that are not saved')
  await shot(page, 'unsaved-dialog')

  await dialog.getByTestId('unsaved-cancel').click()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByTestId('setup-current')).toHaveText('Second')
  await expect(page.getByTestId('input-userid')).toHaveValue('second-edited')

  await item(page, 'First').getByTestId('setup-open').click()
  await dialog.getByTestId('unsaved-save').click()
  await expect(page.getByTestId('setup-current')).toHaveText('First')
  await expect(page.getByTestId('input-userid')).toHaveValue('first')
  const second = Object.values(setupFiles(harness)).map((t) => JSON.parse(t)).find((s) => s.name === 'Second')
  expect(second.token.userid).toBe('second-edited')

  await page.getByTestId('input-userid').fill('first-edited')
  await page.getByTestId('setup-new').click()
  await dialog.getByTestId('unsaved-discard').click()
  await expect(page.getByTestId('setup-current')).toHaveText('Untitled setup')
  await expect(page.getByTestId('input-userid')).toHaveValue('')
  const first = Object.values(setupFiles(harness)).map((t) => JSON.parse(t)).find((s) => s.name === 'First')
  expect(first.token.userid).toBe('first')

  // Undo brings a deleted setup back, file and all.
  const files = setupFiles(harness)
  await menu(page, 'First', 'setup-delete')
  await page.getByTestId('undo-button').click()
  await expect(item(page, 'First')).toHaveCount(1)
  expect(setupFiles(harness)).toEqual(files)

  // Rename and duplicate.
  await menu(page, 'First', 'setup-rename')
  await page.getByTestId('setup-rename-input').fill('First, renamed')
  await page.getByTestId('setup-rename-input').press('Enter')
  await expect(item(page, 'First, renamed')).toHaveCount(1)
  await menu(page, 'First, renamed', 'setup-duplicate')
  await expect(page.getByTestId('setup-item')).toHaveCount(3)
})

test('the history shows each request, and Re-run sends it again', async ({ page, harness }) => {
  await acmeOnSandbox(page, harness)
  await fillTokenForm(page, { userid: 'first-user', appid: '59VShVtjM' })
  await showSetups(page)
  await saveAs(page, 'History check')
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('result-status')).toHaveText('200')
  await page.getByTestId('input-userid').fill('second-user')
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('request-body')).toContainText('"userid": "second-user"')

  await page.getByTestId('sidebar-tab-history').click()
  const entries = page.getByTestId('history-entry')
  await expect(entries).toHaveCount(2)
  const oldest = entries.nth(1)
  await expect(oldest.getByTestId('history-setup')).toHaveText('History check')
  await expect(oldest.getByTestId('history-status')).toHaveText('200')
  await expect(oldest.getByTestId('history-meta')).toHaveText('Acme staging · Page View · first-user')
  await expect(oldest.getByTestId('history-timings')).toContainText(/total \d+ ms/)
  await shot(page, 'history')

  // The form has unsaved changes (second-user): Re-run asks first.
  await oldest.getByTestId('history-rerun').click()
  await page.getByTestId('unsaved-discard').click()
  await expect(entries).toHaveCount(3)
  await expect(page.getByTestId('input-userid')).toHaveValue('first-user')
  await expect(page.getByTestId('request-body')).toContainText('"userid": "first-user"')
  // Issue 11: the re-run is a new draft (unsaved), not an edit of "History check".
  await expect(page.getByTestId('setup-current')).toHaveText('Untitled setup')
  await expect(page.getByTestId('setup-modified')).toBeVisible()

  await page.getByTestId('history-search').fill('no-such-thing')
  await expect(entries).toHaveCount(0)
  await page.getByTestId('history-search').fill('')
  await page.getByTestId('history-clear').click()
  await page.getByTestId('history-clear-confirm').click()
  await expect(entries).toHaveCount(0)
  await expect(page.getByTestId('history-empty')).toBeVisible()
})

test('an API key set through the UI reaches no setup file, export, history entry or clipboard text', async ({ page, context, harness }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const SENTINEL = `SENTINEL-${randomBytes(12).toString('hex')}`
  await addEnvironment(page, { name: 'Keyed', domain: harness.app.sandbox.url, apiKey: SENTINEL })
  await fillTokenForm(page, { userid: 'u1', appid: '59VShVtjM' })
  // The sandbox rejects it: the failure is recorded in the history.
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('token-error')).toContainText('401')
  await showSetups(page)
  await saveAs(page, 'Keyed setup')

  const exports: string[] = []
  let downloading = page.waitForEvent('download')
  await menu(page, 'Keyed setup', 'setup-export')
  exports.push(await readDownload(await downloading))
  downloading = page.waitForEvent('download')
  await page.getByTestId('workspace-export').click()
  exports.push(await readDownload(await downloading))
  expect(JSON.parse(exports[1]).environments).toEqual([{ name: 'Keyed', domain: harness.app.sandbox.url, timeoutMs: 15000 }])

  await menu(page, 'Keyed setup', 'share-copy')
  // Issue 11: the share dialog says what the text holds before it is copied.
  await expect(page.getByTestId('share-summary')).not.toContainText(SENTINEL)
  await page.getByTestId('share-copy-text').click()
  await expect(page.getByTestId('workspace-toast')).toContainText('Shareable text copied')
  const clipboard = await page.evaluate(() => navigator.clipboard.readText())
  expect(clipboard).toMatch(/^qwb1\./)
  // The share text comes back through the same preview.
  await page.getByTestId('share-paste-toggle').click()
  await page.getByTestId('share-paste-input').fill(clipboard)
  await page.getByTestId('share-paste-import').click()
  await expect(page.getByTestId('import-preview').getByTestId('import-item')).toHaveAttribute('data-action', 'unchanged')
  await page.getByTestId('import-cancel').click()

  const history = await page.evaluate(async () => {
    const api = (window as unknown as { workbench: { history: { list(query: object): Promise<unknown> } } }).workbench
    return JSON.stringify(await api.history.list({}))
  })
  expect(history).toContain('HTTP_401')
  const disk = readAllFiles(harness.dataDir)
  expect(disk.some((f) => f.path.includes(join('workspace', 'setups'))), 'the setup file is scanned').toBe(true)
  expect(disk.some((f) => f.path.endsWith('history.jsonl')), 'the history file is scanned').toBe(true)
  const b64 = Buffer.from(SENTINEL).toString('base64')
  for (const file of [...readAllFiles(harness.app.workspace.path), ...disk]) {
    expect(file.text, `plaintext in ${file.path}`).not.toContain(SENTINEL)
    expect(file.text, `base64 in ${file.path}`).not.toContain(b64)
  }
  for (const text of exports) expect(text, 'export download').not.toContain(SENTINEL)
  expect(history, 'history entries').not.toContain(SENTINEL)
  expect(clipboard, 'clipboard').not.toContain(SENTINEL)
})
