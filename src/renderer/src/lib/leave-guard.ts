/**
 * Closing or reloading the workbench while the form has unsaved changes
 * asks first (the browser's own "Leave site?" prompt; in the desktop app,
 * main turns it into a dialog on `will-prevent-unload`). The draft is
 * written out at once either way, so even "Leave" loses nothing.
 */
export function installLeaveGuard(isModified: () => boolean, flush: () => void): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!isModified()) return
    flush()
    event.preventDefault()
    // Older Chromium (and Electron) still read returnValue.
    event.returnValue = ''
  }
  window.addEventListener('beforeunload', onBeforeUnload)
  return () => window.removeEventListener('beforeunload', onBeforeUnload)
}
