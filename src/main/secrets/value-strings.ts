/**
 * A JSON text as its strings read: every JSON escape undone once. A key
 * search over a whole value (an IPC reply, a file, a log line) runs on this
 * rather than on the JSON text: JSON escapes a `\` or `"` in a string, one
 * more layer over whatever encoding the string holds, so a key in the three
 * layers the search undoes (decoded-views.ts) would need four there (found
 * in review). JSON.stringify writes only these escapes, so for its output
 * the result is every string as it is, with the structure between them;
 * nothing in that structure decodes into a string next to it (a `%`, `&` or
 * `\` escape never reaches across `","`).
 *
 * Native JSON.stringify plus one regex pass: walking a 20,000-item reply in
 * JS to collect its strings took ~85 ms, this ~10.
 */
const JSON_ESCAPE = /\\(?:u[0-9a-fA-F]{4}|["\\/bfnrt])/g
const SIMPLE: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }

export function jsonUnescaped(jsonText: string): string {
  if (!jsonText.includes('\\')) return jsonText
  return jsonText.replace(JSON_ESCAPE, (escape) => (escape[1] === 'u' ? String.fromCharCode(parseInt(escape.slice(2), 16)) : SIMPLE[escape[1]]))
}
