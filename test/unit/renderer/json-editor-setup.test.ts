/**
 * The editor's behaviour with CodeMirror's own packages, in a real
 * EditorView: keys go in as DOM keydown events, as a user's would.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EditorState } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { forceParsing } from '@codemirror/language'
import { tags } from '@lezer/highlight'
import { jsonEditorExtensions, jsonHighlightStyle } from '@renderer/lib/json-editor-setup'

const mac = /Mac/.test(navigator.platform)
let view: EditorView | undefined

afterEach(() => {
  view?.destroy()
  view = undefined
  document.body.replaceChildren()
})

function editor(doc: string, cursor = doc.length) {
  const onChange = vi.fn((_text: string) => {})
  const onSubmit = vi.fn(() => {})
  const parent = document.createElement('div')
  document.body.append(parent)
  view = new EditorView({
    state: EditorState.create({
      doc,
      selection: { anchor: cursor },
      extensions: jsonEditorExtensions({ contentAttributes: { 'data-testid': 'x-input' }, onChange, onSubmit })
    }),
    parent
  })
  return { view, onChange, onSubmit }
}

/** Presses a key in the editor; `mod` is Ctrl (Cmd on macOS). Returns whether the editor handled it. */
function press(target: EditorView, key: string, options: { mod?: boolean; shift?: boolean; keyCode?: number } = {}): boolean {
  // As a browser reports it: Shift+z is key "Z", keyCode 90.
  const letter = /^[a-z]$/.test(key)
  const event = new KeyboardEvent('keydown', {
    key: letter && options.shift ? key.toUpperCase() : key,
    keyCode: options.keyCode ?? (letter ? key.toUpperCase().charCodeAt(0) : 0),
    ctrlKey: !!options.mod && !mac,
    metaKey: !!options.mod && mac,
    shiftKey: !!options.shift,
    bubbles: true,
    cancelable: true
  })
  target.contentDOM.dispatchEvent(event)
  return event.defaultPrevented
}

const text = (v: EditorView) => v.state.doc.toString()

describe('history (historyKeymap)', () => {
  it('undoes and redoes edits with Mod-z, Mod-y and Mod-Shift-z', () => {
    // Mod-Shift-z redoes on macOS and Linux; Windows uses Mod-y only.
    const shiftRedo = !/Win/.test(navigator.platform)
    const { view } = editor('{}', 1)
    view.dispatch({ changes: { from: 1, insert: '"a": 1' }, userEvent: 'input.paste' })
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: '[]' }, userEvent: 'input.paste' })
    expect(text(view)).toBe('[]')
    expect(press(view, 'z', { mod: true })).toBe(true)
    expect(text(view)).toBe('{"a": 1}')
    press(view, 'z', { mod: true })
    expect(text(view)).toBe('{}')
    press(view, 'y', { mod: true })
    expect(text(view)).toBe('{"a": 1}')
    press(view, shiftRedo ? 'z' : 'y', { mod: true, shift: shiftRedo })
    expect(text(view)).toBe('[]')
  })

  it('groups quick typing into one step, and a new edit forgets what was undone', () => {
    const { view } = editor('')
    for (const ch of '[1]') view.dispatch({ changes: { from: view.state.doc.length, insert: ch }, userEvent: 'input.type' })
    press(view, 'z', { mod: true })
    expect(text(view)).toBe('')
    view.dispatch({ changes: { from: 0, insert: 'x' }, userEvent: 'input.paste' })
    press(view, 'y', { mod: true })
    expect(text(view)).toBe('x')
  })

  it('reports every change, undo included, to onChange (v-model)', () => {
    const { view, onChange } = editor('[]', 1)
    view.dispatch({ changes: { from: 1, insert: '1' }, userEvent: 'input.type' })
    press(view, 'z', { mod: true })
    expect(onChange.mock.calls.map(([t]) => t)).toEqual(['[1]', '[]'])
  })
})

