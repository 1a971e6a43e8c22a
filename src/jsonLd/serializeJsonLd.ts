/**
 * JSON for a `<script type="application/ld+json">` tag: `<`, `>`, `&` and the JavaScript line
 * separators are written as \u escapes, so no title can close the script; any JSON parser reads it back.
 */
export const serializeJsonLd = (data: unknown): string =>
  JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
