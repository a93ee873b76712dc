/**
 * What a share text holds, in words (issue 11): the `qwb1.` blob is opaque,
 * so before copying and after pasting the user reads which setups and
 * environments it carries, the widget, userid and appid. Built from the
 * decoded export document, which never holds a secret (secret-fields.ts);
 * permissions are counted, not listed. Pure: the renderer calls it.
 *
 * "Copy with summary" puts these lines above the blob as `# ` comments;
 * decodeShareText skips such lines, so the pasted text imports the same.
 */
import type { ExportDocument } from './export-format'
import { decodeShareText } from './share-text'
import { findWidget } from './widget-catalog'

export const SUMMARY_COMMENT = '# '

export interface ShareSummary {
  /** "1 setup, 1 environment; no API keys or tokens." */
  headline: string
  /** One line per setup, then one per environment. */
  lines: string[]
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
const quote = (text: string) => JSON.stringify(text)

export function summarizeExport(document: ExportDocument): ShareSummary {
  const lines: string[] = []
  for (const setup of document.setups) {
    const widget = findWidget(setup.widget)
    const parts = [
      widget ? `${widget.name} (${widget.id})` : setup.widget ? `widget ${quote(setup.widget)}` : 'no widget chosen',
      `userid ${setup.token.userid ? quote(setup.token.userid) : '(empty)'}`,
      `appid ${setup.token.appid ? quote(setup.token.appid) : '(empty)'}`
    ]
    const ids = Object.entries(setup.widgetFields)
      .filter(([key, value]) => /Id$/.test(key) && typeof value === 'string' && value !== '')
      .map(([key, value]) => `${key} ${quote(String(value))}`)
    parts.push(...ids)
    const permissions = setup.token.permissions?.length ?? 0
    if (permissions > 0) parts.push(`${plural(permissions, 'dataset permission')}`)
    parts.push(setup.environment ? `environment ${quote(setup.environment)}` : 'no environment')
    lines.push(`Setup ${quote(setup.name)}: ${parts.join(' · ')}`)
  }
  for (const env of document.environments) {
    lines.push(`Environment ${quote(env.name)}: ${env.domain}${env.timeoutMs !== undefined ? ` (timeout ${env.timeoutMs} ms)` : ''}, no API key`)
  }
  const headline = `${plural(document.setups.length, 'setup')}, ${plural(document.environments.length, 'environment')}; no API keys or tokens.`
  return { headline, lines }
}

/** The summary of a share text, or why it cannot be read (the same message an import would give). */
export function summarizeShareText(text: string): { ok: true; summary: ShareSummary } | { ok: false; message: string } {
  const decoded = decodeShareText(text)
  if (!decoded.ok) return { ok: false, message: decoded.message }
  return { ok: true, summary: summarizeExport(decoded.document) }
}

/** The blob with its summary above it as comment lines, for a ticket a person reads first. */
export function shareTextWithSummary(text: string, summary: ShareSummary): string {
  const comments = [`Qrvey Embed Workbench share text: ${summary.headline}`, ...summary.lines].map((line) => `${SUMMARY_COMMENT}${line.replace(/[\r\n]+/g, ' ')}`)
  return `${comments.join('\n')}\n${text}`
}
