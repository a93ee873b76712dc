/**
 * CodeMirror 6 extensions for the JSON editors, from CodeMirror's own
 * packages: @codemirror/lang-json (Lezer JSON grammar, indentation),
 * @codemirror/language (highlighting, bracket matching), @codemirror/commands
 * (history and the standard keymaps) and @codemirror/lint (the gutter; the
 * diagnostics come from lib/json-validation through the component).
 *
 * The editor lives in a shadow root: CodeMirror then installs its styles
 * (the theme and the highlight style below included) as constructable
 * stylesheets, which the app's CSP (`style-src 'self'`) allows, where it
 * would otherwise insert a blocked inline <style>.
 *
 * Keyboard: Tab indents (indentWithTab), as in any code editor. So that the
 * editor is no keyboard trap, CodeMirror's own convention applies and the
 * editor's hint says so: Escape, then Tab (or Shift-Tab) moves focus on;
 * Ctrl-M (Shift-Alt-M on macOS) switches Tab to plain focus navigation
 * for good.
 */
import { Prec, type Extension } from '@codemirror/state'
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  placeholder as placeholderText
} from '@codemirror/view'
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands'
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language'
import { json } from '@codemirror/lang-json'
import { lintGutter } from '@codemirror/lint'
import { tags } from '@lezer/highlight'

export { KEYBOARD_HINT } from './json-editor-hint'

/**
 * Typing over a selection: left to the browser, Chromium's contenteditable
 * wraps the new text in a <span style="..."> to keep the colour of the
 * highlighted token it replaced, which the CSP (no `style-src-attr`) blocks
 * and reports before CodeMirror redraws the line anyway. Replacing the
 * selection through CodeMirror avoids the blocked style attribute; checked
 * again with @codemirror/language's highlighter, whose token spans trigger
 * the same Chromium behaviour. Composition (IME) input stays with the browser.
 */
export const typeOverSelection = EditorView.domEventHandlers({
  beforeinput(event, view) {
    if (event.inputType !== 'insertText' || event.isComposing || event.data == null) return false
    // What the browser is about to replace: its own target range first, since CodeMirror's
    // selection can lag the DOM's (a select-all made while another frame had the focus).
    const target = typeOverTarget(event, view)
    if (target) {
      event.preventDefault()
      view.dispatch({ changes: { ...target, insert: event.data }, selection: { anchor: target.from + event.data.length }, userEvent: 'input.type', scrollIntoView: true })
      return true
    }
    if (view.state.selection.ranges.every((range) => range.empty)) return false
    event.preventDefault()
    view.dispatch(view.state.update(view.state.replaceSelection(event.data), { userEvent: 'input.type', scrollIntoView: true }))
    return true
  }
})

/**
 * The document range an insertText input will replace: the event's target
 * range, else the DOM selection of the editor's root (in a shadow root
 * Chromium gives no target ranges, and CodeMirror's own selection can lag a
 * select-all made while another frame had the focus); undefined when the
 * input replaces nothing.
 */
function typeOverTarget(event: InputEvent, view: EditorView): { from: number; to: number } | undefined {
  const range = event.getTargetRanges?.()[0]
  const root = view.root as (ShadowRoot & { getSelection?: () => Selection | null }) | Document
  const selection = range ? undefined : (root.getSelection?.() ?? null)
  const ends =
    range && !range.collapsed
      ? [range.startContainer, range.startOffset, range.endContainer, range.endOffset] as const
      : selection && !selection.isCollapsed && selection.anchorNode && selection.focusNode
        ? [selection.anchorNode, selection.anchorOffset, selection.focusNode, selection.focusOffset] as const
        : undefined
  if (!ends || !view.contentDOM.contains(ends[0]) || !view.contentDOM.contains(ends[2])) return undefined
  try {
    const a = view.posAtDOM(ends[0], ends[1])
    const b = view.posAtDOM(ends[2], ends[3])
    return a === b ? undefined : { from: Math.min(a, b), to: Math.max(a, b) }
  } catch {
    return undefined
  }
}

/**
 * JSON colours from the app's CSS variables, so they follow its light and
 * dark themes. (defaultHighlightStyle has fixed light-theme colours and
 * leaves property names uncoloured; in the dark theme its blues are
 * unreadable.) The tags are the ones @lezer/json assigns.
 */
export const jsonHighlightStyle = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--syntax-key)' },
  { tag: tags.string, color: 'var(--syntax-string)' },
  { tag: tags.number, color: 'var(--syntax-number)' },
  { tag: [tags.bool, tags.null], color: 'var(--syntax-keyword)' },
  { tag: [tags.separator, tags.brace, tags.squareBracket], color: 'var(--text-muted)' },
  { tag: tags.invalid, color: 'var(--danger)' }
])

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
  '&.cm-focused .cm-matchingBracket': { backgroundColor: 'var(--editor-selection)', outline: '1px solid var(--border-strong)' },
  '&.cm-focused .cm-nonmatchingBracket': { backgroundColor: 'var(--danger-bg)', color: 'var(--danger)' },
  '.cm-placeholder': { color: 'var(--text-faint)' },
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
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    EditorView.lineWrapping,
    json(),
    syntaxHighlighting(jsonHighlightStyle),
    // Before defaultKeymap, which binds Mod-Enter to insertBlankLine.
    Prec.high(keymap.of([{ key: 'Mod-Enter', run: () => (setup.onSubmit(), true) }])),
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
    typeOverSelection,
    lintGutter(),
    setup.placeholder ? placeholderText(setup.placeholder) : [],
    EditorView.contentAttributes.of({ spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off', ...setup.contentAttributes }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) setup.onChange(update.state.doc.toString())
    }),
    theme
  ]
}
