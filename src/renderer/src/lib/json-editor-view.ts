/**
 * The CodeMirror side of components/JsonEditor.vue, in a module of its own so
 * the renderer loads CodeMirror (about half of its JavaScript) only when an
 * editor is first shown, not before the token form is usable.
 */
import { Compartment, EditorState } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { setDiagnostics, type Diagnostic } from '@codemirror/lint'
import { jsonEditorExtensions } from './json-editor-setup'
import type { JsonIssue } from './json-validation'

export interface JsonEditorViewOptions {
  root: ShadowRoot
  doc: string
  placeholder: string
  contentAttributes: Record<string, string>
  onChange(text: string): void
  onSubmit(): void
}

export interface JsonEditorView {
  text(): string
  /** Replaces the document when it changed from outside (reset, example). */
  setText(text: string): void
  /** Shows the parent's validation errors as lint diagnostics, clamped to the document. */
  showErrors(errors: readonly JsonIssue[]): void
  focus(): void
  destroy(): void
}

function invalidAttrs(invalid: boolean) {
  return EditorView.contentAttributes.of({ 'aria-invalid': invalid ? 'true' : 'false' })
}

export function createJsonEditorView(options: JsonEditorViewOptions): JsonEditorView {
  const invalidAttribute = new Compartment()
  const view = new EditorView({
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        jsonEditorExtensions({
          placeholder: options.placeholder,
          contentAttributes: options.contentAttributes,
          onChange: options.onChange,
          onSubmit: options.onSubmit
        }),
        invalidAttribute.of(invalidAttrs(false))
      ]
    }),
    parent: options.root,
    root: options.root
  })
  return {
    text: () => view.state.doc.toString(),
    setText(text) {
      const current = view.state.doc.toString()
      if (current !== text) view.dispatch({ changes: { from: 0, to: current.length, insert: text } })
    },
    showErrors(errors) {
      const length = view.state.doc.length
      const diagnostics: Diagnostic[] = errors.map((issue) => {
        const from = Math.min(issue.from, length)
        return { from, to: Math.min(Math.max(issue.to, from), length), severity: 'error', message: issue.message }
      })
      view.dispatch(setDiagnostics(view.state, diagnostics))
      view.dispatch({ effects: invalidAttribute.reconfigure(invalidAttrs(diagnostics.length > 0)) })
    },
    focus: () => view.focus(),
    destroy: () => view.destroy()
  }
}
