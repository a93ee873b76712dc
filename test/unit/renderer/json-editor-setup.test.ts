import { describe, expect, it } from 'vitest'
import { EditorState, type TransactionSpec } from '@codemirror/state'
import type { EditorView } from '@codemirror/view'
import { historyField, newlineKeepIndent, redo, undo } from '@renderer/lib/json-editor-setup'
import { jsonTokens } from '@renderer/lib/json-tokens'

/** Just enough of an EditorView for state-only commands. */
function fakeView(doc: string, cursor = doc.length) {
  const view = {
    state: EditorState.create({ doc, selection: { anchor: cursor }, extensions: [historyField] }),
    dispatch(...specs: (TransactionSpec | ReturnType<EditorState['update']>)[]) {
      const [spec] = specs
      view.state = 'state' in spec && spec.state instanceof EditorState ? spec.state : view.state.update(spec as TransactionSpec).state
    }
  }
  return view as unknown as EditorView & { state: EditorState }
}

describe('editor history', () => {
  it('undoes and redoes edits', () => {
    const view = fakeView('{}', 1)
    view.dispatch({ changes: { from: 1, insert: '"a": 1' }, userEvent: 'paste' })
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: '[]' }, userEvent: 'paste' })
    expect(view.state.doc.toString()).toBe('[]')
    expect(undo(view)).toBe(true)
    expect(view.state.doc.toString()).toBe('{"a": 1}')
    expect(undo(view)).toBe(true)
    expect(view.state.doc.toString()).toBe('{}')
    expect(undo(view)).toBe(false)
    expect(redo(view)).toBe(true)
    expect(view.state.doc.toString()).toBe('{"a": 1}')
    expect(redo(view)).toBe(true)
    expect(view.state.doc.toString()).toBe('[]')
    expect(redo(view)).toBe(false)
  })

  it('groups quick typing into one step and forgets redo after a new edit', () => {
    const view = fakeView('')
    for (const ch of '[1]') view.dispatch({ changes: { from: view.state.doc.length, insert: ch }, userEvent: 'input.type' })
    expect(undo(view)).toBe(true)
    expect(view.state.doc.toString()).toBe('')
    view.dispatch({ changes: { from: 0, insert: 'x' }, userEvent: 'paste' })
    expect(redo(view)).toBe(false)
  })
})

describe('Enter', () => {
  it('keeps the indentation and indents after an opening bracket', () => {
    const view = fakeView('{\n  "a": [', 10)
    newlineKeepIndent(view)
    expect(view.state.doc.toString()).toBe('{\n  "a": [\n    ')
    expect(view.state.selection.main.head).toBe(view.state.doc.length)
  })
})

describe('jsonTokens', () => {
  it('tells keys from string values', () => {
    const text = '{"a": "b", "n": 1, "t": true, "z": null}'
    const kinds = jsonTokens(text)
      .filter((t) => t.kind !== 'punctuation')
      .map((t) => [text.slice(t.from, t.to), t.kind])
    expect(kinds).toEqual([
      ['"a"', 'key'],
      ['"b"', 'string'],
      ['"n"', 'key'],
      ['1', 'number'],
      ['"t"', 'key'],
      ['true', 'boolean'],
      ['"z"', 'key'],
      ['null', 'null']
    ])
  })

  it('marks unterminated strings as invalid', () => {
    expect(jsonTokens('"abc').map((t) => t.kind)).toEqual(['invalid'])
  })
})
