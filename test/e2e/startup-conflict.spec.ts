/**
 * Issue 7 in Chromium against the real composition: damaged files at start
 * are moved aside or listed, and the start-up notices say where; a save over
 * a version another workbench wrote is refused and the setup bar offers the
 * ways on. Screenshots (light and dark) go to the test output folder and,
 * with SHOTS_DIR set, there too.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test as base, type Page } from '@playwright/test'
import { startHarness } from '../support/harness'
import { expect, fillTokenForm, test } from './fixtures'

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) })
  if (process.env.SHOTS_DIR) {
    mkdirSync(process.env.SHOTS_DIR, { recursive: true })
    await page.screenshot({ path: join(process.env.SHOTS_DIR, `${name}.png`) })
  }
}

for (const scheme of ['light', 'dark'] as const) {
  base(`start-up with damaged files: the notices say what was moved aside or listed, and where (${scheme})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.emulateMedia({ colorScheme: scheme })
    const harness = await startHarness({
      prepare: (dir) => {
        writeFileSync(join(dir, 'secrets.json'), '{"secrets": "not an object"}')
        writeFileSync(join(dir, 'history.jsonl'), '{"id":"x","time":"2025-01-01T00:00:00.000Z","kind":"tok\n')
        mkdirSync(join(dir, 'workspace', 'setups'), { recursive: true })
        writeFileSync(join(dir, 'workspace', 'setups', 'Broken.json'), '{"formatVersion": 1, "name": ')
      }
    })
    try {
      await harness.open(page)
      const notices = page.getByTestId('startup-notice')
      await expect(notices).toHaveCount(3)
      await expect(notices.nth(0)).toContainText(/API key store file was damaged and was moved aside to .*secrets\.corrupt-/)
      await expect(notices.nth(1)).toContainText('setups/Broken.json')
      await expect(notices.nth(2)).toContainText(/damaged line\(s\) of the history .* copied to .*history\.corrupt-/)
      // The damaged bytes are kept.
      const backup = readdirSync(harness.dataDir).find((n) => n.startsWith('secrets.corrupt-'))!
      expect(readFileSync(join(harness.dataDir, backup), 'utf8')).toBe('{"secrets": "not an object"}')
      await shot(page, `startup-notices-${scheme}`)
    } finally {
      await harness.close()
    }
  })
}

for (const scheme of ['light', 'dark'] as const) {
  test(`a save over another workbench's version is refused, and "Save mine as a copy" keeps both (${scheme})`, async ({ page, harness }) => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.emulateMedia({ colorScheme: scheme })
    await fillTokenForm(page, { userid: 'mine-before', appid: '59VShVtjM' })
    await page.getByTestId('setup-save').click()
    await page.getByTestId('setup-name-input').fill('Acme page view')
    await page.getByTestId('setup-name-confirm').click()
    await expect(page.getByTestId('setup-current')).toHaveText('Acme page view')
    const id = harness.app.workspace.store.list()[0].id

    await page.getByTestId('input-userid').fill('mine-after')
    // Another workbench on the same folder saves first (this window hears nothing of it).
    const record = harness.app.workspace.store.get(id)
    if (!record.ok) throw new Error(record.error.message)
    const theirs = await harness.app.workspace.store.save({ id, setup: { ...record.value.setup, token: { ...record.value.setup.token, userid: 'theirs' } }, baseRevision: record.value.summary.revision })
    expect(theirs.ok).toBe(true)

    await page.getByTestId('setup-save').click()
    const conflict = page.getByTestId('setup-conflict')
    await expect(conflict).toContainText('was changed on disk since you opened it')
    await expect(page.getByTestId('setup-notice')).toHaveCount(0)
    const file = join(harness.app.workspace.path, 'setups', `${id}.json`)
    expect(JSON.parse(readFileSync(file, 'utf8')).token.userid).toBe('theirs')
    await shot(page, `save-conflict-${scheme}`)

    await conflict.getByTestId('setup-conflict-copy').click()
    await expect(conflict).toHaveCount(0)
    await expect(page.getByTestId('setup-current')).toHaveText('Acme page view (my copy)')
    const files = readdirSync(join(harness.app.workspace.path, 'setups')).filter((n) => n.endsWith('.json'))
    const users = files.map((n) => JSON.parse(readFileSync(join(harness.app.workspace.path, 'setups', n), 'utf8')).token.userid).sort()
    expect(users).toEqual(['mine-after', 'theirs'])
  })
}
