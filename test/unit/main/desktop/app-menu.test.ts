import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { aboutDetail, appMenuTemplate } from '../../../../src/main/desktop/app-menu'

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])])
}
function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.label ? [item.label] : []), ...(Array.isArray(item.submenu) ? labels(item.submenu) : [])])
}
const options = (platform: NodeJS.Platform, isPackaged = true) => ({ platform, appName: 'Qrvey Embed Workbench', isPackaged, showAbout: vi.fn(), openDataFolder: vi.fn() })

describe('application menu', () => {
  it.each(['darwin', 'linux', 'win32'] as const)('has the usual edit, zoom and window roles on %s', (platform) => {
    const all = roles(appMenuTemplate(options(platform)))
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'minimize']) expect(all).toContain(role)
    expect(labels(appMenuTemplate(options(platform)))).toContain('About Qrvey Embed Workbench')
  })

  it('puts About, Hide and Quit in the app menu on macOS, Quit in File elsewhere', () => {
    const mac = appMenuTemplate(options('darwin'))
    expect(mac[0].label).toBe('Qrvey Embed Workbench')
    expect(roles([mac[0]])).toEqual(expect.arrayContaining(['hide', 'hideOthers', 'quit']))
    const linux = appMenuTemplate(options('linux'))
    expect(linux[0].label).toBe('File')
    expect(roles([linux[0]])).toContain('quit')
  })

  it('offers reload and developer tools only when not packaged', () => {
    expect(roles(appMenuTemplate(options('linux', true)))).not.toEqual(expect.arrayContaining(['toggleDevTools']))
    expect(roles(appMenuTemplate(options('linux', true)))).not.toContain('reload')
    expect(roles(appMenuTemplate(options('linux', false)))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
  })

  it('About and Show Data Folder call back into main', () => {
    const opts = options('win32')
    const click = (label: string) => {
      const find = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions | undefined =>
        items.map((item) => (item.label === label ? item : Array.isArray(item.submenu) ? find(item.submenu) : undefined)).find(Boolean)
      ;(find(appMenuTemplate(opts))?.click as () => void)()
    }
    click('About Qrvey Embed Workbench')
    click('Show Data Folder')
    expect(opts.showAbout).toHaveBeenCalledOnce()
    expect(opts.openDataFolder).toHaveBeenCalledOnce()
  })

  it('About names the app and runtime versions', () => {
    const about = aboutDetail('Qrvey Embed Workbench', { app: '0.1.0', electron: '45.5.0', chrome: '150.0.1', node: '24.1.0', v8: '15.0' }, 'linux', 'x64')
    expect(about.title).toBe('Qrvey Embed Workbench 0.1.0')
    expect(about.detail.split('\n')).toEqual(['Electron 45.5.0', 'Chromium 150.0.1', 'Node.js 24.1.0', 'V8 15.0', 'linux x64'])
  })
})
