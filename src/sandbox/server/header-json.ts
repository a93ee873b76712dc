/**
 * Texts in a response header as a JSON array. Header values must be plain
 * ASCII without line breaks, so everything else is \u-escaped; JSON.parse on
 * the other side gives the texts back exactly.
 */
export function headerJson(texts: readonly string[]): string {
  return JSON.stringify(texts).replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
