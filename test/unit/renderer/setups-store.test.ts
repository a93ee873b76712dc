import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setWorkbench } from '@renderer/bridge'
import { useEnvironmentsStore } from '@renderer/stores/environments'
import { useSetupsStore } from '@renderer/stores/setups'
import { useTokenFormStore } from '@renderer/stores/tokenForm'
import { useTokenResultStore } from '@renderer/stores/tokenResult'
import { createFakeWorkbench, settle, type Fake } from './fake-workbench'

let fake: Fake
/** What started() started (the store's listeners, its leave guard on the window): stopped after each test. */
let stop: (() => void) | undefined

const ACME = { id: 'env-acme', name: 'Acme staging', kind: 'remote' as const, domain: 'https://acme.qrveyapp.com', timeoutMs: 15000, createdAt: '2024-01-01T00:00:00.000Z', key: { set: true, last4: '7781' } }

beforeEach(async () => {
  setActivePinia(createPinia())
  fake = createFakeWorkbench()
  fake.state.environments.push(ACME)
  setWorkbench(fake)
  await useEnvironmentsStore().load()
})

afterEach(() => {
  stop?.()
  stop = undefined
  setWorkbench(undefined)
})

function seedAcme(): string {
  return fake.folder.seed({
    name: 'Acme – page view',
    environment: 'Acme staging',
    widget: 'page-view',
    qrvey86OrNewer: false,
    token: { userid: 'izfZIkc', appid: '59VShVtjM', expiresIn: '10m' },
    widgetFields: { dashboardId: 'overview' }
  })
}

async function started() {
  const setups = useSetupsStore()
  stop = setups.start()
  await settle()
  return setups
}

describe('opening and saving setups', () => {
  it('opens a setup with one click: the form and the environment (by name) follow, and it is not modified', async () => {
    const id = seedAcme()
    const setups = await started()
    expect(setups.list.map((s) => s.name)).toEqual(['Acme – page view'])
    await setups.open(id)
    const form = useTokenFormStore()
    expect(form.fields).toMatchObject({ userid: 'izfZIkc', appid: '59VShVtjM', expiresIn: '10m' })
    expect(form.currentWidgetValues).toEqual({ dashboardId: 'overview' })
    expect(form.qrvey86).toBe(false)
    expect(useEnvironmentsStore().active?.name).toBe('Acme staging')
    expect(setups.currentName).toBe('Acme – page view')
    expect(setups.modified).toBe(false)
    // Generate works at once, and the history learns the setup and widget.
    await useTokenResultStore().generate()
    expect(fake.tokens.generate).toHaveBeenCalledWith(expect.objectContaining({ environmentId: 'env-acme', context: { setupName: 'Acme – page view', widgetId: 'page-view', widgetFields: { dashboardId: 'overview' }, qrvey86OrNewer: false } }))
    expect(fake.settings.update).toHaveBeenCalledWith({ lastSetupId: id })
  })

  it('marks edits as modified, and Save writes them and clears the mark', async () => {
    const id = seedAcme()
    const setups = await started()
    await setups.open(id)
    useTokenFormStore().fields.userid = 'someone-else'
    expect(setups.modified).toBe(true)
    const result = await setups.save()
    expect(result.ok).toBe(true)
    expect(fake.workspace.save).toHaveBeenCalledWith({ id, baseRevision: expect.stringMatching(/^rev-/), setup: expect.objectContaining({ name: 'Acme – page view', environment: 'Acme staging' }) })
    expect(fake.folder.setupOf(id)?.token.userid).toBe('someone-else')
    expect(setups.modified).toBe(false)
    expect(setups.toast?.message).toContain('Saved')
  })

  it('switching the environment of an open setup is a change to it', async () => {
    const id = seedAcme()
    const setups = await started()
    await setups.open(id)
    await useEnvironmentsStore().select('sandbox')
    expect(setups.modified).toBe(true)
  })

  it('Save as writes a new setup and opens it; a taken name is refused by name', async () => {
    seedAcme()
    const setups = await started()
    useTokenFormStore().fields.userid = 'u1'
    const taken = await setups.saveAs('acme – PAGE view')
    expect(taken.ok).toBe(false)
    if (!taken.ok) expect(taken.error.field).toBe('name')
    const result = await setups.saveAs('Sandbox smoke test')
    expect(result.ok).toBe(true)
    expect(setups.currentName).toBe('Sandbox smoke test')
    expect(setups.list.map((s) => s.name)).toContain('Sandbox smoke test')
    expect(fake.folder.setupOf(setups.currentId!)?.environment).toBe('Offline sandbox')
  })

  it('a setup naming an environment that does not exist says so and offers to create it; creating it selects it', async () => {
    const id = fake.folder.seed({ name: 'Globex prod', environment: 'Globex prod', token: { userid: 'u', appid: 'a' } })
    const setups = await started()
    await setups.open(id)
    expect(setups.environmentNotice).toMatchObject({ kind: 'missing-environment', message: expect.stringContaining('"Globex prod"') })
    expect(setups.modified).toBe(false)
    await useEnvironmentsStore().create({ name: 'Globex prod', domain: 'https://globex.qrveyapp.com' })
    await settle()
    expect(useEnvironmentsStore().active?.name).toBe('Globex prod')
    expect(setups.environmentNotice).toBeNull()
    expect(setups.modified).toBe(false)
  })

  it('does not open a file that cannot be read, and says why', async () => {
    fake.folder.seedBroken('truncated', 'Not valid JSON: Unexpected end of JSON input. It looks cut off (truncated).')
    const setups = await started()
    expect(setups.list[0]).toMatchObject({ id: 'truncated', error: expect.stringContaining('truncated') })
    expect(await setups.open('truncated')).toBe(false)
    expect(setups.actionError?.message).toContain('cannot be read')
  })

  it('reopens the setup opened last at start', async () => {
    const id = seedAcme()
    fake.folder.setSettings({ lastSetupId: id })
    const setups = await started()
    expect(setups.currentId).toBe(id)
    expect(useTokenFormStore().fields.userid).toBe('izfZIkc')
  })
})

