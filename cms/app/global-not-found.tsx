/*
 * A path no route serves (`/films`, `/nope`): the reader site's own 404 page, in its layout (lang,
 * skip link, header), instead of Next's bare default. Enabled by `experimental.globalNotFound`.
 */
import React from 'react'

import { NotFound } from './(site)/_components/NotFound'
import SiteLayout from './(site)/layout'

const GlobalNotFound = () => (
  <SiteLayout>
    <NotFound />
  </SiteLayout>
)

export default GlobalNotFound
