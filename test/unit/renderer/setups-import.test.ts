import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { MAX_IMPORT_BYTES } from '@shared/export-format'
import { setWorkbench } from '@renderer/bridge'
import { readImportFile } from '@renderer/lib/import-file'
import { useEnvironmentsStore } from '@renderer/stores/environments'
import { useImportsStore } from '@renderer/stores/imports'
import { useSetupsStore } from '@renderer/stores/setups'
import ImportPreviewDialog from '@renderer/components/ImportPreviewDialog.vue'
import SetupsPanel from '@renderer/components/SetupsPanel.vue'
import WorkspaceToast from '@renderer/components/WorkspaceToast.vue'
import { createFakeWorkbench, settle, type Fake } from './fake-workbench'

let fake: Fake
let pinia: Pinia
let wrapper: VueWrapper | undefined
const tid = (id: string) => `[data-testid="${id}"]`

beforeEach(async () => {
  pinia = createPinia()
  setActivePinia(pinia)
  fake = createFakeWorkbench()
  setWorkbench(fake)
  await useEnvironmentsStore().load()
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  setWorkbench(undefined)
})

/** A File whose size says 50 MB without 50 MB in memory; `text` must never be called. */
function hugeFile() {
  const file = new File(['{}'], 'huge.json', { type: 'application/json' })
  Object.defineProperty(file, 'size', { value: 50 * 1024 * 1024 })
  const text = vi.spyOn(file, 'text')
  return { file, text }
}

function exportText(setups: object[], environments: object[] = []) {
  return JSON.stringify({ format: 'qrvey-embed-workbench', formatVersion: 1, setups, environments })
}

const ACME_SETUP = { formatVersion: 1, name: 'Acme – page view', environment: 'Acme staging', widget: 'page-view', token: { userid: 'u1', appid: 'a1' } }

describe('import file size and reading', () => {
  it('refuses a file larger than the limit from its size, before reading it, naming the size', async () => {
    const { file, text } = hugeFile()
    const read = await readImportFile(file)
    expect(read).toEqual({ ok: false, message: expect.stringContaining('50.0 MB') })
    if (!read.ok) expect(read.message).toContain('16.0 MB')
    expect(text).not.toHaveBeenCalled()
  })

  it('the store refuses it without asking main, and nothing changes', async () => {
    const imports = useImportsStore()
    const { file, text } = hugeFile()
    expect(await imports.fromFile(file)).toBe(false)
    expect(text).not.toHaveBeenCalled()
    expect(fake.workspace.previewImport).not.toHaveBeenCalled()
    expect(imports.refusal?.message).toMatch(/huge\.json: The file is 50\.0 MB/)
    expect(imports.preview).toBeNull()
  })

  it('reads a file at the limit', async () => {
    const file = new File([exportText([ACME_SETUP])], 'ok.json')
    expect(file.size).toBeLessThan(MAX_IMPORT_BYTES)
    expect(await readImportFile(file)).toMatchObject({ ok: true, name: 'ok.json' })
  })
})