describe('the unsaved-changes guard', () => {
  async function modifiedAcme() {
    const acme = seedAcme()
    const other = fake.folder.seed({ name: 'Other', environment: 'Offline sandbox', token: { userid: 'other', appid: 'x' } })
    const setups = await started()
    await setups.open(acme)
    useTokenFormStore().fields.userid = 'edited'
    return { setups, acme, other }
  }

  it('Cancel keeps the edits and the setup', async () => {
    const { setups, acme, other } = await modifiedAcme()
    const opening = setups.open(other)
    await settle()
    expect(setups.unsaved).toMatchObject({ name: 'Acme – page view', needsName: false })
    await setups.answerUnsaved('cancel')
    expect(await opening).toBe(false)
    expect(setups.currentId).toBe(acme)
    expect(useTokenFormStore().fields.userid).toBe('edited')
    expect(fake.workspace.save).not.toHaveBeenCalled()
  })

  it('Discard drops the edits (never saved) and opens the other setup', async () => {
    const { setups, acme, other } = await modifiedAcme()
    const opening = setups.open(other)
    await settle()
    await setups.answerUnsaved('discard')
    expect(await opening).toBe(true)
    expect(setups.currentId).toBe(other)
    expect(fake.folder.setupOf(acme)?.token.userid).toBe('izfZIkc')
    expect(fake.workspace.save).not.toHaveBeenCalled()
  })

  it('Save writes the edits first, then opens the other setup', async () => {
    const { setups, acme, other } = await modifiedAcme()
    const opening = setups.open(other)
    await settle()
    await setups.answerUnsaved('save')
    expect(await opening).toBe(true)
    expect(fake.folder.setupOf(acme)?.token.userid).toBe('edited')
    expect(setups.currentId).toBe(other)
  })

  it('New on a modified draft asks for a name to save it under; a failed save keeps the question open', async () => {
    const setups = await started()
    useTokenFormStore().fields.userid = 'draft-user'
    expect(setups.modified).toBe(true)
    const creating = setups.newSetup()
    await settle()
    expect(setups.unsaved?.needsName).toBe(true)
    await setups.answerUnsaved('save', '   ')
    expect(setups.unsaved?.error?.message).toMatch(/name/i)
    await setups.answerUnsaved('save', 'From a draft')
    expect(await creating).toBe(true)
    expect(fake.folder.ids()).toContain('from-a-draft')
    expect(useTokenFormStore().fields.userid).toBe('')
    expect(setups.modified).toBe(false)
  })

  it('does not ask when nothing changed', async () => {
    const setups = await started()
    expect(await setups.newSetup()).toBe(true)
    expect(setups.unsaved).toBeNull()
  })
})

describe('delete, undo and changes on disk', () => {
  it('delete shows an Undo toast; Undo restores the setup', async () => {
    const id = seedAcme()
    const setups = await started()
    await setups.remove(id)
    expect(setups.list).toHaveLength(0)
    expect(setups.toast).toMatchObject({ message: 'Deleted "Acme – page view".', undoToken: expect.any(String) })
    await setups.undoDelete()
    expect(fake.workspace.restore).toHaveBeenCalledWith({ undoToken: 'undo-1' })
    expect(setups.list.map((s) => s.id)).toEqual([id])
  })

  it('follows workspace:changed: the list, and the open setup when it has no edits', async () => {
    const id = seedAcme()
    const setups = await started()
    await setups.open(id)
    // Someone edits the file (git pull, an editor); main reports the new state.
    fake.folder.seed({ name: 'Acme – page view', environment: 'Acme staging', token: { userid: 'pulled', appid: '59VShVtjM' } }, id)
    fake.emit('workspace:changed', fake.folder.state())
    await settle()
    expect(setups.list[0].userid).toBe('pulled')
    expect(useTokenFormStore().fields.userid).toBe('pulled')
    expect(setups.modified).toBe(false)
    expect(setups.notice?.kind).toBe('disk-changed')
  })

  it('keeps unsaved edits when the open file changes on disk, and says so', async () => {
    const id = seedAcme()
    const setups = await started()
    await setups.open(id)
    useTokenFormStore().fields.appid = 'mine'
    fake.folder.seed({ name: 'Acme – page view', environment: 'Acme staging', token: { userid: 'pulled', appid: '59VShVtjM' } }, id)
    fake.emit('workspace:changed', fake.folder.state())
    await settle()
    expect(useTokenFormStore().fields.appid).toBe('mine')
    expect(setups.modified).toBe(true)
    expect(setups.notice?.message).toContain('unsaved edits are kept')
  })

  it('reloads the environments on environments:changed', async () => {
    await started()
    const list = vi.mocked(fake.environments.list)
    const before = list.mock.calls.length
    fake.emit('environments:changed', fake.state)
    await settle()
    expect(list.mock.calls.length).toBe(before + 1)
  })
})
