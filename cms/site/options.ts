import { resolveOptions } from 'payload-soundtrack-reviews'

import { soundtrackReviewsOptions } from '../payload.config'

/** The plugin's options as the plugin itself resolves them: the pages link, date and describe as the API does. */
export const siteOptions = resolveOptions(soundtrackReviewsOptions)
