/**
 * The main process log: JSON lines in a file, for support ("what did the app
 * do?"). Every line passes through the redactor, which knows every secret the
 * vault has handed out, so a key cannot reach the log even by mistake.
 */
import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
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

export class FileLogger implements Logger {
  constructor(
    private readonly file: string,
    private readonly redactor: SecretRedactor,
    private readonly clock: () => Date = () => new Date()
  ) {
    mkdirSync(dirname(file), { recursive: true })
  }

  log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
    const line = JSON.stringify({ time: this.clock().toISOString(), level, event, ...fields })
    appendFileSync(this.file, `${this.redactor.redact(line)}\n`)
  }
}
