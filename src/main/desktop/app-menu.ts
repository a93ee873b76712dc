/**
 * The application menu as plain data: the usual roles and shortcuts on every
 * platform (the Edit roles are what make Cmd+C/V work in text fields on
 * macOS), no developer tools in a packaged app, and About with versions.
 * Built under Node in tests; index.ts only hands it to Menu.buildFromTemplate.
 */
import type { MenuItemConstructorOptions } from 'electron'

export interface AppMenuOptions {
  platform: NodeJS.Platform
  appName: string
  /** Packaged apps hide reload and developer tools: a reload would drop unsaved work without the page's guard. */
  isPackaged: boolean
  showAbout(): void
  openDataFolder(): void
}

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin'
  const about: MenuItemConstructorOptions = { label: `About ${options.appName}`, click: () => options.showAbout() }
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: options.appName,
          submenu: [about, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }]
        }
      ]
    : []
  const developer: MenuItemConstructorOptions[] = options.isPackaged ? [] : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
  return [
    ...appMenu,
    {
      label: 'File',
      submenu: [{ label: 'Show Data Folder', click: () => options.openDataFolder() }, { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }]
    },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'pasteAndMatchStyle' }, { role: 'delete' }, { role: 'selectAll' }]
    },
    {
      label: 'View',
      submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }]
    },
    { label: 'Window', submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] },
    { role: 'help', submenu: mac ? [] : [about] }
  ]
}

export interface AboutVersions {
  app: string
  electron: string
  chrome: string
  node: string
  v8: string
}

/** The text of About: the app's version and the runtime's, which support asks for first. */
export function aboutDetail(appName: string, versions: AboutVersions, platform: string, arch: string): { title: string; detail: string } {
  return {
    title: `${appName} ${versions.app}`,
    detail: [`Electron ${versions.electron}`, `Chromium ${versions.chrome}`, `Node.js ${versions.node}`, `V8 ${versions.v8}`, `${platform} ${arch}`].join('\n')
  }
}
