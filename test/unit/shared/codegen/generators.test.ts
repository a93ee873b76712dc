import { describe, expect, it } from 'vitest'
import { buildCodeRequest, CODE_CONTRACT, CODE_LANGUAGES, curlForSentRequest, generateCode } from '../../../../src/shared/codegen'
import { javaString, jsString, pyString, shellQuote, singleQuoted, goString, csString } from '../../../../src/shared/codegen/escape'
import { findWidget, WIDGET_CATALOG } from '../../../../src/shared/widget-catalog'
import { HOSTILE, hostileRequest } from '../../../support/codegen-fixtures'

describe('code generators', () => {
  it('cover the backends and front ends the issue asks for', () => {
    expect(CODE_LANGUAGES.filter((l) => l.kind === 'backend').map((l) => l.label)).toEqual([
      'cURL',
      'Node (fetch)',
      'Node (axios)',
      'Python (requests)',
      'Java (java.net.http)',
      'C# (HttpClient)',
      'Go (net/http)',
      'PHP (curl)',
      'Ruby (Net::HTTP)'
    ])
    expect(CODE_LANGUAGES.filter((l) => l.kind === 'frontend').map((l) => l.label)).toEqual(['HTML/JS', 'React', 'Vue', 'Angular'])
  })

  it.each(CODE_LANGUAGES.map((l) => [l.id]))('%s: deterministic, reads the key from QRVEY_API_KEY, names the endpoint', (id) => {
    const first = generateCode(id, hostileRequest('https://acme.qrveyapp.com'))
    expect(generateCode(id, hostileRequest('https://acme.qrveyapp.com'))).toBe(first)
    expect(first).toContain(id === 'curl' ? CODE_CONTRACT.tokenPath : CODE_CONTRACT.endpoint)
    const language = CODE_LANGUAGES.find((l) => l.id === id)!
    if (language.kind === 'backend') expect(first).toContain(CODE_CONTRACT.apiKeyEnv)
    if (language.kind === 'frontend') expect(first).toContain('qvTokenExpired')
  })

  it.each(WIDGET_CATALOG.map((w) => [w.id]))('the front ends mount %s by its element and attribute', (id) => {
    const widget = findWidget(id)!
    const request = buildCodeRequest({ widget, domain: 'https://x.example', body: { userid: 'u', appid: 'a' }, qrvey86OrNewer: false, fields: {} })
    for (const language of CODE_LANGUAGES.filter((l) => l.kind === 'frontend')) {
      const code = language.generate(request)
      expect(code).toContain(`"element": "${widget.element}"`)
      expect(code).toContain(`"attribute": "${widget.configAttribute}"`)
      expect(code).toContain('"tokenKey": "qv_token"')
      for (const launcher of widget.launchers) expect(code).toContain(`"path": "${launcher.path}"`)
    }
  })

  it('the 8.6 switch picks the token key', () => {
    expect(generateCode('html', hostileRequest('https://x.example', 'page-view', true))).toContain('"tokenKey": "qvToken"')
    expect(generateCode('html', hostileRequest('https://x.example', 'page-view', false))).toContain('"tokenKey": "qv_token"')
  })

  it('no value can close the HTML page script or the Vue SFC script early', () => {
    for (const id of ['html', 'vue']) {
      const code = generateCode(id, hostileRequest('https://x.example'))
      expect(code.match(/<\/script>/g)).toHaveLength(1)
    }
  })

  it('Copy as cURL: the URL as sent, the key as $QRVEY_API_KEY, the body quoted for the shell', () => {
    const text = curlForSentRequest('https://acme.qrveyapp.com/devapi/v4/core/login/token', { userid: HOSTILE })
    expect(text).toContain(`curl -sS -X POST 'https://acme.qrveyapp.com/devapi/v4/core/login/token'`)
    expect(text).toContain('-H "x-api-key: $QRVEY_API_KEY"')
    expect(text).toContain(shellQuote(JSON.stringify({ userid: HOSTILE }, null, 2)))
  })
})

describe('string literals per language', () => {
  // Decoded by each language's own rules, they must give the text back.
  it('JavaScript and Python literals decode back', () => {
    expect(JSON.parse(jsString(HOSTILE))).toBe(HOSTILE)
    expect(pyString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"')
  })

  it('Java never uses \\u for a line break (javac would read it before the string)', () => {
    expect(javaString('a\nb\u0001')).toBe('"a\\nb\\001"')
    expect(javaString('🎉')).toBe('"\\ud83c\\udf89"')
    expect(javaString('\u2028')).toBe('"\\u2028"')
  })

  it('C#, Go, PHP/Ruby and shell quote what each needs', () => {
    expect(csString('é"\\')).toBe('"\\u00e9\\"\\\\"')
    expect(goString('é"\\\n')).toBe('"é\\"\\\\\\n"')
    expect(singleQuoted("it's \\")).toBe("'it\\'s \\\\'")
    expect(shellQuote("it's")).toBe("'it'\\''s'")
  })
})