describe('import preview dialog', () => {
  async function previewed(text: string) {
    const setups = useSetupsStore()
    await setups.load()
    wrapper = mount(ImportPreviewDialog, { global: { plugins: [pinia] }, attachTo: document.body })
    const imports = useImportsStore()
    await imports.fromFile(new File([text], 'acme.export.json'))
    await settle()
    return imports
  }

  it('shows what would be added and replaced, the dropped secrets, and the missing environments; Apply writes', async () => {
    fake.folder.seed({ name: 'Existing', environment: 'Offline sandbox', token: { userid: 'old', appid: 'a' } })
    const text = exportText(
      [
        { ...ACME_SETUP, token: { ...ACME_SETUP.token, extra: { apiKey: 'SENTINEL-should-not-travel' } } },
        { formatVersion: 1, name: 'Existing', environment: 'Offline sandbox', token: { userid: 'new', appid: 'a' } }
      ],
      [{ name: 'Acme staging', domain: 'https://acme.qrveyapp.com' }]
    )
    await previewed(text)
    const dialog = wrapper!.find(tid('import-preview'))
    expect(dialog.exists()).toBe(true)
    expect(dialog.attributes('role')).toBe('dialog')
    const items = dialog.findAll(tid('import-item'))
    expect(items.map((i) => i.attributes('data-action'))).toEqual(['add', 'replace'])
    expect(dialog.find(tid('import-counts')).text()).toContain('1 new')
    expect(dialog.find(tid('import-notice')).text()).toMatch(/^Dropped apiKey at setups\[0\]\.token\.extra/)
    expect(dialog.find(tid('import-missing-env')).text()).toContain('Acme staging')
    expect(dialog.find(tid('import-missing-env')).text()).toContain('https://acme.qrveyapp.com')
    expect(dialog.html()).not.toContain('SENTINEL')

    // The conflict policy re-previews.
    await dialog.find(tid('import-policy-skip')).setValue(true)
    await settle()
    expect(fake.workspace.previewImport).toHaveBeenLastCalledWith({ text, onConflict: 'skip' })
    expect(wrapper!.findAll(tid('import-item')).map((i) => i.attributes('data-action'))).toEqual(['add', 'skip'])

    await wrapper!.find(tid('import-apply')).trigger('click')
    await settle()
    expect(fake.workspace.applyImport).toHaveBeenCalledWith({ importId: expect.any(String), onConflict: 'skip' })
    expect(wrapper!.find(tid('import-preview')).exists()).toBe(false)
    expect(fake.folder.ids().sort()).toEqual(['acme-page-view', 'existing'])
    expect(fake.folder.setupOf('existing')?.token.userid).toBe('old')
    expect(useSetupsStore().toast?.message).toContain('1 added, 1 skipped')
  })

  it('creates a missing environment with its key, without making it the active one', async () => {
    await previewed(exportText([ACME_SETUP], [{ name: 'Acme staging', domain: 'https://acme.qrveyapp.com' }]))
    await wrapper!.find(tid('import-env-create')).trigger('click')
    const key = wrapper!.find(tid('import-env-form-key'))
    expect(key.attributes('type')).toBe('password')
    expect((wrapper!.find(tid('import-env-form-domain')).element as HTMLInputElement).value).toBe('https://acme.qrveyapp.com')
    await key.setValue('acme-key-12345678')
    await wrapper!.find(tid('import-env-form')).trigger('submit')
    await settle()
    expect(fake.environments.create).toHaveBeenCalledWith({ name: 'Acme staging', domain: 'https://acme.qrveyapp.com', apiKey: 'acme-key-12345678' })
    expect(useEnvironmentsStore().activeId).toBe('sandbox')
    expect(useEnvironmentsStore().environments.map((e) => e.name)).toContain('Acme staging')
  })

  it('Cancel writes nothing', async () => {
    await previewed(exportText([ACME_SETUP]))
    await wrapper!.find(tid('import-cancel')).trigger('click')
    expect(fake.workspace.applyImport).not.toHaveBeenCalled()
    expect(fake.folder.ids()).toEqual([])
  })
})

