/**
 * Issue 11, point 7 (the smaller things), in Chromium against the real main
 * process and sandbox: an unknown dashboardId or themeId is said (field and
 * event log) and the widget carries on as its docs allow; switching widget
 * keeps qrveyId; panel error cards, the domain hint and the preview bar fit at
 * 1280x800 and 1920x1080; the theme switch, with a dark preview widget; the
 * History list is one Tab stop; and the earlier small fixes still hold.
 */
import type { Frame, FrameLocator, Locator, Page } from '@playwright/test'
import { addEnvironment, expect, fillTokenForm, newSetupDiscarding, selectWidget, test } from './fixtures'
import { shots, SIZES } from './shots'
import { encodeSetupShareText } from '../../src/shared/share-text'
import { setupSchema } from '../../src/shared/setup'

const logEntry = (page: Page, kind: string, name?: string) =>
  page.locator(`[data-testid="event-log-entry"][data-kind="${kind}"]${name ? `[data-name="${name}"]` : ''}`)
const frameOf = (page: Page): FrameLocator => page.frameLocator('[data-testid="preview-frame"]')

async function generateAndPreview(page: Page): Promise<void> {
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('result-status')).toHaveText('200')
  await page.getByTestId('preview-button').click()
  await expect(page.getByTestId('preview-status')).toHaveText(/Running/, { timeout: 20_000 })
}

/** Pictures of a running preview: each colour scheme rebuilds it (system theme), so wait for its panels first. */
async function previewShots(page: Page, name: string, sizes: Array<keyof typeof SIZES> = ['small']): Promise<void> {
  await shots(page, name, {
    sizes,
    prepare: async () => {
      await page.waitForTimeout(500)
      await expect(page.getByTestId('preview-status')).toHaveText('Running', { timeout: 20_000 })
      await expect(frameOf(page).locator('[data-qv="panel"]').first()).toBeAttached({ timeout: 20_000 })
      await page.waitForTimeout(300)
    }
  })
}

