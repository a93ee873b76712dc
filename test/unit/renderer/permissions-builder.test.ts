/** The permissions builder (issue 11, point 3): one document with the JSON editor. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { setWorkbench } from '@renderer/bridge'
import { useEnvironmentsStore } from '@renderer/stores/environments'
import { useTokenFormStore } from '@renderer/stores/tokenForm'
import PermissionsBuilder from '@renderer/components/permissions/PermissionsBuilder.vue'
import { createFakeWorkbench, settle } from './fake-workbench'

let pinia: Pinia
let wrapper: VueWrapper | undefined
const tid = (id: string) => `[data-testid="${id}"]`

beforeEach(async () => {
  pinia = createPinia()
  setActivePinia(pinia)
  setWorkbench(createFakeWorkbench())
  await useEnvironmentsStore().load()
  Object.assign(useTokenFormStore().fields, { userid: 'u1', appid: '59VShVtjM' })
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  setWorkbench(undefined)
})

describe('permissions builder', () => {
  it('adds a dataset with every security name, and writes the JSON text', async () => {
    wrapper = mount(PermissionsBuilder, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    await wrapper.get(tid('perm-add-dataset')).trigger('click')
    await settle()
    const doc = JSON.parse(useTokenFormStore().permissionsText)
    expect(doc).toEqual([
      {
        dataset_id: 'sales-orders',
        operator: 'AND',
        record_permissions: [
          { security_name: 'region', validation_type: 'EQUAL', values: ['*'] },
          { security_name: 'category', validation_type: 'EQUAL', values: ['*'] }
        ]
      }
    ])
  })

  it('follows the text: suggestions are the values that exist; a value click and a group edit the same document', async () => {
    const form = useTokenFormStore()
    form.permissionsText = JSON.stringify([{ dataset_id: 'sales-orders', record_permissions: [{ security_name: 'region', validation_type: 'EQUAL', values: [] }] }])
    wrapper = mount(PermissionsBuilder, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    const suggestions = wrapper.findAll(tid('perm-suggestion')).map((b) => b.text())
    expect(suggestions).toEqual(['+ *', '+ Central', '+ East', '+ West'])
    await wrapper.findAll(tid('perm-suggestion'))[2].trigger('click')
    await settle()
    expect(JSON.parse(form.permissionsText)[0].record_permissions[0].values).toEqual(['East'])
    await wrapper.get(tid('perm-add-group')).trigger('click')
    await settle()
    expect(JSON.parse(form.permissionsText)[0].record_permissions[1]).toMatchObject({ operator: 'OR', record_permissions: [{ validation_type: 'EQUAL', values: [] }] })
    form.permissionsText = '[ broken'
    await settle()
    expect(wrapper.get(tid('perm-builder-blocked')).text()).toContain('does not parse')
  })
})
