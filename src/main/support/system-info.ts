/** App and OS versions for the support bundle: what support asks first. */
import { arch, release, type } from 'node:os'

export interface SystemInfo {
  app: { version: string; shell: string }
  runtime: Record<string, string>
  os: { type: string; release: string; arch: string; platform: string }
}

export function systemInfo(version: string, shell: string): SystemInfo {
  const runtime: Record<string, string> = { node: process.versions.node }
  for (const name of ['electron', 'chrome', 'v8'] as const) {
    const value = process.versions[name]
    if (value) runtime[name] = value
  }
  return { app: { version, shell }, runtime, os: { type: type(), release: release(), arch: arch(), platform: process.platform } }
}
