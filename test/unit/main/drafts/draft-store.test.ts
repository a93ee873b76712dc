import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DraftStore } from '../../../../src/main/drafts/draft-store'
import { createSecretGuard } from '../../../../src/main/workspace/secret-guard'
import type { Draft } from '../../../../src/shared/draft'
import { makeTempDir } from '../../../support/temp-dir'

const SENTINEL = 'SENTINEL-draft-77c1-9f02'
const temps: Array<{ cleanup(): void }> = []
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()))

function store() {
  const temp = makeTempDir('qwb-draft-')
  temps.push(temp)
  const file = join(temp.dir, 'draft.json')
  return { file, drafts: new DraftStore(file, createSecretGuard(() => [SENTINEL]), () => new Date('2024-05-01T10:00:00Z')) }
}

const DRAFT: Draft = {
  setupId: 'customer-4711',
  draftName: '',
  environment: 'Offline sandbox',
  form: {
    widgetId: 'single-panel',
    widgetValues: { 'single-panel': { qrveyId: 'sales-orders', type: 'CHART', chartId: 'revenue-by-region' } },
    fields: { userid: 'u1', appid: '59VShVtjM', clientid: '', expiresIn: '1h' },
    timeoutText: '',
    permissionsText: '[',
    extraText: '',
    qrvey86: true
  }
}

describe('DraftStore', () => {
  it('keeps a draft in a file across instances (a reload, a restart), even one with broken JSON', () => {
    const { file, drafts } = store()
    expect(drafts.get()).toBeNull()
    drafts.put(DRAFT)
    const again = new DraftStore(file, createSecretGuard())
    expect(again.get()).toEqual({ ...DRAFT, savedAt: '2024-05-01T10:00:00.000Z' })
    again.clear()
    expect(existsSync(file)).toBe(false)
    expect(again.get()).toBeNull()
  })

  it('refuses to keep a draft that holds a known API key, and drops the older one', () => {
    const { file, drafts } = store()
    drafts.put(DRAFT)
    const result = drafts.put({ ...DRAFT, form: { ...DRAFT.form, extraText: `{"note": "${SENTINEL}"}` } })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toContain('API key')
    expect(existsSync(file)).toBe(false)
  })

  it('ignores a damaged or hand-edited file instead of failing start-up', () => {
    const { file, drafts } = store()
    writeFileSync(file, '{"setupId": 1')
    expect(drafts.get()).toBeNull()
    writeFileSync(file, JSON.stringify({ ...DRAFT, savedAt: 'x', extraField: true }))
    expect(drafts.get()).toBeNull()
    drafts.put(DRAFT)
    expect(JSON.parse(readFileSync(file, 'utf8')).form.permissionsText).toBe('[')
  })
})
