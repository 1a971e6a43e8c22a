/** At most this many words of a query are searched: more only slows the query, never helps a reader. */
export const MAX_QUERY_WORDS = 8
/** Longer "words" (a pasted hash, 10,000 letters) are cut: no indexed word is that long. */
const MAX_WORD_LENGTH = 40
/** A word needs this many letters before one typo in it is forgiven. */
export const TYPO_MIN_LENGTH = 5

/** Marks the search engines put around matches, replaced by `<mark>` once the text is escaped. */
export const MARK_OPEN = '\u0001'
export const MARK_CLOSE = '\u0002'

/** Lower case without diacritics: what the indexes (unicode61 remove_diacritics 2, unaccent) compare. */
export const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()

/** The folded words of a text, runs of letters and digits: as a query's words, and the words an index keeps for typos. */
export const wordsOf = (text: string): string[] => fold(text).match(/[\p{L}\p{N}]+/gu) ?? []

/**
 * A reader's query as plain words: letters and digits only, so nothing of FTS5's or tsquery's syntax
 * (quotes, `*`, `NEAR(`, `OR`, parentheses, `:`, `&`) nor a NUL ever reaches the database.
 */
export const queryWords = (query: string): string[] =>
  wordsOf(query)
    .map((word) => word.slice(0, MAX_WORD_LENGTH))
    .slice(0, MAX_QUERY_WORDS)

/** Control characters (tab and line breaks excepted) replaced. */
const withoutControls = (text: string, replacement: string): string =>
  Array.from(text, (char) => {
    const code = char.charCodeAt(0)
    return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d ? replacement : char
  }).join('')

/** Text as the index keeps it: no NUL (PostgreSQL refuses it) and none of our match marks. */
export const indexableText = (text: string): string => withoutControls(text, ' ').replace(/\s+/g, ' ').trim()

/** Whether `a` and `b` differ by at most one insertion, deletion, substitution or swap of neighbours. */
export const isOneEditApart = (a: string, b: string): boolean => {
  if (a === b) {
    return true
  }
  if (Math.abs(a.length - b.length) > 1) {
    return false
  }
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) {
    start++
  }
  const restA = a.slice(start)
  const restB = b.slice(start)
  if (restA.length === restB.length) {
    return (
      restA.slice(1) === restB.slice(1) ||
      (restA.length >= 2 && restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2))
    )
  }
  return restA.length > restB.length ? restA.slice(1) === restB : restB.slice(1) === restA
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** A snippet from the database (text with our marks) as HTML: everything escaped, the marks as `<mark>`. */
export const snippetHTML = (marked: string): string =>
  marked
    .split(MARK_OPEN)
    .map((part) =>
      part
        .split(MARK_CLOSE)
        .map((text) => withoutControls(text, '').replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]))
        .join('</mark>'),
    )
    .join('<mark>')

type LexicalNode = { text?: unknown; children?: unknown; type?: unknown }

/** The words of a Lexical rich-text value, paragraphs apart: what a reader may quote from a body. */
export const lexicalText = (value: unknown): string => {
  const parts: string[] = []
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') {
      return
    }
    const { text, children } = node as LexicalNode
    if (typeof text === 'string') {
      parts.push(text)
    }
    if (Array.isArray(children)) {
      children.forEach(walk)
      parts.push(' ')
    }
  }
  walk((value as { root?: unknown } | null)?.root)
  return parts.join('')
}
