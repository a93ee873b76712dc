/**
 * Every string of a parsed value (object keys too) joined into one text,
 * for one key search over a whole value. Not its JSON text: JSON escapes a
 * `\` or `"` in a string, one more layer over whatever encoding the string
 * holds, so a key in the three layers the search undoes would need four
 * (found in review). The strings are joined with NUL, which is part of no
 * escape the views undo (decoded-views.ts), so no decoding runs from one
 * string into the next. A key spread over two strings may be found: a false
 * alarm that costs the caller a closer look, never a miss.
 */

/** No deeper than KeyEcho.scrubDeep goes (200 levels). */
export function joinedStrings(value: unknown): string {
  const out: string[] = []
  const visit = (item: unknown, depth: number): void => {
    if (typeof item === 'string') out.push(item)
    else if (depth > 200 || item === null || typeof item !== 'object') return
    else if (Array.isArray(item)) for (const child of item) visit(child, depth + 1)
    else
      for (const [key, child] of Object.entries(item)) {
        out.push(key)
        visit(child, depth + 1)
      }
  }
  visit(value, 0)
  return out.join('\u0000')
}

/** A JSON text holds an escaped `\` or `"` (so a string in it is one layer deeper than it reads). */
export function hasEscapedStrings(jsonText: string): boolean {
  return jsonText.includes('\\\\') || jsonText.includes('\\"')
}

/** The joined strings of a JSON text, or undefined when it is not JSON. */
export function jsonStrings(jsonText: string): string | undefined {
  try {
    return joinedStrings(JSON.parse(jsonText))
  } catch {
    return undefined
  }
}
