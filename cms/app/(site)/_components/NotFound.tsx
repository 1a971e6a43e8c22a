import React from 'react'

import { siteOptions } from '../../../site/options'
import { NOT_FOUND_MARK } from '../../../site/status'

/**
 * What an unknown slug or a draft shows. A page returns it instead of calling Next's `notFound()`,
 * whose HTML has an empty body until JavaScript runs (vercel/next.js#62228); the mark makes the
 * server send it with status 404.
 */
export const NotFound = () => (
  <>
    <title>{`Page not found · ${siteOptions.publisher.name}`}</title>
    <meta name="robots" content="noindex" />
    <meta name={NOT_FOUND_MARK.name} content={NOT_FOUND_MARK.content} />
    <h1 className="page-title">Page not found</h1>
    <p>There is no published page at this address. It may not be out yet, or its address may have changed.</p>
    <p>
      <a href="/">The latest reviews</a> · <a href="/reviews">every review</a>
    </p>
  </>
)
