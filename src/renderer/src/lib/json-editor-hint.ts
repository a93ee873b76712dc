/**
 * What the JSON editors' hint tells keyboard users; keep in step with the
 * keymap in json-editor-setup. Its own module so the editor's frame can show
 * it without loading CodeMirror, which comes later (json-editor-view).
 */
export const KEYBOARD_HINT = 'Tab indents · Esc, then Tab, leaves the editor · Ctrl+Enter (⌘+Enter) generates'
