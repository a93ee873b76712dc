import { describe, expect, it } from 'vitest'
import { splitNameTail } from '@renderer/lib/name-tail'

describe('splitNameTail (issue 11: "Keep both" names stay distinguishable)', () => {
  it('keeps the generated suffixes apart from the name', () => {
    expect(splitNameTail('Customer 4711 single panel (imported)')).toEqual({ head: 'Customer 4711 single panel', tail: ' (imported)' })
    expect(splitNameTail('Customer 4711 single panel (imported) (2)')).toEqual({ head: 'Customer 4711 single panel', tail: ' (imported) (2)' })
    expect(splitNameTail('Copy of Acme (3)')).toEqual({ head: 'Copy of Acme', tail: ' (3)' })
    expect(splitNameTail('Acme (restored) (12)')).toEqual({ head: 'Acme', tail: ' (restored) (12)' })
  })

  it('leaves other names whole', () => {
    expect(splitNameTail('Acme prod')).toEqual({ head: 'Acme prod', tail: '' })
    expect(splitNameTail('(2)')).toEqual({ head: '(2)', tail: '' })
    expect(splitNameTail('Acme (a note far too long to be a generated suffix at all)')).toEqual({ head: 'Acme (a note far too long to be a generated suffix at all)', tail: '' })
    expect(splitNameTail('Acme(2)')).toEqual({ head: 'Acme(2)', tail: '' })
  })
})
