/**
 * The preview's event log: the preview page's reports and the workbench's
 * own actions, capped (lib/preview-log.ts), each entry tagged with the
 * preview run it belongs to (so a run's error count starts at 0).
 */
import { ref } from 'vue'
import { appendCapped, type LogEntry, type LogLevel } from '@renderer/lib/preview-log'

export function createPreviewLog() {
  const log = ref<LogEntry[]>([])
  /** The preview run new log entries belong to: set when a preview starts. */
  const run = ref(0)
  let nextId = 1

  function add(kind: LogEntry['kind'], name: string, message: string, options: { detail?: unknown; time?: number; level?: LogLevel } = {}): void {
    const entry: LogEntry = {
      id: nextId++,
      time: options.time ?? Date.now(),
      kind,
      name,
      message,
      level: options.level ?? 'info',
      run: run.value,
      ...(options.detail === undefined ? {} : { detail: options.detail })
    }
    log.value = appendCapped(log.value, entry)
  }

  /** An entry of the workbench's own. */
  function note(name: string, message: string, level: LogLevel = 'info', detail?: unknown): void {
    add('workbench', name, message, { level, detail })
  }

  function clearLog(): void {
    log.value = []
  }

  return { log, run, add, note, clearLog }
}

export type PreviewLog = ReturnType<typeof createPreviewLog>
