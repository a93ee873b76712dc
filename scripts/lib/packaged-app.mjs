/**
 * The executable inside an unpacked electron-builder output folder
 * (dist/linux-unpacked, dist/mac-arm64/<name>.app, dist/win-unpacked), so the
 * workflow and the fuse check find the app they just built on any OS.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..', '..')
const builder = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8'))

export function packagedExecutable(outputDir = join(root, builder.directories.output), platform = process.platform) {
  const folders = existsSync(outputDir) ? readdirSync(outputDir) : []
  const candidates =
    platform === 'darwin'
      ? folders.filter((name) => name.startsWith('mac')).map((name) => join(outputDir, name, `${builder.productName}.app`, 'Contents', 'MacOS', builder.productName))
      : platform === 'win32'
        ? folders.filter((name) => name.startsWith('win') && name.endsWith('unpacked')).map((name) => join(outputDir, name, `${builder.executableName}.exe`))
        : folders.filter((name) => name.startsWith('linux') && name.endsWith('unpacked')).map((name) => join(outputDir, name, builder.executableName))
  const found = candidates.find((candidate) => existsSync(candidate))
  if (!found) throw new Error(`No packaged app in ${outputDir} (looked for ${candidates.join(', ') || 'an unpacked folder'}); run npm run dist first`)
  return found
}

// `node scripts/lib/packaged-app.mjs [outputDir]` prints the path, for the workflow.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  console.log(packagedExecutable(process.argv[2] ? resolve(process.argv[2]) : undefined))
}
