import { describe, expect, it } from 'vitest'
import { serializeSetup, setupSchema, type Setup } from '@shared/setup'
import {
  emptyFormSnapshot,
  formFromSetup,
  formKey,
  formPatchFromRequest,
  isFormModified,
  setupFromForm,
  type FormSnapshot,
  type SetupMeta
} from '@renderer/lib/setup-form'

const PERMISSIONS = [{ dataset_id: '*', record_permissions: [{ security_name: 'region', validation_type: 'EQUAL', values: ['North'] }] }]

/** A form with everything a setup keeps filled in, as a user would type it. */
function fullForm(): FormSnapshot {
  return {
    widgetId: 'single-panel',
    widgetValues: {
      'single-panel': { qrveyId: 'sales-orders', type: 'CHART', chartId: 'revenue-by-region', panelId: '' },
      'page-view': { dashboardId: 'overview' }
    },
    fields: { userid: ' izfZIkc ', appid: '59VShVtjM', clientid: 'jane@acme.com', expiresIn: '10m' },
    timeoutText: '30000',
    permissionsText: JSON.stringify(PERMISSIONS),
    extraText: '{"orgId": "acme", "roles": ["viewer"]}',
    qrvey86: false
  }
}

const META = { name: 'Acme staging – single panel', environment: 'Acme staging' }

function build(form: FormSnapshot, meta: SetupMeta = META): Setup {
  const built = setupFromForm(form, meta)
  if (!built.ok) throw new Error(built.problems.join('; '))
  return built.setup
}

describe('setupFromForm / formFromSetup', () => {
  it('builds the setup the form stands for: environment by name, widget, token body, widget fields, 8.6 switch, timeout', () => {
    const setup = build(fullForm())
    expect(setup).toEqual({
      formatVersion: 1,
      name: 'Acme staging – single panel',
      environment: 'Acme staging',
      widget: 'single-panel',
      qrvey86OrNewer: false,
      timeoutMs: 30000,
      token: { userid: 'izfZIkc', appid: '59VShVtjM', clientid: 'jane@acme.com', expiresIn: '10m', permissions: PERMISSIONS, extra: { orgId: 'acme', roles: ['viewer'] } },
      // Only the chosen widget's values, without empty texts.
      widgetFields: { qrveyId: 'sales-orders', type: 'CHART', chartId: 'revenue-by-region' }
    })
    // What main would write: the shared schema accepts it as it is.
    expect(setupSchema.parse(setup)).toEqual(setup)
  })

  it('round trip: form -> setup -> form -> setup gives the same file text', () => {
    const first = build(fullForm())
    const { form, warnings } = formFromSetup(first)
    expect(warnings).toEqual([])
    expect(form.widgetId).toBe('single-panel')
    expect(form.fields).toEqual({ userid: 'izfZIkc', appid: '59VShVtjM', clientid: 'jane@acme.com', expiresIn: '10m' })
    expect(form.timeoutText).toBe('30000')
    expect(form.qrvey86).toBe(false)
    expect(JSON.parse(form.permissionsText)).toEqual(PERMISSIONS)
    expect(JSON.parse(form.extraText)).toEqual({ orgId: 'acme', roles: ['viewer'] })
    expect(serializeSetup(build(form))).toBe(serializeSetup(first))
  })

  it('round trip: a saved setup -> form -> setup is byte-identical, also for a minimal draft', () => {
    const saved = setupSchema.parse({
      formatVersion: 1,
      name: 'Draft',
      environment: '',
      widget: 'page-view',
      token: { userid: '', appid: '' },
      notes: 'ticket #4411'
    })
    const { form } = formFromSetup(saved)
    expect(form.fields.expiresIn).toBe('')
    expect(serializeSetup(build(form, { name: 'Draft', environment: '', notes: 'ticket #4411' }))).toBe(serializeSetup(saved))
  })

  it('leaves empty optional fields out, as the token body does', () => {
    const form = { ...emptyFormSnapshot(), fields: { userid: 'u1', appid: 'a1', clientid: '  ', expiresIn: '' } }
    const setup = build(form, { name: 'x', environment: 'Offline sandbox' })
    expect(setup.token).toEqual({ userid: 'u1', appid: 'a1' })
    expect(setup.timeoutMs).toBeUndefined()
    expect(setup.widgetFields).toEqual({})
  })

  it('refuses what a setup cannot keep (broken JSON, a bad timeout) with the reason', () => {
    const broken = { ...fullForm(), permissionsText: '[{"dataset_id": ', timeoutText: 'soon' }
    const built = setupFromForm(broken, META)
    expect(built.ok).toBe(false)
    if (!built.ok) {
      expect(built.problems[0]).toMatch(/^Permissions: /)
      expect(built.problems[1]).toMatch(/whole number of milliseconds/)
    }
  })

  it('names an unknown widget instead of silently picking another', () => {
    const setup = setupSchema.parse({ formatVersion: 1, name: 'Old', widget: 'mystery-widget', widgetFields: { a: 'b' } })
    const applied = formFromSetup(setup)
    expect(applied.form.widgetId).toBe('page-view')
    expect(applied.warnings[0]).toContain('"mystery-widget"')
  })
})

