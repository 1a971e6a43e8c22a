/** The `<meta>` a reader page carries when it is the "not found" page: the server answers it with 404. */
export const NOT_FOUND_MARK = { name: 'soundtrack-site-status', content: '404' } as const

/** The same for a page that refuses its query (a search's bad `type` or `page`): 400. */
export const BAD_REQUEST_MARK = { name: NOT_FOUND_MARK.name, content: '400' } as const

/** In HTML, or in a React payload (Next's client router asks for that), where it is a serialised element. */
const MARK = new RegExp(
  `<meta name="${NOT_FOUND_MARK.name}" content="(404|400)"\\s*/?>|"name":"${NOT_FOUND_MARK.name}","content":"(404|400)"`,
)

/** The status a page's HTML asks to be sent with (its mark), if any. */
export const markedStatus = (html: string): number | undefined => {
  const match = MARK.exec(html)
  const status = match?.[1] ?? match?.[2]
  return status === undefined ? undefined : Number(status)
}
