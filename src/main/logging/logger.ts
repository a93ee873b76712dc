/**
 * The main process log: JSON lines in a file, for support ("what did the app
 * do?"). Every line passes through the redactor, which knows every secret the
 * vault has handed out, so a key cannot reach the log even by mistake.
 */
import { appendFileSync, lstatSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, extname } from 'node:path'
import { KeyEcho } from '../secrets/key-echo'

export class SecretRedactor {
  private readonly secrets = new Set<string>()
  private detector: KeyEcho | undefined

  remember(secret: string): void {
    if (secret.length >= 4 && !this.secrets.has(secret)) {
      this.secrets.add(secret)
      this.detector = undefined
    }
  }

  /** Every secret seen so far (for the workspace's and history's leak guards). */
  known(): Iterable<string> {
    return this.secrets
  }

  /** Finds every secret seen so far in any encoding (see key-echo.ts). */
  echo(): KeyEcho {
    return (this.detector ??= new KeyEcho(this.secrets))
  }

  redact(text: string): string {
    return this.echo().scrub(text)
  }
}

export type LogLevel = 'info' | 'warn' | 'error'

export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void
}

export interface FileLoggerOptions {
  clock?: () => Date
  /** Size at which main.log is rotated to main.1.log (default 5 MB). */
  maxBytes?: number
  /** Rotated files kept: main.1.log ... main.N.log (default 3). */
  keep?: number
  /** Longest line kept; longer lines are cut and marked (default 16 KB). */
  maxLineChars?: number
}

/**
 * Logging never stops the app: a log that cannot be written (a folder in
 * its place, a full or read-only disk) is reported once on stderr and the
 * app goes on. The file is rotated by size, so it cannot grow without bound.
 */
export class FileLogger implements Logger {
  private readonly clock: () => Date
  private readonly maxBytes: number
  private readonly keep: number
  private readonly maxLineChars: number
  private bytes = 0
  private failed = false

  constructor(
    private readonly file: string,
    private readonly redactor: SecretRedactor,
    options: FileLoggerOptions | (() => Date) = {}
  ) {
    const o = typeof options === 'function' ? { clock: options } : options
    this.clock = o.clock ?? (() => new Date())
    this.maxBytes = o.maxBytes ?? 5 * 1024 * 1024
    this.keep = Math.max(1, o.keep ?? 3)
    this.maxLineChars = o.maxLineChars ?? 16 * 1024
    try {
      mkdirSync(dirname(file), { recursive: true })
      const stat = lstatSync(file, { throwIfNoEntry: false })
      // Anything but a plain file where the log goes (a folder, a symlink to elsewhere) is moved aside like a full log.
      if (stat && (!stat.isFile() || stat.size >= this.maxBytes)) this.rotate()
      else this.bytes = stat?.size ?? 0
    } catch (error) {
      this.fail(error)
    }
  }

  log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
    let line: string
    const echo = this.redactor.echo()
    try {
      const time = this.clock().toISOString()
      const raw = JSON.stringify({ time, level, event, ...fields })
      // A line with JSON escapes holds a string with `\` or `"`, escaped once more there: a key in three
      // layers of escapes would be one too deep for the search, so such fields are scrubbed one by one first.
      const clean = raw.includes('\\') ? JSON.stringify({ time, level, event, ...echo.scrubDeep(fields).value }) : raw
      line = this.redactor.redact(clean)
    } catch (error) {
      line = JSON.stringify({ time: new Date().toISOString(), level, event, unloggable: echo.scrubHead(String(error), 200).text })
    }
    if (line.length > this.maxLineChars) line = JSON.stringify({ time: this.clock().toISOString(), level, event, truncated: line.length, start: line.slice(0, this.maxLineChars - 200) })
    try {
      if (this.bytes + line.length + 1 > this.maxBytes) this.rotate()
      appendFileSync(this.file, `${line}\n`)
      this.bytes += Buffer.byteLength(line) + 1
      this.failed = false
    } catch (error) {
      this.fail(error)
    }
  }

  /** main.log -> main.1.log -> ... -> main.N.log (the oldest is dropped). */
  private rotate(): void {
    const ext = extname(this.file)
    const stem = this.file.slice(0, this.file.length - ext.length)
    const nth = (n: number) => `${stem}.${n}${ext}`
    rmSync(nth(this.keep), { recursive: true, force: true })
    for (let n = this.keep - 1; n >= 1; n--) {
      try {
        renameSync(nth(n), nth(n + 1))
      } catch {
        // Not there yet.
      }
    }
    try {
      renameSync(this.file, nth(1))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    this.bytes = 0
  }

  private fail(error: unknown): void {
    if (this.failed) return
    this.failed = true
    process.stderr.write(`workbench: the log ${this.file} cannot be written (${error instanceof Error ? error.message : String(error)}); going on without it.\n`)
  }
}
