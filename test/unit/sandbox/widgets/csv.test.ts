import { describe, expect, it } from 'vitest'
import { buildCsv, csvField, csvFileName } from '../../../../src/sandbox/widgets/core/csv'

describe('CSV building', () => {
  it('writes a header and rows with CRLF line ends', () => {
    expect(buildCsv(['Region', 'Revenue'], [['North', 1234.5], ['South', 99]])).toBe('Region,Revenue\r\nNorth,1234.5\r\nSouth,99\r\n')
  })

  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('Smith, John')).toBe('"Smith, John"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('line 1\nline 2')).toBe('"line 1\nline 2"')
    expect(csvField('a\r\nb')).toBe('"a\r\nb"')
    expect(csvField(' padded ')).toBe('" padded "')
    expect(buildCsv(['Note'], [['a,"b"\nc']])).toBe('Note\r\n"a,""b""\nc"\r\n')
  })

  it('leaves plain values and numbers alone; empty for null', () => {
    expect(csvField('North')).toBe('North')
    expect(csvField(-12.5)).toBe('-12.5')
    expect(csvField('-12.5')).toBe('-12.5')
    expect(csvField(null)).toBe('')
    expect(csvField(undefined)).toBe('')
    expect(csvField(Number.NaN)).toBe('')
  })

  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(csvField('=SUM(A1:A2)')).toBe("'=SUM(A1:A2)")
    expect(csvField('+1')).toBe("'+1")
    expect(csvField('@cmd')).toBe("'@cmd")
    expect(csvField('-x')).toBe("'-x")
    expect(csvField('=1,2')).toBe(`"'=1,2"`)
  })

  it('makes a safe file name with the date', () => {
    expect(csvFileName('Sales orders report', new Date(2024, 4, 1))).toBe('Sales orders report 2024-05-01.csv')
    expect(csvFileName('a/b:c*?', new Date(2024, 0, 9))).toBe('a b c 2024-01-09.csv')
    expect(csvFileName('', new Date(2024, 0, 9))).toBe('report 2024-01-09.csv')
  })
})
