import { afterEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { EditorView } from '@codemirror/view'
import { forEachDiagnostic } from '@codemirror/lint'
import JsonEditor from '@renderer/components/JsonEditor.vue'
import { validateJson } from '@renderer/lib/json-validation'
import { settle } from './fake-workbench'

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

/** Mounts the editor and waits for CodeMirror, which the component loads on first show. */
async function mountEditor(modelValue: string, errors = validateJson(modelValue).errors) {
  wrapper = mount(JsonEditor, {
    attachTo: document.body,
    props: { id: 'permissions-editor', label: 'permissions', modelValue, errors, placeholder: '[]' }
  })
  const host = wrapper.get('[data-testid="permissions-editor"]').element as HTMLElement
  let editor: Element | null | undefined
  for (let i = 0; i < 200 && !editor; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    editor = host.shadowRoot?.querySelector('.cm-editor')
  }
  const root = host.shadowRoot
  if (!root) throw new Error('no shadow root')
  if (!editor) throw new Error('CodeMirror did not mount')
  const view = EditorView.findFromDOM(editor as HTMLElement)
  if (!view) throw new Error('no EditorView')
  return { wrapper, root, view }
}

function diagnostics(view: EditorView) {
  const found: { from: number; to: number; message: string }[] = []
  forEachDiagnostic(view.state, (d, from, to) => found.push({ from, to, message: d.message }))
  return found
}

describe('JsonEditor', () => {
  it('mounts CodeMirror in a shadow root, labelled and test-addressable', async () => {
    const { root, view } = await mountEditor('[1]')
    const content = root.querySelector('[data-testid="permissions-editor-input"]')
    expect(content).not.toBeNull()
    expect(content?.getAttribute('aria-labelledby')).toBe('permissions-editor-label')
    expect(content?.getAttribute('contenteditable')).toBe('true')
    expect(view.state.doc.toString()).toBe('[1]')
    expect(wrapper!.get('#permissions-editor-label').text()).toBe('permissions')
  })

  it('tells keyboard users how to leave it (Tab indents; Esc, then Tab, moves on)', async () => {
    const { root } = await mountEditor('[]')
    const content = root.querySelector('[data-testid="permissions-editor-input"]')
    const describedBy = content?.getAttribute('aria-describedby')?.split(' ') ?? []
    expect(describedBy).toContain('permissions-editor-keys')
    expect(wrapper!.get('#permissions-editor-keys').text()).toMatch(/Tab indents.*Esc, then Tab, leaves the editor/)
  })

  it('highlights JSON and matches brackets with CodeMirror\'s language packages', async () => {
    const { root } = await mountEditor('{"a": [1, true]}')
    await settle()
    expect(root.querySelectorAll('.cm-line span').length).toBeGreaterThan(3)
  })

  it('emits v-model updates when the document changes', async () => {
    const { view } = await mountEditor('')
    view.dispatch({ changes: { from: 0, insert: '{"a": 1}' } })
    expect(wrapper!.emitted('update:modelValue')).toEqual([['{"a": 1}']])
  })

  it('follows v-model changes from outside', async () => {
    const { view } = await mountEditor('[]')
    await wrapper!.setProps({ modelValue: '[2]', errors: [] })
    await settle()
    expect(view.state.doc.toString()).toBe('[2]')
  })

  it('shows errors as lint diagnostics and as "line, col" text under the editor', async () => {
    const text = '{\n  "a" 1\n}'
    const { view } = await mountEditor(text)
    await settle()
    expect(diagnostics(view)).toEqual([{ from: text.indexOf('1'), to: text.indexOf('1') + 1, message: expect.stringMatching(/colon/) }])
    const lines = wrapper!.findAll('[data-testid="permissions-editor-error"]').map((li) => li.text())
    expect(lines).toEqual([expect.stringMatching(/^line 2, col 7: a colon/)])
    expect(view.contentDOM.getAttribute('aria-invalid')).toBe('true')

    await wrapper!.setProps({ modelValue: '{"a": 1}', errors: [] })
    await settle()
    expect(diagnostics(view)).toEqual([])
    expect(wrapper!.find('[data-testid="permissions-editor-errors"]').exists()).toBe(false)
    expect(view.contentDOM.getAttribute('aria-invalid')).toBe('false')
  })

  it('asks to submit on Mod-Enter', async () => {
    const { view } = await mountEditor('[]')
    const mac = /Mac/.test(navigator.platform)
    const event = new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: !mac, metaKey: mac, bubbles: true, cancelable: true })
    view.contentDOM.dispatchEvent(event)
    expect(wrapper!.emitted('submit')).toHaveLength(1)
    expect(view.state.doc.toString()).toBe('[]')
  })
})

describe('JsonEditor loading', () => {
  it('starts with the text typed while CodeMirror was loading, and stays quiet if removed before it loaded', async () => {
    wrapper = mount(JsonEditor, { attachTo: document.body, props: { id: 'late', label: 'permissions', modelValue: '[]' } })
    await wrapper.setProps({ modelValue: '[{"dataset_id": "x"}]' })
    const host = wrapper.get('[data-testid="late"]').element as HTMLElement
    let editor: Element | null | undefined
    for (let i = 0; i < 200 && !editor; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      editor = host.shadowRoot?.querySelector('.cm-editor')
    }
    expect(EditorView.findFromDOM(editor as HTMLElement)?.state.doc.toString()).toBe('[{"dataset_id": "x"}]')
    wrapper.unmount()
    const early = mount(JsonEditor, { attachTo: document.body, props: { id: 'early', label: 'extra', modelValue: '{}' } })
    const earlyHost = early.get('[data-testid="early"]').element as HTMLElement
    early.unmount()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(earlyHost.shadowRoot).toBeNull()
    wrapper = undefined
  })
})
