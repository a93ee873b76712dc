export function electronPackageDir(): string
export function electronVersion(): string
export function findElectronBinary(env?: NodeJS.ProcessEnv): string | undefined
export function electronDistDir(env?: NodeJS.ProcessEnv): string
export function fetchElectronBinary(options?: { timeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<{ ok: true } | { ok: false; reason: string }>
