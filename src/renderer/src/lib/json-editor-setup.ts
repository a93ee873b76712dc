/**
 * CodeMirror 6 extensions for the JSON editors, built only from the
 * @codemirror/state, /view and /lint packages the project has:
 * - JSON highlighting from jsonc-parser's scanner (json-tokens.ts),
 * - a small undo/redo history (Mod-z, Mod-y, Mod-Shift-z),
 * - Enter keeps the line's indentation (and indents after { or [),
 * - a theme in CSS variables, so it follows the app's light/dark colours.
 *
 * The editor lives in a shadow root: CodeMirror then installs its styles
 * as constructable stylesheets, which the app's CSP (`style-src 'self'`)
 * allows, where it would otherwise insert a blocked inline <style>.
 */
import { ChangeSet, EditorSelection, RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state'
import {
  Decoration,
  EditorView,
  ViewPlugin,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  placeholder as placeholderText,
  type Command,
  type DecorationSet,
  type ViewUpdate
} from '@codemirror/view'
import { lintGutter } from '@codemirror/lint'
import { jsonTokens, type JsonTokenKind } from './json-tokens'

// ---------------------------------------------------------------- history

interface HistoryEntry {
  /** Takes the document back to before the change. */
  changes: ChangeSet
  /** The selection to restore with it. */
  selection: EditorSelection
  time: number
}

interface HistoryState {
  done: readonly HistoryEntry[]
  undone: readonly HistoryEntry[]
}

const GROUP_WITHIN_MS = 500
const MAX_ENTRIES = 200

const replaceHistory = StateEffect.define<HistoryState>()

export const historyField = StateField.define<HistoryState>({
  create: () => ({ done: [], undone: [] }),
  update(history, tr) {
    for (const effect of tr.effects) if (effect.is(replaceHistory)) return effect.value
    if (!tr.docChanged) return history
    const inverse = tr.changes.invert(tr.startState.doc)
    const now = Date.now()
    const last = history.done[history.done.length - 1]
    const typing = tr.isUserEvent('input') || tr.isUserEvent('delete')
    if (last && typing && now - last.time < GROUP_WITHIN_MS) {
      const merged = { changes: inverse.compose(last.changes), selection: last.selection, time: now }
      return { done: [...history.done.slice(0, -1), merged], undone: [] }
    }
    const entry = { changes: inverse, selection: tr.startState.selection, time: typing ? now : 0 }
    return { done: [...history.done, entry].slice(-MAX_ENTRIES), undone: [] }
  }
})

function travel(direction: 'undo' | 'redo'): Command {
  return (view) => {
    const history = view.state.field(historyField, false)
    if (!history) return false
    const from = direction === 'undo' ? history.done : history.undone
    const entry = from[from.length - 1]
    if (!entry) return false
    const back = { changes: entry.changes.invert(view.state.doc), selection: view.state.selection, time: 0 }
    const next: HistoryState =
      direction === 'undo'
        ? { done: history.done.slice(0, -1), undone: [...history.undone, back] }
        : { done: [...history.done, back], undone: history.undone.slice(0, -1) }
    view.dispatch({
      changes: entry.changes,
      selection: entry.selection,
      effects: replaceHistory.of(next),
      userEvent: direction,
      scrollIntoView: true
    })
    return true
  }
}

export const undo = travel('undo')
export const redo = travel('redo')

// ---------------------------------------------------------------- editing

/** Enter: new line at the current indentation, one level deeper after { or [. */
export const newlineKeepIndent: Command = (view) => {
  const { state } = view
  const spec = state.changeByRange((range) => {
    const line = state.doc.lineAt(range.from)
    const indent = /^[ \t]*/.exec(line.text)?.[0] ?? ''
    const before = state.sliceDoc(line.from, range.from).trimEnd()
    const insert = `\n${indent}${/[{[]$/.test(before) ? '  ' : ''}`
    return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.cursor(range.from + insert.length) }
  })
  view.dispatch(state.update(spec, { scrollIntoView: true, userEvent: 'input' }))
  return true
}

export const selectAll: Command = (view) => {
  view.dispatch({ selection: { anchor: 0, head: view.state.doc.length }, userEvent: 'select' })
  return true
}

/**
 * Typing over a selection: left to the browser, Chromium's contenteditable
 * wraps the new text in a <span style="..."> to keep the old colour, which
 * the CSP blocks (and reports) before CodeMirror redraws the line anyway.
 * Replacing the selection ourselves avoids the blocked style attribute.
 */
