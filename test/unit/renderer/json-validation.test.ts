import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { permissionsSchema } from '@shared/permissions'
import { formatIssue, lineCol, validateJson } from '@renderer/lib/json-validation'

/** Offset of the n-th occurrence of a snippet, for readable assertions. */
function at(text: string, snippet: string, nth = 0): number {
  let index = -1
  for (let i = 0; i <= nth; i++) index = text.indexOf(snippet, index + 1)
  if (index < 0) throw new Error(`${snippet} not in text`)
  return index
}

describe('validateJson: syntax', () => {
  it('treats empty or blank text as empty, without errors', () => {
    expect(validateJson('')).toEqual({ errors: [], empty: true })
    expect(validateJson('  \n ')).toEqual({ errors: [], empty: true })
  })

  it('returns the parsed value when the JSON is valid', () => {
    expect(validateJson('{"a": [1, true, null]}')).toEqual({ value: { a: [1, true, null] }, errors: [], empty: false })
  })

  it('places a missing colon at the offending token, with line and column', () => {
    const text = '{\n  "a": 1,\n  "b" 2\n}'
    const result = validateJson(text)
    expect(result.value).toBeUndefined()
    expect(result.errors).toHaveLength(1)
    const [error] = result.errors
    expect(error.from).toBe(at(text, '2'))
    expect(error).toMatchObject({ line: 3, col: 7 })
    expect(error.message).toMatch(/colon/)
    expect(formatIssue(error)).toBe(`line 3, col 7: ${error.message}`)
  })

  it('points a trailing comma at the comma itself', () => {
    const text = '[\n  1,\n  2,\n]'
    const [error] = validateJson(text).errors
    expect(error.from).toBe(text.lastIndexOf(','))
    expect(error.to).toBe(error.from + 1)
    expect(error).toMatchObject({ line: 3, col: 4 })
    expect(error.message).toMatch(/trailing comma/)
  })

  it('reports text that ends too early at the end', () => {
    const text = '{"a": 1'
    const [error] = validateJson(text).errors
    expect(error.from).toBe(text.length)
    expect(error.message).toMatch(/ends too early/)
  })

  it('refuses comments and single quotes', () => {
    expect(validateJson('{"a": 1 // note\n}').errors[0].message).toMatch(/comments/)
    const text = "{'a': 1}"
    const [error] = validateJson(text).errors
    expect(error.from).toBe(1)
    expect(error.line).toBe(1)
  })

  it('reports only the first syntax error, not the parser recovery noise', () => {
    expect(validateJson('{"a": , "b": , }').errors).toHaveLength(1)
  })
})

describe('validateJson: schema errors at the node of the issue path', () => {
  const permissions = (text: string) => validateJson(text, { schema: permissionsSchema })

  it('puts a wrong validation_type on its value (line 3, col 14 style)', () => {
    const text = [
      '[{"dataset_id": "*", "record_permissions": [',
      '  {"security_name": "region",',
      '   "validation_type": "EQ", "values": ["North"]}',
      ']}]'
    ].join('\n')
    const result = permissions(text)
    expect(result.value).toBeUndefined()
    expect(result.errors).toHaveLength(1)
    const [error] = result.errors
    expect(text.slice(error.from, error.to)).toBe('"EQ"')
    expect(error).toMatchObject({ line: 3, col: 23 })
    expect(error.message).toMatch(/^validation_type must be one of EQUAL, NOT_EQUAL/)
    expect(formatIssue(error)).toMatch(/^line 3, col 23: validation_type must be one of/)
  })

  it('reads through nested record-permission groups to the real mistake', () => {
    const text = JSON.stringify(
      [
        {
          dataset_id: 'ds1',
          record_permissions: [{ operator: 'AND', record_permissions: [{ security_name: 'r', validation_type: 'EQUAL', values: 'North' }] }]
        }
      ],
      null,
      2
    )
    const [error] = permissions(text).errors
    expect(text.slice(error.from, error.to)).toBe('"North"')
    expect(error.message).toMatch(/^values must be a list/)
  })

  it('marks a missing required key at the object that lacks it', () => {
    const text = '[{"dataset_id": "*", "record_permissions": [{"security_name": "r", "validation_type": "EQUAL"}]}]'
    const [error] = permissions(text).errors
    expect(error.from).toBe(at(text, '{"security_name"'))
    expect(error.to).toBe(error.from + 1)
    expect(error.message).toMatch(/^"values" is missing: values must be a list/)
  })

  it('marks an unknown key at the key, not the value', () => {
    const text = '[{"dataset_id": "*", "record_permision": [], "record_permissions": []}]'
    const [error] = permissions(text).errors
    expect(text.slice(error.from, error.to)).toBe('"record_permision"')
    expect(error.message).toBe('unknown key "record_permision"; check its spelling')
  })

  it("uses a union's own message when the value's type fits no alternative", () => {
    const text = '[{"dataset_id": 42, "record_permissions": []}]'
    const [error] = permissions(text).errors
    expect(text.slice(error.from, error.to)).toBe('42')
    expect(error.message).toMatch(/^dataset_id must be a dataset id, "\*" for all datasets, or a list of ids/)
  })

  it('marks a wrong top-level type on the whole (small) value', () => {
    const [error] = permissions('{"dataset_id": "*"}').errors
    expect(error).toMatchObject({ from: 0, to: 19, line: 1, col: 1 })
    expect(error.message).toMatch(/^permissions must be a list/)
  })

  it('lists several problems in text order', () => {
    const text = '[{"dataset_id": 1, "record_permissions": {}}]'
    const errors = permissions(text).errors
    expect(errors.map((e) => text.slice(e.from, e.to))).toEqual(['1', '{}'])
  })

  it('returns the parsed (schema output) value when valid', () => {
    const text = '[{"dataset_id": "*", "record_permissions": [{"security_name": "r", "validation_type": "EQUAL", "values": ["*"]}]}]'
    expect(permissions(text)).toEqual({ value: JSON.parse(text), errors: [], empty: false })
  })

  it('runs extra checks and places them by path', () => {
    const text = '{\n  "keep": 1,\n  "drop": 2\n}'
    const result = validateJson(text, {
      schema: z.record(z.string(), z.number()),
      check: () => [{ path: ['drop'], message: 'not here', at: 'key' }]
    })
    expect(result.errors).toEqual([{ from: at(text, '"drop"'), to: at(text, '"drop"') + 6, line: 3, col: 3, message: 'not here' }])
  })
})

describe('lineCol', () => {
  it('counts 1-based lines and columns', () => {
    expect(lineCol('ab\ncd', 0)).toEqual({ line: 1, col: 1 })
    expect(lineCol('ab\ncd', 3)).toEqual({ line: 2, col: 1 })
    expect(lineCol('ab\ncd', 5)).toEqual({ line: 2, col: 3 })
    expect(lineCol('ab', 99)).toEqual({ line: 1, col: 3 })
  })
})
