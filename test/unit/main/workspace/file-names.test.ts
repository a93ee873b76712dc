import { describe, expect, it } from 'vitest'
import { fileStemFor, MAX_STEM_BYTES, stemFitsName, uniqueStem } from '../../../../src/main/workspace/file-names'

describe('file names from setup names', () => {
  it.each([
    ['Acme staging', 'Acme staging'],
    ['a/b', 'a-b'],
    ['a\\b:c*d?e"f<g>h|i', 'a-b-c-d-e-f-g-h-i'],
    ['tab\there\nnewline\u0000nul', 'tab here newline-nul'],
    ['..', 'setup'],
    ['.hidden', 'hidden'],
    ['trailing dots...', 'trailing dots'],
    ['  spaces  ', 'spaces'],
    ['CON', 'CON_'],
    ['nul', 'nul_'],
    ['com1', 'com1_'],
    ['LPT9.backup', 'LPT9_.backup'],
    ['Console', 'Console'],
    ['emoji 🚀', 'emoji 🚀'],
    ['', 'setup']
  ])('%j -> %j', (name, stem) => expect(fileStemFor(name)).toBe(stem))

  it('caps long names by UTF-8 bytes without splitting a character', () => {
    const stem = fileStemFor('é'.repeat(300))
    expect(new TextEncoder().encode(stem).length).toBeLessThanOrEqual(MAX_STEM_BYTES)
    expect(stem).toBe('é'.repeat(MAX_STEM_BYTES / 2))
    const rockets = fileStemFor('🚀'.repeat(100))
    expect(rockets).toBe('🚀'.repeat(MAX_STEM_BYTES / 4))
  })

  it('adds a suffix when taken', () => {
    const taken = new Set(['a-b', 'a-b (2)'])
    expect(uniqueStem('a-b', (s) => taken.has(s))).toBe('a-b (3)')
    expect(uniqueStem('free', (s) => taken.has(s))).toBe('free')
  })

  it('knows a file still fits a name when it carries a collision suffix', () => {
    expect(stemFitsName('a-b (2)', 'a/b')).toBe(true)
    expect(stemFitsName('ACME', 'acme')).toBe(true)
    expect(stemFitsName('a-b', 'a/c')).toBe(false)
  })
})
