/**
 * Electron entry point. Wiring only: app lifecycle, the app:// protocol, the
 * window and its guards, ipcMain. All logic is in createMainApp and the
 * services, which are tested under Node (see DESIGN.md).
 */
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, type IpcMainInvokeEvent } from 'electron'
import Store from 'electron-store'
import { EVENT_CHANNEL } from '../shared/events'
import { createMainApp, type MainApp } from './app/create-main-app'
import { rendererCsp } from './security/csp'
import { serveRendererFile } from './security/renderer-files'
import { isNavigationAllowed, isPermissionAllowed, secureWebPreferences } from './security/window-policy'

const RENDERER_ORIGIN = 'app://workbench'
/** Pop-out previews keep their cookies and storage apart from the workbench's. */
const PREVIEW_PARTITION = 'preview'
const here = import.meta.dirname

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }])

let mainApp: MainApp | undefined
let mainWindow: BrowserWindow | undefined

function senderOf(event: IpcMainInvokeEvent) {
  return { url: event.senderFrame?.url ?? '', isMainFrame: !!event.senderFrame && event.senderFrame === event.sender.mainFrame }
}

/** A preview alone in a window (for demos): its own storage partition, no preload, no bridge. */
function openPreviewWindow(url: string): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Qrvey widget preview',
    webPreferences: { ...secureWebPreferences(''), preload: undefined, partition: PREVIEW_PARTITION }
  })
  void win.loadURL(url)
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1440,
    height: 920,
    show: false,
    title: 'Qrvey Embed Workbench',
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs'))
  })
  mainWindow = win
  win.once('ready-to-show', () => win.show())
  // The renderer's beforeunload refuses to leave while the form has unsaved
  // changes; Electron then closes nothing without a word, so ask here.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Close anyway', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      message: 'The form has changes that are not saved in a setup.',
      detail: 'They are kept as a draft and come back at the next start, but they are not in any setup file yet.'
    })
    if (choice === 0) event.preventDefault()
  })
  void win.loadURL(`${RENDERER_ORIGIN}/index.html`)
}

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url, contents.getURL())) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

/** Electron grants every permission unless told otherwise: both sessions get the workbench's rules. */
function guardPermissions(target: Electron.Session): void {
  target.setPermissionRequestHandler((_wc, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl, RENDERER_ORIGIN)))
  target.setPermissionCheckHandler((_wc, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin, RENDERER_ORIGIN))
}

app.whenReady().then(async () => {
  guardPermissions(session.defaultSession)
  guardPermissions(session.fromPartition(PREVIEW_PARTITION))

  const userData = app.getPath('userData')
  mainApp = await createMainApp({
    dataDir: userData,
    cipher: safeStorage,
    openStore: (name) => new Store<Record<string, unknown>>({ name }),
    storeFile: (name) => join(userData, `${name}.json`),
    rendererOrigin: RENDERER_ORIGIN,
    version: app.getVersion(),
    popOut: openPreviewWindow,
    chooseFolder: async () => {
      const options = { title: 'Open a workspace folder', properties: ['openDirectory' as const, 'createDirectory' as const] }
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options)
      return result.canceled ? undefined : result.filePaths[0]
    },
    emit: (event, payload) => mainWindow?.webContents.send(EVENT_CHANNEL, event, payload)
  })

  const rendererDir = join(here, '../renderer')
  const csp = rendererCsp(mainApp.previewServer.origin)
  protocol.handle('app', (request) => {
    const file = serveRendererFile(rendererDir, request.url, csp)
    return new Response(new Uint8Array(file.body), { status: file.status, headers: file.headers })
  })

  const registry = mainApp.registry
  for (const channel of registry.channels()) {
    ipcMain.handle(channel, (event, payload: unknown) => registry.invoke(channel, payload, senderOf(event)))
  }

  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('will-quit', () => {
  void mainApp?.close()
})
