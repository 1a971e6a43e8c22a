/** A route's `[slug]` as the reader typed it: Next may hand it over still percent-encoded. */
export const slugParam = (value: string): string => {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
