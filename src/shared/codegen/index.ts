/**
 * Code generators for the current request, one module per language, all
 * pure and deterministic (same request, same text). The Code panel, the
 * starter export and `qwb code` all read this list.
 */
import { curlCommand } from './backends/curl'
import { csharpServer } from './backends/csharp'
import { goServer } from './backends/go'
import { javaServer } from './backends/java'
import { nodeServer } from './backends/node-fetch'
import { phpServer } from './backends/php'
import { pythonServer } from './backends/python'
import { rubyServer } from './backends/ruby'
import { angularComponent, reactComponent, vueComponent } from './frontends/frameworks'
import { htmlPage } from './frontends/html'
import type { CodeRequest } from './model'

export interface CodeLanguage {
  id: string
  label: string
  kind: 'backend' | 'frontend'
  /** File name in a starter folder and in the Code panel's header. */
  fileName: string
  /** For CodeMirror-free display: a hint of the syntax. */
  syntax: string
  /** How to run it from its folder (backends), with QRVEY_API_KEY set. */
  run?: string
  generate: (request: CodeRequest) => string
}

export const CODE_LANGUAGES: readonly CodeLanguage[] = [
  { id: 'curl', label: 'cURL', kind: 'backend', fileName: 'qrvey-token.sh', syntax: 'shell', run: 'sh qrvey-token.sh', generate: curlCommand },
  { id: 'node-fetch', label: 'Node (fetch)', kind: 'backend', fileName: 'server.mjs', syntax: 'javascript', run: 'node server.mjs', generate: (r) => nodeServer(r, 'fetch') },
  { id: 'node-axios', label: 'Node (axios)', kind: 'backend', fileName: 'server.mjs', syntax: 'javascript', run: 'npm install axios && node server.mjs', generate: (r) => nodeServer(r, 'axios') },
  { id: 'python', label: 'Python (requests)', kind: 'backend', fileName: 'server.py', syntax: 'python', run: 'pip install requests && python3 server.py', generate: pythonServer },
  { id: 'java', label: 'Java (java.net.http)', kind: 'backend', fileName: 'QrveyToken.java', syntax: 'java', run: 'java QrveyToken.java', generate: javaServer },
  { id: 'csharp', label: 'C# (HttpClient)', kind: 'backend', fileName: 'Program.cs', syntax: 'csharp', run: 'dotnet run', generate: csharpServer },
  { id: 'go', label: 'Go (net/http)', kind: 'backend', fileName: 'main.go', syntax: 'go', run: 'go run main.go', generate: goServer },
  { id: 'php', label: 'PHP (curl)', kind: 'backend', fileName: 'token.php', syntax: 'php', run: 'php -S 127.0.0.1:4400 token.php', generate: phpServer },
  { id: 'ruby', label: 'Ruby (Net::HTTP)', kind: 'backend', fileName: 'server.rb', syntax: 'ruby', run: 'ruby server.rb', generate: rubyServer },
  { id: 'html', label: 'HTML/JS', kind: 'frontend', fileName: 'index.html', syntax: 'html', generate: htmlPage },
  { id: 'react', label: 'React', kind: 'frontend', fileName: 'QrveyWidget.jsx', syntax: 'jsx', generate: reactComponent },
  { id: 'vue', label: 'Vue', kind: 'frontend', fileName: 'QrveyWidget.vue', syntax: 'vue', generate: vueComponent },
  { id: 'angular', label: 'Angular', kind: 'frontend', fileName: 'qrvey-widget.component.ts', syntax: 'typescript', generate: angularComponent }
]

export const CODE_LANGUAGE_IDS = CODE_LANGUAGES.map((l) => l.id)

export function findCodeLanguage(id: string): CodeLanguage | undefined {
  return CODE_LANGUAGES.find((l) => l.id === id)
}

export function generateCode(languageId: string, request: CodeRequest): string {
  const language = findCodeLanguage(languageId)
  if (!language) throw new Error(`Unknown language "${languageId}". Choose one of: ${CODE_LANGUAGE_IDS.join(', ')}`)
  return language.generate(request)
}

export { buildCodeRequest, CODE_CONTRACT, type CodeRequest } from './model'
export { curlForSentRequest } from './backends/curl'