describe('modified detection', () => {
  const saved = build(fullForm())
  const opened = () => formFromSetup(saved).form

  it('is not modified right after opening, nor when only the JSON layout differs', () => {
    expect(isFormModified(opened(), saved, 'Acme staging')).toBe(false)
    const relaid = { ...opened(), permissionsText: JSON.stringify(PERMISSIONS), extraText: '{ "roles": ["viewer"], "orgId": "acme" }' }
    expect(isFormModified(relaid, saved, 'Acme staging')).toBe(false)
  })

  it('is modified by any kept field, by another environment, and by JSON a setup cannot hold', () => {
    expect(isFormModified({ ...opened(), fields: { ...opened().fields, userid: 'other' } }, saved, 'Acme staging')).toBe(true)
    expect(isFormModified({ ...opened(), qrvey86: true }, saved, 'Acme staging')).toBe(true)
    expect(isFormModified({ ...opened(), timeoutText: '' }, saved, 'Acme staging')).toBe(true)
    expect(isFormModified({ ...opened(), widgetValues: { 'single-panel': { qrveyId: 'x', type: 'CHART', chartId: 'c' } } }, saved, 'Acme staging')).toBe(true)
    expect(isFormModified(opened(), saved, 'Acme prod')).toBe(true)
    expect(isFormModified({ ...opened(), extraText: '{"orgId": ' }, saved, 'Acme staging')).toBe(true)
  })

  it('a setup with personas and expectations opens unmodified, and a save from the form keeps them (issue 12)', () => {
    const personas = [{ persona: 'Europe only', expect: [{ kind: 'only-values' as const, dataset: 'sales-orders', column: 'region', values: ['Europe'] }] }]
    const withPersonas: Setup = { ...saved, personas }
    const form = formFromSetup(withPersonas).form
    expect(isFormModified(form, withPersonas, 'Acme staging')).toBe(false)
    const rebuilt = build(form, { ...META, personas: withPersonas.personas })
    expect(rebuilt.personas).toEqual(personas)
    expect(serializeSetup(rebuilt)).toBe(serializeSetup(withPersonas))
  })

  it('is back to unmodified when an edit is undone by hand', () => {
    const form = opened()
    const edited = { ...form, fields: { ...form.fields, userid: 'other' } }
    expect(formKey(edited, META)).not.toBe(formKey(form, META))
    expect(isFormModified({ ...edited, fields: { ...edited.fields, userid: 'izfZIkc' } }, saved, 'Acme staging')).toBe(false)
  })
})

describe('formPatchFromRequest (history re-run)', () => {
  it('puts the body back into the fields, the permissions editor and the extra JSON; version is the form’s own', () => {
    const patch = formPatchFromRequest({
      environmentId: 'env-1',
      body: { userid: 'u1', appid: 'a1', expiresIn: '1h', version: '2', permissions: PERMISSIONS, orgId: 'acme' },
      timeoutMs: 5000,
      widgetId: 'analytic-suite'
    })
    expect(patch.fields).toEqual({ userid: 'u1', appid: 'a1', clientid: '', expiresIn: '1h' })
    expect(JSON.parse(patch.permissionsText)).toEqual(PERMISSIONS)
    expect(JSON.parse(patch.extraText)).toEqual({ orgId: 'acme' })
    expect(patch.timeoutText).toBe('5000')
    expect(patch.widgetId).toBe('analytic-suite')
  })
})
