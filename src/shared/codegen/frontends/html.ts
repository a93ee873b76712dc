/** The host page: plain HTML and JS, served by the backend at `/`. */
import type { CodeRequest } from '../model'
import { htmlText } from '../escape'
import { mountHelper } from './core'

export function htmlPage(request: CodeRequest): string {
  // Only the helper's values can hold user text; inHtml keeps a "</script>" in them from closing the element.
  const helper = mountHelper(request, { inHtml: true }).replace(/^export /gm, '')
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${htmlText(request.widget.name)} embedded</title>
  <style>
    html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }
    #qrvey-status { margin: 0; padding: 0.5rem 1rem; color: #555; }
    #qrvey-status.error { color: #b00020; }
    #qrvey-widget { min-height: 90%; }
  </style>
</head>
<body>
  <p id="qrvey-status" role="status">Loading…</p>
  <div id="qrvey-widget"></div>
  <!-- The page never sees the API key: its backend asks Qrvey for a token (GET /qrvey-token). -->
  <script>
${indent(helper, '    ')}
    var statusLine = document.getElementById('qrvey-status')
    mountQrveyWidget(document.getElementById('qrvey-widget'), function (text, isError) {
      statusLine.textContent = text
      statusLine.className = isError ? 'error' : ''
    })
  </script>
</body>
</html>
`
}

export function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line ? prefix + line : line))
    .join('\n')
    .trimEnd()
}
