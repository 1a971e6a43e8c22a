import React from 'react'

/** Above a draft's title in a preview: readers do not see this version. Kept out of search engines. */
export const DraftNotice = () => (
  <>
    <meta name="robots" content="noindex" />
    <p className="draft-notice">
      <strong>Draft</strong> · This version is not published: readers cannot see it until it is.
    </p>
  </>
)
