import { richTextHTML as pluginRichTextHTML } from 'payload-soundtrack-reviews'

import { siteOptions } from './options'

/** A film's synopsis or a composer's bio as HTML, through the same converter as the review bodies. */
export const richTextHTML = (value: unknown): null | string => pluginRichTextHTML(value, siteOptions.headingOffset)