/** Every box inside `container` lies within it (nothing pushed out or cut off sideways). */
async function overflowOf(container: Locator, inner: string): Promise<string[]> {
  return container.evaluate((el, selector) => {
    const box = el.getBoundingClientRect()
    const out: string[] = []
    if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.className}: scrollWidth ${el.scrollWidth} > ${el.clientWidth}`)
    for (const child of el.querySelectorAll<HTMLElement>(selector)) {
      const r = child.getBoundingClientRect()
      if (r.width === 0) continue
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.right > window.innerWidth) out.push(`${child.textContent?.trim().slice(0, 40)}: ${r.left}-${r.right} outside ${box.left}-${box.right}`)
    }
    return out
  }, inner)
}

test('an unknown dashboardId opens the first dashboard without a phantom tab, and says so at the field and in the event log', async ({ page }) => {
  await fillTokenForm(page, { userid: 'page-user', appid: '59VShVtjM', expiresIn: '10m' })
  await selectWidget(page, 'page-view')
  await page.getByTestId('widget-field-dashboardId').fill('nope')
  await expect(page.getByTestId('widget-field-dashboardId-unknown')).toContainText('has no dashboard "nope" in this app (it lists overview, products)')
  await generateAndPreview(page)
  const frame = frameOf(page)
  const tabs = frame.locator('[data-qv="page-tab"]')
  await expect(tabs).toHaveText(['Overview', 'Products'], { timeout: 20_000 })
  await expect(tabs.first()).toHaveAttribute('aria-selected', 'true')
  await expect(frame.locator('[data-qv="panel"]').first()).toBeAttached()
  await expect(frame.locator('[data-qv="load-error"]')).toHaveCount(0)
  await expect(logEntry(page, 'console-warn').filter({ hasText: 'dashboardId "nope" is not a dashboard of Sales Analytics' })).toContainText('showing "Overview"')
  await page.getByTestId('widget-field-dashboardId').evaluate((el) => el.scrollIntoView({ block: 'center' }))
  await page.getByTestId('event-log-filter').selectOption('problems')
  await previewShots(page, 'unknown-dashboard')
  // A known id: no warning.
  await page.getByTestId('widget-field-dashboardId').fill('products')
  await expect(page.getByTestId('widget-field-dashboardId-unknown')).toHaveCount(0)
})

test('an unknown themeId keeps the default look and is said at the field and in the event log', async ({ page }) => {
  await fillTokenForm(page, { userid: 'theme-user', appid: '59VShVtjM', expiresIn: '10m' })
  await selectWidget(page, 'page-view')
  await page.getByTestId('widget-field-themeId').fill('corporate-blue')
  await expect(page.getByTestId('widget-field-themeId-unknown')).toContainText('"corporate-blue" is not a theme of the sandbox\'s apps (sandbox-teal, sandbox-sunset, sandbox-dark)')
  await generateAndPreview(page)
  await expect(logEntry(page, 'console-warn').filter({ hasText: 'themeId "corporate-blue"' })).toContainText('the default look is used', { timeout: 20_000 })
  await expect(frameOf(page).locator('qrvey-end-user')).not.toHaveAttribute('data-qv-theme', /./)
  await page.getByTestId('widget-field-themeId').evaluate((el) => el.scrollIntoView({ block: 'center' }))
  await page.getByTestId('event-log-filter').selectOption('problems')
  await previewShots(page, 'unknown-theme')
  await page.getByTestId('widget-field-themeId').fill('sandbox-teal')
  await expect(page.getByTestId('widget-field-themeId-unknown')).toHaveCount(0)
})

test('switching from Analytic Suite to Single Panel keeps the dataset (qrveyId) and theme', async ({ page }) => {
  await selectWidget(page, 'analytic-suite')
  await page.getByTestId('widget-field-qrveyId').fill('sales-orders')
  await page.getByTestId('widget-field-themeId').fill('sandbox-teal')
  await selectWidget(page, 'single-panel')
  await expect(page.getByTestId('widget-field-qrveyId')).toHaveValue('sales-orders')
  await expect(page.getByTestId('widget-field-themeId')).toHaveValue('sandbox-teal')
  // And back: Analytic Suite still has its own values.
  await page.getByTestId('widget-field-qrveyId').fill('sales-targets')
  await selectWidget(page, 'analytic-suite')
  await expect(page.getByTestId('widget-field-qrveyId')).toHaveValue('sales-orders')
})

test('Single Panel type CHART with a metric id: the picker switches the type; typed by hand, the event log says so', async ({ page }) => {
  await fillTokenForm(page, { userid: 'panel-user', appid: '59VShVtjM', expiresIn: '10m' })
  await selectWidget(page, 'single-panel')
  await page.getByTestId('widget-field-qrveyId').fill('sales-orders')
  await page.getByTestId('widget-field-type').selectOption('CHART')
  await page.getByTestId('widget-field-chartId').fill('total-revenue')
  await expect(page.getByTestId('widget-field-chartId-unknown')).toContainText('"total-revenue" is a METRIC panel, not a CHART')
  await generateAndPreview(page)
  await expect(logEntry(page, 'console-warn').filter({ hasText: 'type CHART names "total-revenue", which is a METRIC panel' })).toContainText('Set type METRIC and metricId', { timeout: 20_000 })
  // Picked from the list instead, the type follows the panel (no warning for the next preview).
  await page.getByTestId('widget-field-chartId').fill('')
  // Typing opens the list (pressing the toggle now would close it again).
  await expect(page.getByTestId('picker-options-widget-field-chartId')).toBeVisible()
  await page.getByTestId('picker-option-widget-field-chartId').filter({ hasText: 'total-revenue' }).click()
  await expect(page.getByTestId('widget-field-type')).toHaveValue('METRIC')
  await expect(page.getByTestId('widget-field-metricId')).toHaveValue('total-revenue')
  await expect(page.getByTestId('widget-field-metricId-unknown')).toHaveCount(0)
})

test('per-panel error cards show their whole message at 1280x800 (wrapped, scrolling inside the card)', async ({ page }) => {
  await page.setViewportSize(SIZES.small)
  await fillTokenForm(page, { userid: 'err-user', appid: '59VShVtjM', expiresIn: '10m' })
  await selectWidget(page, 'page-view')
  // A rule on a security name the dataset lacks: the sandbox withholds every row of each panel, with a long reason.
  await page.getByTestId('permissions-editor-input').fill(JSON.stringify([{ dataset_id: 'sales-orders', record_permissions: [{ security_name: 'nope', values: ['x'] }] }]))
  await generateAndPreview(page)
  const errors = frameOf(page).locator('[data-qv="panel"][data-state="error"]')
  await expect(errors.first()).toBeAttached({ timeout: 20_000 })
  await expect.poll(() => errors.count()).toBeGreaterThanOrEqual(4)
  await shots(page, 'panel-errors', {
    sizes: ['small', 'large'],
    // The system theme changes with each picture: the preview is built again for it; wait for its panels.
    prepare: async () => {
      await page.waitForTimeout(500)
      await expect(page.getByTestId('preview-status')).toHaveText('Running', { timeout: 20_000 })
      await expect.poll(() => errors.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(4)
      await page.waitForTimeout(300)
    }
  })
  await page.waitForTimeout(500)
  await expect(page.getByTestId('preview-status')).toHaveText('Running', { timeout: 20_000 })
  await expect.poll(() => errors.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(4)
  const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().includes('/preview/')) as Frame
  for (const size of [SIZES.small, SIZES.large]) {
    await page.setViewportSize(size)
    const cut = await frame.evaluate(() => {
      const problems: string[] = []
      const host = document.querySelector('qrvey-end-user')!
      for (const card of host.shadowRoot!.querySelectorAll<HTMLElement>('[data-qv="panel"][data-state="error"]')) {
        const body = card.querySelector<HTMLElement>('[data-qv="panel-body"]')!
        const message = body.querySelector<HTMLElement>('[data-qv="error"]')!
        const text = message.querySelector<HTMLElement>('[data-qv="error-message"]')!
        const id = card.dataset.panelId
        if (text.scrollWidth > text.clientWidth + 1) problems.push(`${id}: the message is cut off sideways`)
        const inside = (el: HTMLElement) => {
          const r = el.getBoundingClientRect()
          const b = body.getBoundingClientRect()
          return r.top >= b.top - 1 && r.bottom <= b.bottom + 1
        }
        // The message's first line, then (scrolled to the end) its last line, each inside the card.
        body.scrollTop = 0
        if (!inside(message.querySelector<HTMLElement>('.qv-message-title')!)) problems.push(`${id}: the title is cut off`)
        body.scrollTop = body.scrollHeight
        const last = message.querySelector<HTMLElement>('.qv-message-meta') ?? text
        if (!inside(last)) problems.push(`${id}: the end of the message cannot be reached`)
        body.scrollTop = 0
      }
      return problems
    })
    expect(cut, `at ${size.width}x${size.height}`).toEqual([])
  }
})

test('the domain hint and a long domain stay inside their cards at 1280x800 and 1920x1080', async ({ page }) => {
  const domain = 'https://analytics-staging-eu-west-long-customer-name.qrveyapp.example.com'
  await page.getByTestId('env-add').click()
  await page.getByTestId('env-form-name').fill('Long domain')
  await page.getByTestId('env-form-domain').fill(domain)
  const hint = page.getByTestId('env-form-domain-hint')
  await expect(hint).toContainText('/devapi/v4/core/login/token')
  const form = page.locator('form').filter({ has: page.getByTestId('env-form-domain') })
  for (const size of [SIZES.small, SIZES.large]) {
    await page.setViewportSize(size)
    expect(await overflowOf(form, '[data-testid="env-form-domain-hint"], input, button')).toEqual([])
  }
  await shots(page, 'domain-hint', { sizes: ['small', 'large'] })
  await page.getByTestId('env-form-submit').click()
  const details = page.getByTestId('env-details')
  await expect(details).toContainText(domain.slice(8, 30))
  for (const size of [SIZES.small, SIZES.large]) {
    await page.setViewportSize(size)
    expect(await overflowOf(details, '*')).toEqual([])
  }
  await shots(page, 'domain-details', { sizes: ['small'] })
})

test('the preview bar keeps the countdown and every action inside it at 1280 and 1920', async ({ page }) => {
  await fillTokenForm(page, { userid: 'bar-user', appid: '59VShVtjM', expiresIn: '10m' })
  await selectWidget(page, 'page-view')
  await generateAndPreview(page)
  const bar = page.getByTestId('preview-toolbar')
  await expect(bar.getByTestId('token-countdown')).toHaveText(/^in \d+:\d\d$/)
  for (const size of [SIZES.small, SIZES.large]) {
    await page.setViewportSize(size)
    expect(await overflowOf(bar, 'button, label, [data-testid="token-life"], [role="status"]')).toEqual([])
    await expect(bar.getByTestId('auto-renew')).toBeInViewport()
  }
  await shots(page, 'preview-bar', {
    sizes: ['small', 'large'],
    prepare: async () => {
      await page.waitForTimeout(500)
      await expect(page.getByTestId('preview-status')).toHaveText('Running', { timeout: 20_000 })
      await expect(frameOf(page).locator('[data-qv="panel"]').first()).toBeAttached({ timeout: 20_000 })
      await page.waitForTimeout(300)
    }
  })
})

test('the theme switch sets light or dark, is kept, and the preview widget follows dark', async ({ page }) => {
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(page.getByTestId('theme-switch')).toHaveValue('system')
  expect(await bg()).toBe('rgb(255, 255, 255)')
  await page.getByTestId('theme-switch').selectOption('dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  expect(await bg()).toBe('rgb(30, 30, 30)')
  // Kept in the settings: a reload comes back dark although the system is light.
  await page.reload()
  await expect(page.getByTestId('theme-switch')).toHaveValue('dark')
  expect(await bg()).toBe('rgb(30, 30, 30)')

  // Dashboard View has a documented themeId: the sandbox's dark theme goes in by that key.
  await fillTokenForm(page, { userid: 'dark-user', appid: '59VShVtjM', expiresIn: '10m' })
  await selectWidget(page, 'page-view')
  await generateAndPreview(page)
  const view = frameOf(page).locator('qrvey-end-user')
  await expect(view).toHaveAttribute('data-qv-scheme', 'dark', { timeout: 20_000 })
  await expect(view).toHaveAttribute('data-qv-theme', 'sandbox-dark')
  await page.getByTestId('drawer-tab-config').click()
  await expect(page.getByTestId('preview-config')).toContainText('"themeId": "sandbox-dark"')
  await page.getByTestId('drawer-tab-log').click()
  await expect(logEntry(page, 'workbench', 'dark-theme')).toContainText('themeId "sandbox-dark"')
  const surface = await frameOf(page).locator('[data-qv="panel"]').first().evaluate((el) => getComputedStyle(el).backgroundColor)
  expect(surface).toBe('rgb(24, 33, 47)')
  await shots(page, 'theme-dark-preview', { sizes: ['small', 'large'] })

  // The v9 dashboard has no documented theme key: a preview-only hint, absent from the copied host page.
  await selectWidget(page, 'qrvey-dashboard')
  await page.getByTestId('widget-field-dashboardId').fill('overview')
  await page.getByTestId('preview-button').click()
  await expect(frameOf(page).locator('qrvey-dashboard')).toHaveAttribute('data-qv-scheme', 'dark', { timeout: 20_000 })
  await expect(logEntry(page, 'workbench', 'dark-theme').last()).toContainText('not in the copied host page')
  await page.getByTestId('drawer-tab-host').click()
  await expect(page.getByTestId('preview-host-page')).not.toContainText('data-qv-sandbox-scheme')

  // Back to light: the running preview is built again, light, by itself.
  await page.getByTestId('drawer-tab-log').click()
  const startedBefore = await logEntry(page, 'workbench', 'preview-started').count()
  await page.getByTestId('theme-switch').selectOption('light')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  expect(await bg()).toBe('rgb(255, 255, 255)')
  await expect(logEntry(page, 'workbench', 'theme-changed')).toContainText('light now')
  await expect(page.getByTestId('preview-status')).toHaveText('Running', { timeout: 20_000 })
  await expect(frameOf(page).locator('qrvey-dashboard')).toBeAttached()
  await expect(frameOf(page).locator('qrvey-dashboard')).not.toHaveAttribute('data-qv-scheme', 'dark')
  await expect(page.getByTestId('preview-stale')).toHaveCount(0)
  // The rebuild is said once ("built again to match"), not as one more "Preview started".
  await expect(logEntry(page, 'workbench', 'theme-changed')).toHaveCount(1)
  await expect(logEntry(page, 'workbench', 'preview-started')).toHaveCount(startedBefore)
  // With a form edit pending, the theme does not rebuild the page on its own: the notice asks for Preview again.
  await page.getByTestId('widget-field-dashboardId').fill('products')
  await page.getByTestId('theme-switch').selectOption('dark')
  await expect(page.getByTestId('preview-stale')).toBeVisible()
  await expect(frameOf(page).locator('qrvey-dashboard')).not.toHaveAttribute('data-qv-scheme', 'dark')
})

test('History is one Tab stop: Generate is a few Tabs away however long the list; arrow keys move through it', async ({ page }) => {
  await fillTokenForm(page, { userid: 'tab-user', appid: '59VShVtjM' })
  const N = 12
  for (let i = 0; i < N; i++) {
    await page.getByTestId('generate-button').click()
    await expect(page.getByTestId('generate-button')).toHaveText('Generate token')
  }
  await page.getByTestId('sidebar-tab-history').click()
  const entries = page.getByTestId('history-entry')
  await expect(entries).toHaveCount(N)
  await page.getByTestId('sidebar-tab-history').focus()
  let stops = 0
  const path: string[] = []
  while (stops < 60) {
    await page.keyboard.press('Tab')
    stops++
    const at = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '')
    path.push(at)
    if (at === 'generate-button') break
  }
  // search, kind, outcome, Clear, the current entry, its Re-run, then the form's Generate.
  expect(path.at(-1), path.join(' > ')).toBe('generate-button')
  expect(stops, path.join(' > ')).toBeLessThanOrEqual(8)
  expect(path.filter((p) => p === 'history-entry')).toHaveLength(1)

  // Arrow keys move through the entries; Tab then reaches the focused entry's Re-run.
  await entries.first().focus()
  await page.keyboard.press('ArrowDown')
  await expect(entries.nth(1)).toBeFocused()
  await page.keyboard.press('End')
  await expect(entries.nth(N - 1)).toBeFocused()
  await page.keyboard.press('Home')
  await expect(entries.first()).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Tab')
  await expect(entries.nth(1).getByTestId('history-rerun')).toBeFocused()
  // Leaving and coming back lands on the entry last used.
  await page.keyboard.press('Shift+Tab')
  await expect(entries.nth(1)).toBeFocused()
  await shots(page, 'history-roving-focus', { sizes: ['small'] })
})

test('earlier small fixes hold: History empty state names previews, the paste dialog title, errors cleared on switch and New', async ({ page, harness }) => {
  await page.getByTestId('sidebar-tab-history').click()
  await expect(page.getByTestId('history-empty')).toContainText('Every token request and every preview run shows up here')
  await page.getByTestId('sidebar-tab-environments').click()

  // A preview runs; then a request fails: "Preview again" stays available and uses the running token.
  await fillTokenForm(page, { userid: 'u1', appid: '59VShVtjM', expiresIn: '10m' })
  await generateAndPreview(page)
  await addEnvironment(page, { name: 'Wrong key', domain: harness.app.sandbox.url, apiKey: 'not-the-demo-key-0000' })
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('token-error')).toBeVisible()
  await expect(page.getByTestId('preview-button')).toBeEnabled()
  await page.getByTestId('preview-button').click()
  await expect(logEntry(page, 'workbench', 'preview-started')).toHaveCount(2)
  await expect(page.getByTestId('preview-status')).toHaveText('Running', { timeout: 20_000 })

  // The failed request's error goes when another environment is chosen, and on New.
  await page.getByTestId('tab-result').click()
  await expect(page.getByTestId('token-error')).toBeVisible()
  await page.getByTestId('environment-item').filter({ hasText: 'Offline sandbox' }).click()
  await expect(page.getByTestId('token-error')).toHaveCount(0)
  await page.getByTestId('environment-item').filter({ hasText: 'Wrong key' }).click()
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('token-error')).toBeVisible()
  await newSetupDiscarding(page)
  await expect(page.getByTestId('token-error')).toHaveCount(0)

  // Pasted share text: the dialog says where it comes from in plain words.
  const setup = setupSchema.parse({ formatVersion: 1, name: 'Pasted one', environment: 'Offline sandbox', widget: 'page-view', token: { userid: 'p1', appid: '59VShVtjM' } })
  await page.getByTestId('sidebar-tab-setups').click()
  await page.getByTestId('share-paste-toggle').click()
  await page.getByTestId('share-paste-input').fill(encodeSetupShareText(setup))
  await page.getByTestId('share-paste-import').click()
  await expect(page.getByTestId('import-preview')).toContainText('Import from pasted text')
})
