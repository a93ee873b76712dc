/**
 * C# cannot run here (no .NET SDK in Debian's archive). Its generated
 * Program.cs is parsed by tree-sitter's C# grammar (web-tree-sitter, the
 * grammar's own WASM build from npm): no ERROR or MISSING node, and the
 * string literals decode back to the exact body, domain and endpoint.
 */
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { Language, Parser, type Node } from 'web-tree-sitter'
import { CODE_CONTRACT, findCodeLanguage } from '../../../../src/shared/codegen'
import { hostileRequest } from '../../../support/codegen-fixtures'

const require = createRequire(import.meta.url)

async function csharpParser(): Promise<Parser> {
  await Parser.init()
  const parser = new Parser()
  parser.setLanguage(await Language.load(require.resolve('tree-sitter-c-sharp/tree-sitter-c_sharp.wasm')))
  return parser
}

function problems(node: Node, out: string[] = []): string[] {
  if (node.isError || node.isMissing) out.push(`${node.type} at ${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${node.text.slice(0, 80)}`)
  for (const child of node.children) if (child) problems(child, out)
  return out
}

/** The value of a C# regular string literal, decoded the way the C# compiler does. */
function decodeCsString(literal: string): string {
  return literal
    .slice(1, -1)
    .replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, esc: string) => {
      if (esc.startsWith('u') && esc.length === 5) return String.fromCharCode(parseInt(esc.slice(1), 16))
      return ({ n: '\n', r: '\r', t: '\t', '0': '\0', '\\': '\\', '"': '"' } as Record<string, string>)[esc] ?? esc
    })
}

function strings(node: Node, out: string[] = []): string[] {
  if (node.type === 'string_literal') out.push(decodeCsString(node.text))
  else for (const child of node.children) if (child) strings(child, out)
  return out
}

describe('generated C# (parsed by tree-sitter-c-sharp, not run: no .NET SDK here)', () => {
  it('parses without errors, hostile values included, and its literals hold the exact body', async () => {
    const parser = await csharpParser()
    const request = hostileRequest('https://acme.qrveyapp.com')
    const code = findCodeLanguage('csharp')!.generate(request)
    const tree = parser.parse(code)!
    expect(problems(tree.rootNode)).toEqual([])
    const literals = strings(tree.rootNode)
    expect(literals).toContain(CODE_CONTRACT.endpoint)
    expect(literals).toContain('https://acme.qrveyapp.com')
    expect(literals).toContain(CODE_CONTRACT.apiKeyEnv)
    // The Body constant is a concatenation of one literal per line: together they are the JSON body.
    const start = literals.findIndex((l) => l.startsWith('{'))
    const end = literals.findIndex((l, i) => i >= start && l === '}')
    expect(JSON.parse(literals.slice(start, end + 1).join(''))).toEqual(request.body)
  })

  it('a broken literal would be caught: the parser reports an unescaped quote', async () => {
    const parser = await csharpParser()
    const tree = parser.parse('var x = "a"b";')!
    expect(problems(tree.rootNode).length).toBeGreaterThan(0)
  })
})