describe('keys (defaultKeymap, indentWithTab)', () => {
  it('Enter keeps the indentation and indents one level after an opening bracket', () => {
    const { view } = editor('{\n  "a": [', 10)
    press(view, 'Enter', { keyCode: 13 })
    expect(text(view)).toBe('{\n  "a": [\n    ')
    expect(view.state.selection.main.head).toBe(view.state.doc.length)
  })

  it('Enter between brackets puts the closing bracket on its own line', () => {
    const { view } = editor('[]', 1)
    press(view, 'Enter', { keyCode: 13 })
    expect(text(view)).toBe('[\n  \n]')
  })

  it('Mod-Enter asks to submit instead of inserting a line', () => {
    const { view, onSubmit } = editor('[]', 1)
    expect(press(view, 'Enter', { mod: true, keyCode: 13 })).toBe(true)
    expect(onSubmit).toHaveBeenCalledTimes(1)
    expect(text(view)).toBe('[]')
  })

  it('Tab indents and Shift-Tab outdents the line', () => {
    const { view } = editor('[\n1\n]', 3)
    expect(press(view, 'Tab', { keyCode: 9 })).toBe(true)
    expect(text(view)).toBe('[\n  1\n]')
    press(view, 'Tab', { shift: true, keyCode: 9 })
    expect(text(view)).toBe('[\n1\n]')
  })

  it('is no keyboard trap: after Escape, Tab is left to the browser (moves focus) and changes nothing', () => {
    const { view } = editor('[\n1\n]', 3)
    press(view, 'Escape', { keyCode: 27 })
    expect(press(view, 'Tab', { keyCode: 9 })).toBe(false)
    expect(text(view)).toBe('[\n1\n]')
  })

  it('Mod-a selects everything', () => {
    const { view } = editor('{"a": 1}', 0)
    press(view, 'a', { mod: true })
    expect(view.state.selection.main).toMatchObject({ from: 0, to: 8 })
  })
})

describe('JSON language (lang-json, highlighting, brackets)', () => {
  function tokensWith(v: EditorView, tag: Parameters<typeof jsonHighlightStyle.style>[0]) {
    const className = jsonHighlightStyle.style(tag)
    if (!className) throw new Error('no class for tag')
    return [...v.contentDOM.querySelectorAll(`.${className.split(' ')[0]}`)].map((el) => el.textContent)
  }

  it('colours keys, strings, numbers and keywords differently', () => {
    const { view } = editor('{"a": "b", "n": 1, "t": true, "z": null}')
    forceParsing(view)
    expect(tokensWith(view, [tags.propertyName])).toEqual(['"a"', '"n"', '"t"', '"z"'])
    expect(tokensWith(view, [tags.string])).toEqual(['"b"'])
    expect(tokensWith(view, [tags.number])).toEqual(['1'])
    expect(tokensWith(view, [tags.bool])).toEqual(['true', 'null'])
  })

  it('marks the bracket matching the one at the cursor, and a bracket without a partner', () => {
    const { view } = editor('[{"a": 1}]', 2)
    forceParsing(view)
    view.dispatch({ selection: { anchor: 2 } })
    const matched = [...view.contentDOM.querySelectorAll('.cm-matchingBracket')].map((el) => el.textContent)
    expect(matched).toEqual(['{', '}'])
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: '[1}' }, selection: { anchor: 3 } })
    forceParsing(view)
    expect(view.contentDOM.querySelectorAll('.cm-nonmatchingBracket').length).toBeGreaterThan(0)
  })
})

describe('typing over a selection', () => {
  it('replaces the selection through CodeMirror (no browser DOM edit that the CSP would block)', () => {
    const { view, onChange } = editor('{"a": "old"}')
    view.dispatch({ selection: { anchor: 6, head: 11 } })
    const event = new InputEvent('beforeinput', { inputType: 'insertText', data: '1', bubbles: true, cancelable: true })
    view.contentDOM.dispatchEvent(event)
    expect(event.defaultPrevented).toBe(true)
    expect(text(view)).toBe('{"a": 1}')
    expect(onChange).toHaveBeenLastCalledWith('{"a": 1}')
    expect(view.state.selection.main.head).toBe(7)
  })

  it('leaves plain typing at a cursor to the browser', () => {
    const { view } = editor('[]', 1)
    const event = new InputEvent('beforeinput', { inputType: 'insertText', data: '1', bubbles: true, cancelable: true })
    view.contentDOM.dispatchEvent(event)
    expect(event.defaultPrevented).toBe(false)
  })
})