describe('setups panel', () => {
  async function panel() {
    await useSetupsStore().load()
    wrapper = mount(SetupsPanel, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    return wrapper
  }

  // Was "a page of 200 at a time, grows on request" (a "show more" link): the list is now virtualised and
  // paged from main (issue 15), so every row is reachable by scrolling and the DOM holds only a window.
  it('shows a large workspace as a window of rows, fetching the rest from main as it scrolls', async () => {
    for (let i = 0; i < 450; i++) fake.folder.seed({ name: `Customer ${String(i).padStart(3, '0')}`, token: { userid: 'u', appid: 'a' } })
    const w = await panel()
    const names = () => w.findAll(tid('setup-item-name')).map((n) => n.text())
    expect(w.find(tid('setup-count')).text()).toBe('450 setups')
    // Only the first page came with the state; the DOM holds a window of it, not 450 rows.
    const first = w.findAll(tid('setup-item')).length
    expect(first).toBeGreaterThan(10)
    expect(first).toBeLessThan(100)
    expect(names()[0]).toContain('Customer 000')
    const list = w.find(tid('setup-list'))
    expect(list.attributes('aria-rowcount')).toBe('450')

    // Scrolled to the end: the last page is fetched from main and its rows replace the first ones.
    const el = list.element as HTMLElement
    Object.defineProperty(el, 'clientHeight', { configurable: true, value: 400 })
    el.scrollTop = 449 * 42
    await list.trigger('scroll')
    await settle()
    expect(fake.workspace.page).toHaveBeenCalledWith(expect.objectContaining({ offset: 400, limit: 100 }))
    expect(names().some((n) => n.includes('Customer 449'))).toBe(true)
    expect(names().some((n) => n.includes('Customer 000'))).toBe(false)
    expect(w.findAll(tid('setup-item')).length).toBeLessThan(100)
    expect(w.find(tid('setups-more')).exists()).toBe(false)
  })

  it('a change on disk while scrolled down shows in the rows in view, without emptying them first', async () => {
    for (let i = 0; i < 450; i++) fake.folder.seed({ name: `Customer ${String(i).padStart(3, '0')}`, token: { userid: 'before', appid: 'a' } }, `c${i}`)
    const w = await panel()
    const list = w.find(tid('setup-list'))
    const el = list.element as HTMLElement
    Object.defineProperty(el, 'clientHeight', { configurable: true, value: 400 })
    el.scrollTop = 440 * 42
    await list.trigger('scroll')
    await settle()
    const row = () => w.find('[data-setup-id="c445"]')
    expect(row().text()).toContain('before')

    fake.folder.seed({ name: 'Customer 445', token: { userid: 'after-pull', appid: 'a' } }, 'c445')
    // What the store does on workspace:changed.
    const applied = useSetupsStore().applyState(fake.folder.state())
    await nextTick()
    // The old rows stay on screen while the page is fetched again...
    expect(row().exists()).toBe(true)
    await applied
    await settle()
    // ...and then show what is on disk now.
    expect(row().text()).toContain('after-pull')
  })

  it('a refused file shows the message naming the field, and nothing changes', async () => {
    fake.folder.seed({ name: 'Keep me', token: { userid: 'u', appid: 'a' } })
    const w = await panel()
    const input = w.find(tid('import-file-input'))
    expect(input.attributes('accept')).toBe('.json,application/json')
    const bad = new File([exportText([{ ...ACME_SETUP, token: { userid: 42, appid: 'a1' } }])], 'bad.json')
    Object.defineProperty(input.element, 'files', { value: [bad], configurable: true })
    await input.trigger('change')
    await settle()
    expect(w.find(tid('import-error-message')).text()).toContain('bad.json was not imported: setups[0].token.userid')
    expect(w.find(tid('import-error-field')).text()).toBe('setups[0].token.userid')
    expect(w.find(tid('import-preview')).exists()).toBe(false)
    expect(fake.folder.ids()).toEqual(['keep-me'])
  })

  it('lists a malformed file with its error and flags duplicate names', async () => {
    fake.folder.seedBroken('cut', 'Not valid JSON: Unexpected end of JSON input. It looks cut off (truncated).')
    fake.folder.seed({ name: 'Twin', token: { userid: 'u', appid: 'a' } }, 'twin-a')
    fake.folder.seed({ name: 'Twin', token: { userid: 'v', appid: 'a' } }, 'twin-b')
    const w = await panel()
    const broken = w.find('[data-setup-id="cut"]')
    expect(broken.find(tid('setup-item-error')).text()).toContain('truncated')
    await broken.find(tid('setup-open')).trigger('click')
    await settle()
    expect(fake.workspace.get).not.toHaveBeenCalled()
    expect(w.findAll(tid('setup-item-duplicate-name'))).toHaveLength(2)
    expect(w.find(tid('workspace-path')).text()).toBe('/home/test/workbench/workspace')
    // No folder dialog outside the desktop app.
    expect(w.find(tid('workspace-choose')).exists()).toBe(false)
  })

  it('pasted share text goes through the same preview', async () => {
    const id = fake.folder.seed({ name: 'Shared', token: { userid: 'u', appid: 'a' } })
    const share = await fake.workspace.shareText({ id })
    if (!share.ok) throw new Error('share text')
    const w = await panel()
    await w.find(tid('share-paste-input')).setValue(share.value.text)
    await w.find(tid('share-paste-import')).trigger('click')
    await settle()
    expect(fake.workspace.previewImport).toHaveBeenCalledWith({ text: share.value.text, onConflict: 'replace' })
    expect(useImportsStore().preview?.items[0]).toMatchObject({ name: 'Shared', action: 'unchanged' })
  })
})

describe('undo toast', () => {
  it('offers Undo after a delete, and Undo brings the setup back', async () => {
    const id = fake.folder.seed({ name: 'Gone soon', token: { userid: 'u', appid: 'a' } })
    const setups = useSetupsStore()
    await setups.load()
    wrapper = mount(WorkspaceToast, { global: { plugins: [pinia] }, attachTo: document.body })
    await setups.remove(id)
    await settle()
    const toast = wrapper.find(tid('undo-toast'))
    expect(toast.text()).toContain('Deleted "Gone soon".')
    await toast.find(tid('undo-button')).trigger('click')
    await settle()
    expect(fake.folder.ids()).toEqual([id])
    expect(wrapper.find(tid('undo-toast')).exists()).toBe(false)
    expect(wrapper.find(tid('workspace-toast')).text()).toContain('Restored "Gone soon".')
  })
})
