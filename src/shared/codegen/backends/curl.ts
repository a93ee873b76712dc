/**
 * cURL: the token request itself, as a shell script (bash, zsh, sh). Not a
 * server: the step every backend takes, to try by hand or in a terminal.
 */
import { CODE_CONTRACT as C, bodyJson, type CodeRequest } from '../model'
import { shellQuote } from '../escape'
import { commentSafe } from './header'

export function curlCommand(request: CodeRequest): string {
  return `# The token request for ${commentSafe(request.widget.name)}, as the workbench sends it. Prints {"token": "..."}.
# The key comes from the environment: ${C.apiKeyEnv}=<your key> sh qrvey-token.sh
curl --fail-with-body -sS -X POST "\${${C.domainEnv}:-${request.domain.replace(/[^A-Za-z0-9:/._[\]-]/g, '')}}${C.tokenPath}" \\
  -H "x-api-key: \$${C.apiKeyEnv}" \\
  -H 'Content-Type: application/json' \\
  --data-raw ${shellQuote(bodyJson(request))}
`
}

/** "Copy as cURL" for a request as sent: its exact URL, the key as $QRVEY_API_KEY. */
export function curlForSentRequest(url: string, body: unknown): string {
  return `curl -sS -X POST ${shellQuote(url)} \\
  -H "x-api-key: \$${C.apiKeyEnv}" \\
  -H 'Content-Type: application/json' \\
  --data-raw ${shellQuote(JSON.stringify(body, null, 2))}
`
}
