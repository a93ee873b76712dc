/**
 * The renderer's personas store and the persona form (issue 12): persona ->
 * form -> persona round trip, per-field problems, save/rename/duplicate/
 * delete with undo through the bridge (a fake folder with the shared parser).
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setWorkbench } from '@renderer/bridge'
import { formFromPersona, personaFromForm } from '@renderer/lib/persona-form'
import { usePersonasStore } from '@renderer/stores/personas'
import type { Persona } from '@shared/personas/persona'
import { createFakeWorkbench } from './fake-workbench'

const europe: Persona = {
  formatVersion: 1,
  name: 'Europe only',
  description: 'Regional manager',
  token: {
    userid: 'europe-manager',
    clientid: 'em@example.com',
    permissions: [{ dataset_id: 'sales-orders', operator: 'AND', record_permissions: [{ security_name: 'region', validation_type: 'EQUAL', values: ['Europe'] }] }],
    asset_permissions: { pages: { page_ids: ['overview'] } },
    roles: 'Finance',
    extra: { orgId: 'acme' }
  }
}

describe('persona form', () => {
  it('round-trips a persona (roles kept as a text when the file had a text)', () => {
    const back = personaFromForm(formFromPersona(europe))
    expect(back).toEqual({ ok: true, persona: europe })
  })

  it('names the field that is wrong', () => {
    const form = formFromPersona(europe)
    expect(personaFromForm({ ...form, name: '  ' })).toMatchObject({ ok: false, field: 'name', message: expect.stringMatching(/Give the persona a name/) })
    expect(personaFromForm({ ...form, permissionsText: '[{"dataset_id": 1}]' })).toMatchObject({ ok: false, field: 'permissions' })
    expect(personaFromForm({ ...form, assetPermissionsText: '[]' })).toMatchObject({ ok: false, field: 'asset_permissions' })
    expect(personaFromForm({ ...form, extraText: '{"roles": "x"}' })).toMatchObject({ ok: false, field: 'extra', message: expect.stringMatching(/has its own field/) })
  })

  it('leaves empty optional fields out and reads a list of roles', () => {
    const form = { ...formFromPersona(europe), clientid: ' ', permissionsText: '', assetPermissionsText: '', extraText: '', rolesText: 'Finance, Sales', rolesAsText: false }
    expect(personaFromForm(form)).toEqual({ ok: true, persona: { formatVersion: 1, name: 'Europe only', description: 'Regional manager', token: { userid: 'europe-manager', roles: ['Finance', 'Sales'] } } })
  })
})

describe('personas store', () => {
  let wb: ReturnType<typeof createFakeWorkbench>
  beforeEach(() => {
    setActivePinia(createPinia())
    wb = createFakeWorkbench()
    setWorkbench(wb as never)
  })

  it('creates, renames (the file follows), duplicates, deletes and undoes', async () => {
    const store = usePersonasStore()
    await store.load()
    store.newPersona()
    expect(store.editing).toBe(true)
    Object.assign(store.form, formFromPersona(europe))
    expect(store.modified).toBe(true)
    expect(await store.save()).toBe(true)
    expect(store.modified).toBe(false)
    expect(store.list.map((p) => p.name)).toEqual(['Europe only'])
    expect(store.currentId).toBe('Europe only')

    store.form.name = 'EMEA'
    expect(await store.save()).toBe(true)
    expect(store.list.map((p) => p.id)).toEqual(['EMEA'])
    expect(store.currentId).toBe('EMEA')

    expect(await store.duplicate('EMEA')).toBe(true)
    expect(store.list.map((p) => p.name)).toEqual(['Copy of EMEA', 'EMEA'])
    expect(await store.remove('EMEA')).toBe(true)
    expect(store.list.map((p) => p.name)).toEqual(['Copy of EMEA'])
    expect(store.toast?.undoToken).toBeTruthy()
    await store.undoDelete()
    expect(store.list.map((p) => p.name)).toEqual(['Copy of EMEA', 'EMEA'])
    expect(store.findByName('  emea ')?.id).toBe('EMEA')
  })

  it('a save refused for its name shows on the name field, and the form is kept', async () => {
    const store = usePersonasStore()
    wb.personaFolder.seed(europe)
    await store.load()
    store.newPersona()
    Object.assign(store.form, formFromPersona({ ...europe, description: 'mine' }))
    expect(await store.save()).toBe(false)
    expect(store.fieldError).toMatchObject({ field: 'name', message: expect.stringMatching(/already exists/) })
    expect(store.form.description).toBe('mine')
  })

  it('adds the demo personas and opens the first one added', async () => {
    const store = usePersonasStore()
    await store.load()
    expect(await store.addDemos()).toBe(true)
    expect(store.list.map((p) => p.name)).toEqual(['Europe only', 'No permissions'])
    expect(store.editing).toBe(true)
    expect(store.form.name).toBe('Europe only')
  })

  it('asks before leaving unsaved edits: Cancel keeps them, Save writes them, Discard drops them', async () => {
    const store = usePersonasStore()
    wb.personaFolder.seed(europe)
    wb.personaFolder.seed({ formatVersion: 1, name: 'Other', token: { userid: 'o' } })
    await store.load()
    await store.open('Europe only')
    store.form.description = 'edited'
    await store.guard(() => store.open('Other'))
    expect(store.leaving?.name).toBe('Europe only')
    expect(store.form.name).toBe('Europe only')
    await store.answerLeave('cancel')
    expect(store.leaving).toBeNull()
    expect(store.form.description).toBe('edited')
    await store.guard(() => store.open('Other'))
    await store.answerLeave('save')
    expect(store.form.name).toBe('Other')
    expect(wb.personaFolder.files.get('Europe only')?.description).toBe('edited')
    store.form.userid = 'changed'
    await store.guard(() => store.open('Europe only'))
    await store.answerLeave('discard')
    expect(store.form.name).toBe('Europe only')
    expect(wb.personaFolder.files.get('Other')?.token.userid).toBe('o')
  })

  describe('overlapping opens: the newest wins, whatever order the answers come in', () => {
    /** Holds every personas.get answer until the test releases it. */
    function gateGets() {
      const real = wb.personas.get.getMockImplementation()!
      const gates: Array<() => void> = []
      wb.personas.get.mockImplementation((args: { id: string }) => new Promise((resolve) => gates.push(() => resolve(real(args)))))
      return gates
    }
    const flush = () => new Promise((resolve) => setTimeout(resolve, 0))
    /** Europe only and Other in the folder, listed. */
    async function seededStore() {
      wb.personaFolder.seed({ ...europe })
      wb.personaFolder.seed({ formatVersion: 1, name: 'Other', description: 'Other one', token: { userid: 'o' } })
      const store = usePersonasStore()
      await store.load()
      return store
    }

    it('an older answer arriving last does not replace the persona chosen since, nor what was typed into it', async () => {
      const store = await seededStore()
      const gates = gateGets()
      // The demo personas open the first they added; meanwhile the user clicks another.
      const automatic = store.open('Other')
      const chosen = store.open('Europe only')
      gates[1]()
      expect(await chosen).toBe(true)
      expect(store.form.name).toBe('Europe only')
      store.form.description = 'Typed at once'
      gates[0]()
      expect(await automatic).toBe(false)
      expect(store.form.name).toBe('Europe only')
      expect(store.form.description).toBe('Typed at once')
      expect(store.currentId).toBe('Europe only')
    })

    it('answers in the order asked: the last asked still wins', async () => {
      const store = await seededStore()
      const gates = gateGets()
      const first = store.open('Europe only')
      const second = store.open('Other')
      gates[0]()
      await flush()
      gates[1]()
      expect([await first, await second]).toEqual([false, true])
      expect(store.form.name).toBe('Other')
    })

    /** Other open, unmodified; the user clicks Europe and types before it arrives. */
    async function typeWhileLoading() {
      const store = await seededStore()
      await store.open('Other')
      const gates = gateGets()
      const pending = store.open('Europe only')
      store.form.description = 'typed while loading'
      gates[0]()
      return { store, gates, opened: await pending }
    }

    it('asks, instead of replacing them, about edits typed into the persona on screen while the next one loaded', async () => {
      const { store, opened } = await typeWhileLoading()
      expect(opened).toBe(false)
      expect(store.leaving?.name).toBe('Other')
      expect(store.form).toMatchObject({ name: 'Other', description: 'typed while loading' })
      expect(store.currentId).toBe('Other')
      await store.answerLeave('cancel')
      expect(store.leaving).toBeNull()
      expect(store.form).toMatchObject({ name: 'Other', description: 'typed while loading' })
    })

    it('Discard on that question shows the persona clicked', async () => {
      const { store } = await typeWhileLoading()
      await store.answerLeave('discard')
      expect(store.leaving).toBeNull()
      expect(store.currentId).toBe('Europe only')
      expect(store.form).toMatchObject({ name: 'Europe only', description: 'Regional manager' })
    })

    it('Save on that question keeps the typed edits in the persona they were typed into, then shows the clicked one', async () => {
      const { store, gates } = await typeWhileLoading()
      const answered = store.answerLeave('save')
      // Save reads the saved file back through get (held like every get here).
      for (let i = 0; i < 20 && gates.length < 2; i++) await flush()
      gates[1]()
      await answered
      expect(wb.personaFolder.files.get('Other')?.description).toBe('typed while loading')
      expect(store.form).toMatchObject({ name: 'Europe only', description: 'Regional manager' })
      expect(store.modified).toBe(false)
    })

    it('New and close are newer than an open still under way', async () => {
      const store = await seededStore()
      const gates = gateGets()
      const pending = store.open('Europe only')
      store.newPersona()
      gates[0]()
      expect(await pending).toBe(false)
      expect(store.currentId).toBeNull()
      expect(store.form.name).toBe('New persona')
      const again = store.open('Europe only')
      store.close()
      gates[1]()
      await again
      expect(store.editing).toBe(false)
    })
  })

  it('follows personas:changed from main', async () => {
    const store = usePersonasStore()
    const stop = store.start()
    await store.load()
    wb.emit('personas:changed', [{ id: 'x', file: 'personas/x.json', name: 'X', userid: 'u', datasets: [], modifiedAt: '', revision: 'r' }])
    expect(store.list.map((p) => p.name)).toEqual(['X'])
    stop()
  })
})
