/**
 * Pretty JSON with a stable key order, so a file written twice from the same
 * value is byte-identical and a change to one field is a one-line diff.
 *
 * Order of an object's keys: the keys `orderFor(path)` lists, in that order,
 * then every other key sorted by UTF-16 code units (not by locale, so the
 * order is the same on every machine). Arrays keep their order. `undefined`
 * values are left out, as JSON.stringify does.
 */

/** Path of the object being written: object keys, and `*` for an array element. */
export type KeyOrder = (path: readonly string[]) => readonly string[] | undefined

export function sortedKeys(keys: readonly string[], known: readonly string[] = []): string[] {
  const first = known.filter((k) => keys.includes(k))
  const rest = keys.filter((k) => !known.includes(k)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return [...first, ...rest]
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function write(value: unknown, path: string[], indent: string, depth: number, orderFor: KeyOrder): string | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return write((value as { toJSON(): unknown }).toJSON(), path, indent, depth, orderFor)
  }
  const pad = indent ? `\n${indent.repeat(depth + 1)}` : ''
  const close = indent ? `\n${indent.repeat(depth)}` : ''
  const colon = indent ? ': ' : ':'
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    const items = value.map((item) => write(item, [...path, '*'], indent, depth + 1, orderFor) ?? 'null')
    return `[${items.map((item) => pad + item).join(',')}${close}]`
  }
  if (!isPlainObject(value)) return JSON.stringify(value)
  const parts: string[] = []
  for (const key of sortedKeys(Object.keys(value), orderFor(path))) {
    const text = write(value[key], [...path, key], indent, depth + 1, orderFor)
    if (text !== undefined) parts.push(`${pad}${JSON.stringify(key)}${colon}${text}`)
  }
  return parts.length === 0 ? '{}' : `{${parts.join(',')}${close}}`
}

/** Pretty (2 spaces, trailing newline) or, with `compact`, single-line JSON in canonical key order. */
export function canonicalJson(value: unknown, orderFor: KeyOrder = () => undefined, options: { compact?: boolean } = {}): string {
  const text = write(value, [], options.compact ? '' : '  ', 0, orderFor) ?? 'null'
  return options.compact ? text : `${text}\n`
}
