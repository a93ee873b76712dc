/** The comment block every backend starts with: what it is, how to run it, what it reads. */
import { CODE_CONTRACT as C, type CodeRequest } from '../model'

export function usageLines(request: CodeRequest, run: string): string[] {
  return [
    `Qrvey token endpoint for ${request.widget.name}: GET ${C.endpoint} answers {"token", "domain"} for the host page.`,
    `The API key stays here: it is read from ${C.apiKeyEnv} and never sent to the browser.`,
    `Run: ${C.apiKeyEnv}=<your key> ${run}`,
    `Optional: ${C.domainEnv} (default ${request.domain}), ${C.portEnv} (default ${C.defaultPort}; 0 = a free port).`,
    'GET / serves index.html from the same folder (the host page), if there is one.',
    'In your product, set userid/clientid/permissions from the signed-in user instead of the fixed body below.'
  ]
}

/** A comment block with the given line prefix (`// `, `# `, ` * `). */
export function comment(lines: string[], prefix: string): string {
  // A comment must not be ended or broken by a value: those are only in code literals, never here.
  return lines.map((line) => `${prefix}${commentSafe(line)}`.trimEnd()).join('\n')
}

/** Comment text that no language reads as code: no line breaks, no comment closers, no backslashes (Java reads \\u escapes even in comments). */
export function commentSafe(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]/g, ' ').replace(/\*\//g, '* /').replace(/\\/g, '/').replace(/\?>/g, '? >')
}
