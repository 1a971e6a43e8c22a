import type { HTMLConverters } from '@payloadcms/richtext-lexical/html'

import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'

type EditorState = Parameters<typeof convertLexicalToHTML>[0]['data']

const isEditorState = (value: unknown): value is EditorState =>
  Boolean(value && typeof value === 'object' && 'root' in value && (value as EditorState).root)

/**
 * Lexical JSON to HTML with Lexical's own converter, headings moved `headingOffset` levels down (at
 * most h6) so a body's headings nest under the page's. Null when there is no body.
 */
export const richTextHTML = (value: unknown, headingOffset: number): null | string => {
  if (!isEditorState(value)) {
    return null
  }
  return convertLexicalToHTML({
    data: value,
    disableContainer: true,
    converters: ({ defaultConverters }): HTMLConverters => ({
      ...defaultConverters,
      heading: ({ node, nodesToHTML, providedStyleTag }) => {
        const level = Math.min(6, Number(String(node.tag).slice(1) || 1) + headingOffset)
        return `<h${level}${providedStyleTag}>${nodesToHTML({ nodes: node.children }).join('')}</h${level}>`
      },
    }),
  })
}
