/**
 * Renders build/icon.svg (the project's own icon) to the PNG sizes the
 * installers need, in Debian's Chromium (CHROMIUM_PATH or /usr/bin/chromium):
 * build/icon.png (1024, electron-builder turns it into .icns and .ico) and
 * build/icons/<size>x<size>.png for Linux desktops. Run after changing the SVG;
 * the PNGs are committed, so packaging needs no browser.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { chromium } from '@playwright/test'

const root = resolve(import.meta.dirname, '..')
const svg = await readFile(join(root, 'build', 'icon.svg'), 'utf8')
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-gpu'] })
try {
  await mkdir(join(root, 'build', 'icons'), { recursive: true })
  for (const size of [1024, 512, 256, 128, 64, 48, 32, 16]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } })
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`)
    const out = size === 1024 ? join(root, 'build', 'icon.png') : join(root, 'build', 'icons', `${size}x${size}.png`)
    await page.screenshot({ path: out, omitBackground: true })
    await page.close()
    console.log(out)
  }
} finally {
  await browser.close()
}
