/**
 * Electron entry point. Wiring only: app lifecycle, the app:// protocol, the
 * window and its guards, ipcMain. All logic is in createMainApp and the
 * services, which are tested under Node (see DESIGN.md).
 */
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, shell, type IpcMainInvokeEvent } from 'electron'
import Store from 'electron-store'
import { EVENT_CHANNEL } from '../shared/events'
import { createMainApp, type MainApp } from './app/create-main-app'
import { describeStartupFailure } from './app/startup-failure'
import { driverWidgetRenderer } from './doctor/driver-renderer'
import { openElectronPageDriver } from './electron-page-driver'
import { aboutDetail, appMenuTemplate } from './desktop/app-menu'
import { boundsToOpen, MIN_SIZE, readWindowState, writeWindowState } from './desktop/window-state'
import { rendererCsp } from './security/csp'
import { serveRendererFile } from './security/renderer-files'
import { isFrameNavigationAllowed, isNavigationAllowed, isPermissionAllowed, secureWebPreferences } from './security/window-policy'

const RENDERER_ORIGIN = 'app://workbench'
/** Pop-out previews keep their cookies and storage apart from the workbench's. */
const PREVIEW_PARTITION = 'preview'
const here = import.meta.dirname
const APP_NAME = 'Qrvey Embed Workbench'
/** The window icon on Linux and Windows (macOS takes the bundle's); shipped beside out/ (electron-builder.json files). */
const WINDOW_ICON = join(here, '../../build/icons/256x256.png')

// codeCache: Chromium keeps V8's compiled code for app:// scripts as it does for http(s) (Electron 28+; needs
// standard). Without it every start parsed and compiled the first screen's 250 kB again: ~280 ms of
// background compile before its first line ran, on this project's two-core machines (issue 15; browser mode's
// reload, which the HTTP cache gives the same, went from 351 to 216 ms p50 to a usable form).
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }])

// `--user-data-dir=<folder>` (Chromium's own switch) also moves the app's data folder, so a
// separate profile (a test, a support engineer reproducing a customer) shares nothing with the usual one.
const dataDirSwitch = app.commandLine.getSwitchValue('user-data-dir')
if (dataDirSwitch) app.setPath('userData', dataDirSwitch)

// One instance per data folder (Electron's lock is per userData, so it comes after the switch above):
// a second launch hands over to the first, which comes to the front, and quits.
// createMainApp's data-folder lock (instance-lock.ts) backs this up for other shells and builds.
const firstInstance = app.requestSingleInstanceLock()
if (!firstInstance) app.quit()
app.on('second-instance', () => {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
})

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

function showAbout(): void {
  const about = aboutDetail(APP_NAME, { app: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node, v8: process.versions.v8 }, process.platform, process.arch)
  const options = { type: 'info' as const, title: `About ${APP_NAME}`, message: about.title, detail: about.detail, buttons: ['OK'] }
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options))
}

function createWindow(): void {
  const dataDir = app.getPath('userData')
  const saved = readWindowState(dataDir)
  const bounds = boundsToOpen(saved.bounds, screen.getAllDisplays().map((display) => display.workArea))
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: APP_NAME,
    icon: process.platform === 'darwin' ? undefined : WINDOW_ICON,
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs'))
  })
  mainWindow = win
  win.once('ready-to-show', () => {
    if (saved.maximized) win.maximize()
    win.show()
  })
  // Size and position are remembered when the window closes (normal bounds, so a maximized window restores to its size).
  win.on('close', () => {
    try {
      writeWindowState(dataDir, { bounds: win.getNormalBounds(), maximized: win.isMaximized() })
    } catch {
      // A read-only data folder only costs the remembered position.
    }
  })
  // The page's beforeunload guard (unsaved changes) asks here, in a native dialog, before the window closes or reloads.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Leave', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: APP_NAME,
      message: 'You have unsaved changes.',
      detail: 'They are kept as a draft and come back at the next start, but no setup file has them yet; Stay to save them now.'
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
  // will-navigate covers only the top frame: the preview iframes stay on the preview origins.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isFrameNavigationAllowed(event, contents.getURL(), mainApp?.previewServer.frameOrigins)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

/** Electron grants every permission unless told otherwise: both sessions get the workbench's rules. */
function guardPermissions(target: Electron.Session): void {
  target.setPermissionRequestHandler((_wc, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl, RENDERER_ORIGIN)))
  target.setPermissionCheckHandler((_wc, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin, RENDERER_ORIGIN))
}

/** Start-up that cannot go on: say what and where, in a dialog, then quit. Never a silent exit. */
function failStartup(error: unknown): void {
  const { title, message } = describeStartupFailure(error, app.getPath('userData'))
  console.error(`${title}\n${message}`)
  dialog.showErrorBox(title, message)
  app.exit(1)
}

async function start(): Promise<void> {
  app.setAboutPanelOptions({ applicationName: APP_NAME, applicationVersion: app.getVersion(), iconPath: WINDOW_ICON })
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({ platform: process.platform, appName: APP_NAME, isPackaged: app.isPackaged, showAbout, openDataFolder: () => void shell.openPath(app.getPath('userData')) })
    )
  )
  guardPermissions(session.defaultSession)
  guardPermissions(session.fromPartition(PREVIEW_PARTITION))

  const userData = app.getPath('userData')
  mainApp = await createMainApp({
    shell: 'electron',
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
    chooseStarterFolder: async (suggestedName) => {
      // A save dialog: the user names a new folder; writeStarter creates it and refuses one with files.
      const options = {
        title: 'Export starter',
        buttonLabel: 'Export',
        defaultPath: join(app.getPath('documents'), suggestedName),
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const]
      }
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options)
      return result.canceled ? undefined : result.filePath
    },
    emit: (event, payload) => mainWindow?.webContents.send(EVENT_CHANNEL, event, payload),
    // Test connection renders the widget in a hidden, locked-down window: Electron is the Chromium it needs.
    widgetRenderer: (publish) => driverWidgetRenderer(publish, openElectronPageDriver)
  })

  const rendererDir = join(here, '../renderer')
  const csp = rendererCsp(mainApp.previewServer.frameOrigins)
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
}

if (firstInstance) app.whenReady().then(start).catch(failStartup)

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('will-quit', () => {
  void mainApp?.close()
})
