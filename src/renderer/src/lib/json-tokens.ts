/**
 * Splits JSON text into highlightable tokens with jsonc-parser's scanner.
 * Pure; the JSON editor turns the tokens into CodeMirror marks.
 */
import { createScanner } from 'jsonc-parser'

export type JsonTokenKind = 'key' | 'string' | 'number' | 'boolean' | 'null' | 'punctuation' | 'comment' | 'invalid'

export interface JsonToken {
  from: number
  to: number
  kind: JsonTokenKind
}

// jsonc-parser's SyntaxKind is a `const enum`, which isolatedModules cannot
// read from a .d.ts; these are its values.
const OPEN_BRACE = 1
const CLOSE_BRACE = 2
const OPEN_BRACKET = 3
const CLOSE_BRACKET = 4
const COMMA = 5
const COLON = 6
const NULL = 7
const TRUE = 8
const FALSE = 9
const STRING = 10
const NUMBER = 11
const LINE_COMMENT = 12
const BLOCK_COMMENT = 13
const LINE_BREAK = 14
const TRIVIA = 15
const EOF = 17

export function jsonTokens(text: string): JsonToken[] {
  const scanner = createScanner(text, true)
  const raw: { from: number; to: number; kind: number; error: boolean }[] = []
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === LINE_BREAK || kind === TRIVIA) continue
    const from = scanner.getTokenOffset()
    raw.push({ from, to: from + scanner.getTokenLength(), kind, error: scanner.getTokenError() !== 0 })
  }
  return raw.map((token, index) => ({ from: token.from, to: token.to, kind: classify(token, raw[index + 1]?.kind) }))
}

function classify(token: { kind: number; error: boolean }, next: number | undefined): JsonTokenKind {
  if (token.error) return 'invalid'
  switch (token.kind) {
    case STRING:
      return next === COLON ? 'key' : 'string'
    case NUMBER:
      return 'number'
    case TRUE:
    case FALSE:
      return 'boolean'
    case NULL:
      return 'null'
    case OPEN_BRACE:
    case CLOSE_BRACE:
    case OPEN_BRACKET:
    case CLOSE_BRACKET:
    case COMMA:
    case COLON:
      return 'punctuation'
    case LINE_COMMENT:
    case BLOCK_COMMENT:
      return 'comment'
    default:
      return 'invalid'
  }
}
