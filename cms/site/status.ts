/** The `<meta>` a reader page carries when it is the "not found" page: the server answers it with 404. */
export const NOT_FOUND_MARK = { name: 'soundtrack-site-status', content: '404' } as const

const MARK = new RegExp(`<meta name="${NOT_FOUND_MARK.name}" content="${NOT_FOUND_MARK.content}"\\s*/?>`)

/** Whether a page's HTML is the "not found" page. */
export const isNotFoundPage = (html: string): boolean => MARK.test(html)
