/**
 * The words for a start-up that cannot go on (shown by the shell in a
 * dialog, or printed by browser mode): what failed and where, and what to
 * do. Runs under Node, so it is tested without Electron.
 */
import { InstanceLockedError } from './instance-lock'

export function describeStartupFailure(error: unknown, dataDir: string): { title: string; message: string } {
  if (error instanceof InstanceLockedError) {
    return { title: 'Qrvey Embed Workbench is already running', message: error.message }
  }
  const e = error as NodeJS.ErrnoException
  const what = e?.code ? `${e.code}: ${e.message}` : error instanceof Error ? error.message : String(error)
  const where = e?.path ? `\n\nFile or folder: ${e.path}` : ''
  return {
    title: 'Qrvey Embed Workbench could not start',
    message:
      `The workbench could not start: ${what}.${where}\n\n` +
      `Its data folder is ${dataDir} (settings, keys, history, logs/main.log). ` +
      'Check that this folder exists and can be written, then start the workbench again. Nothing in it was deleted.'
  }
}