const typeOverSelection = EditorView.domEventHandlers({
  beforeinput(event, view) {
    if (event.inputType !== 'insertText' || event.isComposing || event.data == null) return false
    if (view.state.selection.ranges.every((range) => range.empty)) return false
    event.preventDefault()
    view.dispatch(view.state.update(view.state.replaceSelection(event.data), { userEvent: 'input.type', scrollIntoView: true }))
    return true
  }
})

// ---------------------------------------------------------------- highlighting

const MARKS: Record<JsonTokenKind, Decoration> = {
  key: Decoration.mark({ class: 'cm-json-key' }),
  string: Decoration.mark({ class: 'cm-json-string' }),
  number: Decoration.mark({ class: 'cm-json-number' }),
  boolean: Decoration.mark({ class: 'cm-json-keyword' }),
  null: Decoration.mark({ class: 'cm-json-keyword' }),
  punctuation: Decoration.mark({ class: 'cm-json-punctuation' }),
  comment: Decoration.mark({ class: 'cm-json-invalid' }),
  invalid: Decoration.mark({ class: 'cm-json-invalid' })
}

function highlight(text: string): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>()
  for (const token of jsonTokens(text)) if (token.to > token.from) builder.add(token.from, token.to, MARKS[token.kind])
  return builder.finish()
}

const jsonHighlighting = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet
    constructor(view: EditorView) {
      this.decorations = highlight(view.state.doc.toString())
    }
    update(update: ViewUpdate) {
      if (update.docChanged) this.decorations = highlight(update.state.doc.toString())
    }
  },
  { decorations: (plugin) => plugin.decorations }
)

// ---------------------------------------------------------------- theme

const theme = EditorView.theme({
  '&': {
    color: 'var(--text)',
    backgroundColor: 'var(--bg-input)',
    border: '1px solid var(--border)',
    borderRadius: '3px',
    fontSize: 'var(--font-size-mono)'
  },
  '&.cm-focused': { outline: '1px solid var(--focus)', borderColor: 'var(--focus)' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.45', maxHeight: '240px', overflow: 'auto' },
  '.cm-content': { caretColor: 'var(--text)', minHeight: '90px', padding: '4px 0' },
  '.cm-gutter': { minHeight: '90px' },
  '.cm-gutters': { backgroundColor: 'var(--bg-panel)', color: 'var(--text-faint)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--editor-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--editor-active-line)', color: 'var(--text-muted)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': {
    backgroundColor: 'var(--editor-selection)'
  },
  '.cm-placeholder': { color: 'var(--text-faint)' },
  '.cm-json-key': { color: 'var(--syntax-key)' },
  '.cm-json-string': { color: 'var(--syntax-string)' },
  '.cm-json-number': { color: 'var(--syntax-number)' },
  '.cm-json-keyword': { color: 'var(--syntax-keyword)' },
  '.cm-json-punctuation': { color: 'var(--text-muted)' },
  '.cm-json-invalid': { color: 'var(--danger)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--bg-raised)',
    color: 'var(--text)',
    border: '1px solid var(--border-strong)',
    fontFamily: 'var(--font-ui)',
    fontSize: 'var(--font-size)'
  },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--danger)' }
})

export interface JsonEditorSetup {
  placeholder?: string
  /** Attributes for the editable element (aria-labelledby, data-testid, ...). */
  contentAttributes: Record<string, string>
  onChange: (text: string) => void
  onSubmit: () => void
}

export function jsonEditorExtensions(setup: JsonEditorSetup): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    drawSelection(),
    highlightActiveLine(),
    EditorView.lineWrapping,
    historyField,
    keymap.of([
      { key: 'Mod-Enter', run: () => (setup.onSubmit(), true) },
      { key: 'Enter', run: newlineKeepIndent },
      { key: 'Mod-a', run: selectAll },
      { key: 'Mod-z', run: undo, preventDefault: true },
      { key: 'Mod-y', run: redo, preventDefault: true },
      { key: 'Mod-Shift-z', run: redo, preventDefault: true }
    ]),
    typeOverSelection,
    jsonHighlighting,
    lintGutter(),
    setup.placeholder ? placeholderText(setup.placeholder) : [],
    EditorView.contentAttributes.of({ spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off', ...setup.contentAttributes }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) setup.onChange(update.state.doc.toString())
    }),
    theme
  ]
}
