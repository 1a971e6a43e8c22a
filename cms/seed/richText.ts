import type {
  DefaultTypedEditorState,
  SerializedHeadingNode,
  SerializedParagraphNode,
  SerializedTextNode,
} from '@payloadcms/richtext-lexical'

/** A run of text; `isItalic` is for titles of films and albums. */
export type Inline = string | { text: string; isBold?: boolean; isItalic?: boolean }

type Block = SerializedHeadingNode<SerializedTextNode> | SerializedParagraphNode<SerializedTextNode>

/** Lexical stores inline formats as bit flags. */
const IS_BOLD = 1
const IS_ITALIC = 1 << 1

const textNode = (inline: Inline): SerializedTextNode => {
  const { text, isBold = false, isItalic = false } = typeof inline === 'string' ? { text: inline } : inline
  return {
    type: 'text',
    version: 1,
    text,
    format: (isBold ? IS_BOLD : 0) | (isItalic ? IS_ITALIC : 0),
    detail: 0,
    mode: 'normal',
    style: '',
  }
}

export const paragraph = (...inlines: Inline[]): Block => ({
  type: 'paragraph',
  version: 1,
  children: inlines.map(textNode),
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
  textStyle: '',
})

export const heading = (tag: 'h2' | 'h3', ...inlines: Inline[]): Block => ({
  type: 'heading',
  tag,
  version: 1,
  children: inlines.map(textNode),
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
})

/** A Lexical editor state as the rich text fields store it: root → blocks → text. */
export const richText = (...blocks: Block[]): DefaultTypedEditorState => ({
  root: {
    type: 'root',
    version: 1,
    children: blocks,
    direction: 'ltr',
    format: '',
    indent: 0,
  },
})
